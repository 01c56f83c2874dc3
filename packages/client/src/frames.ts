/**
 * Reads a server frame of protocol v2 (`response`, `event`, `pong`) from parsed JSON, checking the fields the
 * client relies on. Small on purpose: no schema library, so the browser bundle stays small.
 */
import type { EventFrame, PongFrame, ResponseFrame } from './generated/protocol.js';

export type ServerFrame = ResponseFrame | EventFrame | PongFrame;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string | number | null =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isText = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** The frame, or null when it is not one the client understands (such frames are ignored). */
export function readServerFrame(raw: unknown): ServerFrame | null {
  if (!isObject(raw)) return null;
  if (raw.type === 'response') {
    if (!isId(raw.id) || typeof raw.operation !== 'string' || typeof raw.success !== 'boolean') return null;
    if (!isText(raw.error ?? null) || !isText(raw.error_code ?? null)) return null;
    const frame: ResponseFrame = {
      type: 'response',
      id: raw.id,
      operation: raw.operation,
      success: raw.success,
      data: raw.data,
      error: (raw.error as string | null | undefined) ?? null,
      error_code: (raw.error_code as string | null | undefined) ?? null,
      timestamp: typeof raw.timestamp === 'string' ? raw.timestamp : '',
    };
    if (typeof raw.retry_after_s === 'number') frame.retry_after_s = raw.retry_after_s;
    return frame;
  }
  if (raw.type === 'event') {
    if (typeof raw.event !== 'string' || !Number.isInteger(raw.seq) || !isObject(raw.data)) return null;
    const frame: EventFrame = {
      type: 'event',
      event: raw.event,
      event_type: typeof raw.event_type === 'string' ? raw.event_type : raw.event,
      seq: raw.seq as number,
      data: raw.data,
      timestamp: typeof raw.timestamp === 'string' ? raw.timestamp : '',
    };
    // the operating position the event concerns (absent: the station as a whole)
    if (typeof raw.position_id === 'string') frame.position_id = raw.position_id;
    return frame;
  }
  if (raw.type === 'pong') {
    if (!isId(raw.id ?? null)) return null;
    return {
      type: 'pong',
      id: (raw.id as string | number | null | undefined) ?? null,
      timestamp: typeof raw.timestamp === 'string' ? raw.timestamp : '',
    };
  }
  return null;
}
