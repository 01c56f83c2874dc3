/**
 * The operator's commands at one operating position over protocol v2, against a real server: on/off, pause,
 * frequency, split, beam, remove, clear, a direct QSO and the no-show rule take `position_id` and act on that
 * position alone (a no-show there is undone there); the default position (what the original's protocols see)
 * is left as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../testing/test-server.js';
import { webSocketAttach } from '../attach.js';
import { RawClient, type Frame } from '../test-client.js';

let t: TestServer;
let n = 0;
const env = { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' };

async function ok(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const id = `c${(n += 1)}`;
  c.send({ type: 'request', id, operation, data });
  const r = await c.next((f) => f.type !== 'event' && f.id === id);
  expect(r, `${operation}: ${String(r.error)}`).toMatchObject({ success: true });
  return r.data as Frame;
}

async function admin(): Promise<RawClient> {
  const c = await RawClient.open(t.url, '/ws/connect');
  const id = `a${(n += 1)}`;
  c.send({ type: 'auth', id, data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  await c.next((f) => f.id === id);
  return c;
}

async function positionView(c: RawClient, id: string): Promise<Frame> {
  const list = (await ok(c, 'positions.list')).positions as Frame[];
  return list.find((p) => p.id === id)!;
}

async function queueOf(c: RawClient, id: string): Promise<string[]> {
  const q = await ok(c, 'positions.get_queue', { position_id: id });
  return (q.queue as Frame[]).map((e) => e.callsign as string);
}

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), env, attach: [webSocketAttach] });
});

afterAll(async () => {
  await t.close();
});

describe('operator commands at one position (position_id)', () => {
  it('act on the position named and leave the default position alone', async () => {
    const op = await admin();
    const phone = await RawClient.open(t.url, '/ws/connect');
    await ok(op, 'events.subscribe', { positions: 'all' });
    await ok(op, 'admin.create_position', { name: 'Run 2', id: 'run-2' });

    await ok(op, 'admin.set_system_status', { active: true, position_id: 'run-2' });
    expect(await op.next((f) => f.event === 'system_status' && f.position_id === 'run-2')).toMatchObject({
      data: { active: true },
    });
    expect(await positionView(op, 'run-2')).toMatchObject({ active: true });
    expect(await positionView(op, 'default')).toMatchObject({ active: false });

    await ok(op, 'admin.set_frequency', { frequency: '7.074', mode: 'FT8', position_id: 'run-2' });
    await ok(op, 'admin.set_split', { split: 'up 1', position_id: 'run-2' });
    await ok(op, 'admin.set_beam_heading', { beam_heading: 120, position_id: 'run-2' });
    expect(await positionView(op, 'run-2')).toMatchObject({
      frequency: '7.074',
      band: '40m',
      mode: 'FT8',
      split: 'up 1',
      beam_heading: 120,
    });
    expect(await positionView(op, 'default')).toMatchObject({
      frequency: null,
      split: null,
      beam_heading: null,
    });
    await ok(op, 'admin.set_beam_heading_visibility', { beam_heading_visible: true, position_id: 'run-2' });
    await ok(op, 'admin.delete_split', { position_id: 'run-2' });
    await ok(op, 'admin.delete_beam_heading', { position_id: 'run-2' });
    await ok(op, 'admin.delete_frequency', { position_id: 'run-2' });
    expect(await positionView(op, 'run-2')).toMatchObject({
      frequency: null,
      split: null,
      beam_heading: null,
    });

    await ok(op, 'admin.set_queue_pause', { paused: true, position_id: 'run-2' });
    expect(await positionView(op, 'run-2')).toMatchObject({ paused: true });
    expect(await positionView(op, 'default')).toMatchObject({ paused: false });
    await ok(op, 'admin.set_queue_pause', { paused: false, position_id: 'run-2' });

    for (const callsign of ['W1AW', 'K1ABC', 'DL1ABC', 'F5XYZ']) {
      await ok(phone, 'queue.register', { callsign, position_id: 'run-2' });
    }
    await ok(op, 'admin.remove_callsign', { callsign: 'K1ABC', position_id: 'run-2' });
    expect(await queueOf(op, 'run-2')).toEqual(['W1AW', 'DL1ABC', 'F5XYZ']);

    // A direct QSO at run-2 needs run-2 on, not the default position.
    const started = await ok(op, 'admin.start_qso', { callsign: 'EA8ZZ', position_id: 'run-2' });
    expect(started).toMatchObject({ current_qso: { callsign: 'EA8ZZ' }, was_in_queue: false });
    expect(await positionView(op, 'run-2')).toMatchObject({ current_callsign: 'EA8ZZ' });
    expect((await t.request('GET', '/api/queue/current')).body).toBe(null);

    // The no-show rule at run-2: a call again, then no answer drops the caller (not logged).
    expect(await ok(op, 'admin.call_again', { position_id: 'run-2' })).toMatchObject({
      outcome: 'called',
      callsign: 'EA8ZZ',
      calls: 2,
    });
    const dropped = await ok(op, 'admin.no_answer', { position_id: 'run-2' });
    expect(dropped).toMatchObject({ outcome: 'dropped', callsign: 'EA8ZZ', undo_id: expect.any(String) });
    expect(await positionView(op, 'run-2')).toMatchObject({ current_callsign: null });
    // Undone at run-2 (its ticket), then cancelled there.
    await ok(op, 'admin.undo', { undo_id: dropped.undo_id });
    expect(await positionView(op, 'run-2')).toMatchObject({ current_callsign: 'EA8ZZ' });
    await ok(op, 'admin.cancel_qso', { position_id: 'run-2' });
    expect(await positionView(op, 'run-2')).toMatchObject({ current_callsign: null });

    const cleared = await ok(op, 'admin.clear_queue', { position_id: 'run-2' });
    expect(cleared).toMatchObject({ cleared_count: 3 });
    expect(await queueOf(op, 'run-2')).toEqual([]);
    await ok(op, 'admin.set_system_status', { active: false, position_id: 'run-2' });
    expect(await positionView(op, 'run-2')).toMatchObject({ active: false });

    // The default position's own commands still need no position_id, and the original's HTTP API sees it.
    await ok(op, 'admin.set_system_status', { active: true });
    await ok(op, 'admin.set_frequency', { frequency: '14.025', mode: 'CW' });
    const status = await t.request('GET', '/api/public/state');
    expect(status.body).toMatchObject({ system: { active: true }, frequency: { frequency: '14.025' } });
    expect(await positionView(op, 'run-2')).toMatchObject({ active: false, frequency: null });
    op.close();
    phone.close();
  });
});
