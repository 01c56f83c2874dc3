/**
 * Everything the operator can do, as functions the buttons and the keyboard share. Each sends one
 * operation, shows what happened (a toast for success and failure), and refuses a second send of the
 * same operation while the first is in flight.
 */
import type { Ban, QsoRecord } from '../../shared/protocol/types.js';
import { errorText } from './client.js';
import { getClient } from './current-client.js';
import { moveSelection, queueIndex } from './live-state.js';
import { OPS, type ConsoleOperation } from './operations.js';
import { toast, useConsole } from './store.js';
import { adifFileName } from './format.js';

type Data = Record<string, unknown>;

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sends one operation with busy state and feedback. Resolves with the result, or null on failure. */
export async function run<T = unknown>(
  operation: ConsoleOperation,
  data: Data = {},
  success?: string | ((result: T) => string | null),
): Promise<T | null> {
  const client = getClient();
  if (!client) return null;
  const key = `${operation}:${JSON.stringify(data)}`;
  if (useConsole.getState().busy === key) return null;
  useConsole.setState({ busy: key });
  try {
    const result = await client.request<T>(operation, data);
    const text = typeof success === 'function' ? success(result) : success;
    if (text) toast('success', text);
    return result;
  } catch (error) {
    toast('error', errorText(error));
    return null;
  } finally {
    if (useConsole.getState().busy === key) useConsole.setState({ busy: null });
  }
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

export async function workNext(): Promise<void> {
  await run(OPS.workNext, {}, (result) => {
    const call = callsignOf(result);
    return call ? `Working ${call}` : 'The queue is empty';
  });
}

export async function workCallsign(callsign: string): Promise<void> {
  await run(OPS.workSpecific, { callsign }, () => `Working ${callsign}`);
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
  await run(OPS.completeQso, {}, () => `QSO with ${current.callsign} logged`);
}

export async function cancelQso(): Promise<void> {
  const current = useConsole.getState().live.currentQso;
  if (!current) {
    toast('info', 'No QSO to cancel');
    return;
  }
  await run(OPS.cancelQso, {}, () => `QSO with ${current.callsign} cancelled (not logged)`);
}

/** Starts a QSO with a station that called directly (not from the queue). */
export async function startQso(text: string): Promise<boolean> {
  const callsign = normaliseCallsign(text);
  if (!callsign) return false;
  const result = await run(OPS.startQso, { callsign }, () => `Working ${callsign}`);
  return result !== null;
}

// ----- Queue ---------------------------------------------------------------------------------------

export function select(callsign: string | null): void {
  useConsole.setState({ selected: callsign });
}

export function moveSelected(delta: number): void {
  const { live, selected } = useConsole.getState();
  useConsole.setState({ selected: moveSelection(live.queue, selected, delta) });
}

export async function removeCallsign(callsign: string): Promise<void> {
  await run(OPS.removeCallsign, { callsign }, () => `${callsign} removed from the queue`);
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
  const data: Data = { callsign: call };
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
      onConfirm: () => void run(OPS.clearQueue, {}, 'Queue cleared'),
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
        void run<unknown>(OPS.clearWorked, {}, (result) =>
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
      onConfirm: () => void run(OPS.setSystemStatus, { active: next }, next ? 'System on' : 'System off'),
    },
  });
}

export async function togglePause(): Promise<void> {
  const { paused, active } = useConsole.getState().live;
  if (!active) {
    toast('info', 'The system is off');
    return;
  }
  await run(OPS.setQueuePause, { paused: !paused }, paused ? 'Queue resumed' : 'Queue paused');
}

export async function setFrequency(frequency: string, band: string, mode: string): Promise<void> {
  if (!frequency.trim()) {
    await run(OPS.clearFrequency, {}, 'Frequency cleared');
    return;
  }
  const data: Data = { frequency: frequency.trim() };
  if (band.trim()) data.band = band.trim();
  if (mode.trim()) data.mode = mode.trim().toUpperCase();
  await run(OPS.setFrequency, data, `Frequency set to ${frequency.trim()}`);
}

export async function setSplit(split: string): Promise<void> {
  if (!split.trim()) await run(OPS.clearSplit, {}, 'Split cleared');
  else await run(OPS.setSplit, { split: split.trim() }, `Split set to ${split.trim()}`);
}

export async function setBeamHeading(text: string): Promise<void> {
  if (!text.trim()) {
    await run(OPS.clearBeamHeading, {}, 'Beam heading cleared');
    return;
  }
  const heading = Number(text);
  if (!Number.isFinite(heading) || heading < 0 || heading > 360) {
    toast('error', 'Beam heading must be a number from 0 to 360');
    return;
  }
  await run(OPS.setBeamHeading, { beam_heading: heading }, `Beam heading ${heading}°`);
}

export async function setBeamVisible(visible: boolean): Promise<void> {
  await run(
    OPS.setBeamVisibility,
    { beam_heading_visible: visible },
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
    const result = await client.request<unknown>(OPS.qsoLog, {});
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
    const result = await client.request<unknown>(OPS.listBans, {});
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
  const result = await run<unknown>(format === 'adx' ? OPS.exportAdx : OPS.exportAdif, {});
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
