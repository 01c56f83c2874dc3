import net from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { activate, knownLookup, openSse, requestFrom, testCallsigns, type SseClient } from './support.js';

let ts: TestServer | undefined;
const clients: SseClient[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of sockets.splice(0)) s.destroy();
  await ts?.close();
  ts = undefined;
});

const basic = (user: string, pass: string): string =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('registration rate per callsign', () => {
  it('refuses a callsign registered too often, from any address, and leaves other callsigns alone', async () => {
    ts = await startTestServer({
      lookup: knownLookup(),
      env: { REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE: '2' },
    });
    await activate(ts);
    for (let i = 0; i < 2; i += 1) {
      expect((await ts.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } })).status).toBe(
        200,
      );
      expect((await ts.request('DELETE', '/api/admin/queue/W1AW', { admin: true })).status).toBe(200);
    }
    const third = await requestFrom(ts.url, 'POST', '/api/queue/register', {
      localAddress: '127.0.0.2',
      body: { callsign: 'w1aw' },
    });
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ts.request('POST', '/api/queue/register', { body: { callsign: 'K1ABC' } })).status).toBe(
      200,
    );
  });
});

describe('failed-login throttling', () => {
  it('locks an address out after 5 failures, even with the right password then; other addresses go on', async () => {
    ts = await startTestServer();
    for (let i = 0; i < 5; i += 1) {
      const res = await ts.request('GET', '/api/admin/ping', {
        headers: { authorization: basic('admin', `wrong${i}`) },
      });
      expect(res.status).toBe(401);
    }
    const locked = await ts.request('GET', '/api/admin/ping', { admin: true });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const other = await requestFrom(ts.url, 'GET', '/api/admin/ping', {
      localAddress: '127.0.0.2',
      headers: { authorization: basic(TEST_ADMIN.username, TEST_ADMIN.password) },
    });
    expect(other.status).toBe(200);
  });
});

describe('body size cap', () => {
  it('answers 413 PAYLOAD_TOO_LARGE above 16 KiB and parses bodies below it', async () => {
    ts = await startTestServer({ lookup: knownLookup() });
    await activate(ts);
    const big = await ts.request('POST', '/api/queue/register', {
      rawBody: JSON.stringify({ callsign: 'W1AW', pad: 'x'.repeat(17 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const fits = await ts.request('POST', '/api/queue/register', {
      rawBody: JSON.stringify({ callsign: 'W1AW', pad: 'x'.repeat(15 * 1024) }),
    });
    expect(fits.status).toBe(200);
  });
});

describe('SSE connection caps', () => {
  it('caps streams per address, and in total, with 503 TOO_MANY_CONNECTIONS; closing one frees its slot', async () => {
    ts = await startTestServer({ env: { SSE_MAX_CONNECTIONS_PER_ADDRESS: '2', SSE_MAX_CONNECTIONS: '3' } });
    const a = await openSse(ts.url);
    const b = await openSse(ts.url);
    clients.push(a, b);
    expect([a.status, b.status]).toEqual([200, 200]);
    const refused = await requestFrom(ts.url, 'GET', '/api/events/stream');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', scope: 'address', limit: 2 });

    const other = await requestFrom(ts.url, 'GET', '/api/public/status', { localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);
    const c = await new Promise<number>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port: ts!.server.port, localAddress: '127.0.0.2' }, () => {
        s.write('GET /api/events/stream HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      sockets.push(s);
      s.once('data', (d) => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(d.toString())?.[1])));
      s.on('error', reject);
    });
    expect(c).toBe(200);
    const total = await requestFrom(ts.url, 'GET', '/api/events/stream', { localAddress: '127.0.0.3' });
    expect(total.status).toBe(503);
    expect(total.body).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', scope: 'total', limit: 3 });

    a.close();
    await waitUntil(
      async () => ((await healthSse(ts!)) === 2 ? true : false),
      'the closed stream to be released',
    );
    const again = await openSse(ts.url);
    clients.push(again);
    expect(again.status).toBe(200);
  });
});

describe('slow SSE subscriber', () => {
  it('is dropped once its unsent data passes the bound, while a reading subscriber gets every event', async () => {
    ts = await startTestServer({
      lookup: knownLookup(),
      env: { SSE_MAX_BUFFERED_BYTES: String(64 * 1024), MAX_QUEUE_SIZE: '1000' },
    });
    await activate(ts);
    for (const callsign of testCallsigns(100)) {
      expect((await ts.request('POST', '/api/queue/register', { body: { callsign } })).status).toBe(200);
    }
    const fast = await openSse(ts.url);
    clients.push(fast);
    // A subscriber that sends its request and then never reads a byte.
    const slow = net.connect({ host: '127.0.0.1', port: ts.server.port }, () => {
      slow.write('GET /api/events/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
      slow.pause();
    });
    sockets.push(slow);
    await waitUntil(async () => (await healthSse(ts!)) === 2, 'both subscribers to be connected');

    const station = ts.server.station;
    const update = station.queueUpdate();
    const firstSeq = station.events.seq + 1;
    let emitted = 0;
    const metrics = ts.server.services.metrics;
    while ((await metrics.snapshot()).subscribers_dropped === 0 && emitted < 3000) {
      station.events.emit('queue_update', update);
      emitted += 1;
      await tick();
    }
    expect((await metrics.snapshot()).subscribers_dropped).toBe(1);
    expect(await healthSse(ts)).toBe(1);

    await fast.waitFor((f) => f.filter((x) => x.event === 'queue_update').length >= emitted, 30_000);
    const ids = fast.frames.filter((x) => x.event === 'queue_update').map((x) => Number(x.id));
    expect(ids).toEqual(Array.from({ length: emitted }, (_, i) => firstSeq + i));
  });
});

async function healthSse(t: TestServer): Promise<number> {
  const res = await t.request('GET', '/api/health');
  return (res.body as { connections: { sse: number } }).connections.sse;
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('TCP connections per address', () => {
  it('answers 503 TOO_MANY_CONNECTIONS past the cap and closes; other addresses and freed slots work', async () => {
    ts = await startTestServer({ env: { HTTP_MAX_CONNECTIONS_PER_ADDRESS: '3' } });
    const port = ts.server.port;
    const held: net.Socket[] = [];
    for (let i = 0; i < 3; i += 1) {
      const s = net.connect({ host: '127.0.0.1', port });
      sockets.push(s);
      held.push(s);
      await within(new Promise((r) => s.once('connect', r)), `held connection ${i}`);
    }
    const answer = await within(
      new Promise<string>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port }, () =>
          s.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n'),
        );
        sockets.push(s);
        let text = '';
        s.on('data', (d) => (text += d.toString()));
        s.on('close', () => resolve(text));
        s.on('error', () => resolve(text));
      }),
      'the refused connection to close',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 503/);
    expect(answer).toContain('"code":"TOO_MANY_CONNECTIONS"');
    expect(
      (
        await within(
          requestFrom(ts.url, 'GET', '/api/health', { localAddress: '127.0.0.2' }),
          'another address',
        )
      ).status,
    ).toBe(200);
    held[0]!.destroy();
    await waitUntil(async () => {
      const r = await within(requestFrom(ts!.url, 'GET', '/api/health'), 'a request').catch(() => null);
      return r?.status === 200;
    }, 'a freed slot');
  });
});

function within<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
