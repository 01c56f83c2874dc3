/**
 * The caller page's live picture of a camp's operating positions besides the default one: each position's
 * view (`positions.list`) and public state (`GET /api/positions/{id}/state`), kept current by the events of a
 * stream opened with `?positions=all`. The events that race a snapshot are held back and applied after it when
 * newer, as for the default position (state.ts). Pure.
 */
import type { CallerRulesInfo, PositionView } from '../../shared/protocol/positions.js';
import {
  applyPublicEvent,
  holdPublicEvent,
  type PendingPublicEvent,
  type PublicState,
} from '../../shared/protocol/public-state.js';
import { DEFAULT_RULES } from './camp-wire.js';
import type { PositionEventMessage } from './live.js';

export interface CampStore {
  /** Every position in creation order (the default first); null until the first snapshot. */
  positions: PositionView[] | null;
  rules: CallerRulesInfo;
  /** Each position's public state (the default position's is the page's own store). */
  states: Readonly<Record<string, PublicState>>;
  pending: PendingCampEvent[];
  awaitingSnapshot: boolean;
}

interface PendingCampEvent {
  positionId: string;
  held: PendingPublicEvent;
}

export type CampAction =
  | { type: 'snapshot_requested' }
  | {
      type: 'snapshot';
      positions: PositionView[];
      rules: CallerRulesInfo;
      states: Record<string, PublicState>;
    }
  | { type: 'event'; event: PositionEventMessage };

export function initialCamp(): CampStore {
  return { positions: null, rules: DEFAULT_RULES, states: {}, pending: [], awaitingSnapshot: true };
}

function applyPositionUpdate(positions: PositionView[], data: unknown): PositionView[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const { position_id: id, position } = data as { position_id?: unknown; position?: unknown };
  if (typeof id !== 'string') return null;
  if (position === null) return positions.filter((p) => p.id !== id);
  if (typeof position !== 'object' || position === null) return null;
  const view = position as PositionView;
  if (view.id !== id || typeof view.name !== 'string') return null;
  const at = positions.findIndex((p) => p.id === id);
  return at < 0 ? [...positions, view] : positions.map((p) => (p.id === id ? view : p));
}

function applyEvent(store: CampStore, event: PositionEventMessage): CampStore {
  if (event.name === 'position_update') {
    const positions = store.positions && applyPositionUpdate(store.positions, event.data);
    return positions ? { ...store, positions } : store;
  }
  const state = store.states[event.positionId];
  if (!state) return store;
  const next = applyPublicEvent(state, event.name, event.data, event.seq);
  return next === state ? store : { ...store, states: { ...store.states, [event.positionId]: next } };
}

export function reduceCamp(store: CampStore, action: CampAction): CampStore {
  switch (action.type) {
    case 'snapshot_requested':
      return { ...store, awaitingSnapshot: true, pending: [] };
    case 'snapshot': {
      let next: CampStore = {
        ...store,
        positions: action.positions,
        rules: action.rules,
        states: action.states,
        pending: [],
        awaitingSnapshot: false,
      };
      for (const p of store.pending) {
        const state = next.states[p.positionId];
        if (state && p.held.seq > state.seq) {
          next = applyEvent(next, {
            positionId: p.positionId,
            name: p.held.event.name,
            seq: p.held.seq,
            data: p.held.event.data,
            raw: '',
          });
        }
      }
      return next;
    }
    case 'event': {
      const { event } = action;
      if (store.awaitingSnapshot && event.name !== 'position_update') {
        const held = holdPublicEvent([], {
          seq: event.seq ?? 0,
          event: { name: event.name as PendingPublicEvent['event']['name'], data: event.data },
        })[0];
        return held
          ? { ...store, pending: [...store.pending, { positionId: event.positionId, held }].slice(-500) }
          : store;
      }
      return applyEvent(store, event);
    }
  }
}
