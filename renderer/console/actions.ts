/**
 * Everything the operator can do, as functions the buttons and the keyboard share. Each sends one
 * operation, shows what happened (a toast for success and failure), and refuses a second send of the
 * same operation while the first is in flight.
 */
import type { Ban, QsoRecord } from '../../shared/protocol/types.js';
import { errorCode, errorText } from './client.js';
import { getClient } from './current-client.js';
import { moveSelection, queueIndex } from './live-state.js';
import { OPS, type ConsoleInput, type ConsoleOperation, type ConsoleResult } from './operations.js';
import { toast, useConsole, type Toast } from './store.js';
import { adifFileName } from './format.js';
import { here } from './working-position.js';

type Data = Record<string, unknown>;

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface RunOptions {
  /** What did not happen, in words, when the server cannot be reached ("QSO with DL1ABC not logged"). */
  failed?: string;
  /** The tone of the success toast: 'info' for neutral actions (cancel, pause). */
  tone?: Toast['tone'];
  /** Offer Undo (Ctrl+Z) when the answer carries an undo ticket. */
  undoable?: boolean;
}

/** Error codes that mean the request never reached the server or its answer never came back. */
const UNREACHABLE = new Set(['TIMEOUT', 'CONNECTION_CLOSED', 'NOT_CONNECTED', 'CLIENT_CLOSED']);

/** How long the Undo button stays in its toast (the server keeps the undo for 60 s; Ctrl+Z works that long). */
export const UNDO_TOAST_MS = 12_000;

/** The latest undo ticket this console received: what Ctrl+Z undoes. */
let lastUndoId: string | null = null;

/**
 * Sends one operation with busy state and feedback. Resolves with the result, or null on failure. While the
 * connection is down nothing is sent: a failure that stays on screen says what did not happen, with Retry.
 */
export async function run<K extends ConsoleOperation>(
  operation: K,
  data?: ConsoleInput<K>,
  success?: string | ((result: ConsoleResult<K>) => string | null),
  opts: RunOptions = {},
): Promise<ConsoleResult<K> | null> {
  const client = getClient();
  if (!client) return null;
  const retry = (): void => void run(operation, data, success, opts);
  const unreachable = (): null => {
    const what = opts.failed ?? 'Not done';
    toast('error', `${what}: server unreachable.`, 0, {
      sticky: true,
      action: { label: 'Retry', run: retry },
    });
    return null;
  };
  if (useConsole.getState().connection !== 'open') return unreachable();
  const key = `${operation}:${JSON.stringify(data ?? {})}`;
  if (useConsole.getState().busy === key) return null;
  useConsole.setState({ busy: key });
  try {
    // Typed by the operations table (ConsoleResult): the SDK's request answers what the server's handler returns.
    const result = await client.request<ConsoleResult<K>>(operation, data ?? {});
    const text = typeof success === 'function' ? success(result) : success;
    const answer: unknown = result;
    const undoId = isRecord(answer) && typeof answer.undo_id === 'string' ? answer.undo_id : null;
    if (opts.undoable && undoId) {
      lastUndoId = undoId;
      toast(opts.tone ?? 'success', text ?? 'Done', UNDO_TOAST_MS, {
        action: { label: 'Undo', key: 'Ctrl+Z', run: () => void undo(undoId) },
      });
    } else if (text) toast(opts.tone ?? 'success', text);
    return result;
  } catch (error) {
    const code = errorCode(error);
    if (code && UNREACHABLE.has(code)) return unreachable();
    toast('error', opts.failed ? `${opts.failed}: ${errorText(error)}` : errorText(error));
    return null;
  } finally {
    if (useConsole.getState().busy === key) useConsole.setState({ busy: null });
  }
}

/** Forgets the ticket Ctrl+Z would undo (the console switched to another position). */
export function forgetUndo(): void {
  lastUndoId = null;
}

/**
 * Undoes one action (by its ticket) or, without one, the latest this console's position did (Ctrl+Z): the
 * server's undo at that position (`position_id`), never another position's action.
 */
