import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  askClearWorked,
  banCallsign,
  callsignOf,
  completeQso,
  run,
  startQso,
  workNext,
  workSelected,
} from './actions.js';
import { setClient } from './current-client.js';
import { OPS } from './operations.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { fakeClient, RequestFailure, type FakeClient } from './testing-client.js';
import { lookup } from './testing-fixtures.js';

let client: FakeClient;

beforeEach(() => {
  useConsole.setState({ ...INITIAL_STORE });
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

  it('says who is worked next, or that the queue is empty', async () => {
    client.answers.set(OPS.workNext, () => ({ callsign: 'DL1ABC', current_qso: { callsign: 'DL1ABC' } }));
    await workNext();
    client.answers.set(OPS.workNext, () => ({
      message: 'Queue is empty. No action taken.',
      current_qso: null,
    }));
    await workNext();
    expect(toasts()).toEqual(['success: Working DL1ABC', 'success: The queue is empty']);
  });

  it("shows the server's message when an operation fails", async () => {
    client.answers.set(OPS.startQso, () => {
      throw new RequestFailure('INVALID_CALLSIGN', 'Invalid callsign format: 123');
    });
    expect(await startQso('123')).toBe(false);
    expect(toasts()).toEqual(['error: Invalid callsign format: 123']);
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
      { operation: OPS.workSpecific, data: { callsign: 'G4XYZ' } },
      { operation: OPS.workNext, data: {} },
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
    expect(client.requests.map((r) => r.operation)).toEqual([OPS.completeQso]);
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
