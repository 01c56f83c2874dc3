/**
 * The station behind a real reverse proxy: Debian's nginx, started here on loopback with the configuration
 * shipped in docs/deployment/nginx.conf and a self-signed certificate. Pages, API, SSE and both WebSocket
 * protocols over HTTPS; client addresses from X-Forwarded-For only from the trusted proxy; Host checking. Also
 * HTTPS served by the server itself. Needs nginx and openssl: fails (never skips) without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { call, openSse, type CallOptions } from '../../testing/https-client.js';
import {
  freePort,
  removeDir,
  selfSignedCertificate,
  startNginx,
  type Certificate,
  type RunningNginx,
} from '../../testing/nginx.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { collectFrames, nextFrame } from '../../testing/ws-frames.js';
import { webSocketAttach } from '../ws/index.js';

const NAME = 'pileup.example.org';
let cert: Certificate;
let station: TestServer;
let nginx: RunningNginx;
let tlsPort: number;

/** Through nginx over HTTPS, from a chosen loopback address (each address is another caller). */
const via = (localAddress: string, extra: Partial<CallOptions> = {}): CallOptions => ({
  port: tlsPort,
  ca: cert.cert,
  servername: NAME,
  localAddress,
  ...extra,
});

/** ws passes TLS options (the certificate to trust, SNI) on to tls.connect; its types list only some. */
function tlsWs(extra: ClientOptions = {}): ClientOptions {
  const options: ClientOptions & { servername: string } = { ca: cert.cert, servername: NAME, ...extra };
  return options;
}

