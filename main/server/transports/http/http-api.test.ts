import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup() });
});
afterAll(async () => {
  await t.close();
});

type Json = Record<string, unknown>;
const admin = (method: string, p: string, body?: unknown) =>
  t.request(method, p, { admin: true, ...(body !== undefined ? { body } : {}) });
const register = (callsign: unknown) => t.request('POST', '/api/queue/register', { body: { callsign } });

async function reset(active = true): Promise<void> {
  await admin('POST', '/api/admin/status', { active: false });
  await admin('POST', '/api/admin/banned-callsigns/clear');
  await admin('POST', '/api/admin/rate-limit', { time_period_minutes: 0 });
  await admin('POST', '/api/admin/queue-pause', { paused: false });
  await admin('POST', '/api/admin/settings', { max_queue_size: 50 });
  await admin('POST', '/api/admin/worked-callers/clear');
  if (active) await admin('POST', '/api/admin/status', { active: true });
}

describe('public queue', () => {
  beforeEach(() => reset());

  it('registers, lists and reports one entry with its live position', async () => {
    const r = await register(' w1aw ');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      message: 'Callsign registered successfully',
      entry: { callsign: 'W1AW', position: 1, qrz: { callsign: 'W1AW', dxcc_name: 'Testland' } },
    });
    expect((r.body as { entry: Json }).entry.timestamp).toMatch(/Z$/);
    await register('EA8/DL1ABC');
    const list = await t.request('GET', '/api/queue/list');
    expect(list.body).toMatchObject({ total: 2, max_size: 50, system_active: true });
    expect((list.body as { queue: Json[] }).queue.map((e) => [e.callsign, e.position])).toEqual([
      ['W1AW', 1],
      ['EA8/DL1ABC', 2],
    ]);
    const one = await t.request('GET', '/api/queue/status/EA8%2FDL1ABC');
    expect(one).toMatchObject({ status: 200, body: { callsign: 'EA8/DL1ABC', position: 2 } });
    const unencoded = await t.request('GET', '/api/queue/status/ea8/dl1abc');
    expect(unencoded.body).toMatchObject({ callsign: 'EA8/DL1ABC' });
    expect(await t.request('GET', '/api/queue/status/K1ABC')).toMatchObject({
      status: 404,
      body: { detail: 'Callsign not found in queue', code: 'NOT_FOUND' },
    });
  });

  it('answers each refusal with its status, detail and code', async () => {
    expect(await register('')).toMatchObject({
      status: 400,
      body: { detail: 'Callsign is required', code: 'CALLSIGN_REQUIRED' },
    });
    const bad = await register('KC1@BC');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_CALLSIGN' });
    expect((bad.body as Json).detail).toMatch(/^Invalid callsign format/);
    await register('W1AW');
    expect(await register('w1aw')).toMatchObject({
      status: 400,
      body: { detail: 'Callsign already in queue', code: 'ALREADY_QUEUED' },
    });
    await admin('POST', '/api/admin/settings', { max_queue_size: 1 });
    expect(await register('K1ABC')).toMatchObject({
      status: 400,
      body: { detail: 'Queue is full. Maximum queue size is 1', code: 'QUEUE_FULL' },
    });
    await admin('POST', '/api/admin/settings', { max_queue_size: 50 });
    await admin('POST', '/api/admin/queue-pause', { paused: true });
    expect(await register('K1ABC')).toMatchObject({ status: 503, body: { code: 'QUEUE_PAUSED' } });
    await admin('POST', '/api/admin/queue-pause', { paused: false });
    await admin('POST', '/api/admin/banned-callsigns', { callsign: 'K1ABC', reason: 'test' });
    expect(await register('K1ABC')).toMatchObject({ status: 403, body: { code: 'CALLSIGN_BANNED' } });
    await admin('POST', '/api/admin/rate-limit', { time_period_minutes: 30 });
    await admin('POST', '/api/admin/qso/start', { callsign: 'N0AA' });
    await admin('POST', '/api/admin/qso/complete');
    const cool = await register('N0AA');
    expect(cool).toMatchObject({ status: 429, body: { code: 'COOLDOWN' } });
    expect(Number(cool.headers.get('retry-after'))).toBeGreaterThan(29 * 60);
    await admin('POST', '/api/admin/status', { active: false });
    expect(await register('G4XYZ')).toMatchObject({
      status: 503,
      body: {
        detail: 'System is currently inactive. Registration is not available.',
        code: 'SYSTEM_INACTIVE',
      },
    });
    expect(await t.request('GET', '/api/queue/status/W1AW')).toMatchObject({
      status: 503,
      body: { detail: 'System is currently inactive.' },
    });
  });

  it('rejects malformed bodies with stable codes and never stores anything', async () => {
    const raw = (rawBody: string, headers: Record<string, string> = {}) =>
      t.request('POST', '/api/queue/register', { rawBody, headers });
    expect(await raw('{"callsign":')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    const wrongType = await register(42);
    expect(wrongType).toMatchObject({ status: 422, body: { code: 'VALIDATION_ERROR' } });
    expect((wrongType.body as { detail: Json[] }).detail[0]).toMatchObject({ loc: ['body', 'callsign'] });
    expect(await raw('[1,2]')).toMatchObject({ status: 422 });
    expect(await raw('{}')).toMatchObject({ status: 422 });
    expect(await raw('{"callsign":"W1AW"}', { 'content-type': 'text/plain' })).toMatchObject({ status: 422 });
    const huge = JSON.stringify({ callsign: 'W1AW', pad: 'x'.repeat(20_000) });
    expect(await raw(huge)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await register('X'.repeat(100))).toMatchObject({ status: 422 });
    expect((await t.request('GET', '/api/queue/list')).body).toMatchObject({ total: 0 });
  });

  it('asks for manual details when nothing is known and accepts them', async () => {
    const bare = await startTestServer();
    try {
      await bare.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
      const r = await bare.request('POST', '/api/queue/register', { body: { callsign: 'XX9ZZ' } });
      expect(r.body).toMatchObject({ requires_manual_data: true, callsign: 'XX9ZZ' });
      const missing = await bare.request('POST', '/api/queue/register-manual', {
        body: { callsign: 'XX9ZZ', name: 'Ann' },
      });
      expect(missing.status).toBe(422);
      const m = await bare.request('POST', '/api/queue/register-manual', {
        body: { callsign: 'XX9ZZ', name: '<b>Ann</b>', location: 'Hill', country: 'Land' },
      });
      expect(m.body).toMatchObject({
        entry: { callsign: 'XX9ZZ', position: 1, qrz: { name: '<b>Ann</b>', source: 'manual' } },
      });
    } finally {
      await bare.close();
    }
  });

  it('GET /api/queue/current and /api/public/* report state', async () => {
    expect((await t.request('GET', '/api/queue/current')).body).toBe(null);
    await register('W1AW');
    await admin('POST', '/api/admin/queue/next');
    expect((await t.request('GET', '/api/queue/current')).body).toMatchObject({ callsign: 'W1AW' });
    expect((await t.request('GET', '/api/public/status')).body).toEqual({ active: true });
    await admin('POST', '/api/admin/frequency', { frequency: '14.195 MHz', mode: 'usb' });
    const f = await t.request('GET', '/api/public/frequency');
    expect(f.body).toMatchObject({ frequency: '14.195 MHz', band: '20m', mode: 'SSB' });
    expect(f.body).not.toHaveProperty('updated_by');
    await admin('POST', '/api/admin/split', { split: 'UP 5' });
    expect((await t.request('GET', '/api/public/split')).body).toMatchObject({ split: 'UP 5' });
    await admin('POST', '/api/admin/qso/complete');
    const worked = await t.request('GET', '/api/public/worked-callers');
    expect(worked.body).toMatchObject({
      total: 1,
      system_active: true,
      worked_callers: [{ callsign: 'W1AW' }],
    });
    const prev = await t.request('GET', '/api/public/previous-qsos?limit=5');
    expect(prev.body).toMatchObject({
      limit: 5,
      previous_qsos: [{ callsign: 'W1AW', metadata: { source: 'queue' } }],
    });
    expect((await t.request('GET', '/api/public/previous-qsos?limit=0')).status).toBe(422);
    expect((await t.request('GET', '/api/public/queue-pause')).body).toEqual({ paused: false });
    expect((await t.request('GET', '/api/public/config')).body).toEqual({
      skip_splash_delay: true,
      station_callsign: null,
      station_message: null,
    });
    const state = await t.request('GET', '/api/public/state');
    expect(state.body).toMatchObject({
      system: { active: true, paused: false },
      frequency: { band: '20m' },
      queue: { total: 0 },
      worked: { total: 1 },
    });
    expect((state.body as { stats: Json }).stats.qsos_last_hour).toBeGreaterThanOrEqual(1);
    expect(typeof (state.body as Json).seq).toBe('number');
  });
});

