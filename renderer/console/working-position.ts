/** The position this console works, read from the store: what every action names and every panel shows. */
import { DEFAULT_POSITION_ID } from '../../shared/protocol/positions.js';
import { ALL_POSITIONS, positionField, workingPositionId } from './position-choice.js';
import { useConsole, type ConsoleStore } from './store.js';

/** The id of the position the console works (the default one while watching all). */
export function workingPosition(state: ConsoleStore = useConsole.getState()): string {
  return workingPositionId(state.positionChoice, state.camp.positions);
}

/** `{position_id}` for the operations this console sends, nothing at the default position. */
export function here(): { position_id?: string } {
  return positionField(workingPosition());
}

/** Whether more than one position is defined (the picker, the log's position column). */
export function isMultiPosition(state: ConsoleStore): boolean {
  return state.camp.positions.length > 1;
}

/** Whether the console shows every position at once. */
export function isWatchingAll(state: ConsoleStore = useConsole.getState()): boolean {
  return state.positionChoice === ALL_POSITIONS && isMultiPosition(state);
}

export function useWorkingPosition(): string {
  return useConsole((s) => workingPosition(s));
}

export { DEFAULT_POSITION_ID };
