/**
 * Protocol v2 (`/ws/connect`) over real sockets against a real server: framing, malformed input, auth, every
 * operation of the table, subscriptions, replay and snapshots, and limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { operationNames } from '../../../operations/table.js';
import { fakeLookup } from '../../../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../testing/test-server.js';
import { webSocketAttach } from '../attach.js';
import { RawClient, type Frame } from '../test-client.js';
import { V2_BUILTINS } from './builtins.js';

let t: TestServer;
let n = 0;
const nextId = () => `q${(n += 1)}`;

const fastEnv = { MAX_QUEUE_SIZE: '4', WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' };

const open = () => RawClient.open(t.url, '/ws/connect');
const byId = (id: unknown) => (f: Frame) => f.type !== 'event' && f.id === id;

async function req(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const id = nextId();
  c.send({ type: 'request', id, operation, data });
  return c.next(byId(id));
}

async function authAdmin(c: RawClient): Promise<Frame> {
  const id = nextId();
  c.send({ type: 'auth', id, data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  return c.next(byId(id));
}

async function okData(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const r = await req(c, operation, data);
  expect(r, `${operation}: ${String(r.error)}`).toMatchObject({
    type: 'response',
    success: true,
    error: null,
  });
  return r.data as Frame;
}

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), env: fastEnv, attach: [webSocketAttach] });
});

afterAll(async () => {
  await t.close();
});

describe('framing', () => {
  it('sends nothing unasked: no welcome, no events before subscribing', async () => {
    const c = await open();
    await t.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '14.100' } });
    c.send({ type: 'ping', id: 'p1' });
    const pong = await c.next();
    expect(pong).toMatchObject({ type: 'pong', id: 'p1' });
    expect(typeof pong.timestamp).toBe('string');
    expect(c.log).toHaveLength(1);
    c.close();
  });

  it('answers every response with the full envelope; requests without id get id null', async () => {
    const c = await open();
    const r = await req(c, 'public.get_status');
    expect(Object.keys(r).sort()).toEqual(
      ['type', 'id', 'operation', 'success', 'data', 'error', 'error_code', 'timestamp'].sort(),
    );
    expect(r).toMatchObject({ operation: 'public.get_status', success: true, error_code: null });
    expect(r.timestamp as string).toMatch(/Z$/);
    c.send({ type: 'request', operation: 'public.get_status' });
    expect(await c.next()).toMatchObject({ type: 'response', id: null, success: true });
    c.send({ type: 'request', id: 7, operation: 'public.get_split', data: { extra: 'ignored' } });
    expect(await c.next()).toMatchObject({ id: 7, success: true, data: { split: null } });
    c.close();
  });

  it.each([
    ['not json{', 'INVALID_FORMAT'],
    ['[1,2]', 'INVALID_FORMAT'],
    ['"hello"', 'INVALID_FORMAT'],
    ['{"id":"a","operation":"public.get_status"}', 'INVALID_FORMAT'],
    ['{"type":"frobnicate","id":"a"}', 'INVALID_FORMAT'],
    ['{"type":"request","id":"a"}', 'VALIDATION_ERROR'],
    ['{"type":"request","id":"a","operation":5}', 'VALIDATION_ERROR'],
    ['{"type":"request","id":"a","operation":"queue.list","data":[1]}', 'VALIDATION_ERROR'],
    ['{"type":"auth","id":"a","data":"x"}', 'VALIDATION_ERROR'],
    ['{"type":"auth","id":"a","data":{"username":"admin"}}', 'VALIDATION_ERROR'],
    ['{"type":"request","id":"a","operation":"no.such_thing"}', 'UNKNOWN_OPERATION'],
    ['{"type":"request","id":"a","operation":"queue.register","data":{}}', 'VALIDATION_ERROR'],
    ['{"type":"request","id":"a","operation":"queue.register","data":{"callsign":12}}', 'VALIDATION_ERROR'],
    ['{"type":"request","id":"a","operation":"admin.get_queue"}', 'AUTH_REQUIRED'],
  ])('answers %s with %s and keeps the connection', async (text, code) => {
    const c = await open();
    c.send(text);
    const r = await c.next();
    expect(r).toMatchObject({ type: 'response', success: false, error_code: code, data: null });
    expect(typeof r.error).toBe('string');
    expect((r.error as string).length).toBeGreaterThan(0);
    if (text.includes('"id":"a"')) expect(r.id).toBe('a');
    expect(await req(c, 'system.ping')).toMatchObject({ success: true });
    c.close();
  });

  it('answers binary frames with INVALID_FORMAT and oversize frames with MESSAGE_TOO_LARGE', async () => {
    const c = await open();
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toMatchObject({ success: false, error_code: 'INVALID_FORMAT' });
    c.send(
      JSON.stringify({
        type: 'request',
        id: 'big',
        operation: 'queue.list',
        data: { pad: 'x'.repeat(70_000) },
      }),
    );
    expect(await c.next()).toMatchObject({ success: false, error_code: 'MESSAGE_TOO_LARGE' });
    expect(await req(c, 'system.ping')).toMatchObject({ success: true });
    // Far beyond the limit the message is not read at all: the connection closes with 1009.
    c.send('x'.repeat(2 * 1024 * 1024));
    expect(await c.closed).toBe(1009);
  });
});

describe('auth', () => {
  it('refuses bad credentials, then gives admin rights and a token; the token resumes on a new connection', async () => {
    const c = await open();
    c.send({ type: 'auth', id: 'bad', data: { username: 'admin', password: 'wrong' } });
    expect(await c.next(byId('bad'))).toMatchObject({
      success: false,
      error_code: 'INVALID_CREDENTIALS',
      operation: 'auth',
    });
    const ok = await authAdmin(c);
    expect(ok).toMatchObject({
      success: true,
      operation: 'auth',
      data: { authenticated: true, username: 'admin', subscribed: true },
    });
    const data = ok.data as Frame;
    expect(data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(data.expires_at as string)).toBeGreaterThan(Date.now());
    expect(await okData(c, 'admin.get_system_status')).toHaveProperty('active');
    c.close();

    const d = await open();
    expect(await req(d, 'admin.get_queue')).toMatchObject({ error_code: 'AUTH_REQUIRED' });
    d.send({ type: 'auth', id: 'tok', data: { token: data.token } });
    expect(await d.next(byId('tok'))).toMatchObject({ success: true, data: { authenticated: true } });
    expect(await req(d, 'admin.get_queue')).toMatchObject({ success: true });
    expect(await okData(d, 'auth.logout')).toEqual({ logged_out: true });
    expect(await req(d, 'admin.get_queue')).toMatchObject({ error_code: 'AUTH_REQUIRED' });
    d.send({ type: 'auth', id: 'tok2', data: { token: data.token } });
    expect(await d.next(byId('tok2'))).toMatchObject({ success: false, error_code: 'SESSION_EXPIRED' });
    d.close();
  });

  it('throttles failed password attempts per address', async () => {
    const s = await startTestServer({ lookup: fakeLookup(), env: fastEnv, attach: [webSocketAttach] });
    try {
      const c = await RawClient.open(s.url, '/ws/connect');
      const codes: unknown[] = [];
      for (let i = 0; i < 6; i += 1) {
        c.send({ type: 'auth', id: `f${i}`, data: { username: 'admin', password: `wrong${i}` } });
        codes.push((await c.next(byId(`f${i}`))).error_code);
      }
      expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
      expect(codes[5]).toBe('RATE_LIMITED');
      // Even the right password is refused while the address is locked out.
      c.send({
        type: 'auth',
        id: 'good',
        data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
      });
      const locked = await c.next(byId('good'));
      expect(locked).toMatchObject({ success: false, error_code: 'RATE_LIMITED' });
      expect(locked.retry_after_s).toBeGreaterThan(0);
      c.close();
    } finally {
      await s.close();
    }
  });
});

describe('operations', () => {
  it('serves every operation of the table and every protocol operation (none unknown, none crashing)', async () => {
    const s = await startTestServer({ lookup: fakeLookup(), env: fastEnv, attach: [webSocketAttach] });
    try {
      const c = await RawClient.open(s.url, '/ws/connect');
      await authAdmin(c);
      const names = [...operationNames(), ...V2_BUILTINS.map((b) => b.name)].filter(
        (name) => name !== 'auth.logout' && name !== 'admin.change_password',
      );
      for (const name of names) {
        const r = await req(c, name, {});
        expect(r.operation).toBe(name);
        expect(
          ['UNKNOWN_OPERATION', 'INTERNAL_ERROR', 'AUTH_REQUIRED'],
          `${name}: ${String(r.error)}`,
        ).not.toContain(r.error_code);
      }
      c.close();
    } finally {
      await s.close();
    }
  });

  it('the reads of section 8.2 answer what their HTTP twins answer', async () => {
    const c = await open();
    await authAdmin(c);
    await okData(c, 'admin.set_system_status', { active: true });
    await okData(c, 'admin.set_frequency', { frequency: '14.205.00' });
    await okData(c, 'admin.set_split', { split: 'UP 5' });
    await okData(c, 'queue.register', { callsign: 'W1AW', frequency: 14205000, mode: 'FT8' });
    const strip = (v: unknown) =>
      JSON.parse(JSON.stringify(v), (k, x: unknown) => (k === 'time_in_queue' ? undefined : x)) as unknown;
    const pairs: [string, Frame, string][] = [
      ['public.get_status', {}, '/api/public/status'],
      ['public.get_frequency', {}, '/api/public/frequency'],
      ['public.get_split', {}, '/api/public/split'],
      ['queue.list', {}, '/api/queue/list'],
      ['queue.get_status', { callsign: 'W1AW' }, '/api/queue/status/W1AW'],
      ['admin.get_queue', {}, '/api/admin/queue'],
      ['admin.get_system_status', {}, '/api/admin/status'],
    ];
    for (const [op, data, path] of pairs) {
      const http = await t.request('GET', path, { admin: path.startsWith('/api/admin') });
      expect(strip(await okData(c, op, data)), op).toEqual(strip(http.body));
    }
    c.close();
  });

  it('queue.get_status says "not found" for a callsign not queued, and SYSTEM_INACTIVE while off, as HTTP', async () => {
    const c = await open();
    await authAdmin(c);
    await okData(c, 'admin.set_system_status', { active: true });
    let r = await req(c, 'queue.get_status', { callsign: 'K9NOPE' });
    expect(r).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
    expect((r.error as string).toLowerCase()).toContain('not found');
    await okData(c, 'admin.set_system_status', { active: false });
    r = await req(c, 'queue.get_status', { callsign: 'K9NOPE' });
    expect(r).toMatchObject({
      success: false,
      error_code: 'SYSTEM_INACTIVE',
      error: 'System is currently inactive.',
    });
    const http = await t.request('GET', '/api/queue/status/K9NOPE');
    expect(http).toMatchObject({ status: 503, body: { code: 'SYSTEM_INACTIVE', detail: r.error } });
    r = await req(c, 'queue.register', { callsign: 'W1AW' });
    expect((r.error as string).toLowerCase()).toContain('inactive');
    c.close();
  });

  it('runs the Station commands: queue, QSOs, bans, cooldown, worked log, beam heading, settings, aliases', async () => {
    const c = await open();
    await authAdmin(c);
    await okData(c, 'admin.set_system_status', { active: true });
    await okData(c, 'admin.clear_queue');
    for (const cs of ['DL1ABC', 'EA1ABC', 'G4ABC']) await okData(c, 'queue.register', { callsign: cs });
    expect(await okData(c, 'admin.work_callsign', { callsign: 'EA1ABC' })).toMatchObject({
      current_qso: { callsign: 'EA1ABC' },
    });
    expect(await okData(c, 'admin.next_qso')).toMatchObject({ current_qso: { callsign: 'DL1ABC' } });
    expect(await okData(c, 'admin.qso.complete')).toMatchObject({ cleared_qso: { callsign: 'DL1ABC' } });
    expect(await okData(c, 'admin.start_qso', { callsign: 'VK2DEF', mode: 'CW' })).toMatchObject({
      current_qso: { callsign: 'VK2DEF' },
    });
    expect(await okData(c, 'admin.cancel_qso')).toMatchObject({ cancelled_qso: { callsign: 'VK2DEF' } });
    expect(await okData(c, 'admin.ban_from_queue', { callsign: 'G4ABC', reason: 'test' })).toMatchObject({});
    expect(await req(c, 'queue.register', { callsign: 'G4ABC' })).toMatchObject({
      error_code: 'CALLSIGN_BANNED',
    });
    await okData(c, 'admin.unban_callsign', { callsign: 'G4ABC' });
    await okData(c, 'admin.set_cooldown_rule', { time_period_minutes: 10, enabled: true });
    const cd = await req(c, 'queue.register', { callsign: 'DL1ABC' });
    expect(cd).toMatchObject({ error_code: 'COOLDOWN' });
    expect(cd.retry_after_s).toBeGreaterThan(0);
    await okData(c, 'admin.set_cooldown_rule', { time_period_minutes: 0, enabled: false });
    expect(await okData(c, 'admin.get_worked_callers')).toMatchObject({ total: 2 });
    expect(await okData(c, 'admin.set_beam_heading', { beam_heading: 45 })).toEqual({ beam_heading: 45 });
    expect(await okData(c, 'admin.get_settings')).toBeTypeOf('object');
    expect(await okData(c, 'admin.queue')).toMatchObject({ admin: true });
    c.close();
  });

  it('system.info lists versions, operations and events; system.heartbeat and state.snapshot answer', async () => {
    const c = await open();
    const info = await okData(c, 'system.info');
    expect(info).toMatchObject({
      protocol_version: 2,
      authenticated: false,
      limits: { max_frame_bytes: 65536 },
    });
    expect(info.operations).toEqual(
      expect.arrayContaining(['queue.register', 'events.subscribe', 'state.snapshot', 'admin.queue']),
    );
    expect(info.events).toEqual(expect.arrayContaining(['queue_update', 'current_qso', 'bans_update']));
    expect(await okData(c, 'system.heartbeat')).toMatchObject({ status: 'ok' });
    const pub = await okData(c, 'state.snapshot');
    expect(pub).toMatchObject({ seq: expect.any(Number), admin: null, queue: { queue: expect.any(Array) } });
    await authAdmin(c);
    expect(await okData(c, 'state.snapshot')).toMatchObject({
      admin: { bans: expect.any(Array), settings: expect.any(Object) },
    });
    c.close();
  });
});

describe('events', () => {
  it('delivers subscribed events with both name keys, seq and object data; admin events only to admins', async () => {
    const pub = await open();
    const adm = await open();
    await authAdmin(adm);
    const sub = await okData(pub, 'events.subscribe', {
      events: ['current_qso', 'system_status', 'bans_update'],
    });
    expect(sub).toMatchObject({ replayed: 0, snapshot_required: false, seq: expect.any(Number) });
    await t.request('POST', '/api/admin/status', { admin: true, body: { active: false } });
    await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
    await t
      .request('POST', '/api/admin/qso/logging-direct', { body: { type: 'x', data: {} } })
      .catch(() => undefined);
    await okData(adm, 'admin.start_qso', { callsign: 'JA1XYZ' });
    await okData(adm, 'admin.ban_callsign', { callsign: 'ZZ1ZZ' });
    const ev = await pub.next((f) => f.type === 'event' && f.event === 'current_qso');
    expect(ev).toMatchObject({
      event: 'current_qso',
      event_type: 'current_qso',
      data: { current_qso: { callsign: 'JA1XYZ' } },
    });
    expect(await adm.next((f) => f.type === 'event' && f.event === 'bans_update')).toMatchObject({
      data: { total: 1 },
    });
    await okData(adm, 'admin.unban_callsign', { callsign: 'ZZ1ZZ' });
    await adm.next((f) => f.type === 'event' && f.event === 'bans_update' && (f.data as Frame).total === 0);
    await okData(pub, 'system.ping'); // a round trip, so anything sent to pub has arrived
    expect(pub.log.some((f) => f.event === 'bans_update')).toBe(false);
    expect(pub.log.some((f) => f.event === 'frequency_update')).toBe(false);
    const seqs = pub.log.filter((f) => f.type === 'event').map((f) => f.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await okData(adm, 'events.unsubscribe');
    await okData(adm, 'admin.set_split', { split: 'UP 2' });
    await okData(adm, 'system.ping');
    expect(adm.log.some((f) => f.event === 'split_update')).toBe(false);
    pub.close();
    adm.close();
  });

  it('replays missed events after `since`, before the response; asks for a snapshot when too old', async () => {
    const c = await open();
    const first = await okData(c, 'events.subscribe');
    const since = first.seq as number;
    c.close();
    await t.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '7.074' } });
    await t.request('POST', '/api/admin/split', { admin: true, body: { split: 'UP 1' } });
    const d = await open();
    const id = nextId();
    d.send({ type: 'request', id, operation: 'events.subscribe', data: { since } });
    const r = await d.next(byId(id));
    expect(r.data).toMatchObject({ snapshot_required: false });
    const replayed = d.log.slice(0, d.log.indexOf(r)).filter((f) => f.type === 'event');
    expect((r.data as Frame).replayed).toBe(replayed.length);
    expect(replayed.map((f) => f.event)).toEqual(
      expect.arrayContaining(['frequency_update', 'split_update']),
    );
    expect(replayed.every((f) => (f.seq as number) > since)).toBe(true);
    expect(await okData(d, 'events.subscribe', { since: 1 })).toMatchObject({
      snapshot_required: true,
      replayed: 0,
    });
    d.close();
  });
});

describe('cross-transport events', () => {
  it('an HTTP change reaches WebSocket subscribers; a WebSocket change reaches SSE clients', async () => {
    const c = await open();
    await okData(c, 'events.subscribe', { events: ['frequency_update', 'split_update'] });
    await t.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '3.573' } });
    expect(await c.next((f) => f.event === 'frequency_update')).toMatchObject({
      data: { frequency: '3.573' },
    });

    const controller = new AbortController();
    const res = await fetch(`${t.url}/api/events/stream`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    const adm = await open();
    await authAdmin(adm);
    await okData(adm, 'admin.set_split', { split: 'UP 9' });
    while (!text.includes('"split":"UP 9"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    expect(text).toContain('event: split_update');
    controller.abort();
    c.close();
    adm.close();
  });
});

describe('limits', () => {
  it('answers messages beyond the rate with RATE_LIMITED and keeps the connection', async () => {
    const s = await startTestServer({
      lookup: fakeLookup(),
      env: { WS_RATE_LIMIT_PER_S: '1', WS_RATE_LIMIT_BURST: '3' },
      attach: [webSocketAttach],
    });
    try {
      const c = await RawClient.open(s.url, '/ws/connect');
      for (let i = 0; i < 5; i += 1) c.send({ type: 'request', id: `m${i}`, operation: 'system.ping' });
      const replies = await Promise.all([0, 1, 2, 3, 4].map((i) => c.next(byId(`m${i}`))));
      expect(replies.map((r) => r.error_code)).toEqual([null, null, null, 'RATE_LIMITED', 'RATE_LIMITED']);
      expect(replies[3]!.retry_after_s).toBeGreaterThan(0);
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      c.close();
      // The original's protocol has the same limit.
      const l = await RawClient.open(s.url, '/api/ws');
      for (let i = 0; i < 5; i += 1) l.send({ type: 'get_current_qso', request_id: `l${i}` });
      const legacy = await Promise.all([0, 1, 2, 3, 4].map((i) => l.next((f) => f.request_id === `l${i}`)));
      expect(legacy.map((r) => r.type)).toEqual(['success', 'success', 'success', 'error', 'error']);
      expect(legacy[3]).toMatchObject({ error_code: 'RATE_LIMITED' });
      l.close();
    } finally {
      await s.close();
    }
  });

  it('pings every interval and drops a peer that does not answer, keeping those that do', async () => {
    const s = await startTestServer({
      lookup: fakeLookup(),
      env: { WS_PING_INTERVAL_S: '1' },
      attach: [webSocketAttach],
    });
    try {
      const live = await RawClient.open(s.url, '/ws/connect');
      const deadSocket = new WebSocket(`${s.url.replace(/^http/, 'ws')}/ws/connect`, { autoPong: false });
      let pings = 0;
      deadSocket.on('ping', () => (pings += 1));
      const closed = new Promise<number>((resolve) => deadSocket.on('close', (code) => resolve(code)));
      expect(await closed).toBe(1006); // terminated by the server, no close frame
      expect(pings).toBeGreaterThanOrEqual(1);
      expect(live.ws.readyState).toBe(WebSocket.OPEN);
      expect(await req(live, 'system.ping')).toMatchObject({ success: true });
      live.close();
    } finally {
      await s.close();
    }
  });

  it('refuses handshakes beyond the connection limit with 503', async () => {
    const s = await startTestServer({
      lookup: fakeLookup(),
      env: { WS_MAX_CONNECTIONS: '2' },
      attach: [webSocketAttach],
    });
    try {
      const a = await RawClient.open(s.url, '/ws/connect');
      const b = await RawClient.open(s.url, '/api/ws');
      await expect(RawClient.open(s.url, '/ws/connect')).rejects.toThrow('HTTP 503');
      const health = await s.request('GET', '/api/health');
      expect(health.body).toMatchObject({ connections: { ws_v2: 1, ws_legacy: 1, ws_v2_admin: 0 } });
      a.close();
      b.close();
    } finally {
      await s.close();
    }
  });
});
