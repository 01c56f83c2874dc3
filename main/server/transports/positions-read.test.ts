/**
 * The read side of operating positions on a real server: each position's public snapshot over HTTP
 * (`GET /api/positions/{id}/state`) and protocol v2 (`positions.get_state`, `state.snapshot {positions}`), and
 * the SSE stream's opt-in (`?positions=`), beside the plain stream, which stays the original's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPositionsEvent, parsePositionsSnapshot } from '../../../shared/protocol/positions-state.js';
import { parsePublicSnapshot } from '../../../shared/protocol/public-state.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { connectSse, type SseClient } from '../testing/sse-client.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from './ws/attach.js';
import { RawClient, type Frame } from './ws/test-client.js';

let t: TestServer;
let n = 0;
const env = { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' };

async function req(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const id = `r${(n += 1)}`;
  c.send({ type: 'request', id, operation, data });
  return c.next((f) => f.type !== 'event' && f.id === id);
}

async function ok(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const r = await req(c, operation, data);
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

interface Envelope {
  type: string;
  data: Record<string, unknown> | null;
  timestamp: string;
  position_id?: string;
}

const envelopes = (sse: SseClient): (Envelope & { id: string | null })[] =>
  sse.events().map((e) => ({ id: e.id, ...(e.data as Envelope) }));

const register = (callsign: string, position_id?: string) =>
  t.request('POST', '/api/queue/register', {
    body: { callsign, ...(position_id !== undefined ? { position_id } : {}) },
  });

/** Queue entries without their time in queue (which moves between two reads). */
const calls = (state: unknown): string[] =>
  ((state as { queue: { queue: { callsign: string }[] } }).queue.queue ?? []).map((e) => e.callsign);

let op: RawClient;

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), env, attach: [webSocketAttach] });
  op = await admin();
  await ok(op, 'admin.update_position', {
    position_id: 'default',
    name: 'Run 1 - 20m CW',
    frequency: '14.025',
    mode: 'CW',
    active: true,
  });
  await ok(op, 'admin.create_position', {
    name: 'Run 2 - 40m FT8',
    id: 'run-2',
    frequency: '7.074',
    mode: 'FT8',
    active: true,
  });
  expect((await register('W1AW')).status).toBe(200);
});

afterAll(async () => {
  op.close();
  await t.close();
});

describe("a position's public snapshot", () => {
  it('GET /api/positions/{id}/state: the shape of /api/public/state, for that position', async () => {
    const run2 = await t.request('GET', '/api/positions/run-2/state');
    expect(run2.status).toBe(200);
    const state = parsePublicSnapshot(run2.body);
    expect(state, 'a whole public state').not.toBeNull();
    expect(run2.body).toMatchObject({
      system: { active: true, paused: false },
      frequency: { frequency: '7.074', band: '40m', mode: 'FT8' },
      queue: { total: 0, system_active: true },
      current_qso: null,
    });
    expect(Object.keys(run2.body as object).sort()).toEqual(
      Object.keys((await t.request('GET', '/api/public/state')).body as object).sort(),
    );

    const [own, original] = [
      await t.request('GET', '/api/positions/default/state'),
      await t.request('GET', '/api/public/state'),
    ];
    expect(calls(own.body)).toEqual(['W1AW']);
    expect(calls(original.body)).toEqual(['W1AW']);
    const strip = (b: unknown) => ({ ...(b as object), queue: null });
    expect(strip(own.body)).toEqual(strip(original.body));
  });

  it('an unknown position is 404 POSITION_NOT_FOUND; a malformed id is refused', async () => {
    const missing = await t.request('GET', '/api/positions/nowhere/state');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'POSITION_NOT_FOUND' });
    const bad = await t.request('GET', '/api/positions/Not%20An%20Id/state');
    expect(bad.status).toBe(422);
    const v2 = await RawClient.open(t.url, '/ws/connect');
    expect(await req(v2, 'positions.get_state', { position_id: 'nowhere' })).toMatchObject({
      success: false,
      error_code: 'POSITION_NOT_FOUND',
    });
    expect(await ok(v2, 'positions.get_state', { position_id: 'run-2' })).toMatchObject({
      frequency: { band: '40m' },
    });
    v2.close();
  });

  it('GET /api/positions carries the seq the list reflects', async () => {
    const list = await t.request('GET', '/api/positions');
    expect(list.body).toMatchObject({ seq: t.server.station.events.seq });
  });
});

