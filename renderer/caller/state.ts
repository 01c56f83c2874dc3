/**
 * The caller page's picture of the station: one snapshot from `GET /api/public/state`, kept current by the
 * SSE events. Pure: `reduce(state, action)` returns the next state and never mutates.
 */
import type { EventPayloads, PUBLIC_EVENTS } from '../../shared/protocol/events.js';
import type {
  CurrentQso,
  FrequencyState,
  QueueUpdate,
  SplitState,
  WorkedCaller,
} from '../../shared/protocol/types.js';

/** The body of `GET /api/public/state`. */
export interface PublicState {
  seq: number;
  system: { active: boolean; paused: boolean };
  frequency: FrequencyState;
  split: SplitState;
  beam_heading: { beam_heading: number | null; beam_heading_visible: boolean };
  current_qso: CurrentQso | null;
  queue: QueueUpdate;
  worked: { worked_callers: WorkedCaller[]; total: number };
  stats: { qsos_last_hour: number; average_qso_seconds: number | null };
}

/** The public events the page listens to. */
export type PublicEventName = (typeof PUBLIC_EVENTS)[number];

export type PublicEvent = { [N in PublicEventName]: { name: N; data: EventPayloads[N] } }[PublicEventName];

/** How many worked stations the page keeps (newest first). */
export const WORKED_KEEP = 200;

export function emptyState(): PublicState {
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

const byNewest = (a: WorkedCaller, b: WorkedCaller): number =>
  a.worked_timestamp < b.worked_timestamp ? 1 : a.worked_timestamp > b.worked_timestamp ? -1 : 0;

function applyWorked(
  worked: PublicState['worked'],
  data: EventPayloads['worked_callers_update'],
): PublicState['worked'] {
  if ('worked_callers' in data) {
    return {
      worked_callers: [...data.worked_callers].sort(byNewest).slice(0, WORKED_KEEP),
      total: data.total,
    };
  }
  if ('removed_caller' in data) {
    const gone = data.removed_caller.toUpperCase();
    return { worked_callers: worked.worked_callers.filter((w) => w.callsign !== gone), total: data.total };
  }
  const others = worked.worked_callers.filter((w) => w.callsign !== data.worked_caller.callsign);
  return {
    worked_callers: [data.worked_caller, ...others].sort(byNewest).slice(0, WORKED_KEEP),
    total: data.total,
  };
}

/** Applies one event. Fields an event does not carry are kept. */
export function applyEvent(state: PublicState, event: PublicEvent): PublicState {
  switch (event.name) {
    case 'queue_update':
      return {
        ...state,
        queue: event.data,
        system: { ...state.system, active: event.data.system_active },
      };
    case 'current_qso':
      return { ...state, current_qso: event.data };
    case 'system_status':
      return { ...state, system: { ...state.system, active: event.data.active } };
    case 'queue_pause_update':
      return { ...state, system: { ...state.system, paused: event.data.paused } };
    case 'frequency_update':
      return {
        ...state,
        frequency: {
          frequency: event.data.frequency ?? null,
          band: event.data.band ?? null,
          mode: event.data.mode ?? null,
          last_updated: event.data.last_updated ?? null,
        },
      };
    case 'split_update':
      return {
        ...state,
        split: { split: event.data.split ?? null, last_updated: event.data.last_updated ?? null },
      };
    case 'worked_callers_update':
      return { ...state, worked: applyWorked(state.worked, event.data) };
    case 'beam_heading_update':
      return { ...state, beam_heading: { ...state.beam_heading, beam_heading: event.data.beam_heading } };
    case 'beam_heading_visibility_update':
      return {
        ...state,
        beam_heading: { ...state.beam_heading, beam_heading_visible: event.data.beam_heading_visible },
      };
  }
}

/** Where the page's live data stands. */
export type Connection = 'connecting' | 'live' | 'interrupted';

export interface StoreState {
  /** null until the first snapshot arrives. */
  station: PublicState | null;
  connection: Connection;
  /** Events that arrived while a snapshot was being fetched, applied after it when newer. */
  pending: { seq: number; event: PublicEvent }[];
  awaitingSnapshot: boolean;
}

export type Action =
  | { type: 'snapshot_requested' }
  | { type: 'snapshot'; state: PublicState }
  | { type: 'snapshot_failed' }
  | { type: 'event'; seq: number | null; event: PublicEvent }
  | { type: 'connection'; connection: Connection };

const PENDING_MAX = 500;

export function initialStore(): StoreState {
  return { station: null, connection: 'connecting', pending: [], awaitingSnapshot: true };
}

/**
 * Events that race a snapshot fetch are held back; when the snapshot arrives, only those newer than its `seq`
 * are applied. The snapshot always replaces the station (its seq may be lower after a server restart).
 */
export function reduce(store: StoreState, action: Action): StoreState {
  switch (action.type) {
    case 'snapshot_requested':
      return { ...store, awaitingSnapshot: true, pending: [] };
    case 'snapshot': {
      let station = action.state;
      for (const p of store.pending) {
        if (p.seq > station.seq) station = { ...applyEvent(station, p.event), seq: p.seq };
      }
      return { ...store, station, pending: [], awaitingSnapshot: false };
    }
    case 'snapshot_failed':
      return { ...store, awaitingSnapshot: false, pending: [] };
    case 'event': {
      const seq = action.seq ?? 0;
      if (store.awaitingSnapshot || !store.station) {
        // Bounded: a snapshot replaces everything anyway.
        const pending = [...store.pending, { seq, event: action.event }].slice(-PENDING_MAX);
        return { ...store, pending };
      }
      const next = applyEvent(store.station, action.event);
      return { ...store, station: { ...next, seq: Math.max(next.seq, seq) } };
    }
    case 'connection':
      return store.connection === action.connection ? store : { ...store, connection: action.connection };
  }
}
