/**
 * The console's view of every operating position: the positions list and each position's public state, live,
 * kept by the one camp reducer (shared/protocol/positions-state.ts) that the caller page and the SDK use too.
 * The console's own state at its position (live-state.ts) stands beside it.
 */
import {
  applyPositionsEvent,
  emptyPositionsState,
  parsePositionsSnapshot,
  type PositionsState,
} from '../../shared/protocol/positions-state.js';

export type CampState = PositionsState;

export function emptyCamp(): CampState {
  return emptyPositionsState();
}

/** One event frame (routed by its `position_id`; `position_update` changes the list). */
export function applyCampEvent(
  camp: CampState,
  frame: { event: string; data: unknown; seq: number; position_id?: string | undefined },
): CampState {
  return applyPositionsEvent(camp, {
    name: frame.event,
    data: frame.data,
    seq: frame.seq,
    position_id: frame.position_id ?? null,
  });
}

/** A `state.snapshot {positions: "all"}`; one without the positions (an older server) leaves the camp as it was. */
export function applyCampSnapshot(camp: CampState, snapshot: unknown): CampState {
  return parsePositionsSnapshot(snapshot) ?? camp;
}
