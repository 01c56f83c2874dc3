/**
 * The station's public state and the one reducer that keeps it: what the public snapshot holds
 * (`GET /api/public/state`, the `public.get_state` operation, the public part of protocol v2's `state.snapshot`)
 * and what the public events change. The caller page, the console (which keeps the operator's part on top of it)
 * and the client SDK all follow the station with these functions.
 *
 * Pure and safe: nothing is mutated, and every payload is checked before it is used; a malformed one (or an
 * unknown event) leaves the state as it was. Events carry a `seq`: one at or below the state's `seq` is already
 * in it and changes nothing.
 *
 * Self-contained on purpose: it imports only ./events.js, so packages/client/scripts/generate-types.ts can copy
 * it verbatim into the SDK (which cannot import from outside its package), beside a generated events.ts.
 */
import { PUBLIC_EVENTS, type EventPayloads } from './events.js';

type QueueUpdate = EventPayloads['queue_update'];
type QueueEntry = QueueUpdate['queue'][number];
type CurrentQso = NonNullable<EventPayloads['current_qso']>;
type FrequencyState = EventPayloads['frequency_update'];
type SplitState = EventPayloads['split_update'];
type WorkedCaller = Extract<
  EventPayloads['worked_callers_update'],
  { worked_caller: unknown }
>['worked_caller'];

/** The body of `GET /api/public/state`: everything a caller may see, at the event seq it reflects. */
export interface PublicState {
  seq: number;
  system: { active: boolean; paused: boolean };
  frequency: FrequencyState;
  split: SplitState;
  beam_heading: { beam_heading: number | null; beam_heading_visible: boolean };
  current_qso: CurrentQso | null;
  queue: QueueUpdate;
  /** Newest first, at most WORKED_KEEP of them; `total` counts them all. */
  worked: { worked_callers: WorkedCaller[]; total: number };
  stats: { qsos_last_hour: number; average_qso_seconds: number | null };
}

/** The events everyone receives (shared/protocol/events.ts). */
export type PublicEventName = (typeof PUBLIC_EVENTS)[number];

/** A public event as it arrived: its name and its payload, which the reducer checks before using it. */
export interface PublicEventMessage {
  name: PublicEventName;
  data: unknown;
}

/** How many worked stations the state keeps (newest first). */
export const WORKED_KEEP = 200;

export function emptyPublicState(): PublicState {
  return {
    seq: 0,
    system: { active: false, paused: false },
    frequency: { frequency: null, band: null, mode: null, last_updated: null },
    split: { split: null, last_updated: null },
    beam_heading: { beam_heading: null, beam_heading_visible: false },
    current_qso: null,
    queue: { queue: [], total: 0, max_size: 0, system_active: false },
    worked: { worked_callers: [], total: 0 },
    stats: { qsos_last_hour: 0, average_qso_seconds: null },
  };
}

export function isPublicEventName(name: string): name is PublicEventName {
  return (PUBLIC_EVENTS as readonly string[]).indexOf(name) >= 0;
}

// ------------------------------------------------------------------------------------------------
// Reading payloads: each returns the typed value, or null when the payload is not what it should be
// ------------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Records with a callsign; the rest of the shape is the server's (shared/protocol/types.ts). */
function hasCallsign<T>(value: unknown): value is T {
  return isRecord(value) && typeof value.callsign === 'string';
}

function readQueue(data: unknown): QueueUpdate | null {
  if (!isRecord(data) || !Array.isArray(data.queue)) return null;
  const system_active = bool(data.system_active);
  const max_size = num(data.max_size);
  if (system_active === null || max_size === null) return null;
  const queue = (data.queue as unknown[]).filter((e): e is QueueEntry => hasCallsign<QueueEntry>(e));
  const update: QueueUpdate = { queue, total: num(data.total) ?? queue.length, max_size, system_active };
  if (data.truncated === true) update.truncated = true;
  return update;
}

/** `{current_qso}` (protocol v2 wraps payloads that are not objects), the QSO itself (SSE) or null. */
function readCurrentQso(data: unknown): { qso: CurrentQso | null } | null {
  const value = isRecord(data) && 'current_qso' in data ? data.current_qso : data;
  if (value === null) return { qso: null };
  return hasCallsign<CurrentQso>(value) ? { qso: value } : null;
}

