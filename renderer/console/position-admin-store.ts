/**
 * The console's copy of the camp: every operating position and the caller rules, loaded with `positions.list`
 * (after login, after a resync, when Settings > Operating positions opens) and kept up to date by the events
 * `position_update` and `caller_rules_update`. And the camp's actions (create, change, delete a position, set
 * the caller rules, move a caller), each answering with what happened or the server's refusal in words.
 */
import { create } from 'zustand';
import { errorCode, errorText, type ConsoleClient } from './client.js';
import { getClient } from './current-client.js';
import { OPS, type ConsoleInput, type ConsoleOperation, type ConsoleResult } from './operations.js';
import { toast, useConsole } from './store.js';
import {
  applyPositionEvent,
  applyPositionUpdate,
  DEFAULT_POSITION_ID,
  hasCamp,
  positionFrom,
  positionsFromList,
  refusalText,
  rulesFrom,
  type CallerRulesInfo,
  type CreateInput,
  type PositionView,
  type RefusalContext,
  type UpdateInput,
} from './position-admin.js';

export interface PositionListStore {
  /** Default position first; null until loaded. */
  positions: PositionView[] | null;
  rules: CallerRulesInfo | null;
}

export const usePositionList = create<PositionListStore>()(() => ({ positions: null, rules: null }));

/** Loads the positions and the caller rules; a failure keeps what was there. */
export async function loadPositionList(): Promise<void> {
  const client = getClient();
  if (!client) return;
  try {
    const result = await client.request(OPS.positionsList, {});
    const positions = positionsFromList(result);
    const rules = rulesFrom(result);
    usePositionList.setState((state) => ({
      positions: positions ?? state.positions,
      rules: rules ?? state.rules,
    }));
  } catch {
    // the section says it is loading; the next open or resync tries again
  }
}

/** Follows the camp's events (and each position's own, for its line in the list); others change nothing. */
export function followPositionList(frame: {
  event: string;
  data: unknown;
  position_id?: string | undefined;
}): void {
  const { event, data } = frame;
  if (event === 'position_update') {
    usePositionList.setState((state) => ({ positions: applyPositionUpdate(state.positions, data) }));
  } else if (event === 'caller_rules_update') {
    const rules = rulesFrom(data);
    if (rules) usePositionList.setState({ rules });
  } else if (frame.position_id !== undefined) {
    const id = frame.position_id;
    usePositionList.setState((state) => {
      const positions = applyPositionEvent(state.positions, id, event, data);
      return positions === state.positions ? {} : { positions };
    });
  }
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
  usePositionList.setState({ positions: null, rules: null });
}

/** The position with this id, by name for messages ("Run 2 - 40m FT8"), or the id itself. */
export function positionName(id: string): string {
  return usePositionList.getState().positions?.find((p) => p.id === id)?.name ?? id;
}

/**
 * Opens "Move to position…" for a caller waiting in the queue the console shows (the default position's), when
 * there is another position to move them to.
 */
export function askMoveCaller(callsign: string | null, from: string = DEFAULT_POSITION_ID): void {
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

/** Puts a position the server answered with into the list (its event may come before or after). */
function keep(result: unknown): PositionView | null {
  const view = positionFrom(
    typeof result === 'object' && result !== null ? (result as { position?: unknown }).position : null,
  );
  if (view) {
    usePositionList.setState((state) => ({
      positions: applyPositionUpdate(state.positions, { position_id: view.id, position: view }),
    }));
  }
  return view;
}

export async function createPosition(data: CreateInput): Promise<Outcome<PositionView | null>> {
  const out = await send(OPS.createPosition, data, { position: data.name });
  if (!out.ok) return out;
  const view = keep(out.result);
  toast('success', `Position "${view?.name ?? data.name}" created`);
  return { ok: true, result: view };
}

export async function updatePosition(data: UpdateInput): Promise<Outcome<PositionView | null>> {
  const out = await send(OPS.updatePosition, data, { position: data.name ?? positionName(data.position_id) });
  if (!out.ok) return out;
  const view = keep(out.result);
  toast('success', `Position "${view?.name ?? positionName(data.position_id)}" saved`);
  return { ok: true, result: view };
}

export async function deletePosition(id: string): Promise<Outcome<null>> {
  const name = positionName(id);
  const out = await send(OPS.deletePosition, { position_id: id }, { position: name });
  if (!out.ok) return out;
  usePositionList.setState((state) => ({
    positions: applyPositionUpdate(state.positions, { position_id: id, position: null }),
  }));
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
