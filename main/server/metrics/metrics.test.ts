import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, knownLookup, openSse, type SseClient } from '../faults/support.js';
import type { MetricsSnapshot } from './server-metrics.js';

let ts: TestServer | undefined;
const clients: SseClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await ts?.close();
  ts = undefined;
});

function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('needs the admin credentials and answers the Prometheus text format without CORS', async () => {
    ts = await startTestServer();
    await activate(ts);
    const anonymous = await ts.request('GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'AUTH_REQUIRED' });
    const wrong = await ts.request('GET', '/metrics', {
      headers: { authorization: 'Basic YWRtaW46bm9wZQ==' },
    });
    expect(wrong.status).toBe(401);
    const res = await ts.request('GET', '/metrics', { admin: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const text = res.body as string;
    expect(text).toContain('# TYPE pileup_event_delivery_seconds histogram');
    expect(text).toContain('# TYPE pileup_rejections_total counter');
    expect(metricValue(text, 'pileup_connections{kind="sse"}')).toBe(0);
    expect(metricValue(text, 'pileup_store_entries{collection="queue"}')).toBe(0);
    expect(metricValue(text, 'pileup_store_bytes')).toBeGreaterThan(0);
  });

  it('counts connections, registrations, rejections by reason, events sent and their delivery latency', async () => {
    ts = await startTestServer({ lookup: knownLookup() });
    await activate(ts);
    const sse = await openSse(ts.url);
    clients.push(sse);
    await sse.waitFor((f) => f.some((x) => x.event === 'connected'));

    expect((await ts.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } })).status).toBe(
      200,
    );
    expect((await ts.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } })).status).toBe(
      400,
    );
    expect((await ts.request('POST', '/api/queue/register', { body: { callsign: '!!' } })).status).toBe(400);
    expect((await ts.request('POST', '/api/queue/register', { rawBody: '{bad' })).status).toBe(400);
    expect(
      (await ts.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '14.205' } }))
        .status,
    ).toBe(200);
    await sse.waitFor((f) => f.some((x) => x.event === 'frequency_update'));
    await sse.waitFor((f) => f.some((x) => x.event === 'queue_update'));

    const text = (await ts.request('GET', '/metrics', { admin: true })).body as string;
    expect(metricValue(text, 'pileup_connections{kind="sse"}')).toBe(1);
    expect(metricValue(text, 'pileup_registrations_total')).toBe(1);
    expect(metricValue(text, 'pileup_rejections_total{reason="ALREADY_QUEUED"}')).toBe(1);
    expect(metricValue(text, 'pileup_rejections_total{reason="INVALID_CALLSIGN"}')).toBe(1);
    expect(metricValue(text, 'pileup_rejections_total{reason="INVALID_JSON"}')).toBe(1);
    const sent = metricValue(text, 'pileup_events_sent_total{transport="sse"}') ?? 0;
    expect(sent).toBeGreaterThanOrEqual(2); // queue_update, frequency_update
    expect(metricValue(text, 'pileup_event_delivery_seconds_count')).toBe(sent);
    expect(metricValue(text, 'pileup_store_entries{collection="queue"}')).toBe(1);

    const snap = await ts.request('GET', '/api/admin/metrics', { admin: true });
    expect(snap.status).toBe(200);
    const body = snap.body as MetricsSnapshot;
    expect(body.connections.sse).toBe(1);
    expect(body.registrations).toBe(1);
    expect(body.rejections).toMatchObject({ ALREADY_QUEUED: 1, INVALID_CALLSIGN: 1, INVALID_JSON: 1 });
    expect(body.events_sent.sse).toBe(sent);
    expect(body.event_latency.count).toBe(sent);
    expect(body.store.queue).toBe(1);
    expect((await ts.request('GET', '/api/admin/metrics')).status).toBe(401);
  });
});
