/**
 * Protocol A (`/api/ws`) over real sockets against a real server: the reference's conformance checklist
 * (section 11), in its order, with the intended behaviour where the original is broken, plus the types the
 * original documented but never handled, malformed input, and events from other transports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../testing/test-server.js';
import { webSocketAttach } from '../attach.js';
import { RawClient, refusedStatus, type Frame } from '../test-client.js';

let t: TestServer;
let M: RawClient;
let O: RawClient;
let token = '';
let seq = 0;

const rid = () => `r${(seq += 1)}`;
const isType = (type: string) => (f: Frame) => f.type === type;
const reply = (id: string) => (f: Frame) => f.request_id === id;

/** Sends a request on a connection and resolves with its reply (success, error or auth_response). */
async function call(c: RawClient, msg: Frame): Promise<Frame> {
  const id = (msg.request_id as string | undefined) ?? rid();
  c.send({ request_id: id, ...msg });
  return c.next(reply(id));
}

const admin = (c: RawClient, msg: Frame) => call(c, { session_token: token, ...msg });

beforeAll(async () => {
  t = await startTestServer({
    lookup: fakeLookup(),
    env: { MAX_QUEUE_SIZE: '4', WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' },
    attach: [webSocketAttach],
  });
  M = await RawClient.open(t.url, '/api/ws');
  O = await RawClient.open(t.url, '/api/ws');
});

afterAll(async () => {
  M.close();
  O.close();
  await t.close();
});

describe('Protocol A conformance checklist', () => {
  it('1: greets every connection with the welcome frame', async () => {
    for (const c of [M, O]) {
      const w = await c.next(isType('welcome'));
      expect(w).toMatchObject({
        type: 'welcome',
        message: 'Connected to Pileup Buster WebSocket API',
        server_version: '1.0.0',
      });
      expect(typeof w.timestamp).toBe('string');
      expect(Object.keys(w)).toEqual(['type', 'timestamp', 'message', 'server_version']);
    }
  });

  it('2: answers ping with pong only (no request_id)', async () => {
    M.send({ type: 'ping', request_id: 'p1' });
    const pong = await M.next(isType('pong'));
    expect(Object.keys(pong)).toEqual(['type', 'timestamp']);
  });

  it('3–6, 36: rejects malformed frames with the original codes', async () => {
    M.send('not json{');
    expect(await M.next(isType('error'))).toEqual({
      type: 'error',
      request_id: 'unknown',
      error_code: 'INVALID_FORMAT',
      message: 'Invalid JSON format',
      details: null,
    });
    for (const text of ['[1,2]', '"hello"', '{"type":5,"request_id":"x"}']) {
      M.send(text);
      expect(await M.next(isType('error'))).toMatchObject({
        request_id: 'unknown',
        error_code: 'SYSTEM_ERROR',
        message: 'Internal server error',
      });
    }
    expect(await call(M, { request_id: 'r1' })).toMatchObject({
      error_code: 'INVALID_FORMAT',
      message: 'Message type is required',
    });
    expect(await call(M, { type: '', request_id: 'r1b' })).toMatchObject({ error_code: 'INVALID_FORMAT' });
    expect(await call(M, { type: 'foo', request_id: 'r2' })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'Unknown message type: foo',
    });
    expect(await call(M, { type: 'PING' })).toMatchObject({ message: 'Unknown message type: PING' });
  });

  it('7–9: authenticates with username and password', async () => {
    expect(await call(M, { type: 'auth_request', username: 'admin' })).toMatchObject({
      type: 'error',
      error_code: 'INVALID_REQUEST',
      message: 'Username and password are required',
    });
    expect(await call(M, { type: 'auth_request', username: 'admin', password: 'wrong' })).toEqual({
      type: 'auth_response',
      request_id: expect.any(String),
      authenticated: false,
      session_token: null,
      message: 'Invalid credentials',
      expires_at: null,
    });
    const ok = await call(M, {
      type: 'auth_request',
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    expect(ok).toMatchObject({
      type: 'auth_response',
      authenticated: true,
      message: 'Authentication successful',
    });
    expect(Object.keys(ok)).toEqual([
      'type',
      'request_id',
      'authenticated',
      'session_token',
      'message',
      'expires_at',
    ]);
    token = ok.session_token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(ok.expires_at as string) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('10–11: checks the session token on admin_* types', async () => {
    expect(await call(M, { type: 'admin_ping' })).toMatchObject({
      error_code: 'AUTH_REQUIRED',
      message: 'Session token is required for admin operations',
    });
    expect(await call(M, { type: 'admin_ping', session_token: 'nope' })).toMatchObject({
      error_code: 'SESSION_EXPIRED',
      message: 'Session expired or invalid',
    });
    expect(await admin(M, { type: 'admin_ping' })).toMatchObject({
      type: 'success',
      message: 'pong',
      data: { authenticated: true, ping_type: 'admin_authenticated' },
    });
    expect(await call(M, { type: 'admin_frobnicate' })).toMatchObject({ error_code: 'AUTH_REQUIRED' });
    expect(await admin(M, { type: 'admin_frobnicate' })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'Unknown admin message type: admin_frobnicate',
    });
  });

  it('12–14: public reads and registration while inactive', async () => {
    expect(await call(M, { type: 'get_queue_status' })).toMatchObject({
      type: 'success',
      message: 'Queue status retrieved',
      data: { queue: [], total: 0, max_size: 4, system_active: false },
    });
    expect(await call(M, { type: 'get_current_qso' })).toMatchObject({
      message: 'Current QSO retrieved',
      data: { current_qso: null },
    });
    expect(await call(M, { type: 'register_callsign', callsign: 'W1AW' })).toMatchObject({
      error_code: 'SYSTEM_INACTIVE',
      message: 'System is currently inactive',
    });
  });

  it('15: admin_toggle_system activates and broadcasts system_status_update to everyone, after the reply', async () => {
    const id = rid();
    M.send({ type: 'admin_toggle_system', request_id: id, session_token: token, active: false });
    const r = await M.next(reply(id));
    expect(r).toMatchObject({
      type: 'success',
      message: 'System activated successfully',
      data: { system_active: true, previous_state: false, changed_by: 'logging_software' },
    });
    const s = await M.next(isType('system_status_update'));
    expect(M.log.indexOf(s)).toBeGreaterThan(M.log.indexOf(r));
    expect(s).toMatchObject({ active: true });
    expect(await O.next(isType('system_status_update'))).toMatchObject({ active: true });
  });

  it('16–19: registers callsigns with the original replies and queue_update broadcasts', async () => {
    expect(await call(M, { type: 'register_callsign', callsign: 'INVALID123' })).toMatchObject({
      error_code: 'CALLSIGN_INVALID',
      message: 'Invalid callsign format',
    });
    const ok = await call(M, { type: 'register_callsign', callsign: 'w1aw' });
    expect(ok).toMatchObject({
      type: 'success',
      message: 'Callsign W1AW registered successfully',
      data: { entry: { callsign: 'W1AW', position: 1, qrz: { callsign: 'W1AW' } } },
    });
    const qu = await M.next((f) => f.type === 'queue_update' && f.total === 1);
    expect(M.log.indexOf(qu)).toBeGreaterThan(M.log.indexOf(ok));
    expect(Object.keys(qu)).toEqual(['type', 'timestamp', 'queue', 'total', 'max_size', 'system_active']);
    expect(await O.next((f) => f.type === 'queue_update' && f.total === 1)).toMatchObject({ max_size: 4 });
    expect(await call(M, { type: 'register_callsign', callsign: 'W1AW' })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'Callsign already in queue',
    });
    for (const [i, cs] of ['2E0JFS', 'EI6LF', 'DL1ABC'].entries()) {
      expect(await call(M, { type: 'register_callsign', callsign: cs })).toMatchObject({ type: 'success' });
      await M.next((f) => f.type === 'queue_update' && f.total === i + 2);
      await O.next((f) => f.type === 'queue_update' && f.total === i + 2);
    }
    expect(await call(M, { type: 'register_callsign', callsign: 'JA1XYZ' })).toMatchObject({
      error_code: 'QUEUE_FULL',
      message: 'Queue is currently full',
    });
  });

  it('20: admin_get_queue lists the queue in FIFO order', async () => {
    const r = await admin(M, { type: 'admin_get_queue' });
    expect(r).toMatchObject({
      message: 'Queue retrieved successfully',
      data: { total: 4, max_size: 4, system_active: true },
    });
    const queue = (r.data as { queue: Frame[] }).queue;
    expect(queue.map((e) => [e.callsign, e.position])).toEqual([
      ['W1AW', 1],
      ['2E0JFS', 2],
      ['EI6LF', 3],
      ['DL1ABC', 4],
    ]);
    expect(typeof queue[0]!.time_in_queue).toBe('number');
  });

  it('21–23: admin_work_specific', async () => {
    expect(await admin(M, { type: 'admin_work_specific' })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'Callsign is required',
    });
    expect(await admin(M, { type: 'admin_work_specific', callsign: 'ZZ9ZZZ' })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'Callsign ZZ9ZZZ not found in queue or current QSO',
    });
    const r = await admin(M, { type: 'admin_work_specific', callsign: '2e0jfs' });
    expect(r).toMatchObject({
      type: 'success',
      message: 'Now working 2E0JFS (taken from queue)',
      data: {
        current_qso: {
          callsign: '2E0JFS',
          metadata: { source: 'queue_specific', bridge_initiated: false, original_position: 2 },
        },
      },
    });
    const qso = await M.next((f) => f.type === 'qso_update');
    expect(qso).toMatchObject({ current_qso: { callsign: '2E0JFS' } });
    const qu = await M.next((f) => f.type === 'queue_update' && f.total === 3);
    expect(M.log.indexOf(r)).toBeLessThan(M.log.indexOf(qso));
    expect(M.log.indexOf(qso)).toBeLessThan(M.log.indexOf(qu));
    expect((qu.queue as Frame[]).map((e) => e.position)).toEqual([1, 2, 3]);
    await O.next((f) => f.type === 'qso_update');
    await O.next((f) => f.type === 'queue_update' && f.total === 3);
    expect(await admin(M, { type: 'admin_work_specific', callsign: '2E0JFS' })).toMatchObject({
      message: 'Already working 2E0JFS (current QSO)',
      data: { current_qso: { callsign: '2E0JFS' } },
    });
  });

  it('24: admin_complete_qso answers data:null and announces qso_update null, with or without a QSO', async () => {
    for (let i = 0; i < 2; i += 1) {
      const r = await admin(M, { type: 'admin_complete_qso' });
      expect(r).toEqual({
        type: 'success',
        request_id: r.request_id,
        message: 'QSO completed successfully',
        data: null,
      });
      expect(await M.next((f) => f.type === 'qso_update')).toMatchObject({ current_qso: null });
      expect(await O.next((f) => f.type === 'qso_update')).toMatchObject({ current_qso: null });
    }
  });

  it('25–27: admin_start_qso', async () => {
    expect(await admin(M, { type: 'admin_start_qso' })).toMatchObject({ message: 'Callsign is required' });
    expect(await admin(M, { type: 'admin_start_qso', callsign: 'INVALID123' })).toMatchObject({
      error_code: 'CALLSIGN_INVALID',
    });
    const r = await admin(M, {
      type: 'admin_start_qso',
      callsign: 'ea1abc',
      frequency_mhz: 14.205,
      mode: 'SSB',
      source: 'direct',
    });
    expect(r).toMatchObject({
      type: 'success',
      message: 'Started QSO with EA1ABC',
      // The original dropped frequency_mhz for source "direct" (a bug); it is kept here.
      data: {
        current_qso: {
          callsign: 'EA1ABC',
          metadata: { mode: 'SSB', frequency_mhz: 14.205, started_via: 'logging_software' },
        },
      },
    });
    expect(await M.next((f) => f.type === 'qso_update')).toMatchObject({
      current_qso: { callsign: 'EA1ABC' },
    });
    await O.next((f) => f.type === 'qso_update');
    // A queued callsign is taken from the queue (the original left it queued).
    expect(
      await admin(M, {
        type: 'admin_start_qso',
        callsign: 'EI6LF',
        frequency_mhz: 14.205,
        mode: 'CW',
        source: 'queue',
      }),
    ).toMatchObject({
      message: 'Started QSO with EI6LF',
      data: { current_qso: { callsign: 'EI6LF', metadata: { frequency_mhz: 14.205, mode: 'CW' } } },
    });
    expect(await M.next((f) => f.type === 'qso_update')).toMatchObject({
      current_qso: { callsign: 'EI6LF' },
    });
  });

  it('28: admin_cancel_qso with and without a QSO, each followed by qso_update null', async () => {
    const r1 = await admin(M, { type: 'admin_cancel_qso' });
    expect(r1).toMatchObject({
      message: 'QSO with EI6LF cancelled successfully',
      data: { cancelled_qso: { callsign: 'EI6LF' } },
    });
    expect(await M.next((f) => f.type === 'qso_update')).toMatchObject({ current_qso: null });
    const r2 = await admin(M, { type: 'admin_cancel_qso' });
    expect(r2).toMatchObject({ message: 'No active QSO to cancel', data: { cancelled_qso: null } });
    expect(await M.next((f) => f.type === 'qso_update')).toMatchObject({ current_qso: null });
    await O.next((f) => f.type === 'qso_update' && f.current_qso === null);
    await O.next((f) => f.type === 'qso_update' && f.current_qso === null);
  });

  it('29–33: frequency and split; legacy clients now hear about them', async () => {
    expect(await admin(M, { type: 'admin_set_frequency' })).toMatchObject({
      message: 'Frequency is required',
    });
    expect(await admin(M, { type: 'admin_set_frequency', frequency_mhz: 14.2 })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'Frequency is required',
    });
    const set = await admin(M, { type: 'admin_set_frequency', frequency: '14.205.00' });
    expect(set).toMatchObject({
      type: 'success',
      message: 'Frequency set to 14.205.00',
      data: { frequency_data: { frequency: '14.205.00', updated_by: 'admin' } },
    });
    expect(await O.next((f) => f.type === 'frequency_update')).toMatchObject({ frequency: '14.205.00' });
    // O never authenticated itself: updated_by is the original's placeholder.
    expect(
      await call(O, { type: 'admin_set_frequency', frequency: '7.150', session_token: token }),
    ).toMatchObject({
      message: 'Frequency set to 7.150',
      data: { frequency_data: { updated_by: 'websocket-admin' } },
    });
    expect(await admin(M, { type: 'admin_clear_frequency' })).toMatchObject({
      message: 'Frequency cleared',
      data: { frequency_data: { frequency: null, cleared: true } },
    });
    expect(await admin(M, { type: 'admin_clear_frequency' })).toMatchObject({
      data: { frequency_data: { cleared: false } },
    });
    expect(await admin(M, { type: 'admin_set_split' })).toMatchObject({ message: 'Split is required' });
    expect(await admin(M, { type: 'admin_set_split', split: 'UP 5' })).toMatchObject({
      message: 'Split set to UP 5',
      data: { split_data: { split: 'UP 5' } },
    });
    expect(await O.next((f) => f.type === 'split_update')).toMatchObject({ split: 'UP 5' });
    expect(await admin(M, { type: 'admin_clear_split' })).toMatchObject({
      message: 'Split cleared',
      data: { split_data: { split: null } },
    });
  });

  it('the types the original broke or never handled do what was meant', async () => {
    await call(M, { type: 'register_callsign', callsign: 'K1ABC' });
    const next = await admin(M, { type: 'admin_work_next' });
    expect(next).toMatchObject({
      type: 'success',
      message: 'Now working W1AW',
      data: { current_qso: { callsign: 'W1AW' } },
    });
    expect(await admin(M, { type: 'admin_get_current_qso' })).toMatchObject({
      message: 'Current QSO retrieved',
      data: { current_qso: { callsign: 'W1AW' } },
    });
    expect(await admin(M, { type: 'admin_get_status' })).toMatchObject({
      message: 'System status retrieved successfully',
      data: {
        system_active: true,
        registration_enabled: true,
        queue_size: 2,
        max_queue_size: 4,
        current_qso: { callsign: 'W1AW' },
      },
    });
    const ttl = await admin(M, { type: 'admin_update_worked_callers_ttl' });
    expect(ttl).toMatchObject({ type: 'success', data: { success: true } });
    expect(ttl.message).toMatch(/^Updated TTL for \d+ worked callers$/);
    expect(await O.next(isType('ttl_update'))).toMatchObject({ modified_count: expect.any(Number) });
    expect(await admin(M, { type: 'admin_send_qso', callsign: 'VK2DEF' })).toMatchObject({
      message: 'Started QSO with VK2DEF',
    });
    expect(await admin(M, { type: 'admin_clear_queue' })).toMatchObject({
      message: 'Queue cleared. Removed 2 entries.',
      data: { cleared_count: 2 },
    });
    expect(await admin(M, { type: 'admin_work_next' })).toMatchObject({
      error_code: 'INVALID_REQUEST',
      message: 'No users in queue',
    });
  });

  it('34–35: deactivation, and admin_start_qso while inactive (refused: the original started it)', async () => {
    const r = await admin(M, { type: 'admin_toggle_system' });
    expect(r).toMatchObject({
      message: 'System deactivated successfully',
      data: { system_active: false, previous_state: true },
    });
    expect(await M.next((f) => f.type === 'system_status_update')).toMatchObject({ active: false });
    expect(await O.next((f) => f.type === 'system_status_update')).toMatchObject({ active: false });
    // A direct QSO while off would be logged for a station that is not on the air: refused.
    expect(await admin(M, { type: 'admin_start_qso', callsign: 'G4ABC' })).toMatchObject({
      type: 'error',
      message: 'System is currently inactive',
    });
    expect(await call(M, { type: 'get_current_qso' })).toMatchObject({ data: { current_qso: null } });
  });

  it('37: a binary frame closes the connection (after saying why)', async () => {
    const c = await RawClient.open(t.url, '/api/ws');
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.closed).toBe(1003);
    expect(c.log.find((f) => f.type === 'error')).toMatchObject({ error_code: 'INVALID_FORMAT' });
  });

  it('answers an oversize message with MESSAGE_TOO_LARGE and keeps the connection', async () => {
    const c = await RawClient.open(t.url, '/api/ws');
    c.send({ type: 'ping', pad: 'x'.repeat(70_000) });
    expect(await c.next(isType('error'))).toMatchObject({
      error_code: 'MESSAGE_TOO_LARGE',
      request_id: 'unknown',
    });
    c.send({ type: 'ping' });
    expect(await c.next(isType('pong'))).toBeTruthy();
    c.close();
  });

  it('38: other paths are refused with 403', async () => {
    expect(await refusedStatus(t.url, '/ws')).toBe(403);
    expect(await refusedStatus(t.url, '/api/ws/')).toBe(403);
  });

  it('39: a token stays valid on a new connection; auth_logout revokes it', async () => {
    const a = await RawClient.open(t.url, '/api/ws');
    const auth = await call(a, {
      type: 'auth_request',
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    const t2 = auth.session_token as string;
    a.close();
    await a.closed;
    const b = await RawClient.open(t.url, '/api/ws');
    expect(await call(b, { type: 'admin_ping', session_token: t2 })).toMatchObject({ type: 'success' });
    expect(await call(b, { type: 'auth_logout', session_token: t2 })).toMatchObject({
      type: 'success',
      message: 'Logged out successfully',
    });
    expect(await call(b, { type: 'admin_ping', session_token: t2 })).toMatchObject({
      error_code: 'SESSION_EXPIRED',
    });
    b.close();
  });
});

describe('Protocol A: changes made elsewhere', () => {
  it('hears about HTTP changes to the system, frequency and queue', async () => {
    const c = await RawClient.open(t.url, '/api/ws');
    await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
    expect(await c.next(isType('system_status_update'))).toMatchObject({ active: true });
    await t.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '21.300' } });
    expect(await c.next(isType('frequency_update'))).toMatchObject({ frequency: '21.300' });
    await t.request('POST', '/api/queue/register', { body: { callsign: 'PA3XYZ' } });
    expect(await c.next((f) => f.type === 'queue_update' && f.total === 1)).toBeTruthy();
    c.close();
  });
});