export async function undo(undoId: string | null = lastUndoId): Promise<void> {
  const data: Data = undoId ? { undo_id: undoId } : here();
  const result = await run(
    OPS.undo,
    data,
    (r) => (isRecord(r) && typeof r.message === 'string' ? `Undone: ${r.message}` : 'Undone'),
    { failed: 'Not undone', tone: 'info' },
  );
  if (result !== null && undoId === lastUndoId) lastUndoId = null;
  if (result !== null) await loadLog();
}

/** The callsign of a QSO-like result (`{callsign}`, `{current_qso:{callsign}}`), or null. */
export function callsignOf(result: unknown): string | null {
  if (!isRecord(result)) return null;
  if (typeof result.callsign === 'string') return result.callsign;
  if (isRecord(result.current_qso) && typeof result.current_qso.callsign === 'string') {
    return result.current_qso.callsign;
  }
  return null;
}

export function normaliseCallsign(text: string): string {
  return text.trim().toUpperCase();
}

// ----- QSO -----------------------------------------------------------------------------------------

/** A second N within this many ms of a QSO's start asks first (a double press would log a phantom QSO). */
export const QSO_GUARD_MS_DEFAULT = 3000;
const GUARD_KEY = 'pileup-console-qso-guard-s';

export function qsoGuardMs(): number {
  try {
    const saved = Number(localStorage.getItem(GUARD_KEY));
    if (localStorage.getItem(GUARD_KEY) !== null && Number.isFinite(saved) && saved >= 0) return saved * 1000;
  } catch {
    // storage unavailable
  }
  return QSO_GUARD_MS_DEFAULT;
}

export function setQsoGuardSeconds(seconds: number): void {
  try {
    localStorage.setItem(GUARD_KEY, String(Math.max(0, Math.min(60, seconds))));
  } catch {
    // not fatal
  }
}

