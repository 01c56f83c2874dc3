/**
 * Light checks of what the server sends, so the rest of the page works with typed values. The page trusts its
 * own server's shapes (they come from shared/protocol) but never crashes on a body it did not expect.
 * Kept free of schema libraries to keep the phone bundle small.
 */
import { isPublicEventName } from '../../shared/protocol/public-state.js';
import type { SlotInfo } from '../../shared/protocol/positions.js';
import type { QueueEntry } from '../../shared/protocol/types.js';
import type { PublicEvent } from './state.js';
import type { Refusal } from './refusals.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Parses one SSE message body (the `{type, data, timestamp}` envelope) into a public event, or null. */
export function parseEventMessage(name: string, raw: string): PublicEvent | null {
  if (!isPublicEventName(name)) return null;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(body) || !('data' in body)) return null;
  // The payload is checked by the reducer (shared/protocol/public-state.ts) before anything reads it.
  return { name, data: body.data };
}

/**
 * The envelope of an event on a stream that follows operating positions: `{type, data, timestamp,
 * position_id}`, `positionId` null when it names no position (an event of the station as a whole, or the
 * default position's on a plain stream); null when the message is not one.
 */
export function parsePositionEnvelope(raw: string): { positionId: string | null; data: unknown } | null {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(body) || !('data' in body)) return null;
  return { positionId: typeof body.position_id === 'string' ? body.position_id : null, data: body.data };
}

/** A refusal from an error body `{detail, code, retry_after_s}` (or the 422 list form). */
export function parseRefusal(status: number, body: unknown, retryAfterHeader: string | null): Refusal {
  const record = isRecord(body) ? body : {};
  const detail = str(record.detail);
  const headerSeconds = retryAfterHeader !== null ? Number(retryAfterHeader) : NaN;
  const retryAfterS = num(record.retry_after_s) ?? (Number.isFinite(headerSeconds) ? headerSeconds : null);
  const code = str(record.code) ?? (status === 422 ? 'VALIDATION_ERROR' : 'UNKNOWN');
  const refusal: Refusal = { code, detail, retryAfterS, status };
  // The caller rules across operating positions say which slot, and where the caller waits.
  if ('slot' in record) refusal.slot = readSlot(record.slot);
  if (Array.isArray(record.worked_slots)) {
    refusal.workedSlots = record.worked_slots.map(readSlot).filter((s): s is SlotInfo => s !== null);
  }
  if (Array.isArray(record.positions)) {
    refusal.positions = record.positions.filter((p): p is string => typeof p === 'string');
  }
  return refusal;
}

/** A band-mode slot `{band, mode}`, or null. */
export function readSlot(value: unknown): SlotInfo | null {
  if (!isRecord(value)) return null;
  const band = str(value.band);
  const mode = str(value.mode);
  return band && mode ? { band, mode } : null;
}

export type RegisterOutcome =
  | { kind: 'registered'; entry: Pick<QueueEntry, 'callsign' | 'position'>; secret: string | null }
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
      secret: str(body.secret),
    };
  }
  return {
    kind: 'refused',
    refusal: { code: 'UNKNOWN', detail: 'Unexpected answer from the server', retryAfterS: null, status: 200 },
  };
}
