/**
 * The SSE stream's opt-in for operating positions: `GET /api/events/stream?positions=all` (or a list of ids,
 * `?positions=run-2,default`) also carries the events of those positions and `position_update`, each with the
 * position's id as `position_id` in the envelope (`{type, data, timestamp, position_id}`). Events of the station
 * as a whole (worked callers) come as on the plain stream. The plain stream (no `positions`) is the original's,
 * byte for byte: the default position's public events only.
 */
import type { ParsedUrlQuery } from 'node:querystring';
import {
  POSITION_EVENTS,
  POSITION_SCOPED_EVENTS,
  PUBLIC_EVENTS,
  type AnyStationEvent,
  type StationEventName,
} from '../../../../shared/protocol/events.js';
import { positionIdSchema } from '../../domain/positions/position.js';
import type { Station } from '../../domain/station.js';
import { OpError } from '../../util/errors.js';

/** The positions a stream follows: "all", or a set of ids. */
export type PositionSelection = 'all' | ReadonlySet<string>;

const STREAMED = new Set<StationEventName>([...PUBLIC_EVENTS, ...POSITION_EVENTS]);
const SCOPED = new Set<StationEventName>(POSITION_SCOPED_EVENTS);
/** At most this many ids in `?positions=` (as many as a camp may define). */
const MAX_IDS = 64;

/**
 * The `positions` query of a stream: null when absent (the plain stream), else the selection. A malformed
 * one is refused (VALIDATION_ERROR) before the stream starts; ids not defined (yet) are allowed, since a
 * position may be created later.
 */
export function parsePositionSelection(query: ParsedUrlQuery): PositionSelection | null {
  const raw = query.positions;
  if (raw === undefined) return null;
  const text = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (text.toLowerCase() === 'all') return 'all';
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (
    ids.length === 0 ||
    ids.length > MAX_IDS ||
    !ids.every((id) => positionIdSchema.safeParse(id).success)
  ) {
    throw new OpError(
      'VALIDATION_ERROR',
      `positions must be "all" or a comma-separated list of at most ${MAX_IDS} position ids`,
    );
  }
  return new Set(ids);
}

/** Whether any positions stream carries an event of this name (the public events and position_update). */
export function positionsStreamsCarry(event: AnyStationEvent): boolean {
  return STREAMED.has(event.name);
}

/** Whether `selection` covers the event's position (station-wide events are everybody's). */
export function selectionCovers(selection: PositionSelection, event: AnyStationEvent): boolean {
  const position = event.position_id;
  return position === undefined || selection === 'all' || selection.has(position);
}

/** Whether a stream following `selection` carries this event. */
export function selectionWants(selection: PositionSelection, event: AnyStationEvent): boolean {
  return positionsStreamsCarry(event) && selectionCovers(selection, event);
}

/** An event on a positions stream: the original's envelope with the event's `position_id` when it has one. */
export function positionSseFrame(event: AnyStationEvent): string {
  const envelope = JSON.stringify({
    type: event.name,
    data: event.data,
    timestamp: event.timestamp,
    ...(event.position_id !== undefined ? { position_id: event.position_id } : {}),
  });
  return `id: ${event.seq}\nevent: ${event.name}\ndata: ${envelope}\n\n`;
}

/**
 * The current state for a positions stream that missed too much: for each position followed, its
 * position_update and its state events (with its id), then the station-wide ones once, all at the current seq.
 */
export function positionSnapshotFrames(station: Station, selection: PositionSelection): string {
  const seq = station.events.seq;
  const timestamp = new Date(station.now()).toISOString();
  const frame = (name: string, data: unknown, positionId?: string): string => {
    const envelope = JSON.stringify({
      type: name,
      data,
      timestamp,
      ...(positionId !== undefined ? { position_id: positionId } : {}),
    });
    return `id: ${seq}\nevent: ${name}\ndata: ${envelope}\n\n`;
  };
  let out = '';
  for (const view of station.positions.list()) {
    if (selection !== 'all' && !selection.has(view.id)) continue;
    out += frame('position_update', { position_id: view.id, position: view }, view.id);
    for (const [name, data] of Object.entries(station.positions.snapshotEvents(view.id, 'public'))) {
      if (SCOPED.has(name as StationEventName)) out += frame(name, data, view.id);
    }
  }
  for (const [name, data] of Object.entries(station.snapshotEvents('public'))) {
    if (!SCOPED.has(name as StationEventName)) out += frame(name, data);
  }
  return out;
}