function readFrequency(data: unknown): FrequencyState | null {
  if (!isRecord(data)) return null;
  return {
    frequency: str(data.frequency),
    band: str(data.band),
    mode: str(data.mode),
    last_updated: str(data.last_updated),
  };
}

function readSplit(data: unknown): SplitState | null {
  if (!isRecord(data)) return null;
  return { split: str(data.split), last_updated: str(data.last_updated) };
}

/** A heading in degrees, or null for none; undefined when the payload has no readable heading. */
function readHeading(data: Json): number | null | undefined {
  if (data.beam_heading === null) return null;
  return num(data.beam_heading) ?? undefined;
}

const byNewest = (a: WorkedCaller, b: WorkedCaller): number =>
  a.worked_timestamp < b.worked_timestamp ? 1 : a.worked_timestamp > b.worked_timestamp ? -1 : 0;

function workedList(list: readonly WorkedCaller[]): WorkedCaller[] {
  return [...list].sort(byNewest).slice(0, WORKED_KEEP);
}

function readWorkedList(value: unknown): WorkedCaller[] | null {
  if (!Array.isArray(value)) return null;
  return workedList(value.filter((w): w is WorkedCaller => hasCallsign<WorkedCaller>(w)));
}

/** `worked_callers_update`: the whole list, one caller added or replaced, or one removed; always the total. */
function applyWorked(worked: PublicState['worked'], data: unknown): PublicState['worked'] | null {
  if (!isRecord(data)) return null;
  const total = num(data.total);
  const list = readWorkedList(data.worked_callers);
  if (list) return { worked_callers: list, total: total ?? list.length };
  if (typeof data.removed_caller === 'string') {
    const gone = data.removed_caller.toUpperCase();
    return {
      worked_callers: worked.worked_callers.filter((w) => w.callsign !== gone),
      total: total ?? worked.total,
    };
  }
  if (hasCallsign<WorkedCaller>(data.worked_caller)) {
    const added = data.worked_caller;
    const others = worked.worked_callers.filter((w) => w.callsign !== added.callsign);
    return { worked_callers: workedList([added, ...others]), total: total ?? worked.total };
  }
  // An entry the page cannot read: the count is still right.
  return total === null ? null : { ...worked, total };
}

// ------------------------------------------------------------------------------------------------
// Events
// ------------------------------------------------------------------------------------------------

/** The state after one event's payload, or null when the payload is malformed or the event carries no state. */
function reduceEvent(state: PublicState, name: string, data: unknown): PublicState | null {
  const record = isRecord(data) ? data : {};
  switch (name) {
    case 'queue_update': {
      const queue = readQueue(data);
      return queue && { ...state, queue, system: { ...state.system, active: queue.system_active } };
    }
    case 'current_qso': {
      const current = readCurrentQso(data);
      return current && { ...state, current_qso: current.qso };
    }
    case 'system_status': {
      const active = bool(record.active);
      return active === null ? null : { ...state, system: { ...state.system, active } };
    }
    case 'queue_pause_update': {
      const paused = bool(record.paused);
      return paused === null ? null : { ...state, system: { ...state.system, paused } };
    }
    case 'frequency_update': {
      const frequency = readFrequency(data);
      return frequency && { ...state, frequency };
    }
    case 'split_update': {
      const split = readSplit(data);
      return split && { ...state, split };
    }
    case 'worked_callers_update': {
      const worked = applyWorked(state.worked, data);
      return worked && { ...state, worked };
    }
    case 'beam_heading_update': {
      const heading = readHeading(record);
      return heading === undefined
        ? null
        : { ...state, beam_heading: { ...state.beam_heading, beam_heading: heading } };
    }
    case 'beam_heading_visibility_update': {
      const visible = bool(record.beam_heading_visible);
      return visible === null
        ? null
        : { ...state, beam_heading: { ...state.beam_heading, beam_heading_visible: visible } };
    }
    default:
      // caller_left is a notice about callers, not state; other names are not public events.
      return null;
  }
}

/**
 * Applies one event (its name, its payload as received, and its seq when known). Returns the same object when
 * nothing changes: an event already in the state (seq at or below the state's), an unknown event, one that
 * carries no state (`caller_left`) or a malformed payload. An applied event's seq becomes the state's.
 */
