/**
 * The console's copy of the camp: every operating position and the caller rules, loaded with `positions.list`
 * (after login, after a resync, when Settings > Operating positions opens) and kept up to date by the events
 * `position_update` and `caller_rules_update`. And the camp's actions (create, change, delete a position, set
 * the caller rules, move a caller), each answering with what happened or the server's refusal in words.
 */
import { create } from 'zustand';
import {
  applyPositionList,
  applyPositionsEvent,
  emptyPositionsState,
  type PositionsState,
} from '../../shared/protocol/positions-state.js';
import { errorCode, errorText, type ConsoleClient } from './client.js';
import { getClient } from './current-client.js';
import { OPS, type ConsoleInput, type ConsoleOperation, type ConsoleResult } from './operations.js';
import { toast, useConsole } from './store.js';
import { workingPosition } from './working-position.js';
import {
  hasCamp,
  refusalText,
  rulesFrom,
  type CallerRulesInfo,
  type CreateInput,
  type PositionView,
  type RefusalContext,
  type UpdateInput,
} from './position-admin.js';

export interface PositionListStore {
  /** Every position (the default one first, then in creation order) and each one's public state. */
  camp: PositionsState;
  /** The positions, from `camp`; null until positions.list answered. */
  positions: PositionView[] | null;
  rules: CallerRulesInfo | null;
}

const EMPTY: PositionListStore = { camp: emptyPositionsState(), positions: null, rules: null };

export const usePositionList = create<PositionListStore>()(() => ({ ...EMPTY }));

/** The store after the camp changed: the list read from it (kept null until it is first loaded). */
function withCamp(state: PositionListStore, camp: PositionsState): Partial<PositionListStore> {
  if (camp === state.camp) return {};
  return { camp, positions: state.positions === null ? null : camp.positions };
}

/** Loads the positions and the caller rules; a failure keeps what was there. */
export async function loadPositionList(): Promise<void> {
  const client = getClient();
  if (!client) return;
  try {
    const result = await client.request(OPS.positionsList, {});
    const rules = rulesFrom(result);
    usePositionList.setState((state) => {
      const camp = applyPositionList(state.camp, result);
      return { camp, positions: camp.positions, rules: rules ?? state.rules };
    });
  } catch {
    // the section says it is loading; the next open or resync tries again
  }
}

/**
 * Follows the camp's events with the shared camp reducer (shared/protocol/positions-state.ts): position_update,
 * each position's own events (its line: queue length, on/off, who is worked, radio), and caller_rules_update.
 */
export function followPositionList(frame: {
  event: string;
  data: unknown;
  seq?: number;
  position_id?: string | undefined;
}): void {
  if (frame.event === 'caller_rules_update') {
    const rules = rulesFrom(frame.data);
    if (rules) usePositionList.setState({ rules });
    return;
  }
  usePositionList.setState((state) =>
    withCamp(
      state,
      applyPositionsEvent(state.camp, {
        name: frame.event,
        data: frame.data,
        seq: frame.seq ?? null,
        position_id: frame.position_id ?? null,
      }),
    ),
  );
}

/**
 * Keeps the list in step with a client: every event (position_update, caller_rules_update, each position's own),
 * and positions.list again after a resync's snapshot (events may have been missed).
 */
export function watchPositionList(client: ConsoleClient): void {
  client.onEvent((frame) => followPositionList(frame));
  client.onSnapshot(() => void loadPositionList());
}

export function resetPositionList(): void {
  usePositionList.setState({ ...EMPTY, camp: emptyPositionsState() });
}

/** A position the server answered with (created, changed) or deleted (null), taken in at once. */
function takeIn(id: string, position: unknown): void {
  usePositionList.setState((state) =>
    withCamp(
      state,
      applyPositionsEvent(state.camp, { name: 'position_update', data: { position_id: id, position } }),
    ),
  );
}

/** The position with this id, by name for messages ("Run 2 - 40m FT8"), or the id itself. */
export function positionName(id: string): string {
  return usePositionList.getState().positions?.find((p) => p.id === id)?.name ?? id;
}

/**
 * Opens "Move to position…" for a caller waiting in the queue the console shows (the position it works), when
 * there is another position to move them to.
 */
