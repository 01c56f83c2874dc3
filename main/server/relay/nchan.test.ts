/**
 * The station publishing to a real relay: Debian's nginx with the nchan module, started here on loopback with
 * the configuration shipped in docs/deployment/nginx-relay.conf. Each public event reaches the relay's SSE
 * subscribers once, with its seq; admin events never; the publisher location wants the secret; an outage of the
 * relay is bridged by a snapshot. Needs nginx, libnginx-mod-nchan and openssl: fails (never skips) without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceOf, type AnyStationEvent } from '../../../shared/protocol/events.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { call, openSse, type CallOptions, type SseStream } from '../testing/https-client.js';
import {
  freePort,
  removeDir,
  selfSignedCertificate,
  startNginx,
  type Certificate,
  type RunningNginx,
} from '../testing/nginx.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { RelayView } from './service.js';

const NAME = 'pileup.example.org';
const SECRET = 'change-this-relay-secret';
let cert: Certificate;
let station: TestServer;
let nginx: RunningNginx;
let tlsPort: number;
let publishPort: number;
const emitted: AnyStationEvent[] = [];

const pub = (extra: Partial<CallOptions> = {}): CallOptions => ({
  port: tlsPort,
  ca: cert.cert,
  servername: NAME,
  ...extra,
});

interface RelayFrame {
  id: string;
  event: string;
  data: { type: string; data: unknown; timestamp: string; seq: number };
}

function frames(text: string): RelayFrame[] {
  const out: RelayFrame[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n');
    const field = (name: string): string | undefined =>
      lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
    const data = field('data');
    const event = field('event');
    if (data === undefined || event === undefined) continue;
    out.push({ id: field('id') ?? '', event, data: JSON.parse(data) as RelayFrame['data'] });
  }
  return out;
}

async function relayView(): Promise<RelayView> {
  return (await station.request('GET', '/api/admin/relay', { admin: true })).body as RelayView;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await relayView())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const idle = (): Promise<boolean> => station.server.services.relay.current()!.idle();

/** The relay's stream from the oldest message nchan still buffers. */
const fromOldest = (): Promise<SseStream> =>
  openSse('/relay/events', pub({ headers: { 'Last-Event-ID': '0:0' } }));

