/**
 * The caller page's live picture of the station: one snapshot from `GET /api/public/state`, kept current by the
 * SSE events, with the one public-state reducer (shared/protocol/public-state.ts). This module adds only what is
 * the page's own: where its connection stands and the events held back while a snapshot is fetched.
 * Pure: `reduce(store, action)` returns the next store and never mutates.
 */
import {
  applyPendingPublicEvents,
  applyPublicEvent,
  emptyPublicState,
  holdPublicEvent,
  type PendingPublicEvent,
  type PublicEventMessage,
  type PublicState,
} from '../../shared/protocol/public-state.js';

export type { PublicState };

/** A public event as the page received it (its payload is checked by the reducer). */
export type PublicEvent = PublicEventMessage;

export const emptyState = emptyPublicState;

/** Applies one event. Fields an event does not carry are kept; a malformed payload changes nothing. */
export function applyEvent(state: PublicState, event: PublicEvent): PublicState {
  return applyPublicEvent(state, event.name, event.data);
}

/** Where the page's live data stands. */
export type Connection = 'connecting' | 'live' | 'interrupted';

export interface StoreState {
  /** null until the first snapshot arrives. */
  station: PublicState | null;
  connection: Connection;
  /** Events that arrived while a snapshot was being fetched, applied after it when newer. */
  pending: PendingPublicEvent[];
  awaitingSnapshot: boolean;
}

export type Action =
  | { type: 'snapshot_requested' }
  | { type: 'snapshot'; state: PublicState }
  | { type: 'snapshot_failed' }
  | { type: 'event'; seq: number | null; event: PublicEvent }
  | { type: 'connection'; connection: Connection };

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
      const station = applyPendingPublicEvents(action.state, store.pending);
      return { ...store, station, pending: [], awaitingSnapshot: false };
    }
    case 'snapshot_failed':
      return { ...store, awaitingSnapshot: false, pending: [] };
    case 'event': {
      if (store.awaitingSnapshot || !store.station) {
        // Bounded: a snapshot replaces everything anyway. Without a seq it is never newer than the snapshot.
        return {
          ...store,
          pending: holdPublicEvent(store.pending, { seq: action.seq ?? 0, event: action.event }),
        };
      }
      const station = applyPublicEvent(store.station, action.event.name, action.event.data, action.seq);
      return station === store.station ? store : { ...store, station };
    }
    case 'connection':
      return store.connection === action.connection ? store : { ...store, connection: action.connection };
  }
}
