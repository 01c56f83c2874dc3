import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, knownLookup } from './support.js';

let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.close();
  ts = undefined;
});

const register = (callsign: string) => ts!.request('POST', '/api/queue/register', { body: { callsign } });
const FORMS = ['W1AW/P', 'VE3/W1AW', 'W1AW/QRP'];

describe('one operator, one place (base call identity)', () => {
  it('three forms of one base call cannot hold three places in the queue', async () => {
    ts = await startTestServer({ lookup: knownLookup() });
    await activate(ts);
    expect((await register('W1AW')).status).toBe(200);
    for (const form of FORMS) {
      const res = await register(form);
      expect([form, res.status]).toEqual([form, 400]);
      expect(res.body).toMatchObject({ code: 'ALREADY_QUEUED' });
      expect(String((res.body as { detail: string }).detail)).toContain('W1AW');
    }
    // while W1AW is being worked, its other forms cannot queue either
    expect((await ts.request('POST', '/api/admin/queue/next', { admin: true })).status).toBe(200);
    expect((await register('W1AW/P')).body).toMatchObject({ code: 'ALREADY_QUEUED' });
    const list = await ts.request('GET', '/api/queue/list');
    expect((list.body as { queue: unknown[] }).queue).toHaveLength(0);
  });

  it('the cooldown after W1AW is worked covers W1AW/P, VE3/W1AW and W1AW/QRP', async () => {
    ts = await startTestServer({ lookup: knownLookup() });
    await activate(ts);
    const rule = await ts.request('POST', '/api/admin/rate-limit', {
      admin: true,
      body: { time_period_minutes: 60, enabled: true },
    });
    expect(rule.status).toBe(200);
    expect((await register('W1AW')).status).toBe(200);
    expect((await ts.request('POST', '/api/admin/queue/next', { admin: true })).status).toBe(200);
    expect((await ts.request('POST', '/api/admin/qso/complete', { admin: true })).status).toBe(200);
    for (const form of ['W1AW', ...FORMS]) {
      const res = await register(form);
      expect([form, res.status]).toEqual([form, 429]);
      expect(res.body).toMatchObject({ code: 'COOLDOWN' });
    }
    expect((await register('K1ABC')).status).toBe(200);
  });

  it('CALLSIGN_IDENTITY=exact keeps the original rule: each form is its own callsign', async () => {
    ts = await startTestServer({ lookup: knownLookup(), env: { CALLSIGN_IDENTITY: 'exact' } });
    await activate(ts);
    for (const form of ['W1AW', ...FORMS]) expect((await register(form)).status).toBe(200);
  });
});