function openWs(path: string, localAddress: string, host = `${NAME}:${tlsPort}`): Promise<WebSocket> {
  const ws = collectFrames(
    new WebSocket(`wss://127.0.0.1:${tlsPort}${path}`, tlsWs({ localAddress, headers: { Host: host } })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

beforeAll(async () => {
  cert = selfSignedCertificate([NAME]);
  station = await startTestServer({
    lookup: fakeLookup(),
    attach: [webSocketAttach],
    env: {
      TRUSTED_PROXIES: '127.0.0.1',
      PUBLIC_HOSTS: NAME,
      REGISTRATION_RATE_PER_MINUTE: '2',
    },
  });
  tlsPort = await freePort();
  const plainPort = await freePort();
  nginx = await startNginx({
    siteFile: 'nginx.conf',
    pairs: [
      ['listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`],
      ['listen 80;', `listen 127.0.0.1:${plainPort};`],
      ['server 127.0.0.1:8000;', `server 127.0.0.1:${station.server.port};`],
      [`/etc/letsencrypt/live/${NAME}/fullchain.pem`, cert.certFile],
      [`/etc/letsencrypt/live/${NAME}/privkey.pem`, cert.keyFile],
    ],
    ports: [tlsPort, plainPort],
  });
  await station.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
}, 30_000);

afterAll(async () => {
  await nginx?.stop();
  await station?.close();
  if (nginx) removeDir(nginx.dir);
  if (cert) removeDir(cert.dir);
});

describe('behind nginx with TLS (docs/deployment/nginx.conf)', () => {
  it('serves pages and the API over HTTPS under the public host name', async () => {
    const status = await call('GET', '/status', via('127.0.0.1'));
    expect(status.status).toBe(200);
    expect(status.headers['content-type']).toMatch(/text\/html/);
    const health = await call('GET', '/api/health', via('127.0.0.1'));
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
  });

  it('registers a caller and streams the change over SSE through the proxy', async () => {
    const sse = await openSse('/api/events/stream', via('127.0.0.10'));
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toMatch(/text\/event-stream/);
    await sse.waitFor(/event: connected/);
    const reg = await call(
      'POST',
      '/api/queue/register',
      via('127.0.0.10', { body: { callsign: 'DL1SSE' } }),
    );
    expect(reg.status).toBe(200);
    await sse.waitFor(/id: \d+\nevent: queue_update\ndata: .*"DL1SSE"/);
    sse.close();
  });

  it('carries WebSocket protocol v2 (/ws/connect) and the original protocol (/api/ws) over wss', async () => {
    const v2 = await openWs('/ws/connect', '127.0.0.11');
    v2.send(JSON.stringify({ type: 'request', id: 's', operation: 'events.subscribe', data: {} }));
    await nextFrame(v2, (f) => f.id === 's');
    v2.send(
      JSON.stringify({ type: 'request', id: 'r', operation: 'queue.register', data: { callsign: 'F4WSV' } }),
    );
    const answer = await nextFrame(v2, (f) => f.id === 'r');
    expect(answer).toMatchObject({ type: 'response', success: true });
    const event = await nextFrame(
      v2,
      (f) => f.type === 'event' && JSON.stringify(f).includes('F4WSV') && f.event === 'queue_update',
    );
    expect(typeof event.seq).toBe('number');
    v2.close();

    const legacy = await openWs('/api/ws', '127.0.0.12');
    legacy.send(JSON.stringify({ type: 'register_callsign', request_id: 'l1', callsign: 'G4LGC' }));
    const reply = await nextFrame(legacy, (f) => f.request_id === 'l1');
    expect(reply).toMatchObject({ type: 'success', message: 'Callsign G4LGC registered successfully' });
    legacy.close();
  });

  it('counts the rate limit per real caller behind the proxy, not per proxy', async () => {
    const a = (cs: string) =>
      call('POST', '/api/queue/register', via('127.0.0.2', { body: { callsign: cs } }));
    const b = (cs: string) =>
      call('POST', '/api/queue/register', via('127.0.0.3', { body: { callsign: cs } }));
    expect((await a('DL1AAA')).status).toBe(200);
    expect((await a('DL2AAA')).status).toBe(200);
    const third = await a('DL3AAA');
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ code: 'RATE_LIMITED' });
    // Another caller behind the same proxy is not affected.
    expect((await b('DL1BBB')).status).toBe(200);
    // A caller cannot pick its address: a forged X-Forwarded-For is appended to, not believed.
    const forged = await call(
      'POST',
      '/api/queue/register',
      via('127.0.0.2', { body: { callsign: 'DL4AAA' }, headers: { 'X-Forwarded-For': '198.51.100.9' } }),
    );
    expect(forged.status).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = (cs: string, xff: string) =>
      call('POST', '/api/queue/register', {
        port: station.server.port,
        localAddress: '127.0.0.4',
        headers: { 'X-Forwarded-For': xff },
        body: { callsign: cs },
      });
    expect((await direct('EA1AAA', '198.51.100.1')).status).toBe(200);
    expect((await direct('EA2AAA', '198.51.100.2')).status).toBe(200);
    expect((await direct('EA3AAA', '198.51.100.3')).status).toBe(429);
  });

  it('locks out the caller who guesses passwords, not every caller behind the proxy', async () => {
    const wrong = `Basic ${Buffer.from('admin:wrong-guess').toString('base64')}`;
    const guess = () =>
      call('GET', '/api/admin/queue', via('127.0.0.5', { headers: { Authorization: wrong } }));
    let last = 0;
    for (let i = 0; i < 8 && last !== 429; i += 1) last = (await guess()).status;
    expect(last).toBe(429);
    const right = await call(
      'GET',
      '/api/admin/queue',
      via('127.0.0.6', { headers: { Authorization: station.basic } }),
    );
    expect(right.status).toBe(200);
  });

  it('refuses other host names (DNS rebinding) through the proxy and directly, for HTTP and WebSocket', async () => {
    const rebound = await call(
      'GET',
      '/api/public/state',
      via('127.0.0.1', { host: 'rebind.attacker.test' }),
    );
    expect(rebound.status).toBe(421);
    expect(rebound.body).toMatchObject({ code: 'MISDIRECTED_REQUEST' });
    const direct = await call('GET', '/api/public/state', {
      port: station.server.port,
      host: 'evil.example',
    });
    expect(direct.status).toBe(421);
    await expect(openWs('/ws/connect', '127.0.0.1', 'rebind.attacker.test')).rejects.toThrow(/421/);
    const named = await call('GET', '/api/public/state', { port: station.server.port, host: `${NAME}:443` });
    expect(named.status).toBe(200);
  });
});

describe('HTTPS served by the server itself (--tls-cert, --tls-key)', () => {
  it('answers pages, API, SSE and WebSocket over TLS', async () => {
    const own = await startTestServer({
      lookup: fakeLookup(),
      attach: [webSocketAttach],
      env: { PUBLIC_HOSTS: NAME },
      args: ['--tls-cert', cert.certFile, '--tls-key', cert.keyFile],
    });
    try {
      expect(own.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const o: CallOptions = { port: own.server.port, ca: cert.cert, servername: NAME };
      expect((await call('GET', '/status', o)).status).toBe(200);
      await call('POST', '/api/admin/status', {
        ...o,
        headers: { Authorization: own.basic },
        body: { active: true },
      });
      const sse = await openSse('/api/events/stream', o);
      await sse.waitFor(/event: connected/);
      expect((await call('POST', '/api/queue/register', { ...o, body: { callsign: 'OH2TLS' } })).status).toBe(
        200,
      );
      await sse.waitFor(/event: queue_update\ndata: .*"OH2TLS"/);
      sse.close();
      const ws = collectFrames(new WebSocket(`wss://127.0.0.1:${own.server.port}/ws/connect`, tlsWs()));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.send(JSON.stringify({ type: 'request', id: 'q', operation: 'queue.list', data: {} }));
      expect(await nextFrame(ws, (f) => f.id === 'q')).toMatchObject({ success: true });
      ws.close();
      // Plain HTTP to the TLS port gets nothing usable.
      await expect(call('GET', '/api/health', { port: own.server.port })).rejects.toThrow();
    } finally {
      await own.close();
    }
  });
});
