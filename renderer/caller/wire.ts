/**
 * Light checks of what the server sends, so the rest of the page works with typed values. The page trusts its
 * own server's shapes (they come from shared/protocol) but never crashes on a body it did not expect.
 * Kept free of schema libraries to keep the phone bundle small.
 */
import { PUBLIC_EVENTS } from '../../shared/protocol/events.js';
import type { QueueEntry } from '../../shared/protocol/types.js';
import type { PublicEvent, PublicEventName, PublicState } from './state.js';
import type { Refusal } from './refusals.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function isPublicState(value: unknown): value is PublicState {
  if (!isRecord(value)) return false;
  const { system, queue, worked, frequency, split } = value;
  return (
    typeof value.seq === 'number' &&
    isRecord(system) &&
    typeof system.active === 'boolean' &&
    isRecord(queue) &&
    Array.isArray(queue.queue) &&
    isRecord(worked) &&
    Array.isArray(worked.worked_callers) &&
    isRecord(frequency) &&
    isRecord(split) &&
    (value.current_qso === null || isRecord(value.current_qso))
  );
}

/** Fills optional parts a slightly different server may leave out. */
export function normalizeState(state: PublicState): PublicState {
  return {
    ...state,
    system: { active: state.system.active, paused: state.system.paused === true },
    beam_heading: isRecord(state.beam_heading)
      ? state.beam_heading
      : { beam_heading: null, beam_heading_visible: false },
    stats: isRecord(state.stats) ? state.stats : { qsos_last_hour: 0, average_qso_seconds: null },
  };
}

/** The public event names, from the one list in shared/protocol/events.ts. */
const EVENT_NAMES: readonly PublicEventName[] = PUBLIC_EVENTS;

export const PUBLIC_EVENT_NAMES = EVENT_NAMES;

function payloadFits(name: PublicEventName, data: unknown): boolean {
  if (name === 'current_qso') return data === null || (isRecord(data) && typeof data.callsign === 'string');
  if (!isRecord(data)) return false;
  switch (name) {
    case 'queue_update':
      return Array.isArray(data.queue) && typeof data.system_active === 'boolean';
    case 'system_status':
      return typeof data.active === 'boolean';
    case 'queue_pause_update':
      return typeof data.paused === 'boolean';
    case 'worked_callers_update':
      return (
        (isRecord(data.worked_caller) && typeof data.worked_caller.callsign === 'string') ||
        Array.isArray(data.worked_callers) ||
        typeof data.removed_caller === 'string'
      );
    case 'beam_heading_visibility_update':
      return typeof data.beam_heading_visible === 'boolean';
    default:
      return true;
  }
}

/** Parses one SSE message body (the `{type, data, timestamp}` envelope) into a typed event, or null. */
export function parseEventMessage(name: string, raw: string): PublicEvent | null {
  if (!(EVENT_NAMES as readonly string[]).includes(name)) return null;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(body) || !('data' in body)) return null;
  const eventName = name as PublicEventName;
  if (!payloadFits(eventName, body.data)) return null;
  // Checked just above, as far as the page relies on the payload.
  return { name: eventName, data: body.data } as PublicEvent;
}

/** A refusal from an error body `{detail, code, retry_after_s}` (or the 422 list form). */
export function parseRefusal(status: number, body: unknown, retryAfterHeader: string | null): Refusal {
  const record = isRecord(body) ? body : {};
  const detail = str(record.detail);
  const headerSeconds = retryAfterHeader !== null ? Number(retryAfterHeader) : NaN;
  const retryAfterS = num(record.retry_after_s) ?? (Number.isFinite(headerSeconds) ? headerSeconds : null);
  const code = str(record.code) ?? (status === 422 ? 'VALIDATION_ERROR' : 'UNKNOWN');
  return { code, detail, retryAfterS, status };
}

export type RegisterOutcome =
  | { kind: 'registered'; entry: Pick<QueueEntry, 'callsign' | 'position'> }
  | { kind: 'manual'; callsign: string; message: string | null }
  | { kind: 'refused'; refusal: Refusal };

export function parseRegisterSuccess(body: unknown, fallbackCallsign: string): RegisterOutcome {
  if (isRecord(body) && body.requires_manual_data === true) {
    return { kind: 'manual', callsign: str(body.callsign) ?? fallbackCallsign, message: str(body.message) };
  }
  if (isRecord(body) && isRecord(body.entry)) {
    return {
      kind: 'registered',
      entry: {
        callsign: str(body.entry.callsign) ?? fallbackCallsign,
        position: num(body.entry.position) ?? 0,
      },
    };
  }
  return {
    kind: 'refused',
    refusal: { code: 'UNKNOWN', detail: 'Unexpected answer from the server', retryAfterS: null, status: 200 },
  };
}
