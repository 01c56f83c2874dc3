/**
 * Station events as wire frames, one serialisation per event and protocol (the hub shares the text among all
 * connections of that protocol).
 */
import { isDefaultPositionEvent, type AnyStationEvent } from '../../../../shared/protocol/events.js';
import type { EventFrame } from '../../../../shared/protocol/v2.js';
import { qsoUpdateFrame, queueUpdateFrame, systemStatusFrame, type LegacyFrame } from './legacy/frames.js';

/** The v2 event frame: `data` is always an object (`current_qso` is wrapped as `{current_qso}`). */
export function v2EventFrame(event: AnyStationEvent): EventFrame {
  const data: Record<string, unknown> =
    event.name === 'current_qso' ? { current_qso: event.data } : { ...event.data };
  return {
    type: 'event',
    event: event.name,
    event_type: event.name,
    seq: event.seq,
    data,
    timestamp: event.timestamp,
    ...(event.position_id !== undefined ? { position_id: event.position_id } : {}),
  };
}

/**
 * The Protocol A broadcast for an event, or null when Protocol A clients do not get it. The original's three
 * broadcasts keep their shapes; frequency, split and worked-log changes (which the original never told WebSocket
 * clients about) come as frames of the SSE event's name with the payload at top level, like the other broadcasts.
 * Admin-only events (bans, cooldown, QSO log, settings) and caller-page details are not sent.
 */
export function legacyEventFrame(event: AnyStationEvent): LegacyFrame | null {
  // The original's protocol knows one station: the default position.
  if (!isDefaultPositionEvent(event)) return null;
  switch (event.name) {
    case 'queue_update':
      return queueUpdateFrame(event.timestamp, event.data);
    case 'current_qso':
      return qsoUpdateFrame(event.timestamp, event.data);
    case 'system_status':
      return systemStatusFrame(event.timestamp, event.data.active);
    case 'frequency_update':
    case 'split_update':
    case 'worked_callers_update':
      return { type: event.name, timestamp: event.timestamp, ...event.data };
    default:
      return null;
  }
}
