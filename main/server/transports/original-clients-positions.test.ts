/**
 * The original's clients on a camp server: besides the default position, two more operating positions (made over
 * protocol v2) have callers waiting, and one of them has a QSO in progress. The original's web app (its HTTP
 * calls and SSE stream, docs: shared reference "original web app"), its Python scripts (protocol v2's envelope,
 * `/ws/connect`, with no `position_id`) and PBLog-style loggers (the original protocol, `/api/ws`) must see
 * exactly the default position: its queue, its QSO, its frequency, its events, and nothing of the others; and
 * what they change happens at the default position only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../testing/fake-lookup.js';
import { connectSse, type SseClient } from '../testing/sse-client.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from './ws/attach.js';
import { RawClient, type Frame } from './ws/test-client.js';

let t: TestServer;
let op: RawClient;
let n = 0;
const env = { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' };

/** Everything that belongs to the other positions: none of it may reach the original's clients. */
const ELSEWHERE = ['DL1TWO', 'DL2TWO', 'EA1TWO', 'JA1THR', 'JA2THR', 'run-2', 'run-3', '7.074', '21.074'];

function mentionsElsewhere(value: unknown): string[] {
  const text = JSON.stringify(value);
  return ELSEWHERE.filter((s) => text.includes(s));
}

async function req(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const id = `o${(n += 1)}`;
  c.send({ type: 'request', id, operation, data });
  return c.next((f) => f.type === 'response' && f.id === id);
}

async function ok(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const r = await req(c, operation, data);
  expect(r, `${operation}: ${String(r.error)}`).toMatchObject({ success: true });
  return r.data as Frame;
}

const callsigns = (queue: unknown): string[] => (queue as Frame[]).map((e) => e.callsign as string);

/** The other positions as the camp sees them: their queues and who each is working. */
async function elsewhere(): Promise<
  Record<string, { queue: string[]; current: unknown; frequency: unknown }>
> {
  const listed = (await ok(op, 'positions.list')).positions as Frame[];
  const out: Record<string, { queue: string[]; current: unknown; frequency: unknown }> = {};
  for (const p of listed.filter((x) => x.id !== 'default')) {
    const q = await ok(op, 'positions.get_queue', { position_id: p.id });
    out[p.id as string] = { queue: callsigns(q.queue), current: p.current_callsign, frequency: p.frequency };
  }
  return out;
}

const CAMP = {
  'run-2': { queue: ['DL2TWO'], current: 'DL1TWO', frequency: '7.074' },
  'run-3': { queue: ['JA1THR', 'JA2THR'], current: null, frequency: '21.074' },
};

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), env, attach: [webSocketAttach] });
  op = await RawClient.open(t.url, '/ws/connect');
  op.send({ type: 'auth', id: 'a', data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  expect(await op.next((f) => f.id === 'a')).toMatchObject({ success: true });
  await ok(op, 'admin.update_position', {
    position_id: 'default',
    frequency: '14.025',
    mode: 'CW',
    active: true,
  });
  for (const [id, frequency] of [
    ['run-2', '7.074'],
    ['run-3', '21.074'],
  ] as const) {
    await ok(op, 'admin.create_position', { id, name: `Camp ${id}`, frequency, mode: 'FT8', active: true });
  }
  await ok(op, 'queue.register', { callsign: 'K1DEF' });
  for (const callsign of ['DL1TWO', 'DL2TWO'])
    await ok(op, 'queue.register', { callsign, position_id: 'run-2' });
  for (const callsign of ['JA1THR', 'JA2THR'])
    await ok(op, 'queue.register', { callsign, position_id: 'run-3' });
  // a QSO in progress at run-2
  expect(await ok(op, 'admin.next_qso', { position_id: 'run-2' })).toMatchObject({ callsign: 'DL1TWO' });
  expect(await elsewhere()).toEqual(CAMP);
});

afterAll(async () => {
  op.close();
  await t.close();
});

