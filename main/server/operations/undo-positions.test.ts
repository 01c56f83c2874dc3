/**
 * Undo at operating positions against a real server: the journal records where each action was taken, an
 * undo changes that position only, `admin.undo` without an id takes back the latest action at the position it
 * names (the default one when none), and a position switched off or deleted forgets its own actions only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLookup } from '../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from '../transports/ws/attach.js';
import { RawClient, type Frame } from '../transports/ws/test-client.js';

let t: TestServer;
let op: RawClient;
let n = 0;

async function req(operation: string, data: Frame = {}): Promise<Frame> {
  const id = `u${(n += 1)}`;
  op.send({ type: 'request', id, operation, data });
  return op.next((f) => f.type !== 'event' && f.id === id);
}

async function ok(operation: string, data: Frame = {}): Promise<Frame> {
  const r = await req(operation, data);
  expect(r, `${operation}: ${String(r.error)}`).toMatchObject({ success: true });
  return r.data as Frame;
}

async function queueOf(position_id: string): Promise<string[]> {
  const q = await ok('positions.get_queue', { position_id });
  return (q.queue as Frame[]).map((e) => e.callsign as string);
}

async function currentAt(position_id: string): Promise<string | null> {
  const s = await ok('positions.get_state', { position_id });
  return ((s.current_qso as Frame | null)?.callsign as string | undefined) ?? null;
}

beforeEach(async () => {
  t = await startTestServer({
    lookup: fakeLookup(),
    env: { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' },
    attach: [webSocketAttach],
  });
  op = await RawClient.open(t.url, '/ws/connect');
  const id = 'auth';
  op.send({ type: 'auth', id, data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  await op.next((f) => f.id === id);
  await ok('admin.update_position', {
    position_id: 'default',
    frequency: '14.025',
    mode: 'CW',
    active: true,
  });
  await ok('admin.create_position', {
    name: 'Run 2',
    id: 'run-2',
    frequency: '7.074',
    mode: 'FT8',
    active: true,
  });
  await ok('admin.set_caller_rules', { allow_dupes: true, max_queues_per_caller: 1 });
  for (const [callsign, position_id] of [
    ['K1ABC', 'run-2'],
    ['DL1XYZ', 'run-2'],
    ['W1AW', 'default'],
    ['G4XYZ', 'default'],
  ] as const) {
    await ok('queue.register', { callsign, position_id });
  }
});

afterEach(async () => {
  op.close();
  await t.close();
});

describe('undo at operating positions', () => {
  it('work next at two positions: each undo puts back its own caller', async () => {
    const atRun2 = await ok('admin.next_qso', { position_id: 'run-2' });
    expect(atRun2).toMatchObject({ undo_label: 'Work K1ABC', position_id: 'run-2' });
    const atDefault = await ok('admin.next_qso');
    expect(atDefault.undo_label).toBe('Work W1AW');
    expect(atDefault).not.toHaveProperty('position_id');

    // Without an id: the latest at the default position, though run-2's came first and is still open.
    const first = await ok('admin.undo');
    expect(first.undone).toMatchObject({ undo_label: 'Work W1AW' });
    expect(await queueOf('default')).toEqual(['W1AW', 'G4XYZ']);
    expect(await currentAt('run-2')).toBe('K1ABC');
    expect((first.undoable as Frame[]).map((u) => u.position_id)).toEqual(['run-2']);

    // With position_id: the latest there.
    const second = await ok('admin.undo', { position_id: 'run-2' });
    expect(second.undone).toMatchObject({ undo_label: 'Work K1ABC', position_id: 'run-2' });
    expect(await queueOf('run-2')).toEqual(['K1ABC', 'DL1XYZ']);
    expect(await currentAt('run-2')).toBeNull();
    expect(await queueOf('default')).toEqual(['W1AW', 'G4XYZ']);
    expect(await req('admin.undo', { position_id: 'run-2' })).toMatchObject({
      success: false,
      error_code: 'NOT_FOUND',
    });
  });

  it("complete and cancel at run-2 undone by their ids: the QSO leaves the log, it is run-2's current again", async () => {
    await ok('admin.next_qso', { position_id: 'run-2' });
    const completed = await ok('admin.complete_qso', { position_id: 'run-2' });
    expect(completed).toMatchObject({ undo_label: 'Log K1ABC', position_id: 'run-2' });
    const logged = (await ok('admin.get_qsos')).qsos as Frame[];
    expect(logged.map((q) => [q.callsign, q.position_id])).toEqual([['K1ABC', 'run-2']]);
    await ok('admin.undo', { undo_id: completed.undo_id });
    expect((await ok('admin.get_qsos')).qsos).toEqual([]);
    expect(await currentAt('run-2')).toBe('K1ABC');
    expect(await currentAt('default')).toBeNull();

    const cancelled = await ok('admin.cancel_qso', { position_id: 'run-2' });
    expect(await currentAt('run-2')).toBeNull();
    await ok('admin.undo', { undo_id: cancelled.undo_id });
    expect(await currentAt('run-2')).toBe('K1ABC');
  });

  it('a removal at run-2 goes back to run-2, unless the caller waits elsewhere by then', async () => {
    const station = t.server.station;
    await station.removeCallsign('DL1XYZ', undefined, 'run-2');
    await ok('admin.undo', { position_id: 'run-2' });
    expect(await queueOf('run-2')).toEqual(['K1ABC', 'DL1XYZ']);
    expect(await queueOf('default')).toEqual(['W1AW', 'G4XYZ']);

    await station.removeCallsign('DL1XYZ', undefined, 'run-2');
    await ok('queue.register', { callsign: 'DL1XYZ' }); // now waits at the default position
    expect(await req('admin.undo', { position_id: 'run-2' })).toMatchObject({
      success: false,
      error_code: 'CONFLICT',
    });
    expect(await queueOf('run-2')).toEqual(['K1ABC']);
  });

  it('switching a position off forgets its actions only', async () => {
    const atRun2 = await ok('admin.next_qso', { position_id: 'run-2' });
    await ok('admin.next_qso');
    await ok('admin.update_position', { position_id: 'default', active: false });
    expect(t.server.station.undoable().map((u) => u.undo_id)).toEqual([atRun2.undo_id]);
    expect(await req('admin.undo')).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
    await ok('admin.undo', { undo_id: atRun2.undo_id });
    expect(await queueOf('run-2')).toEqual(['K1ABC', 'DL1XYZ']);
  });

  it('a deleted position takes its open actions with it (a new one with its id is another position)', async () => {
    await t.server.station.removeCallsign('DL1XYZ', undefined, 'run-2');
    await ok('admin.next_qso', { position_id: 'run-2' });
    const logged = await ok('admin.complete_qso', { position_id: 'run-2' });
    await ok('admin.delete_position', { position_id: 'run-2' });
    await ok('admin.create_position', { name: 'Run 2 again', id: 'run-2', active: true });
    expect(t.server.station.undoable()).toEqual([]);
    expect(await req('admin.undo', { undo_id: logged.undo_id })).toMatchObject({
      success: false,
      error_code: 'NOT_FOUND',
    });
    expect(await currentAt('run-2')).toBeNull();
    expect((await ok('admin.get_qsos')).qsos).toHaveLength(1);
  });
});
