/**
 * The console at an operating position: its own state follows its position's events (and the station-wide
 * ones), every position's state follows all of them, the choice switches what it shows, and its actions name
 * the position (nothing changes on the wire at the default position).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { choosePosition, startConsole } from './session.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { fakeClient, type FakeClient } from './testing-client.js';
import { OPS } from './operations.js';
import { entry, positionView } from './testing-fixtures.js';
import { completeQso, setFrequency, togglePause, undo, workNext } from './actions.js';
import { ALL_POSITIONS } from './position-choice.js';
import { isWatchingAll } from './working-position.js';

const listed = (id: string, name: string, queueLength: number) =>
  positionView(id, { name, queue_length: queueLength, created_at: '2026-03-01T00:00:00Z' });

function publicState(seq: number, calls: string[]) {
  return {
    seq,
    system: { active: true, paused: false },
    frequency: { frequency: null, band: null, mode: null, last_updated: null },
    split: { split: null, last_updated: null },
    beam_heading: { beam_heading: null, beam_heading_visible: false },
    current_qso: null,
    queue: {
      queue: calls.map((c, i) => entry(c, i + 1)),
      total: calls.length,
      max_size: 50,
      system_active: true,
    },
    worked: { worked_callers: [], total: 0 },
    stats: { qsos_last_hour: 0, average_qso_seconds: null },
  };
}

const POSITIONS = [listed('default', 'Run 1', 1), listed('run-2', 'Run 2', 2)];

function campClient(): FakeClient {
  const client = fakeClient();
  client.answers.set(OPS.snapshot, () => ({
    ...publicState(10, ['DL1ABC']),
    admin: { system: { active: true, paused: false }, current_qso: null, bans: [] },
    position_list: POSITIONS,
    positions: {
      default: { public: publicState(10, ['DL1ABC']) },
      'run-2': {
        public: publicState(10, ['K1ABC', 'W1AW']),
        admin: { system: { active: true, paused: false }, current_qso: null },
      },
    },
  }));
  return client;
}

async function start(client: FakeClient, choice: string): Promise<void> {
  useConsole.setState({ ...INITIAL_STORE, positionChoice: choice });
  await startConsole({
    createClient: () => client,
    desktop: {
      serverUrl: 'http://127.0.0.1:8000',
      adminToken: 'desktop-token',
      appVersion: '1.0.0',
      openExternal: async () => true,
    },
    pageOrigin: 'http://ignored:1',
  });
}

const calls = () => useConsole.getState().live.queue.map((e) => e.callsign);
const lastRequest = (client: FakeClient) => client.requests[client.requests.length - 1]!;

beforeEach(() => useConsole.setState({ ...INITIAL_STORE }));

describe('the console at an operating position', () => {
  it("shows its position's state and follows only its position's events (and the station-wide ones)", async () => {
    const client = campClient();
    await start(client, 'run-2');
    expect(calls()).toEqual(['K1ABC', 'W1AW']);
    expect(client.requests.find((r) => r.operation === OPS.snapshot)?.data).toEqual({ positions: 'all' });

    const queue = (seq: number, who: string[]) => publicState(seq, who).queue;
    client.emit({
      event: 'queue_update',
      seq: 11,
      data: queue(11, ['DL1ABC', 'G4XYZ']),
      position_id: 'default',
    });
    expect(calls()).toEqual(['K1ABC', 'W1AW']);
    client.emit({ event: 'queue_update', seq: 12, data: queue(12, ['W1AW']), position_id: 'run-2' });
    expect(calls()).toEqual(['W1AW']);
    client.emit({
      event: 'bans_update',
      seq: 13,
      data: { banned_callsigns: [{ callsign: 'XX1X', reason: null, banned_at: 'x', banned_by: 'admin' }] },
    });
    expect(useConsole.getState().live.bans.map((b) => b.callsign)).toEqual(['XX1X']);

    // Every position's public state follows all of them (the cards of "All positions").
    const camp = useConsole.getState().camp;
    expect(camp.positions.map((p) => p.id)).toEqual(['default', 'run-2']);
    expect(camp.states.default?.queue.queue.map((e) => e.callsign)).toEqual(['DL1ABC', 'G4XYZ']);
    expect(camp.states['run-2']?.queue.queue.map((e) => e.callsign)).toEqual(['W1AW']);
  });

  it('names its position in what it sends; at the default position the operations are as before', async () => {
    const client = campClient();
    await start(client, 'run-2');
    await workNext();
    expect(lastRequest(client)).toEqual({
      operation: OPS.workNext,
      data: { client: 'console', position_id: 'run-2' },
    });
    await togglePause();
    expect(lastRequest(client)).toEqual({
      operation: OPS.setQueuePause,
      data: { paused: true, position_id: 'run-2' },
    });
    await setFrequency('7.074', '', 'ft8');
    expect(lastRequest(client)).toEqual({
      operation: OPS.setFrequency,
      data: { frequency: '7.074', mode: 'FT8', position_id: 'run-2' },
    });
    // Ctrl+Z without a ticket undoes the latest at this position, never another position's action.
    await undo();
    expect(client.requests.find((r) => r.operation === OPS.undo)?.data).toEqual({ position_id: 'run-2' });

    await choosePosition('default');
    expect(calls()).toEqual(['DL1ABC']);
    useConsole.setState((s) => ({
      live: { ...s.live, currentQso: { ...entry('DL1ABC', 1), metadata: {} } },
    }));
    await completeQso();
    expect(lastRequest(client)).toEqual({ operation: OPS.completeQso, data: { client: 'console' } });
  });

  it('goes back to the default position when its own is deleted', async () => {
    const client = campClient();
    await start(client, 'run-2');
    expect(calls()).toEqual(['K1ABC', 'W1AW']);
    const snapshots = () => client.requests.filter((r) => r.operation === OPS.snapshot).length;
    const before = snapshots();
    client.answers.set(OPS.snapshot, () => ({
      ...publicState(21, ['DL1ABC']),
      admin: { system: { active: true, paused: false }, current_qso: null, bans: [] },
      position_list: [POSITIONS[0]],
      positions: { default: { public: publicState(21, ['DL1ABC']) } },
    }));
    client.emit({
      event: 'position_update',
      seq: 20,
      data: { position_id: 'run-2', position: null },
      position_id: 'run-2',
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(snapshots()).toBe(before + 1);
    expect(calls()).toEqual(['DL1ABC']);
    expect(useConsole.getState().camp.positions.map((p) => p.id)).toEqual(['default']);
  });

  it('watches all positions: the choice is "all", the working state stays the default one', async () => {
    const client = campClient();
    await start(client, 'run-2');
    await choosePosition(ALL_POSITIONS);
    expect(useConsole.getState().positionChoice).toBe(ALL_POSITIONS);
    expect(isWatchingAll()).toBe(true);
    expect(calls()).toEqual(['DL1ABC']);
    await choosePosition('run-2');
    expect(isWatchingAll()).toBe(false);
    expect(calls()).toEqual(['K1ABC', 'W1AW']);
  });
});
