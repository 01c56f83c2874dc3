/**
 * The console's view of every operating position: the positions list and each position's public state, live.
 * INTERIM: stands in for the shared reducer (shared/protocol/positions-state.ts) until it lands; then these
 * functions are that reducer's.
 */
import type { PositionView } from '../../shared/protocol/positions.js';
import {
  applyPublicEvent,
  applyPublicSnapshot,
  emptyPublicState,
  type PublicState,
} from '../../shared/protocol/public-state.js';

export interface CampState {
  positions: PositionView[];
  states: Record<string, PublicState>;
}

export function emptyCamp(): CampState {
  return { positions: [], states: {} };
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyCampEvent(
  camp: CampState,
  frame: { event: string; data: unknown; seq: number; position_id?: string | undefined },
): CampState {
  if (frame.event === 'position_update' && isRecord(frame.data)) {
    const id = frame.data.position_id;
    const view = frame.data.position;
    if (typeof id !== 'string') return camp;
    if (view === null) {
      const { [id]: _gone, ...states } = camp.states;
      return { positions: camp.positions.filter((p) => p.id !== id), states };
    }
    if (!isRecord(view)) return camp;
    const position = view as unknown as PositionView;
    const known = camp.positions.some((p) => p.id === id);
    return {
      positions: known
        ? camp.positions.map((p) => (p.id === id ? position : p))
        : [...camp.positions, position],
      states: camp.states[id] ? camp.states : { ...camp.states, [id]: emptyPublicState() },
    };
  }
  const ids = frame.position_id === undefined ? Object.keys(camp.states) : [frame.position_id];
  let states = camp.states;
  for (const id of ids) {
    const was = states[id] ?? emptyPublicState();
    const next = applyPublicEvent(was, frame.event, frame.data, frame.seq);
    if (next !== was) states = { ...states, [id]: next };
  }
  return states === camp.states ? camp : { ...camp, states };
}

export function applyCampSnapshot(camp: CampState, snapshot: unknown): CampState {
  if (!isRecord(snapshot)) return camp;
  const states: Record<string, PublicState> = { ...camp.states };
  if (isRecord(snapshot.positions)) {
    for (const [id, entry] of Object.entries(snapshot.positions)) {
      if (isRecord(entry) && isRecord(entry.public)) {
        states[id] = applyPublicSnapshot(emptyPublicState(), entry.public);
      }
    }
  } else {
    states.default = applyPublicSnapshot(states.default ?? emptyPublicState(), snapshot);
  }
  const list = Array.isArray(snapshot.position_list) ? (snapshot.position_list as PositionView[]) : null;
  return { positions: list ?? camp.positions, states };
}

/** The positions list as positions.list answers it. */
export function withPositions(camp: CampState, positions: PositionView[]): CampState {
  const states = { ...camp.states };
  for (const p of positions) states[p.id] ??= emptyPublicState();
  return { positions, states };
}
