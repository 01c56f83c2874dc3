/**
 * Multi-station operation over protocol v2 against a real server: two positions with their own queues, a
 * caller refused a slot they already have and joining the other position, the per-caller queue rule, a move,
 * QSOs logged on their position, and positions kept across a restart. The original's HTTP API keeps seeing
 * the default position.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../testing/test-server.js';
import { webSocketAttach } from '../attach.js';
import { RawClient, type Frame } from '../test-client.js';

let t: TestServer;
let n = 0;
const env = { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' };

async function req(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const id = `p${(n += 1)}`;
  c.send({ type: 'request', id, operation, data });
  return c.next((f) => f.type !== 'event' && f.id === id);
}

async function ok(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const r = await req(c, operation, data);
  expect(r, `${operation}: ${String(r.error)}`).toMatchObject({ success: true });
  return r.data as Frame;
}

async function refused(c: RawClient, operation: string, data: Frame): Promise<string> {
  const r = await req(c, operation, data);
  expect(r.success, `${operation} should be refused`).toBe(false);
  return r.error_code as string;
}

async function admin(): Promise<RawClient> {
  const c = await RawClient.open(t.url, '/ws/connect');
  const id = `a${(n += 1)}`;
  c.send({ type: 'auth', id, data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  await c.next((f) => f.id === id);
  return c;
}

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), env, attach: [webSocketAttach], keepDataDir: true });
});

afterAll(async () => {
  await t.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('operating positions over protocol v2', () => {
  it('two positions work their own queues; a worked slot is refused, the other joined; a move keeps the wait', async () => {
    const op = await admin();
    const phone = await RawClient.open(t.url, '/ws/connect');
    await ok(op, 'events.subscribe', { positions: 'all' });
    await ok(op, 'admin.update_position', {
      position_id: 'default',
      name: 'Run 1 - 20m CW',
      frequency: '14.025',
      mode: 'CW',
      active: true,
    });
    const created = await ok(op, 'admin.create_position', {
      name: 'Run 2 - 40m FT8',
      id: 'run-2',
      frequency: '7.074',
      mode: 'FT8',
      active: true,
    });
    expect(created.position).toMatchObject({
      id: 'run-2',
      band: '40m',
      mode: 'FT8',
      active: true,
      queue_length: 0,
    });
    expect(await op.next((f) => f.event === 'position_update' && f.position_id === 'run-2')).toMatchObject({
      data: { position_id: 'run-2', position: { name: 'Run 2 - 40m FT8' } },
    });
    expect(await refused(op, 'admin.create_position', { name: 'run 2 - 40m ft8' })).toBe(
      'POSITION_NAME_TAKEN',
    );

    // W1AW is worked on 20m CW at the default position.
    await ok(phone, 'queue.register', { callsign: 'W1AW' });
    await ok(op, 'admin.next_qso');
    await ok(op, 'admin.complete_qso');
    const logged = (await ok(op, 'admin.get_qsos')).qsos as Frame[];
    expect(logged[0]).toMatchObject({ callsign: 'W1AW', band: '20m', mode: 'CW', position_id: null });

    // Their portable call is refused the slot they have, and joins 40m FT8 instead.
    expect(await refused(phone, 'queue.register', { callsign: 'W1AW/P' })).toBe('SLOT_ALREADY_WORKED');
    const listed = await ok(phone, 'positions.list', { callsign: 'W1AW/P' });
    expect(listed.worked_slots).toEqual([{ band: '20m', mode: 'CW' }]);
    expect((listed.positions as Frame[]).map((p) => p.id)).toEqual(['default', 'run-2']);
    await ok(phone, 'queue.register', { callsign: 'W1AW/P', position_id: 'run-2' });

    // One queue at a time: K1ABC waits at the default position and may not join run-2 as well.
    await ok(phone, 'queue.register', { callsign: 'K1ABC' });
    expect(await refused(phone, 'queue.register', { callsign: 'K1ABC', position_id: 'run-2' })).toBe(
      'ALREADY_QUEUED_ELSEWHERE',
    );
    expect(await refused(phone, 'queue.register', { callsign: 'K1ABC', position_id: 'nope' })).toBe(
      'POSITION_NOT_FOUND',
    );

    // The original's HTTP API sees the default position only.
    const list = await t.request('GET', '/api/queue/list');
    expect((list.body as { queue: Frame[] }).queue.map((e) => e.callsign)).toEqual(['K1ABC']);
    const run2 = await ok(phone, 'positions.get_queue', { position_id: 'run-2' });
    expect((run2.queue as Frame[]).map((e) => e.callsign)).toEqual(['W1AW/P']);

    // Over HTTP too: the positions with the caller's slots, a position's queue, joining by position_id.
    const overHttp = await t.request('GET', '/api/positions?callsign=W1AW%2FQRP');
    expect(overHttp.body).toMatchObject({ worked_slots: [{ band: '20m', mode: 'CW' }] });
    const q2 = await t.request('GET', '/api/positions/queue/run-2');
    expect((q2.body as { queue: Frame[] }).queue.map((e) => e.callsign)).toEqual(['W1AW/P']);
    expect((await t.request('GET', '/api/positions/queue/nope')).status).toBe(404);
    const refusedHttp = await t.request('POST', '/api/queue/register', { body: { callsign: 'W1AW/QRP' } });
    expect(refusedHttp).toMatchObject({ status: 409, body: { code: 'ALREADY_QUEUED_ELSEWHERE' } });
    const place = await t.request('GET', '/api/queue/status/W1AW%2FP?position_id=run-2');
    expect(place).toMatchObject({ status: 200, body: { callsign: 'W1AW/P', position: 1 } });

    // The operator moves K1ABC to run-2: the registration time (wait) is kept.
    const before = (list.body as { queue: Frame[] }).queue[0]!.timestamp;
    const moved = await ok(op, 'admin.move_caller', { callsign: 'K1ABC', to_position_id: 'run-2', place: 1 });
    expect(moved).toMatchObject({ from_position_id: 'default', to_position_id: 'run-2', position: 1 });
    const after = await ok(phone, 'positions.get_queue', { position_id: 'run-2' });
    expect((after.queue as Frame[]).map((e) => [e.callsign, e.timestamp])).toEqual([
      ['K1ABC', before],
      ['W1AW/P', expect.any(String)],
    ]);
    expect(
      await op.next(
        (f) => f.event === 'queue_update' && f.position_id === 'run-2' && (f.data as Frame).total === 2,
      ),
    ).toBeTruthy();

    // run-2 works its own queue; the QSO is logged on run-2, in the one log.
    const next = await ok(op, 'admin.next_qso', { position_id: 'run-2' });
    expect(next).toMatchObject({ callsign: 'K1ABC' });
    await ok(op, 'admin.complete_qso', { position_id: 'run-2' });
    const records = (await ok(op, 'admin.get_qsos')).qsos as Frame[];
    expect(records.find((q) => q.callsign === 'K1ABC')).toMatchObject({
      band: '40m',
      mode: 'FT8',
      position_id: 'run-2',
    });
    // The default position's current QSO is not run-2's.
    expect((await t.request('GET', '/api/queue/current')).body).toBe(null);

    // A caller's page finds its place at run-2 and can leave; a ban takes a caller out of every queue.
    expect(await ok(phone, 'queue.get_status', { callsign: 'W1AW/P', position_id: 'run-2' })).toMatchObject({
      callsign: 'W1AW/P',
      position: 1,
    });
    const f5 = await ok(phone, 'queue.register', { callsign: 'F5XYZ', position_id: 'run-2' });
    expect(await refused(phone, 'queue.leave', { callsign: 'F5XYZ', secret: f5.secret })).toBe('NOT_FOUND');
    await ok(phone, 'queue.leave', { callsign: 'F5XYZ', secret: f5.secret, position_id: 'run-2' });
    await ok(phone, 'queue.register', { callsign: 'G4ABC', position_id: 'run-2' });
    await ok(op, 'admin.ban_callsign', { callsign: 'G4ABC' });
    const afterBan = await ok(phone, 'positions.get_queue', { position_id: 'run-2' });
    expect((afterBan.queue as Frame[]).map((e) => e.callsign)).toEqual(['W1AW/P']);

    expect(await refused(op, 'admin.delete_position', { position_id: 'default' })).toBe(
      'DEFAULT_POSITION_UNDELETABLE',
    );
    expect(await refused(op, 'admin.delete_position', { position_id: 'run-2' })).toBe('POSITION_NOT_EMPTY');
    op.close();
    phone.close();
  });

  it('keeps positions, their queues and state across a restart', async () => {
    const dataDir = t.dataDir;
    await t.close();
    t = await startTestServer({
      lookup: fakeLookup(),
      env,
      attach: [webSocketAttach],
      dataDir,
      keepDataDir: true,
    });
    const phone = await RawClient.open(t.url, '/ws/connect');
    const listed = await ok(phone, 'positions.list');
    expect(listed.positions).toEqual([
      expect.objectContaining({
        id: 'default',
        name: 'Run 1 - 20m CW',
        band: '20m',
        mode: 'CW',
        queue_length: 0,
      }),
      expect.objectContaining({
        id: 'run-2',
        band: '40m',
        mode: 'FT8',
        active: true,
        queue_length: 1,
        current_callsign: null,
      }),
    ]);
    const run2 = await ok(phone, 'positions.get_queue', { position_id: 'run-2' });
    expect((run2.queue as Frame[]).map((e) => e.callsign)).toEqual(['W1AW/P']);
    // The rules hold after the restart: K1ABC has 40m FT8 in the log (worked at run-2).
    expect(await refused(phone, 'queue.register', { callsign: 'K1ABC/P', position_id: 'run-2' })).toBe(
      'SLOT_ALREADY_WORKED',
    );
    expect(await refused(phone, 'queue.register', { callsign: 'W1AW/QRP' })).toBe('ALREADY_QUEUED_ELSEWHERE');
    phone.close();
  });
});
