import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { sseFrame, SSE_STALL_MS } from '../transports/http/sse.js';
import { activate, testCallsigns } from './support.js';

let ts: TestServer | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await ts?.close();
  ts = undefined;
});

const BOUND = 512 * 1024;

/** A server with a full queue of long entries and many queue events in its replay buffer. */
async function fullQueue(): Promise<{ t: TestServer; firstSeq: number }> {
  const t = await startTestServer({
    env: { SSE_MAX_BUFFERED_BYTES: String(BOUND), MAX_QUEUE_SIZE: '200' },
  });
  // the first event of this run (its sequence does not start at 0: ids of another run must not match)
  const firstSeq = t.server.station.events.seq;
  await activate(t);
  const long = 'x'.repeat(200);
  for (const callsign of testCallsigns(200)) {
    const res = await t.request('POST', '/api/queue/register-manual', {
      body: { callsign, name: long, location: long, country: long },
    });
    expect(res.status).toBe(200);
  }
  return { t, firstSeq };
}

/** Reads what the server writes on a stream opened with Last-Event-ID until `ms` of silence. */
function readInitial(port: number, lastId: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () =>
      s.write(`GET /api/events/stream HTTP/1.1\r\nHost: x\r\nLast-Event-ID: ${lastId}\r\n\r\n`),
    );
    sockets.push(s);
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      text += d;
      clearTimeout(timer);
      timer = setTimeout(() => resolve(text), 300);
    });
    s.on('error', reject);
  });
}

describe('SSE replay', () => {
  it('a Last-Event-ID replay from the first event, larger than the bound, becomes the current-state snapshot', async () => {
    const { t, firstSeq } = await fullQueue();
    ts = t;
    const station = ts.server.station;
    const replayBytes = (station.events.since(firstSeq, 'public') ?? []).reduce(
      (n, e) => n + Buffer.byteLength(sseFrame(e)),
      0,
    );
    // what the stream used to write at once: well over the bound (how far over depends on how many paced
    // queue updates the 200 registrations produced, fewer on a loaded machine)
    expect(replayBytes).toBeGreaterThan(2 * BOUND);
    const seqAtOpen = station.events.seq;
    const text = await readInitial(ts.server.port, firstSeq);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BOUND);
    const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    // all snapshot frames (at one seq, the station's when the stream opened), none replayed; a paced queue update
    // still owed by the registrations may follow live, at a later seq
    const snapshotSeq = ids[0]!;
    expect(snapshotSeq).toBeGreaterThanOrEqual(seqAtOpen); // a replay would start at firstSeq + 1
    expect(ids.every((id) => id >= snapshotSeq && id <= station.events.seq)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const snapshot = body.split(/\n\n/).filter((frame) => frame.includes(`id: ${snapshotSeq}\n`));
    expect(snapshot.some((frame) => frame.includes('event: queue_update'))).toBe(true);
    // Last-Event-ID 0 (older than anything this run has): the same bound
    const fromZero = await readInitial(ts.server.port, 0);
    const zeroBody = fromZero.slice(fromZero.indexOf('\r\n\r\n') + 4);
    expect(Buffer.byteLength(zeroBody)).toBeLessThanOrEqual(BOUND);
    expect(zeroBody).toContain('event: queue_update');
  });

  it('a replay within the bound is still the missed events, in order', async () => {
    ts = (await fullQueue()).t;
    const seq = ts.server.station.events.seq;
    await ts.request('POST', '/api/admin/queue/next', { admin: true });
    const text = await readInitial(ts.server.port, seq);
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id > seq)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.at(-1)).toBe(ts.server.station.events.seq);
  });

  it('a stream that stops reading is dropped within seconds even when no further event comes', async () => {
    // a bound far above what is sent: only the stall rule can drop it
    ts = await startTestServer({
      env: { MAX_QUEUE_SIZE: '200', SSE_MAX_BUFFERED_BYTES: String(256 * 1024 * 1024) },
    });
    await activate(ts);
    for (const callsign of testCallsigns(200)) {
      const res = await ts.request('POST', '/api/queue/register-manual', {
        body: { callsign, name: 'y'.repeat(200), location: 'z'.repeat(200), country: 'w'.repeat(200) },
      });
      expect(res.status).toBe(200);
    }
    const s = net.connect({ host: '127.0.0.1', port: ts.server.port }, () => {
      s.write('GET /api/events/stream HTTP/1.1\r\nHost: x\r\n\r\n');
      s.pause(); // never reads a byte
    });
    sockets.push(s);
    const metrics = ts.server.services.metrics;
    while ((await health(ts)) === 0) await new Promise((r) => setTimeout(r, 10));
    // more than the kernel's socket buffers hold (the frame is one shared buffer), then silence
    const station = ts.server.station;
    const update = station.queueUpdate();
    for (let i = 0; i < 150; i += 1) station.events.emit('queue_update', update);
    const quietFrom = Date.now();
    while ((await health(ts)) === 1) {
      expect(Date.now() - quietFrom).toBeLessThan(SSE_STALL_MS + 5_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await metrics.snapshot()).subscribers_dropped).toBe(1);
  }, 30_000);
});

async function health(t: TestServer): Promise<number> {
  const res = await t.request('GET', '/api/health');
  return (res.body as { connections: { sse: number } }).connections.sse;
}
