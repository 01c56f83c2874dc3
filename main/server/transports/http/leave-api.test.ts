/**
 * Issue 14 over the wire: the registration secret, `queue.leave` over HTTP and WebSocket v2, and the no-show
 * operations, against a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { webSocketAttach } from '../ws/attach.js';
import { RawClient, type Frame } from '../ws/test-client.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    lookup: fakeLookup(),
    env: { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' },
    attach: [webSocketAttach],
  });
  await admin('POST', '/api/admin/status', { active: true });
});
afterAll(async () => {
  await t.close();
});

const admin = (method: string, p: string, body?: unknown) =>
  t.request(method, p, { admin: true, ...(body !== undefined ? { body } : {}) });

async function register(callsign: string): Promise<string> {
  const r = await t.request('POST', '/api/queue/register', { body: { callsign } });
  expect(r.status).toBe(200);
  const secret = (r.body as { secret?: unknown }).secret;
  expect(typeof secret).toBe('string');
  return secret as string;
}

describe('POST /api/queue/leave', () => {
  it('leaves with the secret; is refused without it or with another, keeping the place', async () => {
    const mine = await register('W1AW');
    const other = await register('K1ABC');
    expect(mine).not.toBe(other);

    const none = await t.request('POST', '/api/queue/leave', { body: { callsign: 'W1AW' } });
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ code: 'INVALID_SECRET' });
    const wrong = await t.request('POST', '/api/queue/leave', { body: { callsign: 'W1AW', secret: other } });
    expect(wrong.status).toBe(403);
    expect((await t.request('GET', '/api/queue/status/W1AW')).status).toBe(200);

    const ok = await t.request('POST', '/api/queue/leave', { body: { callsign: 'w1aw', secret: mine } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ left: { callsign: 'W1AW', position: 1 } });
    expect((await t.request('GET', '/api/queue/status/W1AW')).status).toBe(404);
    const again = await t.request('POST', '/api/queue/leave', { body: { callsign: 'W1AW', secret: mine } });
    expect(again.status).toBe(404);
    await admin('POST', '/api/admin/queue/clear');
  });

  it('works over WebSocket v2 too, and the register answer there carries the secret', async () => {
    const c = await RawClient.open(t.url, '/ws/connect');
    try {
      const req = async (operation: string, data: Frame): Promise<Frame> => {
        const id = `${operation}-${Math.random()}`;
        c.send({ type: 'request', id, operation, data });
        return c.next((f) => f.type === 'response' && f.id === id);
      };
      const reg = await req('queue.register', { callsign: 'N0AA' });
      const secret = (reg.data as { secret: string }).secret;
      expect(typeof secret).toBe('string');
      expect(await req('queue.leave', { callsign: 'N0AA', secret: 'nope' })).toMatchObject({
        success: false,
        error_code: 'INVALID_SECRET',
      });
      expect(await req('queue.leave', { callsign: 'N0AA', secret })).toMatchObject({ success: true });
    } finally {
      c.close();
    }
  });
});

describe('the no-show operations', () => {
  it('call-again counts calls, then drops; the rule can be set and read', async () => {
    await register('G4XYZ');
    await admin('POST', '/api/admin/queue/next');
    const first = await admin('POST', '/api/admin/qso/call-again');
    expect(first.body).toMatchObject({ outcome: 'called', callsign: 'G4XYZ', calls: 2 });
    expect((await t.request('GET', '/api/queue/current')).body).toMatchObject({ metadata: { calls: 2 } });
    await admin('POST', '/api/admin/qso/call-again');
    const third = await admin('POST', '/api/admin/qso/call-again');
    expect(third.body).toMatchObject({ outcome: 'dropped', callsign: 'G4XYZ', calls: 3 });
    expect((await admin('POST', '/api/admin/qso/no-answer')).status).toBe(404);

    const set = await admin('POST', '/api/admin/no-show-rule', { action: 'move_back', places: 2 });
    expect(set.body).toEqual({ calls: 3, action: 'move_back', places: 2 });
    expect((await admin('GET', '/api/admin/no-show-rule')).body).toEqual(set.body);
    expect((await admin('POST', '/api/admin/no-show-rule', { calls: 0 })).status).toBe(422);
    expect((await t.request('POST', '/api/admin/qso/no-answer')).status).toBe(401);
  });
});
