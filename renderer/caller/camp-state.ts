/**
 * The caller page's live picture of a camp of operating positions, with the one camp reducer
 * (shared/protocol/positions-state.ts): the positions list (`GET /api/positions`) and each position's public
 * state (`GET /api/positions/{id}/state`), kept current by the events of the stream opened with
 * `?positions=all`. This module adds only what is the page's own: the caller rules and the events held back
 * while a snapshot is fetched. Pure.
 */
import type { CallerRulesInfo } from '../../shared/protocol/positions.js';
import {
  applyPositionList,
  applyPositionSnapshot,
  applyPositionsEvent,
  emptyPositionsState,
  holdPositionsEvent,
  type PendingPositionsEvent,
  type PositionsState,
} from '../../shared/protocol/positions-state.js';
import { DEFAULT_RULES } from './camp-wire.js';
import type { PositionEventMessage } from './live.js';

export type { PositionsState };

export interface CampStore {
  /** Every position and its state; null until the first snapshot. */
  camp: PositionsState | null;
  rules: CallerRulesInfo;
  pending: PendingPositionsEvent[];
  awaitingSnapshot: boolean;
}

export type CampAction =
  | { type: 'snapshot_requested' }
  | {
      type: 'snapshot';
      /** The body of `GET /api/positions` (`{positions, caller_rules, seq}`). */
      list: unknown;
      rules: CallerRulesInfo;
      /** The body of `GET /api/positions/{id}/state` of each position, by id. */
      states: Record<string, unknown>;
    }
  | { type: 'event'; event: PositionEventMessage };

export function initialCamp(): CampStore {
  return { camp: null, rules: DEFAULT_RULES, pending: [], awaitingSnapshot: true };
}

const message = (e: PositionEventMessage) => ({
  name: e.name,
  data: e.data,
  seq: e.seq,
  position_id: e.positionId,
});

export function reduceCamp(store: CampStore, action: CampAction): CampStore {
  switch (action.type) {
    case 'snapshot_requested':
      return { ...store, awaitingSnapshot: true, pending: [] };
    case 'snapshot': {
      let camp = applyPositionList(emptyPositionsState(), action.list);
      for (const [id, state] of Object.entries(action.states)) camp = applyPositionSnapshot(camp, id, state);
      // The positions' snapshots were taken one after the other: each held-back event is offered to the
      // reducer, which applies it to its position only when newer than that position's state.
      for (const p of store.pending) camp = applyPositionsEvent(camp, { ...p.event, seq: p.seq });
      return { camp, rules: action.rules, pending: [], awaitingSnapshot: false };
    }
    case 'event': {
      const { event } = action;
      if (store.awaitingSnapshot || !store.camp) {
        return {
          ...store,
          pending: holdPositionsEvent(store.pending, { seq: event.seq ?? 0, event: message(event) }),
        };
      }
      const camp = applyPositionsEvent(store.camp, message(event));
      return camp === store.camp ? store : { ...store, camp };
    }
  }
}
