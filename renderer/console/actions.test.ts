import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  askClearWorked,
  banCallsign,
  callsignOf,
  completeQso,
  cancelQso,
  removeCallsign,
  run,
  startQso,
  undo,
  workNext,
  workSelected,
} from './actions.js';
import { setClient } from './current-client.js';
import { OPS } from './operations.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { fakeClient, RequestFailure, type FakeClient } from './testing-client.js';
import { entry, lookup } from './testing-fixtures.js';

let client: FakeClient;

beforeEach(() => {
  // connected, on air, DL1ABC and G4XYZ waiting
  useConsole.setState({
    ...INITIAL_STORE,
    connection: 'open',
    live: { ...INITIAL_STORE.live, active: true, queue: [entry('DL1ABC', 1), entry('G4XYZ', 2)] },
  });
  client = fakeClient();
  setClient(client);
});

const toasts = (): string[] => useConsole.getState().toasts.map((t) => `${t.tone}: ${t.text}`);

describe('actions', () => {
  it('never sends the same operation twice while the first is in flight', async () => {
    client.hold = true;
    const first = run(OPS.workNext);
    const second = await run(OPS.workNext);
    expect(second).toBeNull();
    expect(client.requests).toHaveLength(1);
    expect(useConsole.getState().busy).not.toBeNull();
    client.release();
    await first;
    expect(useConsole.getState().busy).toBeNull();
  });

  it('names what happened: who was logged and who is worked now, or that the queue is empty', async () => {
    client.answers.set(OPS.workNext, () => ({
      callsign: 'EA8/DL1ABC',
      current_qso: { callsign: 'EA8/DL1ABC' },
      cleared_qso: { callsign: 'DL1ABC', timestamp: '2026-03-01T12:00:00Z' },
    }));
    await workNext();
    useConsole.setState((s) => ({ live: { ...s.live, queue: [], currentQso: null } }));
    await workNext();
    expect(toasts()).toEqual(['success: Logged DL1ABC · Working EA8/DL1ABC', 'info: The queue is empty']);
    expect(client.requests).toHaveLength(1);
  });

  it('says the system is off instead of working anyone, and starts no direct QSO while off', async () => {
    useConsole.setState((s) => ({ live: { ...s.live, active: false } }));
    await workNext();
    expect(await startQso('K1ABC')).toBe(false);
    expect(client.requests).toEqual([]);
    expect(toasts()).toEqual([
      'info: The system is off: nobody can be worked. Switch it on with Shift+A.',
      'info: The system is off: a direct QSO cannot be started. Switch it on with Shift+A.',
    ]);
  });

  it('offers Undo with Ctrl+Z for an undoable action, and undoes exactly that action', async () => {
    client.answers.set(OPS.removeCallsign, () => ({
      message: 'removed',
      undo_id: 'u-1',
      undo_label: 'Remove G4XYZ',
    }));
    client.answers.set(OPS.undo, () => ({ message: 'G4XYZ is back in the queue' }));
    await removeCallsign('G4XYZ');
    const t = useConsole.getState().toasts[0]!;
    expect(t).toMatchObject({
      tone: 'info',
      text: 'G4XYZ removed from the queue',
      action: { label: 'Undo', key: 'Ctrl+Z' },
    });
    t.action!.run();
    await vi.waitFor(() => expect(toasts()).toContain('info: Undone: G4XYZ is back in the queue'));
    expect(client.requests.slice(0, 2)).toEqual([
      { operation: OPS.removeCallsign, data: { callsign: 'G4XYZ' } },
      { operation: OPS.undo, data: { undo_id: 'u-1' } },
    ]);
    // Ctrl+Z without a fresh ticket asks the server for its latest undo
    await undo();
    expect(client.requests.filter((r) => r.operation === OPS.undo).at(-1)).toEqual({
      operation: OPS.undo,
      data: {},
    });
  });

  it('cancel is a neutral toast, not a success', async () => {
    useConsole.setState((s) => ({
      live: {
        ...s.live,
        currentQso: {
          callsign: 'DL1ABC',
          timestamp: '2026-03-01T12:00:00Z',
          qrz: lookup('DL1ABC'),
          metadata: {},
        },
      },
    }));
    await cancelQso();
    expect(toasts()).toEqual(['info: QSO with DL1ABC cancelled (not logged)']);
  });

  it('a second N within the guard asks first instead of logging a phantom QSO', async () => {
    useConsole.setState((s) => ({
      live: {
        ...s.live,
        currentQso: {
          callsign: 'DL1ABC',
          timestamp: new Date(Date.now() - 500).toISOString(),
          qrz: lookup('DL1ABC'),
          metadata: {},
        },
      },
    }));
    await workNext();
    expect(client.requests).toEqual([]);
    const dialog = useConsole.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'confirm', title: 'Log this QSO and work the next?' });
    if (dialog?.kind !== 'confirm') throw new Error('no confirmation');
    dialog.onConfirm();
    await vi.waitFor(() =>
      expect(client.requests).toEqual([{ operation: OPS.workNext, data: { client: 'console' } }]),
    );
  });

  it('while disconnected sends nothing and says, on screen until dismissed, what was not done; Retry sends it', async () => {
    useConsole.setState((s) => ({
      connection: 'reconnecting',
      live: {
        ...s.live,
        currentQso: {
          callsign: 'DL1ABC',
          timestamp: '2026-03-01T12:00:00Z',
          qrz: lookup('DL1ABC'),
          metadata: {},
        },
      },
    }));
    await completeQso();
    expect(client.requests).toEqual([]);
    const t = useConsole.getState().toasts[0]!;
    expect(t).toMatchObject({
      tone: 'error',
      sticky: true,
      text: 'QSO with DL1ABC not logged: server unreachable.',
    });
    expect(t.action?.label).toBe('Retry');
    useConsole.setState({ connection: 'open' });
    t.action!.run();
    await vi.waitFor(() => expect(client.requests.map((r) => r.operation)).toEqual([OPS.completeQso]));
  });

  it('a request that times out is reported as not done, with Retry', async () => {
    client.answers.set(OPS.workNext, () => {
      throw new RequestFailure('TIMEOUT', 'No reply to admin.next_qso within 10000 ms');
    });
    await workNext();
    expect(useConsole.getState().toasts[0]).toMatchObject({
      sticky: true,
      text: 'Next caller not worked: server unreachable.',
    });
  });

  it("shows the server's message when an operation fails", async () => {
    client.answers.set(OPS.startQso, () => {
      throw new RequestFailure('INVALID_CALLSIGN', 'Invalid callsign format: 123');
    });
    expect(await startQso('123')).toBe(false);
    expect(toasts()).toEqual(['error: QSO with 123 not started: Invalid callsign format: 123']);
  });

  it('starts a direct QSO with the typed callsign in capitals, and ignores an empty field', async () => {
    expect(await startQso('  ')).toBe(false);
    expect(await startQso(' k1abc ')).toBe(true);
    expect(client.requests).toEqual([{ operation: OPS.startQso, data: { callsign: 'K1ABC' } }]);
  });

  it('works the selected caller, or the next one when none is selected', async () => {
    useConsole.setState({ selected: 'G4XYZ' });
    await workSelected();
    useConsole.setState({ selected: null });
    await workSelected();
    expect(client.requests).toEqual([
      { operation: OPS.workSpecific, data: { callsign: 'G4XYZ', client: 'console' } },
      { operation: OPS.workNext, data: { client: 'console' } },
    ]);
  });

  it('completes only when there is a QSO', async () => {
    await completeQso();
    expect(client.requests).toEqual([]);
    expect(toasts()).toEqual(['info: No QSO to complete']);
    useConsole.setState((s) => ({
      live: {
        ...s.live,
        currentQso: {
          callsign: 'EI6JGB',
          timestamp: '2026-03-01T12:00:00Z',
          qrz: lookup('EI6JGB'),
          metadata: {},
        },
      },
    }));
    await completeQso();
    expect(client.requests).toEqual([{ operation: OPS.completeQso, data: { client: 'console' } }]);
  });

  it('bans with the reason only when one was given, then reloads the ban list', async () => {
    await banCallsign('g4xyz', '  ');
    await banCallsign('G4XYZ', 'Calling out of turn');
    expect(client.requests).toEqual([
      { operation: OPS.banCallsign, data: { callsign: 'G4XYZ' } },
      { operation: OPS.listBans, data: {} },
      { operation: OPS.banCallsign, data: { callsign: 'G4XYZ', reason: 'Calling out of turn' } },
      { operation: OPS.listBans, data: {} },
    ]);
  });

  it('reads the callsign of QSO-like results', () => {
    expect(callsignOf({ callsign: 'A1A' })).toBe('A1A');
    expect(callsignOf({ current_qso: { callsign: 'B1B' } })).toBe('B1B');
    expect(callsignOf({ current_qso: null })).toBeNull();
    expect(callsignOf(null)).toBeNull();
  });

  it('clears the worked list only after the operator confirms', async () => {
    client.answers.set(OPS.clearWorked, () => ({ message: 'Worked callers cleared.', cleared_count: 3 }));
    askClearWorked();
    const dialog = useConsole.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'confirm', title: 'Clear the worked list?', danger: true });
    expect(client.requests).toEqual([]);
    if (dialog?.kind !== 'confirm') throw new Error('no confirmation');
    dialog.onConfirm();
    await vi.waitFor(() => expect(toasts()).toEqual(['success: Worked list cleared (3 stations)']));
    expect(client.requests).toEqual([{ operation: OPS.clearWorked, data: {} }]);
  });
});