describe('state.snapshot {positions}', () => {
  it('adds every position, the list and the caller rules at one seq; operators get each admin part', async () => {
    const snap = await ok(op, 'state.snapshot', { positions: 'all' });
    const positions = snap.positions as Record<string, { public: Frame; admin?: Frame }>;
    expect(Object.keys(positions)).toEqual(['default', 'run-2']);
    expect(positions['run-2']!.public.seq).toBe(snap.seq);
    expect(calls(positions.default!.public)).toEqual(['W1AW']);
    expect(positions['run-2']!.admin).toMatchObject({
      system: { active: true, updated_by: TEST_ADMIN.username },
      frequency: { frequency: '7.074', updated_by: TEST_ADMIN.username },
      current_qso: null,
    });
    expect((snap.position_list as Frame[]).map((p) => p.id)).toEqual(['default', 'run-2']);
    expect(snap.caller_rules).toMatchObject({ max_queues_per_caller: 1 });
    expect(snap.admin).toMatchObject({ system: { active: true } });
    const camp = parsePositionsSnapshot(snap);
    expect(camp!.positions[0]).toMatchObject({ id: 'default', queue_length: 1 });
  });

  it('public connections get the public parts only; without the input the snapshot is as before', async () => {
    const phone = await RawClient.open(t.url, '/ws/connect');
    const some = await ok(phone, 'state.snapshot', { positions: ['run-2'] });
    const positions = some.positions as Record<string, Frame>;
    expect(Object.keys(positions)).toEqual(['run-2']);
    expect(positions['run-2']).not.toHaveProperty('admin');
    expect(some.admin).toBeNull();
    const plain = await ok(phone, 'state.snapshot');
    expect(plain).not.toHaveProperty('positions');
    expect(plain).not.toHaveProperty('position_list');
    expect(await req(phone, 'state.snapshot', { positions: ['nowhere'] })).toMatchObject({
      success: false,
      error_code: 'POSITION_NOT_FOUND',
    });
    expect(await req(phone, 'state.snapshot', { positions: 'some' })).toMatchObject({
      success: false,
      error_code: 'VALIDATION_ERROR',
    });
    phone.close();
  });
});