export function applyPublicEvent(
  state: PublicState,
  name: string,
  data: unknown,
  seq?: number | null,
): PublicState {
  const known = typeof seq === 'number' && Number.isFinite(seq);
  if (known && seq <= state.seq) return state;
  const next = reduceEvent(state, name, data);
  if (!next) return state;
  return known ? { ...next, seq } : next;
}

/** An event held back while a snapshot is on its way, with its seq (0 when it had none). */
export interface PendingPublicEvent {
  seq: number;
  event: PublicEventMessage;
}

/** How many events to hold back at most while waiting for a snapshot (the snapshot replaces them anyway). */
export const PENDING_MAX = 500;

/** Holds one more event back, dropping the oldest beyond PENDING_MAX. */
export function holdPublicEvent(
  pending: readonly PendingPublicEvent[],
  held: PendingPublicEvent,
): PendingPublicEvent[] {
  return [...pending, held].slice(-PENDING_MAX);
}

/** After a snapshot: applies, in order, the held-back events that are newer than it. */
export function applyPendingPublicEvents(
  state: PublicState,
  pending: readonly PendingPublicEvent[],
): PublicState {
  let next = state;
  for (const p of pending) {
    if (p.seq > next.seq) next = applyPublicEvent(next, p.event.name, p.event.data, p.seq);
  }
  return next;
}

// ------------------------------------------------------------------------------------------------
// Snapshots
// ------------------------------------------------------------------------------------------------

/**
 * Takes what a snapshot carries: each key it has and that reads well replaces that part of the state; keys it
 * lacks (or cannot be read) keep their value. Its `seq` is taken as it is, even when lower (the server
 * restarted). Anything that is not an object leaves the state as it was.
 */
export function applyPublicSnapshot(state: PublicState, snapshot: unknown): PublicState {
  if (!isRecord(snapshot)) return state;
  const next: PublicState = { ...state, seq: num(snapshot.seq) ?? state.seq };
  if (isRecord(snapshot.system)) {
    next.system = {
      active: bool(snapshot.system.active) ?? state.system.active,
      paused: bool(snapshot.system.paused) ?? state.system.paused,
    };
  }
  next.frequency = readFrequency(snapshot.frequency) ?? state.frequency;
  next.split = readSplit(snapshot.split) ?? state.split;
  const beam = snapshot.beam_heading;
  if (isRecord(beam)) {
    const heading = readHeading(beam);
    next.beam_heading = {
      beam_heading: heading === undefined ? state.beam_heading.beam_heading : heading,
      beam_heading_visible: bool(beam.beam_heading_visible) ?? state.beam_heading.beam_heading_visible,
    };
  }
  const current = 'current_qso' in snapshot ? readCurrentQso(snapshot.current_qso) : null;
  if (current) next.current_qso = current.qso;
  next.queue = readQueue(snapshot.queue) ?? state.queue;
  if (isRecord(snapshot.worked)) {
    const list = readWorkedList(snapshot.worked.worked_callers);
    if (list) next.worked = { worked_callers: list, total: num(snapshot.worked.total) ?? list.length };
  }
  if (isRecord(snapshot.stats)) {
    next.stats = {
      qsos_last_hour: num(snapshot.stats.qsos_last_hour) ?? state.stats.qsos_last_hour,
      average_qso_seconds: num(snapshot.stats.average_qso_seconds),
    };
  }
  return next;
}

/**
 * A whole public snapshot as the state, or null when the value is not one (it lacks the seq, the system state,
 * the queue, the worked list, frequency, split or the current QSO). Parts a slightly different server may leave
 * out (pause, beam heading, stats) start empty.
 */
export function parsePublicSnapshot(value: unknown): PublicState | null {
  if (!isRecord(value)) return null;
  const { system, queue, worked } = value;
  const complete =
    num(value.seq) !== null &&
    isRecord(system) &&
    bool(system.active) !== null &&
    readQueue(queue) !== null &&
    isRecord(worked) &&
    Array.isArray(worked.worked_callers) &&
    isRecord(value.frequency) &&
    isRecord(value.split) &&
    'current_qso' in value &&
    readCurrentQso(value.current_qso) !== null;
  return complete ? applyPublicSnapshot(emptyPublicState(), value) : null;
}
