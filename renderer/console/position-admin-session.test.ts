/**
 * The console follows the camp: it subscribes to every position's events, keeps one copy of the camp (the
 * positions' list, each one's state, the caller rules) from the snapshot and the events, and keeps its own view
 * (queue, system) on the default position whatever another position does.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { startConsole } from './session.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { fakeClient, type FakeClient } from './testing-client.js';
import { OPS } from './operations.js';
import { entry, positionView } from './testing-fixtures.js';

const desktop = {
  serverUrl: 'http://127.0.0.1:8000',
  adminToken: 'desktop-token',
  appVersion: '1.0.0',
  openExternal: async () => true,
};

const position = (id: string, name: string, created: string) =>
  positionView(id, { name, created_at: created });

function campClient(): FakeClient {
  const client = fakeClient();
  // as the server answers `state.snapshot {positions: "all"}`: the default position's state at the top level,
  // every position's besides, the list and the caller rules, at one seq
  const queue = { queue: [entry('DL1ABC', 1)], total: 1, max_size: 50, system_active: true };
  client.answers.set(OPS.snapshot, () => ({
    seq: 10,
    system: { active: true, paused: false },
    queue,
    positions: { default: { public: { seq: 10, system: { active: true, paused: false }, queue } } },
    position_list: [{ ...position('default', 'Main', '2026-03-01T10:00:00Z'), queue_length: 1 }],
    caller_rules: { allow_dupes: false, max_queues_per_caller: 1 },
  }));
  return client;
}

beforeEach(() => {
  useConsole.setState({ ...INITIAL_STORE });
});

describe('the console and the camp', () => {
  it("subscribes to every position, loads the camp, and keeps its queue the default position's", async () => {
    const client = campClient();
    await startConsole({ createClient: () => client, desktop, pageOrigin: '' });
    expect(client.subscriptions).toEqual([{ events: undefined, positions: 'all' }]);
    // one request for the camp: the snapshot (no separate positions.list)
    expect(client.requests.map((r) => r.operation)).not.toContain('positions.list');
    expect(useConsole.getState().camp.positions.map((p) => p.id)).toEqual(['default']);
    expect(useConsole.getState().callerRules).toEqual({ allow_dupes: false, max_queues_per_caller: 1 });

    client.emit({
      event: 'position_update',
      data: { position_id: 'run-2', position: position('run-2', 'Run 2', '2026-03-01T11:00:00Z') },
      seq: 11,
      position_id: 'run-2',
    });
    expect(useConsole.getState().camp.positions.map((p) => p.name)).toEqual(['Main', 'Run 2']);

    // run-2's queue and system move its line in the list, never the console's own queue
    client.emit({
      event: 'queue_update',
      data: { queue: [entry('K1ABC', 1)], total: 1, max_size: 50, system_active: true },
      seq: 12,
      position_id: 'run-2',
    });
    expect(useConsole.getState().camp.positions[1]).toMatchObject({ queue_length: 1, active: true });
    client.emit({ event: 'system_status', data: { active: false }, seq: 13, position_id: 'run-2' });
    expect(useConsole.getState().live.queue.map((e) => e.callsign)).toEqual(['DL1ABC']);
    expect(useConsole.getState().live.active).toBe(true);
    expect(useConsole.getState().camp.positions[1]).toMatchObject({ active: false });

    // the default position's events still reach the console (with or without their position id)
    client.emit({
      event: 'queue_update',
      data: { queue: [], total: 0, max_size: 50, system_active: true },
      seq: 14,
      position_id: 'default',
    });
    expect(useConsole.getState().live.queue).toEqual([]);

    client.emit({
      event: 'caller_rules_update',
      data: { allow_dupes: true, max_queues_per_caller: 2 },
      seq: 15,
    });
    expect(useConsole.getState().callerRules).toEqual({ allow_dupes: true, max_queues_per_caller: 2 });

    client.emit({ event: 'position_update', data: { position_id: 'run-2', position: null }, seq: 16 });
    expect(useConsole.getState().camp.positions.map((p) => p.id)).toEqual(['default']);
  });
});
