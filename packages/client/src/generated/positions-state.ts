// Copied by packages/client/scripts/generate-types.ts from shared/protocol/positions-state.ts: do not edit.
/**
 * A whole camp's public state and the one reducer that keeps it: every operating position as positions.list
 * shows it, and each position's public state (the shape of `GET /api/public/state`, kept by the public reducer
 * of ./public-state.js). The caller page (a card per position), a console watching all positions and the client
 * SDK follow a camp with these functions.
 *
 * Routing: an event that carries `position_id` changes that position's state only. An event without one is
 * either station-wide (`worked_callers_update`: the one QSO log, so it is applied to every position's state,
 * which all hold the same worked list) or, for any other public event, the default position's (the original's
 * streams carry no ids). `position_update` adds, changes or removes a position in the list (a new one starts
 * from what its view says). After each event the position's entry of the list is brought in line with its
 * state (queue length, current callsign, on/off, pause, frequency, band, mode, split), so the list alone is
 * enough for a card.
 *
 * Pure and safe, with the same rules as ./public-state.js: nothing is mutated, every payload is checked before
 * it is used (a malformed one leaves the state as it was), an event at or below a position's `seq` is already
 * in it. Self-contained on purpose: it imports only ./events.js and ./public-state.js, so
 * packages/client/scripts/generate-types.ts can copy it verbatim into the SDK.
 */
import type { EventPayloads } from './events.js';
import {
  applyPublicEvent,
  emptyPublicState,
  isPublicEventName,
  parsePublicSnapshot,
  type PublicState,
} from './public-state.js';

/** One position as positions.list and position_update show it. */
export type PositionEntry = NonNullable<EventPayloads['position_update']['position']>;

/** The id of the default position: the station as the original's protocols know it. */
export const DEFAULT_POSITION = 'default';

/** A camp: every position (the default one first) and each one's public state, by id. */
export interface PositionsState {
  /** The highest event seq taken (snapshot or event); a `position_update` at or below it is already in. */
  seq: number;
  positions: PositionEntry[];
  states: Record<string, PublicState>;
}

/** An event as it arrived: its name, its payload (checked before use), its seq and position when known. */
export interface PositionsEventMessage {
  name: string;
  data: unknown;
  seq?: number | null;
  position_id?: string | null;
}

export function emptyPositionsState(): PositionsState {
  return { seq: 0, positions: [], states: {} };
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const nullableStr = (value: unknown): string | null | undefined =>
  value === null ? null : typeof value === 'string' ? value : undefined;

/** A position entry as the server sends it, or null when it is not one. */
function readEntry(value: unknown): PositionEntry | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const name = str(value.name);
  const active = bool(value.active);
  const paused = bool(value.paused);
  const queueLength = num(value.queue_length);
  const maxSize = num(value.max_size);
  if (id === null || name === null || active === null || paused === null) return null;
  if (queueLength === null || maxSize === null) return null;
  const frequency = nullableStr(value.frequency);
  const band = nullableStr(value.band);
  const mode = nullableStr(value.mode);
  const split = nullableStr(value.split);
  const current = nullableStr(value.current_callsign);
  const heading = value.beam_heading === null ? null : num(value.beam_heading);
  return {
    id,
    name,
    is_default: value.is_default === true || id === DEFAULT_POSITION,
    created_at: str(value.created_at) ?? '',
    frequency: frequency ?? null,
    band: band ?? null,
    mode: mode ?? null,
    split: split ?? null,
    beam_heading: heading,
    active,
    paused,
    queue_length: queueLength,
    max_size: maxSize,
    current_callsign: current ?? null,
  };
}

function readEntries(value: unknown): PositionEntry[] | null {
  if (!Array.isArray(value)) return null;
  const out: PositionEntry[] = [];
  for (const v of value) {
    const entry = readEntry(v);
    if (entry && !out.some((e) => e.id === entry.id)) out.push(entry);
  }
  return out;
}

/** What a position shows before its own state arrives: what its entry says. */
function stateFromEntry(entry: PositionEntry, seq: number): PublicState {
  const empty = emptyPublicState();
  return {
    ...empty,
    seq,
    system: { active: entry.active, paused: entry.paused },
    frequency: { frequency: entry.frequency, band: entry.band, mode: entry.mode, last_updated: null },
    split: { split: entry.split, last_updated: null },
    queue: {
      ...empty.queue,
      total: entry.queue_length,
      max_size: entry.max_size,
      system_active: entry.active,
    },
  };
}

/** The entry brought in line with the position's state (what a card shows). */
function entryFromState(entry: PositionEntry, state: PublicState): PositionEntry {
  const active = state.system.active;
  return {
    ...entry,
    active,
    paused: state.system.paused,
    frequency: state.frequency.frequency,
    band: state.frequency.band,
    mode: state.frequency.mode,
    split: state.split.split,
    queue_length: active ? state.queue.total : 0,
    max_size: state.queue.max_size,
    current_callsign: active ? (state.current_qso?.callsign ?? null) : null,
  };
}

function withStates(
  state: PositionsState,
  changed: Record<string, PublicState>,
  seq: number | null,
): PositionsState {
  const ids = Object.keys(changed);
  if (ids.length === 0) return state;
  return {
    seq: seq !== null && seq > state.seq ? seq : state.seq,
    positions: state.positions.map((e) => {
      const next = changed[e.id];
      return next ? entryFromState(e, next) : e;
    }),
    states: { ...state.states, ...changed },
  };
}

