/**
 * The camp's actions in the console: create, change and delete a position, set the caller rules, move a caller,
 * each answering with what happened or the server's refusal in words. What the camp is (every position, its
 * state, the caller rules) lives in the console's one store (`useConsole.camp`, `useConsole.callerRules`), kept
 * by the session from the snapshot and the events; an answer is taken into it at once, through the same camp
 * reducer (shared/protocol/positions-state.ts), so the form that asked shows the result without waiting for
 * the event.
 */
import { applyPositionsEvent } from '../../shared/protocol/positions-state.js';
import { errorCode, errorText } from './client.js';
import { getClient } from './current-client.js';
import { OPS, type ConsoleInput, type ConsoleOperation, type ConsoleResult } from './operations.js';
import { toast, useConsole } from './store.js';
import { isMultiPosition, workingPosition } from './working-position.js';
import {
  refusalText,
  rulesFrom,
  type CallerRulesInfo,
  type CreateInput,
  type PositionView,
  type RefusalContext,
  type UpdateInput,
} from './position-admin.js';

/** A position the server answered with (created, changed) or deleted (null), taken in at once. */
function takeIn(id: string, position: unknown): void {
  useConsole.setState((state) => {
    const camp = applyPositionsEvent(state.camp, {
      name: 'position_update',
      data: { position_id: id, position },
    });
    return camp === state.camp ? {} : { camp };
  });
}

/** The position with this id, by name for messages ("Run 2 - 40m FT8"), or the id itself. */
export function positionName(id: string): string {
  return useConsole.getState().camp.positions.find((p) => p.id === id)?.name ?? id;
}

/**
 * Opens "Move to position…" for a caller waiting in the queue the console shows (the position it works), when
 * there is another position to move them to.
 */
export function askMoveCaller(callsign: string | null, from: string = workingPosition()): void {
  if (!callsign) return;
  if (!isMultiPosition(useConsole.getState())) {
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
  return useConsole.getState().camp.positions.find((p) => p.id === id) ?? null;
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
  if (saved) useConsole.setState({ callerRules: saved });
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
