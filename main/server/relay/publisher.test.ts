import { describe, expect, it } from 'vitest';
import type { AnyStationEvent } from '../../../shared/protocol/events.js';
import { PublishError, type Publish } from './nchan-client.js';
import { RELAY_ATTEMPTS, RELAY_MAX_PENDING, RelayPublisher } from './publisher.js';

interface Sent {
  name: string;
  body: { type: string; data: unknown; timestamp: string; seq: number };
}

/** A relay the test switches up and down; timers run when the test says. */
function harness() {
  let listener: ((e: AnyStationEvent) => void) | null = null;
  const sent: Sent[] = [];
  const timers: (() => void)[] = [];
  let up = true;
  let seq = 100;
  let queueState: string[] = [];
  const publish: Publish = async (name, body) => {
    await Promise.resolve();
    if (!up) throw new PublishError('connect ECONNREFUSED', null);
    sent.push({ name, body: JSON.parse(body) as Sent['body'] });
    return { status: 201, subscribers: 7, bytesSent: body.length + 100 };
  };
  const publisher = new RelayPublisher({
    publish,
    subscribe: (l) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
    snapshot: () => ({
      seq,
      timestamp: '2026-01-01T00:00:00.000Z',
      events: { system_status: { active: true }, queue_update: { queue: [...queueState] } },
    }),
    publishUrl: 'http://127.0.0.1:8080/relay/publish',
    eventsUrl: '/relay/events',
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  const emit = (name: string, data: unknown, positionId?: string): void => {
    seq += 1;
    const event = { seq, name, data, timestamp: '2026-01-01T00:00:01.000Z' };
    listener?.(
      (positionId === undefined
        ? event
        : { ...event, position_id: positionId }) as unknown as AnyStationEvent,
    );
  };
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 50; i += 1) await Promise.resolve();
  };
  const runTimers = async (): Promise<void> => {
    for (const t of timers.splice(0)) t();
    await settle();
  };
  return {
    publisher,
    sent,
    emit,
    settle,
    runTimers,
    setUp: (v: boolean) => {
      up = v;
    },
    setQueue: (q: string[]) => {
      queueState = q;
    },
    get seq() {
      return seq;
    },
  };
}

describe('RelayPublisher', () => {
  it('starts with a snapshot, then publishes each public event once, in order, with its seq', async () => {
    const h = harness();
    await h.settle();
    expect(h.sent.map((s) => s.name)).toEqual(['system_status', 'queue_update']);
    expect(h.sent.every((s) => s.body.seq === 100)).toBe(true);
    h.sent.length = 0;
    h.emit('queue_update', { queue: ['W1AW'] });
    h.emit('current_qso', null);
    await h.settle();
    expect(h.sent).toEqual([
      {
        name: 'queue_update',
        body: {
          type: 'queue_update',
          data: { queue: ['W1AW'] },
          timestamp: '2026-01-01T00:00:01.000Z',
          seq: 101,
        },
      },
      {
        name: 'current_qso',
        body: { type: 'current_qso', data: null, timestamp: '2026-01-01T00:00:01.000Z', seq: 102 },
      },
    ]);
    expect(h.publisher.status()).toMatchObject({ state: 'connected', subscribers: 7, published: 4, gaps: 0 });
  });

  it('never publishes admin events', async () => {
    const h = harness();
    await h.settle();
    h.sent.length = 0;
    h.emit('bans_update', { banned_callsigns: [], total: 0 });
    h.emit('qso_log_update', { action: 'deleted', id: 'x' });
    h.emit('settings_update', { max_queue_size: 5 });
    h.emit('system_status', { active: false });
    await h.settle();
    expect(h.sent.map((s) => s.name)).toEqual(['system_status']);
  });

  it("carries position_update and the default position's events, never another position's own", async () => {
    const h = harness();
    await h.settle();
    h.sent.length = 0;
    const run2 = { id: 'run-2', name: 'Run 2 - 40m FT8' };
    h.emit('position_update', { position_id: 'run-2', position: run2 }, 'run-2');
    h.emit('queue_update', { queue: ['K1ABC'] }, 'run-2');
    h.emit('current_qso', { callsign: 'K1ABC' }, 'run-2');
    h.emit('queue_update', { queue: ['DL1ABC'] }, 'default');
    h.emit('position_update', { position_id: 'run-2', position: null }, 'run-2');
    await h.settle();
    expect(h.sent.map((s) => [s.name, s.body.data])).toEqual([
      ['position_update', { position_id: 'run-2', position: run2 }],
      ['queue_update', { queue: ['DL1ABC'] }],
      ['position_update', { position_id: 'run-2', position: null }],
    ]);
  });

  it('retries a failed publish and loses nothing when the relay comes back in time', async () => {
    const h = harness();
    await h.settle();
    h.sent.length = 0;
    h.setUp(false);
    h.emit('queue_update', { queue: ['A'] });
    await h.settle();
    expect(h.publisher.status()).toMatchObject({ failures: 1, pending: 1 });
    h.setUp(true);
    h.emit('queue_update', { queue: ['A', 'B'] });
    await h.runTimers();
    expect(h.sent.map((s) => s.body.seq)).toEqual([101, 102]);
    expect(h.publisher.status()).toMatchObject({ state: 'connected', gaps: 0 });
  });

  it('after an outage announces the gap with a snapshot of the state as it is then', async () => {
    const h = harness();
    await h.settle();
    h.sent.length = 0;
    h.setUp(false);
    h.emit('queue_update', { queue: ['A'] });
    for (let i = 0; i < RELAY_ATTEMPTS; i += 1) await h.runTimers();
    expect(h.publisher.status()).toMatchObject({ state: 'retrying', gaps: 1, pending: 0 });
    // Events during the outage are covered by the coming snapshot.
    h.emit('queue_update', { queue: ['A', 'B'] });
    h.setQueue(['A', 'B']);
    await h.runTimers();
    expect(h.publisher.status()).toMatchObject({ state: 'retrying', pending: 0 });
    h.setUp(true);
    await h.runTimers();
    expect(h.sent.map((s) => s.name)).toEqual(['system_status', 'queue_update']);
    expect(h.sent[1]!.body).toMatchObject({ data: { queue: ['A', 'B'] }, seq: h.seq });
    expect(h.publisher.status()).toMatchObject({ state: 'connected', snapshots: 2, gaps: 1 });
    h.sent.length = 0;
    h.emit('current_qso', null);
    await h.settle();
    expect(h.sent.map((s) => s.body.seq)).toEqual([h.seq]);
  });

  it('bounds its backlog: past the bound it drops it for a snapshot', async () => {
    const h = harness();
    await h.settle();
    h.setUp(false);
    for (let i = 0; i <= RELAY_MAX_PENDING + 1; i += 1) h.emit('queue_update', { queue: [String(i)] });
    await h.settle();
    expect(h.publisher.status().pending).toBeLessThanOrEqual(RELAY_MAX_PENDING);
    expect(h.publisher.status().gaps).toBe(1);
  });

  it('stops publishing when closed', async () => {
    const h = harness();
    await h.settle();
    h.sent.length = 0;
    h.publisher.close();
    h.emit('queue_update', { queue: ['A'] });
    await h.settle();
    expect(h.sent).toEqual([]);
    expect(h.publisher.status().state).toBe('stopped');
  });
});
