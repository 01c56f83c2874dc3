import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { connectSse, type SseClient } from '../../testing/sse-client.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
const clients: SseClient[] = [];
beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup() });
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

const admin = (method: string, p: string, body?: unknown) =>
  t.request(method, p, { admin: true, ...(body !== undefined ? { body } : {}) });

async function sse(headers: Record<string, string> = {}): Promise<SseClient> {
  const c = await connectSse(`${t.url}/api/events/stream`, headers);
  clients.push(c);
  await c.waitFor((f) => f.some((x) => x.event === 'connected'));
  return c;
}

/** Runs an operation and returns the event names it produced on a fresh stream. */
async function eventsOf(
  op: () => Promise<unknown>,
  expected: number,
): Promise<{ id: string | null; event: string; data: unknown }[]> {
  const c = await sse();
  await op();
  await c.waitFor((f) => f.length >= expected + 1);
  await new Promise((r) => setTimeout(r, 80)); // nothing more should come
  return c.events();
}

beforeEach(async () => {
  await admin('POST', '/api/admin/status', { active: false });
  await admin('POST', '/api/admin/status', { active: true });
});

describe('SSE stream', () => {
  it('opens with headers and the connected frame', async () => {
    const c = await sse();
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.headers['cache-control']).toMatch(/no-cache/);
    expect(c.headers['x-accel-buffering']).toBe('no');
    expect(c.headers['access-control-allow-origin']).toBe('*');
    expect(c.frames[0]).toEqual({
      id: null,
      event: 'connected',
      data: '{"message":"SSE connection established"}',
    });
  });

  it('each operation emits its events exactly once, in the envelope, with increasing ids', async () => {
    const reg = await eventsOf(
      () => t.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } }),
      1,
    );
    expect(reg.map((e) => e.event)).toEqual(['queue_update']);
    expect(reg[0]!.data).toMatchObject({
      type: 'queue_update',
      data: { total: 1, max_size: 50, system_active: true, queue: [{ callsign: 'W1AW', position: 1 }] },
    });
    expect((reg[0]!.data as { timestamp: string }).timestamp).toMatch(/Z$/);

    const next = await eventsOf(() => admin('POST', '/api/admin/queue/next'), 2);
    expect(next.map((e) => e.event)).toEqual(['current_qso', 'queue_update']);

    const complete = await eventsOf(() => admin('POST', '/api/admin/qso/complete'), 3);
    expect(complete.map((e) => e.event)).toEqual(['worked_callers_update', 'caller_left', 'current_qso']);
    expect(complete[0]!.data).toMatchObject({ data: { worked_caller: { callsign: 'W1AW' }, total: 1 } });
    expect(complete[1]!.data).toMatchObject({
      data: { callsigns: ['W1AW'], reason: 'worked', qso: { callsign: 'W1AW' } },
    });
    expect(complete[2]!.data).toMatchObject({ data: null });

    const freq = await eventsOf(() => admin('POST', '/api/admin/frequency', { frequency: '14.205' }), 1);
    expect(freq[0]!.data).toMatchObject({ data: { frequency: '14.205', band: '20m' } });
    expect(JSON.stringify(freq[0]!.data)).not.toContain('updated_by');

    const removed = await t.request('POST', '/api/queue/register', { body: { callsign: 'K1ABC' } });
    expect(removed.status).toBe(200);
    const remove = await eventsOf(() => admin('DELETE', '/api/admin/queue/K1ABC'), 2);
    expect(remove.map((e) => e.event)).toEqual(['caller_left', 'queue_update']);
    expect(remove[0]!.data).toMatchObject({
      data: { callsigns: ['K1ABC'], reason: 'removed', rejoin: true },
    });

    const pause = await eventsOf(() => admin('POST', '/api/admin/queue-pause', { paused: true }), 1);
    expect(pause[0]).toMatchObject({ event: 'queue_pause_update', data: { data: { paused: true } } });
    await admin('POST', '/api/admin/queue-pause', { paused: false });

    const off = await eventsOf(() => admin('POST', '/api/admin/status', { active: false }), 3);
    expect(off.map((e) => e.event)).toEqual(['system_status', 'frequency_update', 'queue_update']);

    const ids = [...reg, ...next, ...complete].map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
  });

  it('bans are not public: no event reaches SSE for them', async () => {
    const c = await sse();
    await admin('POST', '/api/admin/banned-callsigns', { callsign: 'N0AA' });
    await admin('POST', '/api/admin/frequency', { frequency: '7.1' });
    await c.waitFor((f) => f.some((x) => x.event === 'frequency_update'));
    expect(c.events().map((e) => e.event)).toEqual(['frequency_update']);
    await admin('POST', '/api/admin/banned-callsigns/clear');
  });

  it('Last-Event-ID replays exactly what was missed', async () => {
    const c = await sse();
    await admin('POST', '/api/admin/split', { split: 'UP 1' });
    await c.waitFor((f) => f.some((x) => x.event === 'split_update'));
    const lastId = c.frames.at(-1)!.id!;
    c.close();
    await admin('POST', '/api/admin/split', { split: 'UP 2' });
    await admin('POST', '/api/admin/frequency', { frequency: '21.300' });
    const again = await sse({ 'last-event-id': lastId });
    await again.waitFor((f) => f.length >= 3);
    const replay = again.events();
    expect(replay.map((e) => e.event)).toEqual(['split_update', 'frequency_update']);
    expect(replay[0]!.data).toMatchObject({ data: { split: 'UP 2' } });
    expect(Number(replay[0]!.id)).toBe(Number(lastId) + 1);
  });

  it('a Last-Event-ID that is too old or unknown gets the whole current state instead', async () => {
    await t.request('POST', '/api/queue/register', { body: { callsign: 'G4XYZ' } });
    const c = await sse({ 'last-event-id': '1' });
    await c.waitFor((f) => f.some((x) => x.event === 'worked_callers_update'));
    const names = c.events().map((e) => e.event);
    expect(names).toEqual([
      'system_status',
      'queue_pause_update',
      'frequency_update',
      'split_update',
      'beam_heading_update',
      'beam_heading_visibility_update',
      'current_qso',
      'queue_update',
      'worked_callers_update',
    ]);
    const queue = c.events().find((e) => e.event === 'queue_update')!;
    expect(queue.data).toMatchObject({ data: { queue: [{ callsign: 'G4XYZ' }] } });
    const future = await sse({ 'last-event-id': String(Number.MAX_SAFE_INTEGER) });
    await future.waitFor((f) => f.some((x) => x.event === 'queue_update'));
  });
});