describe('admin API', () => {
  beforeEach(() => reset());

  it('needs authentication on every admin path, including logging-direct', async () => {
    for (const [method, p] of [
      ['GET', '/api/admin/queue'],
      ['POST', '/api/admin/queue/next'],
      ['POST', '/api/admin/qso/logging-direct'],
      ['GET', '/api/admin/ping'],
      ['POST', '/api/admin/qso/debug-echo'],
    ] as const) {
      const r = await t.request(method, p);
      expect(r.status, `${method} ${p}`).toBe(401);
      expect(r.body).toMatchObject({ detail: 'Not authenticated', code: 'AUTH_REQUIRED' });
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic/);
    }
    const wrong = await t.request('GET', '/api/admin/queue', {
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    });
    expect(wrong).toMatchObject({ status: 401, body: { detail: 'Invalid admin credentials' } });
    expect(await t.request('POST', '/api/admin/qso/debug-echo', { admin: true, body: {} })).toMatchObject({
      status: 404,
    });
  });

  it('queue management: get, remove, work, next, clear', async () => {
    for (const c of ['W1AW', 'K1ABC', 'N0AA', 'VK9/EI6JGB']) await register(c);
    const q = await admin('GET', '/api/admin/queue');
    expect(q.body).toMatchObject({ total: 4, admin: true });
    expect(await admin('DELETE', '/api/admin/queue/VK9%2FEI6JGB')).toMatchObject({
      status: 200,
      body: { message: 'Callsign VK9/EI6JGB removed from queue', removed: { callsign: 'VK9/EI6JGB' } },
    });
    expect(await admin('DELETE', '/api/admin/queue/VK9%2FEI6JGB')).toMatchObject({
      status: 404,
      body: { detail: 'Callsign not found in queue' },
    });
    const work = await admin('POST', '/api/admin/queue/work/N0AA');
    expect(work.body).toMatchObject({
      message: 'Now working N0AA (taken from queue)',
      was_already_current: false,
      current_qso: { callsign: 'N0AA', metadata: { source: 'queue_specific', original_position: 3 } },
    });
    expect((await admin('POST', '/api/admin/queue/work/N0AA')).body).toMatchObject({
      was_already_current: true,
    });
    expect(await admin('POST', '/api/admin/queue/work/ZZ9ZZ')).toMatchObject({
      status: 404,
      body: { detail: 'Callsign ZZ9ZZ not found in queue or current QSO' },
    });
    const next = await admin('POST', '/api/admin/queue/next');
    expect(next.body).toMatchObject({
      message: 'Next callsign: W1AW is now in QSO',
      callsign: 'W1AW',
      current_qso: { callsign: 'W1AW' },
      cleared_qso: { callsign: 'N0AA' },
      remaining: 1,
    });
    expect((await admin('POST', '/api/admin/queue/clear')).body).toEqual({
      message: 'Queue cleared. Removed 1 entries.',
      cleared_count: 1,
      undo_id: expect.any(String),
      undo_label: 'Clear the queue (1)',
      undo_expires_at: expect.stringMatching(/Z$/),
    });
    const empty = await admin('POST', '/api/admin/queue/next');
    expect(empty.body).toMatchObject({
      message: 'Queue is empty. Cleared current QSO.',
      current_qso: null,
      remaining: 0,
    });
    expect((await admin('POST', '/api/admin/queue/next')).body).toMatchObject({
      message: 'Queue is empty. No action taken.',
    });
  });

  it('QSO: start, complete, cancel, current, logging-direct', async () => {
    expect((await admin('POST', '/api/admin/qso/complete')).body).toEqual({
      message: 'No active QSO to complete',
      cleared_qso: null,
    });
    expect((await admin('POST', '/api/admin/qso/cancel')).body).toEqual({
      message: 'No active QSO to cancel',
      cancelled_qso: null,
    });
    const start = await admin('POST', '/api/admin/qso/start', { callsign: 'g4xyz/p' });
    expect(start.body).toMatchObject({ was_in_queue: false, current_qso: { callsign: 'G4XYZ/P' } });
    expect((await admin('GET', '/api/admin/current')).body).toMatchObject({ callsign: 'G4XYZ/P' });
    const done = await admin('POST', '/api/admin/qso/complete');
    expect(done.body).toMatchObject({
      message: 'QSO with G4XYZ/P completed successfully',
      cleared_qso: { callsign: 'G4XYZ/P', worked_entry: { callsign: 'G4XYZ/P', times_worked: 1 } },
    });
    await admin('POST', '/api/admin/qso/start', { callsign: 'W1AW' });
    expect((await admin('POST', '/api/admin/qso/cancel')).body).toMatchObject({
      message: 'QSO with W1AW cancelled successfully',
    });

    const logging = { type: 'qso_start', data: { callsign: 'k1abc', frequency_mhz: 14.2, mode: 'SSB' } };
    expect(await admin('POST', '/api/admin/qso/logging-direct', logging)).toMatchObject({
      status: 503,
      body: { code: 'LOGGER_DISABLED' },
    });
    const flag = await admin('POST', '/api/admin/logger-integration', { enabled: true });
    expect(flag.body).toMatchObject({ message: 'Send to Logger enabled successfully', enabled: true });
    expect((await admin('GET', '/api/admin/logger-integration')).body).toMatchObject({ enabled: true });
    await register('K1ABC');
    const ack = await admin('POST', '/api/admin/qso/logging-direct', logging);
    expect(ack.body).toMatchObject({
      type: 'ack',
      qso_started: { callsign: 'K1ABC', source: 'queue', was_in_queue: true },
    });
    expect((ack.body as Json).timestamp).toMatch(/Z$/);
    expect((await t.request('GET', '/api/queue/list')).body).toMatchObject({ total: 0 });
    expect(
      await admin('POST', '/api/admin/qso/logging-direct', { type: 'qso_end', data: { callsign: 'K1ABC' } }),
    ).toMatchObject({ status: 400, body: { detail: 'Unsupported message type: qso_end' } });
    expect(
      await admin('POST', '/api/admin/qso/logging-direct', { type: 'qso_start', data: {} }),
    ).toMatchObject({
      status: 400,
      body: { detail: 'Callsign is required' },
    });
    expect(await admin('POST', '/api/admin/qso/logging-direct', { callsign: 'K1ABC' })).toMatchObject({
      status: 422,
    });
    await admin('POST', '/api/admin/logger-integration', { enabled: false });
  });

  it('system status: idempotent activation, deactivation clears', async () => {
    const again = await admin('POST', '/api/admin/status', { active: true });
    expect(again.body).toMatchObject({
      message: 'System already active. No changes made.',
      status: { changed: false },
    });
    await register('W1AW');
    await register('K1ABC');
    await admin('POST', '/api/admin/queue/next');
    await admin('POST', '/api/admin/frequency', { frequency: '7.074' });
    const off = await admin('POST', '/api/admin/status', { active: false });
    expect((off.body as Json).message).toBe(
      'System deactivated successfully. Queue cleared (1 entries removed). Current QSO cleared',
    );
    expect(off.body).toMatchObject({
      status: { active: false, queue_cleared: true, cleared_count: 1, qso_cleared: true },
    });
    const status = await admin('GET', '/api/admin/status');
    expect(status.body).toMatchObject({ active: false, updated_by: 'admin' });
    expect((status.body as Json).last_updated).toMatch(/Z$/);
    expect((await t.request('GET', '/api/public/frequency')).body).toMatchObject({ frequency: null });
    expect(await admin('POST', '/api/admin/status', {})).toMatchObject({ status: 422 });
  });

  it('frequency, split, beam heading and visibility', async () => {
    expect(
      (await admin('POST', '/api/admin/frequency', { frequency: '  146.520 MHz  ' })).body,
    ).toMatchObject({
      message: 'Frequency set to   146.520 MHz  ',
      frequency_data: { frequency: '  146.520 MHz  ', band: '2m', updated_by: 'admin' },
    });
    expect((await admin('POST', '/api/admin/frequency', { frequency: '' })).body).toMatchObject({
      frequency_data: { frequency: '' },
    });
    expect((await admin('DELETE', '/api/admin/frequency')).body).toMatchObject({
      message: 'Frequency cleared successfully',
      frequency_data: { frequency: null, cleared: true },
    });
    expect((await admin('POST', '/api/admin/split', { split: 'UP 5-10' })).body).toMatchObject({
      message: 'Split set to UP 5-10',
    });
    expect((await admin('DELETE', '/api/admin/split')).body).toMatchObject({
      message: 'Split cleared',
      split_data: { split: null },
    });
    expect(await admin('POST', '/api/admin/frequency', { frequency: 14 })).toMatchObject({ status: 422 });
    expect((await admin('POST', '/api/admin/beam-heading', { beam_heading: 45 })).body).toEqual({
      beam_heading: 45,
    });
    expect(await admin('POST', '/api/admin/beam-heading', { beam_heading: 400 })).toMatchObject({
      status: 422,
    });
    expect((await t.request('GET', '/api/public/beam-heading')).body).toEqual({ beam_heading: null });
    await admin('POST', '/api/admin/beam-heading-visibility', { beam_heading_visible: true });
    expect((await t.request('GET', '/api/public/beam-heading')).body).toEqual({ beam_heading: 45 });
    expect((await t.request('GET', '/api/public/beam-heading-visibility')).body).toEqual({
      beam_heading_visible: true,
    });
    expect((await admin('DELETE', '/api/admin/beam-heading')).body).toEqual({ beam_heading: null });
    expect((await admin('GET', '/api/admin/beam-heading-visibility')).body).toEqual({
      beam_heading_visible: true,
    });
  });

  it('bans and the cooldown rule', async () => {
    await register('W1AW');
    const ban = await admin('POST', '/api/admin/banned-callsigns/ban-from-queue/W1AW', { reason: 'abuse' });
    expect(ban.body).toMatchObject({ banned: { callsign: 'W1AW', reason: 'abuse', banned_by: 'admin' } });
    expect(await admin('POST', '/api/admin/banned-callsigns/ban-from-queue/W1AW')).toMatchObject({
      status: 404,
    });
    await admin('POST', '/api/admin/banned-callsigns', { callsign: 'EA8/DL1ABC' });
    const list = await admin('GET', '/api/admin/banned-callsigns');
    expect(list.body).toMatchObject({ total: 2 });
    expect((await admin('DELETE', '/api/admin/banned-callsigns/EA8%2FDL1ABC')).status).toBe(200);
    expect((await admin('DELETE', '/api/admin/banned-callsigns/EA8%2FDL1ABC')).status).toBe(404);
    expect(await admin('POST', '/api/admin/banned-callsigns', { callsign: 'not a call' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_CALLSIGN' },
    });
    expect((await admin('POST', '/api/admin/banned-callsigns/clear')).body).toMatchObject({
      cleared_count: 1,
    });

    expect((await admin('POST', '/api/admin/rate-limit', { time_period_minutes: 60 })).body).toMatchObject({
      time_period_minutes: 60,
      enabled: true,
    });
    expect((await admin('GET', '/api/admin/rate-limit')).body).toEqual({
      time_period_minutes: 60,
      enabled: true,
    });
    expect((await admin('GET', '/api/admin/rate-limit/check/K1ABC')).body).toMatchObject({
      callsign: 'K1ABC',
      can_register: true,
    });
    expect(await admin('POST', '/api/admin/rate-limit', { time_period_minutes: -1 })).toMatchObject({
      status: 422,
    });
  });

  it('worked callers, TTL, QSO log and settings', async () => {
    await admin('POST', '/api/admin/qso/start', { callsign: 'W1AW' });
    await admin('POST', '/api/admin/qso/complete');
    expect((await admin('GET', '/api/admin/worked-callers')).body).toMatchObject({ total: 1, admin: true });
    expect((await admin('GET', '/api/admin/worked-callers/ttl-info')).body).toMatchObject({
      ttl_indexes: [{ expireAfterSeconds: 72 * 3600 }],
    });
    const ttl = await admin('POST', '/api/admin/worked-callers/update-ttl');
    expect(ttl).toMatchObject({ status: 200, body: { success: true, modified_count: 1 } });
    const qsos = await admin('GET', '/api/admin/qsos?search=w1&limit=1');
    expect(qsos.body).toMatchObject({ total: 1, qsos: [{ callsign: 'W1AW' }] });
    const id = (qsos.body as { qsos: Json[] }).qsos[0]!.id as string;
    const logSize = ((await admin('GET', '/api/admin/qsos')).body as Json).log_size as number;
    expect((await admin('POST', '/api/admin/worked-callers/clear')).body).toMatchObject({ cleared_count: 1 });
    expect((await admin('GET', '/api/admin/qsos')).body).toMatchObject({ log_size: logSize });
    expect((await admin('DELETE', `/api/admin/qsos/${id}`)).status).toBe(200);
    expect((await admin('DELETE', `/api/admin/qsos/${id}`)).status).toBe(404);

    const settings = await admin('POST', '/api/admin/settings', {
      max_queue_size: 7,
      worked_window_hours: 24,
    });
    expect(settings.body).toMatchObject({ max_queue_size: 7, worked_window_hours: 24 });
    expect((await admin('GET', '/api/admin/settings')).body).toMatchObject({
      max_queue_size: 7,
      admin_password_from_environment: true,
    });
    expect((await t.request('GET', '/api/queue/list')).body).toMatchObject({ max_size: 7 });
    expect(await admin('POST', '/api/admin/settings', { max_queue_size: 0 })).toMatchObject({ status: 422 });
    expect(
      await admin('POST', '/api/admin/password', { current_password: 'x', new_password: 'longenough' }),
    ).toMatchObject({
      status: 409,
    });
  });

  it('ping and connect info', async () => {
    expect((await admin('GET', '/api/admin/ping')).body).toMatchObject({
      message: 'pong',
      authenticated: true,
      username: 'admin',
      ping_type: 'admin_authenticated_http',
    });
    const info = await admin('GET', '/api/admin/connect-info');
    expect(info.body).toMatchObject({ paths: { websocket_v2: '/ws/connect', websocket_legacy: '/api/ws' } });
  });
});

