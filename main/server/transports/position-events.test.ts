/**
 * Events of operating positions on every transport of a real server: the original's protocols (SSE, the
 * legacy WebSocket) see the default position only; protocol v2 sees the default position unless a subscription
 * asks for more (`positions`), and carries `position_id` on the frames of events that concern a position.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSse, type SseClient } from '../testing/sse-client.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from './ws/attach.js';
import { RawClient, type Frame } from './ws/test-client.js';

let t: TestServer;
let n = 0;

async function subscribe(c: RawClient, data: Frame): Promise<Frame> {
  const id = `s${(n += 1)}`;
  c.send({ type: 'request', id, operation: 'events.subscribe', data });
  const r = await c.next((f) => f.id === id);
  expect(r).toMatchObject({ success: true });
  return r.data as Frame;
}

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), attach: [webSocketAttach] });
});

afterAll(async () => {
  await t.close();
});

describe('events of operating positions', () => {
  it('reach protocol v2 as subscribed, and never the original protocols', async () => {
    const sse: SseClient = await connectSse(`${t.url}/api/events/stream`);
    const legacy = await RawClient.open(t.url, '/api/ws');
    const plain = await RawClient.open(t.url, '/ws/connect');
    const all = await RawClient.open(t.url, '/ws/connect');
    const run2 = await RawClient.open(t.url, '/ws/connect');
    expect(await subscribe(plain, {})).toMatchObject({ positions: ['default'] });
    expect(await subscribe(all, { positions: 'all' })).toMatchObject({ positions: 'all' });
    expect(await subscribe(run2, { positions: ['run-2'] })).toMatchObject({ positions: ['run-2'] });

    const hub = t.server.station.events;
    const other = hub.emit('split_update', { split: 'UP 5', last_updated: null }, 'run-2');
    const created = hub.emit('position_update', { position_id: 'run-3', position: null }, 'run-3');
    const own = hub.emit('split_update', { split: 'UP 1', last_updated: null }, 'default');
    const wide = hub.emit('worked_callers_update', { worked_callers: [], total: 0 });

    const seqsOf = async (c: RawClient): Promise<number[]> => {
      await c.next((f) => f.type === 'event' && f.seq === wide.seq);
      return c.log.filter((f) => f.type === 'event').map((f) => f.seq as number);
    };
    expect(await seqsOf(plain)).toEqual([own.seq, wide.seq]);
    expect(await seqsOf(all)).toEqual([other.seq, created.seq, own.seq, wide.seq]);
    expect(await seqsOf(run2)).toEqual([other.seq, wide.seq]);
    expect(all.log.find((f) => f.seq === other.seq)).toMatchObject({
      event: 'split_update',
      position_id: 'run-2',
      data: { split: 'UP 5' },
    });
    expect(all.log.find((f) => f.seq === wide.seq)).not.toHaveProperty('position_id');

    await sse.waitFor((frames) => frames.some((f) => f.id === String(wide.seq)));
    expect(
      sse.frames.filter((f) => f.id !== null && Number(f.id) >= other.seq).map((f) => Number(f.id)),
    ).toEqual([own.seq, wide.seq]);
    await legacy.next((f) => f.type === 'worked_callers_update');
    const splits = legacy.log.filter((f) => f.type === 'split_update');
    expect(splits.map((f) => f.split)).toEqual(['UP 1']);
    expect(legacy.log.some((f) => f.type === 'position_update')).toBe(false);

    // A reconnecting SSE client replays the default position's events only.
    const again = await connectSse(`${t.url}/api/events/stream`, { 'last-event-id': String(other.seq - 1) });
    await again.waitFor((frames) => frames.some((f) => f.id === String(wide.seq)));
    expect(again.frames.filter((f) => f.id !== null).map((f) => Number(f.id))).toEqual([own.seq, wide.seq]);

    // So does a v2 client that resumes with `since`, unless it asks for more positions.
    const resumed = await RawClient.open(t.url, '/ws/connect');
    expect(await subscribe(resumed, { since: other.seq - 1 })).toMatchObject({ replayed: 2 });
    const resumedAll = await RawClient.open(t.url, '/ws/connect');
    expect(await subscribe(resumedAll, { since: other.seq - 1, positions: 'all' })).toMatchObject({
      replayed: 4,
    });

    for (const c of [legacy, plain, all, run2, resumed, resumedAll]) c.close();
    sse.close();
    again.close();
  });
});
