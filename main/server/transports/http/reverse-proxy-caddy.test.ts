/**
 * The station behind Caddy (Debian's package), started here on loopback with the Caddyfile shipped in
 * docs/deployment/ and a self-signed certificate: pages, API, SSE and both WebSocket protocols over HTTPS, and
 * rate limits per real caller from X-Forwarded-For of the trusted proxy. Needs caddy and openssl: fails (never
 * skips) without them. (reverse-proxy.test.ts does the same, and more, through nginx.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { startCaddy, type RunningCaddy } from '../../testing/caddy.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { call, openSse, type CallOptions } from '../../testing/https-client.js';
import { freePort, removeDir, selfSignedCertificate, type Certificate } from '../../testing/nginx.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { collectFrames, nextFrame } from '../../testing/ws-frames.js';
import { webSocketAttach } from '../ws/index.js';

const NAME = 'pileup.example.org';
let cert: Certificate;
let station: TestServer;
let caddy: RunningCaddy;
let port: number;

const via = (localAddress: string, extra: Partial<CallOptions> = {}): CallOptions => ({
  port,
  ca: cert.cert,
  servername: NAME,
  localAddress,
  ...extra,
});

function openWs(path: string, localAddress: string): Promise<WebSocket> {
  const options: ClientOptions & { servername: string } = {
    ca: cert.cert,
    servername: NAME,
    localAddress,
    headers: { Host: `${NAME}:${port}` },
  };
  const ws = collectFrames(new WebSocket(`wss://127.0.0.1:${port}${path}`, options));
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
    env: { TRUSTED_PROXIES: '127.0.0.1', PUBLIC_HOSTS: NAME, REGISTRATION_RATE_PER_MINUTE: '2' },
  });
  port = await freePort();
  caddy = await startCaddy({
    pairs: [
      // the test's own global options (no admin endpoint, no redirect listener, no certificate authority),
      // its port on loopback and the test certificate instead of one Caddy would obtain
      [
        `${NAME} {`,
        `{\n\tadmin off\n\tauto_https disable_redirects\n}\n\nhttps://${NAME}:${port} {\n\tbind 127.0.0.1\n\ttls ${cert.certFile} ${cert.keyFile}`,
      ],
      ['reverse_proxy 127.0.0.1:8000 {', `reverse_proxy 127.0.0.1:${station.server.port} {`],
    ],
    ports: [port],
  });
  await station.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
}, 30_000);

afterAll(async () => {
  await caddy?.stop();
  await station?.close();
  if (caddy) removeDir(caddy.dir);
  if (cert) removeDir(cert.dir);
});

describe('behind Caddy with TLS (docs/deployment/Caddyfile)', () => {
  it('serves pages and the API over HTTPS, and a registration reaches SSE through the proxy', async () => {
    expect((await call('GET', '/status', via('127.0.0.1'))).status).toBe(200);
    expect((await call('GET', '/api/health', via('127.0.0.1'))).body).toMatchObject({ status: 'ok' });
    const sse = await openSse('/api/events/stream', via('127.0.0.10'));
    expect(sse.status).toBe(200);
    await sse.waitFor(/event: connected/);
    const reg = await call(
      'POST',
      '/api/queue/register',
      via('127.0.0.10', { body: { callsign: 'DL1CDY' } }),
    );
    expect(reg.status).toBe(200);
    await sse.waitFor(/id: \d+\nevent: queue_update\ndata: .*"DL1CDY"/);
    sse.close();
  });

  it('carries WebSocket protocol v2 (/ws/connect) and the original protocol (/api/ws) over wss', async () => {
    const v2 = await openWs('/ws/connect', '127.0.0.11');
    v2.send(JSON.stringify({ type: 'request', id: 's', operation: 'events.subscribe', data: {} }));
    await nextFrame(v2, (f) => f.id === 's');
    v2.send(
      JSON.stringify({ type: 'request', id: 'r', operation: 'queue.register', data: { callsign: 'F4CDY' } }),
    );
    expect(await nextFrame(v2, (f) => f.id === 'r')).toMatchObject({ type: 'response', success: true });
    const event = await nextFrame(
      v2,
      (f) => f.type === 'event' && f.event === 'queue_update' && JSON.stringify(f).includes('F4CDY'),
    );
    expect(typeof event.seq).toBe('number');
    v2.close();
    const legacy = await openWs('/api/ws', '127.0.0.12');
    legacy.send(JSON.stringify({ type: 'register_callsign', request_id: 'l1', callsign: 'G4CDY' }));
    expect(await nextFrame(legacy, (f) => f.request_id === 'l1')).toMatchObject({
      type: 'success',
      message: 'Callsign G4CDY registered successfully',
    });
    legacy.close();
  });

  it('counts the rate limit per real caller behind the proxy, and a forged X-Forwarded-For changes nothing', async () => {
    const from = (address: string, cs: string, headers: Record<string, string> = {}) =>
      call('POST', '/api/queue/register', via(address, { body: { callsign: cs }, headers }));
    expect((await from('127.0.0.2', 'DL1AAA')).status).toBe(200);
    expect((await from('127.0.0.2', 'DL2AAA')).status).toBe(200);
    expect((await from('127.0.0.2', 'DL3AAA')).body).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await from('127.0.0.3', 'DL1BBB')).status).toBe(200);
    const forged = await from('127.0.0.2', 'DL4AAA', { 'X-Forwarded-For': '198.51.100.9' });
    expect(forged.status).toBe(429);
  });
});