describe('the rest of the surface', () => {
  it('health, status page escaping, CORS, 404 and 405', async () => {
    await reset();
    const health = await t.request('GET', '/api/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      version: expect.any(String),
      uptime_s: expect.any(Number),
    });
    expect(health.body).toHaveProperty('connections');

    const bare = await startTestServer();
    try {
      await bare.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
      await bare.request('POST', '/api/admin/frequency', {
        admin: true,
        body: { frequency: '<script>x</script>' },
      });
      await bare.request('POST', '/api/queue/register-manual', {
        body: { callsign: 'W1AW', name: '<img src=x onerror=alert(1)>', location: 'a', country: 'b' },
      });
      const page = await bare.request('GET', '/status');
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = page.body as string;
      expect(html).toContain('System Status: ACTIVE');
      expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('Queue (1 users)');
    } finally {
      await bare.close();
    }

    const pub = await t.request('GET', '/api/public/status', { headers: { origin: 'http://evil.example' } });
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await t.request('OPTIONS', '/api/admin/queue/next', {
      headers: { origin: 'http://evil.example' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(null);
    expect(pre.headers.get('access-control-allow-headers')).toBe(null);

    expect(await t.request('POST', '/api/queue/add', { body: { callsign: 'W1AW' } })).toMatchObject({
      status: 404,
    });
    expect(await t.request('PUT', '/api/queue/register', { body: { callsign: 'W1AW' } })).toMatchObject({
      status: 405,
      body: { code: 'METHOD_NOT_ALLOWED' },
    });
    expect((await t.request('GET', '/api/queue/list')).headers.get('x-content-type-options')).toBe('nosniff');

    const bareConsole = await fetch(`${t.url}/console`, { redirect: 'manual' });
    expect(bareConsole.status).toBe(301);
    expect(bareConsole.headers.get('location')).toBe('/console/');
    const slashConsole = await fetch(`${t.url}/console/`, { redirect: 'manual' });
    expect(slashConsole.status).not.toBe(301);
    expect(slashConsole.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('registration is rate limited per client address', async () => {
    const limited = await startTestServer({
      env: { REGISTRATION_RATE_PER_MINUTE: '3' },
      lookup: fakeLookup(),
    });
    try {
      await limited.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
      const codes: number[] = [];
      for (const c of ['W1AW', 'K1ABC', 'N0AA', 'G4XYZ']) {
        codes.push((await limited.request('POST', '/api/queue/register', { body: { callsign: c } })).status);
      }
      expect(codes).toEqual([200, 200, 200, 429]);
      const r = await limited.request('POST', '/api/queue/register', { body: { callsign: 'JA1XYZ' } });
      expect(r.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect((r.body as Json).detail).toMatch(/Too many registrations/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('failed logins are throttled per address with 429 and Retry-After', async () => {
    const s = await startTestServer();
    try {
      const bad = { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` };
      const codes: number[] = [];
      for (let i = 0; i < 6; i += 1)
        codes.push((await s.request('GET', '/api/admin/ping', { headers: bad })).status);
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      const locked = await s.request('GET', '/api/admin/ping', { admin: true });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});