/** `position_update`: a position created or changed (its entry), or deleted (`position: null`). */
function applyPositionUpdate(state: PositionsState, data: unknown, seq: number | null): PositionsState {
  if (!isRecord(data)) return state;
  const id = str(data.position_id);
  if (id === null) return state;
  const nextSeq = seq !== null && seq > state.seq ? seq : state.seq;
  if (data.position === null) {
    if (!(id in state.states) && !state.positions.some((e) => e.id === id)) return state;
    const states = { ...state.states };
    delete states[id];
    return { seq: nextSeq, positions: state.positions.filter((e) => e.id !== id), states };
  }
  const entry = readEntry(data.position);
  if (!entry || entry.id !== id) return state;
  const known = state.positions.some((e) => e.id === id);
  const positions = known
    ? state.positions.map((e) => (e.id === id ? entry : e))
    : [...state.positions, entry];
  const current = state.states[id];
  const states = { ...state.states };
  if (!current) states[id] = stateFromEntry(entry, seq ?? state.seq);
  else {
    // What the entry says of the radio and the switch is the position's now; its queue and QSO come as events.
    states[id] = {
      ...current,
      system: { active: entry.active, paused: entry.paused },
      frequency: { ...current.frequency, frequency: entry.frequency, band: entry.band, mode: entry.mode },
      split: { ...current.split, split: entry.split },
    };
  }
  return { seq: nextSeq, positions, states };
}

/**
 * Applies one event: routed by its `position_id` (see the module's comment), or a `position_update`. Returns
 * the same object when nothing changes: an event already in the state, one for a position not (yet) in the
 * list, an unknown event, one that carries no state (`caller_left`) or a malformed payload.
 */
export function applyPositionsEvent(state: PositionsState, event: PositionsEventMessage): PositionsState {
  const seq = typeof event.seq === 'number' && Number.isFinite(event.seq) ? event.seq : null;
  if (event.name === 'position_update') {
    if (seq !== null && seq <= state.seq) return state;
    return applyPositionUpdate(state, event.data, seq);
  }
  if (!isPublicEventName(event.name)) return state;
  const target = typeof event.position_id === 'string' ? event.position_id : null;
  const ids =
    target !== null
      ? [target]
      : event.name === 'worked_callers_update'
        ? Object.keys(state.states)
        : [DEFAULT_POSITION];
  const changed: Record<string, PublicState> = {};
  for (const id of ids) {
    const current = state.states[id];
    if (!current) continue;
    const next = applyPublicEvent(current, event.name, event.data, seq);
    if (next !== current) changed[id] = next;
  }
  return withStates(state, changed, seq);
}

/**
 * Takes one position's public state (`GET /api/positions/{id}/state`, or an entry of a snapshot) for a position
 * in the list. A state older than the one held is ignored (events have already moved it on); a value that is not
 * a whole public state leaves the camp as it was.
 */
export function applyPositionSnapshot(state: PositionsState, id: string, snapshot: unknown): PositionsState {
  if (!state.positions.some((e) => e.id === id)) return state;
  const parsed = parsePublicSnapshot(snapshot);
  const current = state.states[id];
  if (!parsed || (current && parsed.seq < current.seq)) return state;
  return withStates(state, { [id]: parsed }, parsed.seq);
}

/**
 * Takes the positions list (`positions.list`, `GET /api/positions`: `{positions, seq}`, or the list itself):
 * positions no longer in it are dropped, new ones start from their entry, known ones keep their state.
 */
export function applyPositionList(state: PositionsState, value: unknown): PositionsState {
  const list = readEntries(isRecord(value) ? value.positions : value);
  if (!list) return state;
  const seq = isRecord(value) ? num(value.seq) : null;
  const states: Record<string, PublicState> = {};
  for (const entry of list) states[entry.id] = state.states[entry.id] ?? stateFromEntry(entry, seq ?? 0);
  return {
    seq: seq ?? state.seq,
    positions: list.map((e) => (state.states[e.id] ? entryFromState(e, states[e.id]!) : e)),
    states,
  };
}

/**
 * A camp from protocol v2's `state.snapshot {positions}` (`position_list` and `positions: {id: {public}}`), or
 * null when the value is not one. Positions of the list that the snapshot has no state for start from their
 * entry.
 */
export function parsePositionsSnapshot(value: unknown): PositionsState | null {
  if (!isRecord(value) || !isRecord(value.positions)) return null;
  const seq = num(value.seq);
  const list = readEntries(value.position_list);
  if (seq === null || !list) return null;
  const states: Record<string, PublicState> = {};
  for (const entry of list) {
    const part = value.positions[entry.id];
    const parsed = isRecord(part) ? parsePublicSnapshot(part.public) : null;
    states[entry.id] = parsed ?? stateFromEntry(entry, seq);
  }
  return {
    seq,
    positions: list.map((e) => entryFromState(e, states[e.id]!)),
    states,
  };
}

/** An event held back while a snapshot is on its way. */
export interface PendingPositionsEvent {
  seq: number;
  event: PositionsEventMessage;
}

/** How many events to hold back at most while waiting for a snapshot. */
export const POSITIONS_PENDING_MAX = 2000;

export function holdPositionsEvent(
  pending: readonly PendingPositionsEvent[],
  held: PendingPositionsEvent,
): PendingPositionsEvent[] {
  return [...pending, held].slice(-POSITIONS_PENDING_MAX);
}

/** After a snapshot: applies, in order, the held-back events that are newer than it. */
export function applyPendingPositionsEvents(
  state: PositionsState,
  pending: readonly PendingPositionsEvent[],
): PositionsState {
  let next = state;
  for (const p of pending) {
    if (p.seq > state.seq) next = applyPositionsEvent(next, { ...p.event, seq: p.seq });
  }
  return next;
}
