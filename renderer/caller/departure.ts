/**
 * Why the caller is no longer in the queue: the server's `caller_left` notices, narrowed to this page's
 * callsign, and what the page says for each. Pure.
 */
import type { CallerLeftReason, LoggedQsoSummary } from '../../shared/protocol/types.js';
import { formatMHz, parseFrequencyToHz } from '../../shared/radio.js';
import { isRecord } from './wire.js';

export interface Departure {
  callsign: string;
  reason: CallerLeftReason;
  rejoin: boolean;
  qso: LoggedQsoSummary | null;
  /** New place after a no-show move-back. */
  position: number | null;
  /** When the cooldown rule lets this callsign register again (ms since the epoch), for a worked caller. */
  cooldownUntil: number | null;
}

const REASONS: readonly CallerLeftReason[] = [
  'worked',
  'cancelled',
  'removed',
  'cleared',
  'off_air',
  'banned',
  'left',
  'no_show',
];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parseQso(v: unknown): LoggedQsoSummary | null {
  if (!isRecord(v)) return null;
  const callsign = str(v.callsign);
  const timeOn = str(v.time_on);
  const timeOff = str(v.time_off);
  if (!callsign || !timeOn || !timeOff) return null;
  return {
    id: str(v.id) ?? '',
    callsign,
    time_on: timeOn,
    time_off: timeOff,
    frequency: str(v.frequency),
    band: str(v.band),
    mode: str(v.mode),
  };
}

/** The notice for `callsign` in one `caller_left` SSE message body (`{type, data, timestamp}`), or null. */
export function departureFromMessage(
  raw: string,
  callsign: string | null,
  nowMs: number = Date.now(),
): Departure | null {
  if (!callsign) return null;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  return departureFromData(isRecord(body) ? body.data : null, callsign, nowMs);
}

function departureFromData(data: unknown, callsign: string, nowMs: number): Departure | null {
  if (!isRecord(data) || !Array.isArray(data.callsigns)) return null;
  if (!data.callsigns.includes(callsign)) return null;
  const reason = REASONS.find((r) => r === data.reason);
  if (!reason) return null;
  return {
    callsign,
    reason,
    rejoin: data.rejoin === true,
    qso: reason === 'worked' ? parseQso(data.qso) : null,
    position: typeof data.position === 'number' && data.position >= 1 ? data.position : null,
    cooldownUntil:
      typeof data.cooldown_until === 'number'
        ? data.cooldown_until
        : typeof data.retry_after_s === 'number' && data.retry_after_s > 0
          ? nowMs + data.retry_after_s * 1000
          : null,
  };
}

/** The form kept in localStorage: absolute times, so a reload still counts down correctly. */
export function storedDeparture(d: Departure): string {
  const { cooldownUntil, ...rest } = d;
  return JSON.stringify({ ...rest, cooldown_until: cooldownUntil });
}

/** A stored departure read back (localStorage), checked like a wire value. */
export function parseStoredDeparture(raw: string | null): Departure | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (!isRecord(v) || typeof v.callsign !== 'string') return null;
    return departureFromData({ ...v, callsigns: [v.callsign] }, v.callsign, Date.now());
  } catch {
    return null;
  }
}

/** "14.025" from a logged frequency in MHz (or as the logger wrote it). */
export function qsoFrequency(frequency: string | null): string | null {
  const text = frequency?.trim() ?? '';
  if (text === '') return null;
  const hz = parseFrequencyToHz(text);
  return hz !== null ? formatMHz(hz) : text;
}

/** "12:34Z" from an ISO time. */
export function utcHhmm(iso: string): string | null {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  return `${new Date(t).toISOString().slice(11, 16)}Z`;
}

/** "You're in the log: 14.025 CW at 12:34Z", from the QSO's own record. */
export function inTheLog(qso: LoggedQsoSummary | null): string {
  if (!qso) return "You're in the log.";
  const parts = [qsoFrequency(qso.frequency) ?? qso.band, qso.mode].filter(Boolean).join(' ');
  const at = utcHhmm(qso.time_on);
  return `You're in the log: ${[parts, at ? `at ${at}` : null].filter(Boolean).join(' ')}`;
}

/** What the page says about a departure. */
export function departureMessage(d: Departure): string {
  switch (d.reason) {
    case 'worked':
      return inTheLog(d.qso);
    case 'cancelled':
      return `The operator cancelled the QSO with ${d.callsign} (not logged).`;
    case 'removed':
      return `The operator removed ${d.callsign} from the queue.`;
    case 'cleared':
      return 'The operator cleared the queue.';
    case 'off_air':
      return 'The station went off the air: the queue is closed.';
    case 'banned':
      return `${d.callsign} may not join this queue. Please contact the operator.`;
    case 'left':
      return `You left the queue: ${d.callsign} is no longer waiting.`;
    case 'no_show':
      return d.position !== null
        ? `You did not answer the station's calls: you were moved back to #${d.position}.`
        : `You did not answer the station's calls: ${d.callsign} was taken off the queue.`;
  }
}

/** "2nd", "3rd", "11th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };
  return `${n}${suffix[n % 10] ?? 'th'}`;
}

/** How many times the station has called the current caller (the no-show count), from the QSO's metadata. */
export function callsOf(metadata: Record<string, unknown> | undefined): number {
  const n = metadata?.calls;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
}