beforeAll(async () => {
  cert = selfSignedCertificate([NAME]);
  tlsPort = await freePort();
  publishPort = await freePort();
  const stationPort = await freePort();
  nginx = await startNginx({
    siteFile: 'nginx-relay.conf',
    nchan: true,
    pairs: [
      ['listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`],
      ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${publishPort};`],
      ['server 127.0.0.1:8000;', `server 127.0.0.1:${stationPort};`],
      [`/etc/letsencrypt/live/${NAME}/fullchain.pem`, cert.certFile],
      [`/etc/letsencrypt/live/${NAME}/privkey.pem`, cert.keyFile],
    ],
    ports: [tlsPort, publishPort],
  });
  station = await startTestServer({
    lookup: fakeLookup(),
    args: ['--port', String(stationPort)],
    env: {
      TRUSTED_PROXIES: '127.0.0.1',
      PUBLIC_HOSTS: NAME,
      RELAY_PUBLISH_URL: `http://127.0.0.1:${publishPort}/relay/publish`,
      RELAY_EVENTS_URL: '/relay/events',
      RELAY_SECRET: SECRET,
    },
  });
  station.server.station.events.subscribe((e) => emitted.push(e));
  await station.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
  await idle();
}, 30_000);

afterAll(async () => {
  await station?.close();
  await nginx?.stop();
  if (nginx) removeDir(nginx.dir);
  if (cert) removeDir(cert.dir);
});

describe('the nchan relay (docs/deployment/nginx-relay.conf)', () => {
  it('tells the caller page where the relay stream is', async () => {
    const config = await call('GET', '/api/public/config', pub());
    expect(config.body).toMatchObject({ relay_events_url: '/relay/events' });
  });

  it('publishes each public event once, with its seq and the SSE envelope, and no admin event', async () => {
    const stream = await openSse('/relay/events', pub());
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    await stream.waitFor(/: hi/); // nchan's greeting: subscribed
    const firstSeq = station.server.station.events.seq;
    for (const cs of ['DL1ABC', 'F5XYZ']) {
      expect((await call('POST', '/api/queue/register', pub({ body: { callsign: cs } }))).status).toBe(200);
    }
    const admin = { headers: { Authorization: station.basic } };
    await call('POST', '/api/admin/banned-callsigns', pub({ ...admin, body: { callsign: 'XX1BAD' } }));
    await call('POST', '/api/admin/queue/next', pub(admin));
    await call('POST', '/api/admin/frequency', pub({ ...admin, body: { frequency: '14.205' } }));
    await idle();
    const lastSeq = station.server.station.events.seq;
    await stream.waitFor(new RegExp(`"seq":${lastSeq}\\}`));
    const got = frames(stream.text());
    stream.close();
    const expected = emitted.filter((e) => e.seq > firstSeq && e.seq <= lastSeq);
    expect(expected.some((e) => audienceOf(e.name) === 'admin')).toBe(true);
    const publicOnes = expected.filter((e) => audienceOf(e.name) === 'public');
    expect(got.map((f) => f.data.seq)).toEqual(publicOnes.map((e) => e.seq));
    for (const [i, f] of got.entries()) {
      const e = publicOnes[i]!;
      expect(f.event).toBe(e.name);
      expect(f.data).toEqual({ type: e.name, data: e.data, timestamp: e.timestamp, seq: e.seq });
      expect(f.id).toMatch(/^\d+:\d+$/); // nchan's own message id, for Last-Event-ID resume
    }
    const view = await relayView();
    expect(view.status).toMatchObject({ state: 'connected', last_error: null });
    expect(view.settings).toMatchObject({ secret_header: 'X-Relay-Secret', secret_set: true });
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it('resumes a subscriber from nchan’s buffer with Last-Event-ID', async () => {
    const first = await openSse('/relay/events', pub());
    await first.waitFor(/: hi/);
    await call('POST', '/api/queue/register', pub({ body: { callsign: 'OK1RES' } }));
    const [, id] = (await first.waitFor(/id: (\d+:\d+)\ndata: [^\n]*OK1RES/)) as unknown as [string, string];
    first.close();
    await call('POST', '/api/queue/register', pub({ body: { callsign: 'OK2RES' } }));
    await idle();
    const resumed = await openSse('/relay/events', pub({ headers: { 'Last-Event-ID': id } }));
    await resumed.waitFor(/OK2RES/);
    expect(frames(resumed.text()).every((f) => f.id !== id)).toBe(true);
    resumed.close();
  });

  it('takes publishes only with the secret, and only on the station’s own side', async () => {
    const plain = { port: publishPort, host: `127.0.0.1:${publishPort}` };
    expect((await call('POST', '/relay/publish', { ...plain, body: { x: 1 } })).status).toBe(403);
    expect(
      (await call('POST', '/relay/publish', { ...plain, headers: { 'X-Relay-Secret': 'guess' }, body: {} }))
        .status,
    ).toBe(403);
    // The public side has no publisher: the path goes to the station, which knows no such thing.
    const outside = await call(
      'POST',
      '/relay/publish',
      pub({ headers: { 'X-Relay-Secret': SECRET }, body: {} }),
    );
    expect(outside.status).toBe(404);
  });

  it('bridges a relay outage with a snapshot', async () => {
    await nginx.stop();
    expect(
      (await station.request('POST', '/api/queue/register', { body: { callsign: 'SP9OUT' } })).status,
    ).toBe(200);
    await until('the relay to count as away', async () => (await relayView()).status?.state === 'retrying');
    const gaps = (await relayView()).status!.gaps;
    const snapshots = (await relayView()).status!.snapshots;
    await nginx.start();
    await until('publishing again', async () => {
      const s = (await relayView()).status!;
      return s.state === 'connected' && s.snapshots > snapshots;
    });
    expect((await relayView()).status!.gaps).toBe(gaps);
    const stream = await fromOldest();
    await stream.waitFor(/event: queue_update\nid: [^\n]+\ndata: [^\n]*SP9OUT/);
    const got = frames(stream.text());
    const seq = station.server.station.events.seq;
    expect(got.some((f) => f.event === 'system_status' && f.data.seq === seq)).toBe(true);
    stream.close();
  });
});