describe("the original's clients on a server with more operating positions", () => {
  it('the web app (HTTP and SSE) sees and works the default position only', async () => {
    const sse: SseClient = await connectSse(`${t.url}/api/events/stream`);
    try {
      // the page's initial reads
      expect((await t.request('GET', '/api/public/status')).body).toMatchObject({ active: true });
      const list = await t.request('GET', '/api/queue/list');
      expect(list.body).toMatchObject({ total: 1, system_active: true });
      expect(callsigns((list.body as Frame).queue)).toEqual(['K1DEF']);
      expect((await t.request('GET', '/api/queue/current')).body).toBe(null);
      expect((await t.request('GET', '/api/public/frequency')).body).toMatchObject({ frequency: '14.025' });
      expect((await t.request('GET', '/api/queue/status')).body).toMatchObject({ active: true });

      // a caller registers from the page: the default position's queue, announced on SSE
      expect((await t.request('POST', '/api/queue/register', { body: { callsign: 'G0WEB' } })).status).toBe(
        200,
      );
      await sse.waitFor((frames) =>
        frames.some((f) => f.event === 'queue_update' && f.data.includes('G0WEB')),
      );
      // (each SSE frame's data is the original's envelope {type, data, timestamp})
      const update = sse
        .events()
        .filter((e) => e.event === 'queue_update')
        .at(-1)!.data as Frame;
      expect(callsigns((update.data as Frame).queue)).toEqual(['K1DEF', 'G0WEB']);

      // the admin page: log in (GET /admin/queue), work next, complete
      const adminQueue = await t.request('GET', '/api/admin/queue', { admin: true });
      expect(adminQueue.status).toBe(200);
      expect(callsigns((adminQueue.body as Frame).queue)).toEqual(['K1DEF', 'G0WEB']);
      const next = await t.request('POST', '/api/admin/queue/next', { admin: true });
      expect(next.status).toBe(200);
      expect(JSON.stringify(next.body)).toContain('K1DEF');
      expect((await t.request('GET', '/api/queue/current')).body).toMatchObject({ callsign: 'K1DEF' });
      expect(
        (await t.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '14.205.00' } }))
          .status,
      ).toBe(200);
      expect((await t.request('POST', '/api/admin/qso/complete', { admin: true })).status).toBe(200);
      expect((await t.request('GET', '/api/queue/current')).body).toBe(null);
      await sse.waitFor((frames) =>
        frames.some((f) => f.event === 'current_qso' && (JSON.parse(f.data) as Frame).data === null),
      );

      // the other positions were not touched, and nothing of them reached the page
      expect(await elsewhere()).toEqual(CAMP);
      const everything = sse.events();
      expect(everything.length).toBeGreaterThan(0);
      expect(mentionsElsewhere(everything)).toEqual([]);
      for (const path of [
        '/api/queue/list',
        '/api/queue/current',
        '/api/public/frequency',
        '/api/public/status',
      ]) {
        expect(mentionsElsewhere((await t.request('GET', path)).body), path).toEqual([]);
      }
      expect(mentionsElsewhere((await t.request('GET', '/api/admin/queue', { admin: true })).body)).toEqual(
        [],
      );
    } finally {
      sse.close();
    }
  });

  it("the original's scripts (/ws/connect without position_id) see the default position only", async () => {
    const script = await RawClient.open(t.url, '/ws/connect');
    try {
      // test_websocket_operations.py: public reads, queue.list, queue.get_status of a caller waiting elsewhere
      expect(callsigns((await ok(script, 'queue.list')).queue)).toEqual(['G0WEB']);
      const status = await req(script, 'queue.get_status', { callsign: 'DL2TWO' });
      expect(status).toMatchObject({ success: false });
      expect(String(status.error).toLowerCase()).toContain('not found');
      expect(await ok(script, 'public.get_frequency')).toMatchObject({ frequency: '14.205.00' });
      // --admin: auth, admin.get_queue, admin.set_frequency
      script.send({
        type: 'auth',
        id: 's-auth',
        data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
      });
      expect(await script.next((f) => f.id === 's-auth')).toMatchObject({ success: true });
      expect(callsigns((await ok(script, 'admin.get_queue')).queue)).toEqual(['G0WEB']);
      expect(await ok(script, 'admin.get_system_status')).toMatchObject({ active: true });

      // test_event_integration.py: requests without id, events on the same connection
      script.send({
        type: 'request',
        operation: 'queue.register',
        data: { callsign: 'W1AW', frequency: 14205000, mode: 'FT8' },
      });
      const queued = await script.next(
        (f) => f.type === 'event' && f.event === 'queue_update' && JSON.stringify(f.data).includes('W1AW'),
      );
      expect(callsigns((queued.data as Frame).queue)).toEqual(['G0WEB', 'W1AW']);
      script.send({ type: 'request', operation: 'admin.set_frequency', data: { frequency: '14.210.00' } });
      const freq = await script.next((f) => f.type === 'event' && f.event === 'frequency_update');
      expect(JSON.stringify(freq.data)).toContain('14.210.00');

      // activity at the other positions while the script listens: it hears none of it
      await ok(op, 'queue.register', { callsign: 'EA1TWO', position_id: 'run-2' });
      await ok(op, 'queue.register', { callsign: 'K9DEF' });
      await script.next(
        (f) => f.type === 'event' && f.event === 'queue_update' && JSON.stringify(f.data).includes('K9DEF'),
      );
      const events = script.frames.filter((f) => f.type === 'event');
      expect(events.filter((f) => f.position_id !== undefined && f.position_id !== 'default')).toEqual([]);
      expect(mentionsElsewhere(script.frames)).toEqual([]);
    } finally {
      script.close();
    }
  });

  it('a PBLog-style logger (the original protocol, /api/ws) sees and works the default position only', async () => {
    const pblog = await RawClient.open(t.url, '/api/ws');
    try {
      const call = async (msg: Frame): Promise<Frame> => {
        const request_id = `l${(n += 1)}`;
        pblog.send({ request_id, ...msg });
        return pblog.next((f) => f.request_id === request_id);
      };
      const auth = await call({
        type: 'auth_request',
        username: TEST_ADMIN.username,
        password: TEST_ADMIN.password,
      });
      expect(auth).toMatchObject({ authenticated: true });
      const token = auth.session_token as string;
      const status = await call({ type: 'get_queue_status' });
      expect(callsigns((status.data as Frame).queue)).toEqual(['G0WEB', 'W1AW', 'K9DEF']);
      expect(await call({ type: 'get_current_qso' })).toMatchObject({ data: { current_qso: null } });
      const queue = await call({ type: 'admin_get_queue', session_token: token });
      expect(callsigns((queue.data as Frame).queue)).toEqual(['G0WEB', 'W1AW', 'K9DEF']);
      // the logger starts and completes a QSO: at the default position, run-2's QSO stays
      expect(
        await call({ type: 'admin_work_specific', session_token: token, callsign: 'W1AW' }),
      ).toMatchObject({
        type: 'success',
      });
      expect(await call({ type: 'get_current_qso' })).toMatchObject({
        data: { current_qso: { callsign: 'W1AW' } },
      });
      expect(await call({ type: 'admin_complete_qso', session_token: token })).toMatchObject({
        type: 'success',
      });

      expect(mentionsElsewhere(pblog.frames)).toEqual([]);
      // (EA1TWO joined run-2 while the script listened)
      expect((await elsewhere())['run-2']).toEqual({ ...CAMP['run-2'], queue: ['DL2TWO', 'EA1TWO'] });
      expect((await elsewhere())['run-3']).toEqual(CAMP['run-3']);
      const qsos = (await ok(op, 'admin.get_qsos')).qsos as Frame[];
      expect(qsos.filter((q) => ['K1DEF', 'W1AW'].includes(q.callsign as string))).toEqual([
        expect.objectContaining({ position_id: null }),
        expect.objectContaining({ position_id: null }),
      ]);
    } finally {
      pblog.close();
    }
  });
});