describe('the SSE stream with ?positions=', () => {
  it("carries run-2's queue_update with position_id; the plain stream does not", async () => {
    const all = await connectSse(`${t.url}/api/events/stream?positions=all`);
    const only = await connectSse(`${t.url}/api/events/stream?positions=run-2`);
    const plain = await connectSse(`${t.url}/api/events/stream`);
    expect(all.status).toBe(200);
    expect((await register('K1ABC', 'run-2')).status).toBe(200);
    expect((await register('DL1XYZ')).status).toBe(200);

    const hasQueue = (sse: SseClient, callsign: string) => () =>
      envelopes(sse).some(
        (e) =>
          e.type === 'queue_update' &&
          ((e.data as { queue: { callsign: string }[] }).queue ?? []).some((q) => q.callsign === callsign),
      );
    await all.waitFor(hasQueue(all, 'DL1XYZ'));
    await all.waitFor(hasQueue(all, 'K1ABC'));
    await plain.waitFor(hasQueue(plain, 'DL1XYZ'));
    await only.waitFor(hasQueue(only, 'K1ABC'));

    const run2 = envelopes(all).find((e) => e.type === 'queue_update' && e.position_id === 'run-2');
    expect(run2!.data).toMatchObject({ total: 1, queue: [{ callsign: 'K1ABC' }] });
    const own = envelopes(all).find((e) => e.type === 'queue_update' && e.position_id === 'default');
    expect(own!.data).toMatchObject({ queue: [{ callsign: 'W1AW' }, { callsign: 'DL1XYZ' }] });
    // the plain stream: the default position's events, in the original's envelope, no position_id
    expect(hasQueue(plain, 'K1ABC')()).toBe(false);
    expect(envelopes(plain).every((e) => !('position_id' in e))).toBe(true);
    expect(plain.frames.some((f) => f.event === 'position_update')).toBe(false);
    // run-2 alone: not the default position's
    expect(hasQueue(only, 'DL1XYZ')()).toBe(false);

    // A change of a position reaches the stream as its position_update
    await ok(op, 'admin.update_position', { position_id: 'run-2', frequency: '7.076' });
    await all.waitFor(() => envelopes(all).some((e) => e.type === 'position_update'));
    const update = envelopes(all).find((e) => e.type === 'position_update')!;
    expect(update).toMatchObject({
      position_id: 'run-2',
      data: { position_id: 'run-2', position: { frequency: '7.076', queue_length: 1 } },
    });
    for (const s of [all, only, plain]) s.close();
  });

  it('a caller page keeps every position card live from a snapshot and the stream', async () => {
    const sse = await connectSse(`${t.url}/api/events/stream?positions=all`);
    const start = parsePositionsSnapshot(await ok(op, 'state.snapshot', { positions: 'all' }))!;
    const followed = () =>
      envelopes(sse).reduce(
        (camp, e) =>
          applyPositionsEvent(camp, {
            name: e.type,
            data: e.data,
            seq: Number(e.id),
            position_id: e.position_id ?? null,
          }),
        start,
      );
    expect((await register('JA1AA', 'run-2')).status).toBe(200);
    await ok(op, 'admin.work_callsign', { callsign: 'K1ABC', position_id: 'run-2' });
    const card = () => followed().positions.find((p) => p.id === 'run-2')!;
    await sse.waitFor(() => card().current_callsign === 'K1ABC' && card().queue_length === 1);
    expect(card()).toMatchObject({ band: '40m', active: true });
    expect(calls(followed().states['run-2'])).toEqual(['JA1AA']);
    // the default position's card is untouched by run-2's work
    expect(followed().positions[0]).toMatchObject({ current_callsign: null, queue_length: 2 });
    sse.close();
  });

  it('replays with Last-Event-ID for the positions followed, or sends their state when too old', async () => {
    const from = t.server.station.events.seq;
    expect((await register('VK2AB', 'run-2')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300)); // the queue_update is paced
    const again = await connectSse(`${t.url}/api/events/stream?positions=run-2`, {
      'last-event-id': String(from),
    });
    await again.waitFor(() =>
      envelopes(again).some((e) => e.type === 'queue_update' && e.position_id === 'run-2'),
    );
    const replayed = envelopes(again);
    expect(replayed.every((e) => e.position_id === undefined || e.position_id === 'run-2')).toBe(true);
    expect(replayed.every((e) => Number(e.id) > from)).toBe(true);
    expect(replayed.some((e) => e.type === 'position_update')).toBe(false); // a replay, not a snapshot
    again.close();

    const old = await connectSse(`${t.url}/api/events/stream?positions=all`, { 'last-event-id': '1' });
    await old.waitFor(() => envelopes(old).some((e) => e.type === 'worked_callers_update'));
    const state = envelopes(old);
    expect(state.filter((e) => e.type === 'position_update').map((e) => e.position_id)).toEqual([
      'default',
      'run-2',
    ]);
    expect(state.find((e) => e.type === 'queue_update' && e.position_id === 'run-2')!.data).toMatchObject({
      queue: [{ callsign: 'JA1AA' }, { callsign: 'VK2AB' }],
    });
    old.close();
  });

  it('refuses a malformed ?positions= before the stream starts', async () => {
    const bad = await t.request('GET', '/api/events/stream?positions=Bad%20Id');
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