/** "Logged DL1ABC · Working EA8/DL1ABC": what a work action did, from its answer. */
export function workedText(result: unknown): string {
  const working = callsignOf(result);
  const logged =
    isRecord(result) && isRecord(result.cleared_qso) && typeof result.cleared_qso.callsign === 'string'
      ? result.cleared_qso.callsign
      : null;
  const parts = [logged ? `Logged ${logged}` : null, working ? `Working ${working}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'The queue is empty';
}

/** After working: the selection goes back to the head of the queue (and the list scrolls to the top). */
function selectHead(): void {
  useConsole.setState({ selected: null });
}

/** Asks first when the current QSO started less than the guard ago; else runs `action`. */
function guarded(title: string, confirmLabel: string, action: () => Promise<void>): Promise<void> {
  const current = useConsole.getState().live.currentQso;
  const guard = qsoGuardMs();
  const age = current ? Date.now() - Date.parse(current.timestamp) : Infinity;
  if (!current || guard <= 0 || !(age < guard)) return action();
  useConsole.setState({
    dialog: {
      kind: 'confirm',
      title,
      body: `The QSO with ${current.callsign} started ${(age / 1000).toFixed(1)} s ago. Log it as worked anyway?`,
      confirmLabel,
      danger: false,
      onConfirm: () => void action(),
    },
  });
  return Promise.resolve();
}

function requireActive(what: string): boolean {
  if (useConsole.getState().live.active) return true;
  toast('info', `The system is off: ${what}. Switch it on with Shift+A.`);
  return false;
}

/** Marks the QSOs this console logs as logged by the console (the server records it as `logged_by`). */
const CLIENT = 'console';

export async function workNext(): Promise<void> {
  if (!requireActive('nobody can be worked')) return;
  const { live } = useConsole.getState();
  if (live.queue.length === 0 && !live.currentQso) {
    toast('info', 'The queue is empty');
    return;
  }
  const current = live.currentQso?.callsign;
  await guarded('Log this QSO and work the next?', 'Log and work next', async () => {
    const result = await run(OPS.workNext, { client: CLIENT, ...here() }, workedText, {
      undoable: true,
      failed: current ? `QSO with ${current} not logged` : 'Next caller not worked',
    });
    if (result !== null) selectHead();
  });
}

export async function workCallsign(callsign: string): Promise<void> {
  if (!requireActive('nobody can be worked')) return;
  const current = useConsole.getState().live.currentQso?.callsign;
  await guarded(`Log this QSO and work ${callsign}?`, `Log and work ${callsign}`, async () => {
    const result = await run(OPS.workSpecific, { callsign, client: CLIENT, ...here() }, workedText, {
      undoable: true,
      failed: current ? `QSO with ${current} not logged, ${callsign} not worked` : `${callsign} not worked`,
    });
    if (result !== null) selectHead();
  });
}

export async function workSelected(): Promise<void> {
  const { selected } = useConsole.getState();
  if (selected) await workCallsign(selected);
  else await workNext();
}

export async function completeQso(): Promise<void> {
  const current = useConsole.getState().live.currentQso;
  if (!current) {
    toast('info', 'No QSO to complete');
    return;
  }
  await run(OPS.completeQso, { client: CLIENT, ...here() }, () => `Logged ${current.callsign}`, {
    undoable: true,
    failed: `QSO with ${current.callsign} not logged`,
  });
}

export async function cancelQso(): Promise<void> {
  const current = useConsole.getState().live.currentQso;
  if (!current) {
    toast('info', 'No QSO to cancel');
    return;
  }
  await run(OPS.cancelQso, here(), () => `QSO with ${current.callsign} cancelled (not logged)`, {
    undoable: true,
    tone: 'info',
    failed: `QSO with ${current.callsign} not cancelled`,
  });
}

/** The answer of admin.call_again / admin.no_answer, as a toast. */
function noShowText(result: unknown): string | null {
  if (!isRecord(result)) return null;
  return typeof result.message === 'string' ? result.message : null;
}

/** The current caller did not answer: call again (the no-show rule applies once its calls ran out). */
export async function callAgain(): Promise<void> {
  if (!useConsole.getState().live.currentQso) {
    toast('info', 'No QSO: nobody to call');
    return;
  }
  await run(OPS.callAgain, here(), noShowText, { undoable: true });
}

/** The current caller does not answer: apply the no-show rule now. */
export async function noAnswer(): Promise<void> {
  if (!useConsole.getState().live.currentQso) {
    toast('info', 'No QSO: nobody to call');
    return;
  }
  await run(OPS.noAnswer, here(), noShowText, { undoable: true });
}

/** Starts a QSO with a station that called directly (not from the queue). Refused while the system is off. */
export async function startQso(text: string): Promise<boolean> {
  const callsign = normaliseCallsign(text);
  if (!callsign) return false;
  if (!requireActive('a direct QSO cannot be started')) return false;
  const result = await run(OPS.startQso, { callsign, ...here() }, workedText, {
    failed: `QSO with ${callsign} not started`,
  });
  return result !== null;
}

/** While watching all positions, the QSO, queue and station keys say what to do instead of acting. */
export function pickPositionFirst(): void {
  toast('info', 'Watching all positions: pick one (click its card or the position menu) to work it');
}

// ----- Queue ---------------------------------------------------------------------------------------

export function select(callsign: string | null): void {
  useConsole.setState({ selected: callsign });
}

export function moveSelected(delta: number): void {
  const { live, selected } = useConsole.getState();
  useConsole.setState({ selected: moveSelection(live.queue, selected, delta) });
}

/** Home and End: the head of the queue, or its last caller. */
export function selectEdge(edge: 'first' | 'last'): void {
  const { queue } = useConsole.getState().live;
  const entry = edge === 'first' ? queue[0] : queue[queue.length - 1];
  useConsole.setState({ selected: entry?.callsign ?? null });
}

const COMPACT_KEY = 'pileup-console-compact';

export function initialCompact(): boolean {
  try {
    return localStorage.getItem(COMPACT_KEY) === '1';
  } catch {
    return false;
  }
}

/** One line a caller (20 and more visible on a laptop), or the detailed cards. Remembered per browser. */
export function toggleCompact(): void {
  const compact = !useConsole.getState().compact;
  useConsole.setState({ compact });
  try {
    localStorage.setItem(COMPACT_KEY, compact ? '1' : '0');
  } catch {
    // not fatal
  }
}

export async function removeCallsign(callsign: string): Promise<void> {
  await run(OPS.removeCallsign, { callsign, ...here() }, () => `${callsign} removed from the queue`, {
    undoable: true,
    tone: 'info',
    failed: `${callsign} not removed`,
  });
}

export async function removeSelected(): Promise<void> {
  const { selected, live } = useConsole.getState();
  if (selected && queueIndex(live.queue, selected) >= 0) await removeCallsign(selected);
}

export function askBan(callsign: string | null): void {
  if (!callsign) return;
  useConsole.setState({ dialog: { kind: 'ban', callsign } });
}

export async function banCallsign(callsign: string, reason: string): Promise<boolean> {
  const call = normaliseCallsign(callsign);
  if (!call) return false;
  const data: ConsoleInput<typeof OPS.banCallsign> = { callsign: call };
  if (reason.trim()) data.reason = reason.trim();
  const result = await run(OPS.banCallsign, data, () => `${call} banned`);
  if (result !== null) await loadBans();
  return result !== null;
}

export async function unbanCallsign(callsign: string): Promise<void> {
  const result = await run(OPS.unbanCallsign, { callsign }, () => `${callsign} unbanned`);
  if (result !== null) await loadBans();
}

export function askClearQueue(): void {
  const count = useConsole.getState().live.queue.length;
  useConsole.setState({
    dialog: {
      kind: 'confirm',
      title: 'Clear the queue?',
      body: `All ${count} waiting caller${count === 1 ? '' : 's'} will be removed. Callers can register again.`,
      confirmLabel: 'Clear queue',
      danger: true,
      onConfirm: () =>
        void run(OPS.clearQueue, here(), `Queue cleared (${count} caller${count === 1 ? '' : 's'})`, {
          undoable: true,
          tone: 'info',
          failed: 'Queue not cleared',
        }),
    },
  });
}

/** Clears the worked list callers see (asks first); the QSO log keeps every QSO. */
export function askClearWorked(): void {
  useConsole.setState({
    dialog: {
      kind: 'confirm',
      title: 'Clear the worked list?',
      body:
        'The caller page stops showing these stations as worked. The QSO log, the ADIF export and the ' +
        'cooldown keep every QSO.',
      confirmLabel: 'Clear worked list',
      danger: true,
      onConfirm: () =>
        void run(OPS.clearWorked, {}, (result) =>
          isRecord(result) && typeof result.cleared_count === 'number'
            ? `Worked list cleared (${result.cleared_count} station${result.cleared_count === 1 ? '' : 's'})`
            : 'Worked list cleared',
        ),
    },
  });
}

// ----- Station -------------------------------------------------------------------------------------

export function askToggleSystem(): void {
  const { active, queue, currentQso } = useConsole.getState().live;
  const next = !active;
  const losing = queue.length > 0 || currentQso !== null;
  useConsole.setState({
    dialog: {
      kind: 'confirm',
      title: next ? 'Switch the system on?' : 'Switch the system off?',
      body: next
        ? 'Callers will be able to register. The queue starts empty.'
        : `Registration closes${losing ? ', the queue is cleared and the current QSO is dropped (not logged)' : ''}. Frequency and split are cleared.`,
      confirmLabel: next ? 'Switch on' : 'Switch off',
      danger: !next,
      onConfirm: () =>
        void run(
          OPS.setSystemStatus,
          { active: next, ...here() },
          next ? 'System on: callers can register' : 'System off',
          {
            tone: next ? 'success' : 'info',
            failed: next ? 'System not switched on' : 'System not switched off',
          },
        ),
    },
  });
}

export async function togglePause(): Promise<void> {
  const { paused, active } = useConsole.getState().live;
  if (!active) {
    toast('info', 'The system is off: there is no queue to pause. Switch it on with Shift+A.');
    return;
  }
  await run(
    OPS.setQueuePause,
    { paused: !paused, ...here() },
    paused ? 'Queue resumed' : 'Queue paused: new callers cannot register',
    {
      tone: 'info',
      failed: paused ? 'Queue not resumed' : 'Queue not paused',
    },
  );
}

export async function setFrequency(frequency: string, band: string, mode: string): Promise<void> {
  if (!frequency.trim()) {
    await run(OPS.clearFrequency, here(), 'Frequency cleared');
    return;
  }
  const data: ConsoleInput<typeof OPS.setFrequency> = { frequency: frequency.trim(), ...here() };
  if (band.trim()) data.band = band.trim();
  if (mode.trim()) data.mode = mode.trim().toUpperCase();
  await run(OPS.setFrequency, data, `Frequency set to ${frequency.trim()}`);
}

export async function setSplit(split: string): Promise<void> {
  if (!split.trim()) await run(OPS.clearSplit, here(), 'Split cleared');
  else await run(OPS.setSplit, { split: split.trim(), ...here() }, `Split set to ${split.trim()}`);
}

export async function setBeamHeading(text: string): Promise<void> {
  if (!text.trim()) {
    await run(OPS.clearBeamHeading, here(), 'Beam heading cleared');
    return;
  }
  const heading = Number(text);
  if (!Number.isFinite(heading) || heading < 0 || heading > 360) {
    toast('error', 'Beam heading must be a number from 0 to 360');
    return;
  }
  await run(OPS.setBeamHeading, { beam_heading: heading, ...here() }, `Beam heading ${heading}°`);
}

export async function setBeamVisible(visible: boolean): Promise<void> {
  await run(
    OPS.setBeamVisibility,
    { beam_heading_visible: visible, ...here() },
    visible ? 'Beam shown to callers' : 'Beam hidden from callers',
  );
}

// ----- Log, bans, settings -------------------------------------------------------------------------

function listFrom<T>(result: unknown, key: string): T[] | null {
  if (Array.isArray(result)) return result as T[];
  if (isRecord(result) && Array.isArray(result[key])) return result[key] as T[];
  return null;
}

export async function loadLog(): Promise<void> {
  const client = getClient();
  if (!client) return;
  try {
    const result = await client.request(OPS.qsoLog, {});
    const qsos = listFrom<QsoRecord>(result, 'qsos');
    if (qsos) {
      const sorted = [...qsos].sort((a, b) =>
        a.time_off < b.time_off ? 1 : a.time_off > b.time_off ? -1 : 0,
      );
      useConsole.setState((state) => ({ live: { ...state.live, log: sorted } }));
    }
  } catch (error) {
    toast('error', `Could not load the log: ${errorText(error)}`);
  }
}

export async function loadBans(): Promise<void> {
  const client = getClient();
  if (!client) return;
  try {
    const result = await client.request(OPS.listBans, {});
    const bans = listFrom<Ban>(result, 'banned_callsigns');
    if (bans) useConsole.setState((state) => ({ live: { ...state.live, bans } }));
  } catch (error) {
    toast('error', `Could not load the ban list: ${errorText(error)}`);
  }
}

/** Loads what the snapshot may not carry; each part on its own so one failure does not blank the rest. */
export async function loadExtras(): Promise<void> {
  await Promise.all([loadLog(), loadBans()]);
}

/** Downloads the log as an ADIF file made by the server. */
export async function exportAdif(
  stationCallsign?: string | null,
  format: 'adi' | 'adx' = 'adi',
): Promise<void> {
  const result = await run(format === 'adx' ? OPS.exportAdx : OPS.exportAdif, {});
  if (result === null) return;
  const text =
    typeof result === 'string'
      ? result
      : isRecord(result) && typeof result.adif === 'string'
        ? result.adif
        : null;
  if (text === null) {
    toast('error', 'The server sent no ADIF text');
    return;
  }
  const serverName = isRecord(result) && typeof result.filename === 'string' ? result.filename : null;
  const name =
    stationCallsign || !serverName
      ? adifFileName(Date.now(), stationCallsign).replace(/\.adi$/, `.${format}`)
      : serverName;
  const type = format === 'adx' ? 'application/xml' : 'text/plain';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  toast('success', `Exported ${name}`);
}