export function askMoveCaller(callsign: string | null, from: string = workingPosition()): void {
  if (!callsign) return;
  if (!hasCamp(usePositionList.getState().positions)) {
    toast(
      'info',
      'There is one position only: add another in Settings > Operating positions to move callers',
    );
    return;
  }
  useConsole.setState({ dialog: { kind: 'moveCaller', callsign, from } });
}

export type Outcome<T> = { ok: true; result: T } | { ok: false; code: string | null; text: string };

const UNREACHABLE = new Set(['TIMEOUT', 'CONNECTION_CLOSED', 'NOT_CONNECTED', 'CLIENT_CLOSED']);

/** Sends one camp operation; a refusal comes back in words (the caller shows it where it belongs). */
async function send<K extends ConsoleOperation>(
  operation: K,
  data: ConsoleInput<K>,
  context: RefusalContext,
): Promise<Outcome<ConsoleResult<K>>> {
  const client = getClient();
  if (!client || useConsole.getState().connection !== 'open') {
    return { ok: false, code: 'NOT_CONNECTED', text: 'Not done: server unreachable.' };
  }
  try {
    const result = await client.request<ConsoleResult<K>>(operation, data ?? {});
    return { ok: true, result };
  } catch (error) {
    const code = errorCode(error);
    if (code && UNREACHABLE.has(code)) {
      return { ok: false, code, text: 'Not done: server unreachable.' };
    }
    return { ok: false, code, text: refusalText(code, errorText(error), context) };
  }
}

/** The position of an answer (`{position}`), taken in at once through the camp reducer, which checks it. */
function positionOf(result: unknown): PositionView | null {
  const value =
    typeof result === 'object' && result !== null ? (result as { position?: unknown }).position : null;
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : null;
  if (typeof id !== 'string') return null;
  takeIn(id, value);
  return usePositionList.getState().camp.positions.find((p) => p.id === id) ?? null;
}

export async function createPosition(data: CreateInput): Promise<Outcome<PositionView | null>> {
  const out = await send(OPS.createPosition, data, { position: data.name });
  if (!out.ok) return out;
  const view = positionOf(out.result);
  toast('success', `Position "${view?.name ?? data.name}" created`);
  return { ok: true, result: view };
}

export async function updatePosition(data: UpdateInput): Promise<Outcome<PositionView | null>> {
  const out = await send(OPS.updatePosition, data, { position: data.name ?? positionName(data.position_id) });
  if (!out.ok) return out;
  const view = positionOf(out.result);
  toast('success', `Position "${view?.name ?? positionName(data.position_id)}" saved`);
  return { ok: true, result: view };
}

export async function deletePosition(id: string): Promise<Outcome<null>> {
  const name = positionName(id);
  const out = await send(OPS.deletePosition, { position_id: id }, { position: name });
  if (!out.ok) return out;
  takeIn(id, null);
  toast('info', `Position "${name}" deleted`);
  return { ok: true, result: null };
}

export async function setCallerRules(rules: CallerRulesInfo): Promise<Outcome<CallerRulesInfo | null>> {
  const out = await send(OPS.setCallerRules, rules, {});
  if (!out.ok) return out;
  const saved = rulesFrom(out.result);
  if (saved) usePositionList.setState({ rules: saved });
  toast('success', 'Caller rules saved');
  return { ok: true, result: saved };
}

export async function moveCaller(input: {
  callsign: string;
  from: string;
  to: string;
  place?: number | undefined;
}): Promise<Outcome<number | null>> {
  const data: ConsoleInput<typeof OPS.moveCaller> = {
    callsign: input.callsign,
    from_position_id: input.from,
    to_position_id: input.to,
  };
  if (input.place !== undefined) data.place = input.place;
  const target = positionName(input.to);
  const out = await send(OPS.moveCaller, data, {
    callsign: input.callsign,
    target,
    position: positionName(input.from),
  });
  if (!out.ok) return out;
  const place = typeof out.result.position === 'number' ? out.result.position : null;
  toast('success', `${input.callsign} moved to "${target}"${place !== null ? `, place ${place}` : ''}`);
  return { ok: true, result: place };
}
