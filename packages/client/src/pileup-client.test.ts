import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { PileupClient, type ConnectionState } from './pileup-client.js';
import { PileupRequestError } from './errors.js';
import { backoffDelay } from './backoff.js';
import { v2UrlFor } from './socket.js';

interface Frame {
  type: string;
  id?: string | null;
  operation?: string;
  data?: Record<string, unknown>;
}

type Reply = (frame: Record<string, unknown>) => void;
type Handler = (frame: Frame, reply: Reply, conn: WebSocket) => void;

/** A tiny protocol-v2 server whose behaviour each test scripts. */
class FakeServer {
  readonly wss: WebSocketServer;
  readonly received: Frame[] = [];
  readonly connections: WebSocket[] = [];
  handler: Handler = (frame, reply) => ok(frame, reply, {});

  constructor() {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (ws) => {
      this.connections.push(ws);
      ws.on('message', (raw) => {
        const frame = JSON.parse((raw as Buffer).toString('utf8')) as Frame;
        this.received.push(frame);
        this.handler(frame, (out) => ws.send(JSON.stringify(out)), ws);
      });
    });
  }

  async ready(): Promise<string> {
    if (!this.wss.address()) await new Promise((r) => this.wss.once('listening', r));
    const { port } = this.wss.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/ws/connect`;
  }

  get live(): WebSocket | undefined {
    return this.connections.filter((c) => c.readyState === WebSocket.OPEN).at(-1);
  }

  event(conn: WebSocket, name: string, seq: number, data: Record<string, unknown> = {}): void {
    conn.send(JSON.stringify(eventFrame(name, seq, data)));
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.terminate();
    await new Promise((r) => this.wss.close(r));
  }
}

function eventFrame(name: string, seq: number, data: Record<string, unknown>) {
  return { type: 'event', event: name, event_type: name, seq, data, timestamp: new Date().toISOString() };
}

function ok(frame: Frame, reply: Reply, data: unknown): void {
  reply({
    type: 'response',
    id: frame.id ?? null,
    operation: frame.type === 'auth' ? 'auth' : (frame.operation ?? ''),
    success: true,
    data,
    error: null,
    error_code: null,
    timestamp: new Date().toISOString(),
  });
}

function fail(
  frame: Frame,
  reply: Reply,
  code: string,
  error: string,
  extra: Record<string, unknown> = {},
): void {
  reply({
    type: 'response',
    id: frame.id ?? null,
    operation: frame.type === 'auth' ? 'auth' : (frame.operation ?? ''),
    success: false,
    data: null,
    error,
    error_code: code,
    timestamp: new Date().toISOString(),
    ...extra,
  });
}

function until(cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const tick = () => (cond() ? resolve() : setTimeout(tick, 5));
    tick();
  });
}

const fastReconnect = { initialDelayMs: 10, maxDelayMs: 20, jitter: 0 };

let server: FakeServer;
let url: string;
let client: PileupClient;

beforeEach(async () => {
  server = new FakeServer();
  url = await server.ready();
  client = new PileupClient({ url, WebSocket, reconnect: fastReconnect, requestTimeoutMs: 2000 });
});

afterEach(async () => {
  client.close();
  await server.close();
});

describe('request/response', () => {
  it('matches replies to requests by id, whatever the order of the replies', async () => {
    const held: { frame: Frame; reply: Reply }[] = [];
    server.handler = (frame, reply) => {
      held.push({ frame, reply });
      if (held.length === 2) {
        for (const h of [...held].reverse()) ok(h.frame, h.reply, { echo: h.frame.data?.n });
      }
    };
    await client.connect();
    const [a, b] = await Promise.all([
      client.request<{ echo: number }>('public.get_status', { n: 1 }),
      client.request<{ echo: number }>('public.get_status', { n: 2 }),
    ]);
    expect(a.echo).toBe(1);
    expect(b.echo).toBe(2);
    expect(server.received.map((f) => f.type)).toEqual(['request', 'request']);
    expect(server.received[0]!.id).not.toBe(server.received[1]!.id);
  });

  it('rejects with the server error code, message and retry_after_s', async () => {
    server.handler = (frame, reply) =>
      fail(frame, reply, 'RATE_LIMITED', 'Too many messages', { retry_after_s: 2 });
    await client.connect();
    const err = await client.request('queue.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PileupRequestError);
    expect((err as PileupRequestError).code).toBe('RATE_LIMITED');
    expect((err as PileupRequestError).message).toBe('Too many messages');
    expect((err as PileupRequestError).retryAfterS).toBe(2);
    expect((err as PileupRequestError).operation).toBe('queue.list');
  });

  it('times out a request that gets no reply, and ignores a late reply', async () => {
    const late: (() => void)[] = [];
    server.handler = (frame, reply) => late.push(() => ok(frame, reply, {}));
    await client.connect();
    const err = await client.request('queue.list', {}, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect((err as PileupRequestError).code).toBe('TIMEOUT');
    late[0]!();
    // The connection keeps working after the stray reply.
    server.handler = (frame, reply) => ok(frame, reply, { fine: true });
    await expect(client.request('queue.list')).resolves.toEqual({ fine: true });
  });

  it('answers ping with the matching pong', async () => {
    server.handler = (frame, reply) =>
      reply({ type: 'pong', id: frame.id, timestamp: new Date().toISOString() });
    await client.connect();
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('refuses requests before connect() and fails pending ones on close()', async () => {
    await expect(client.request('queue.list')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    server.handler = () => undefined;
    await client.connect();
    const pending = client.request('queue.list');
    await until(() => server.received.length === 1);
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    expect(client.state).toBe('closed');
  });
});

describe('auth', () => {
  it('sends credentials in an auth frame and keeps the token', async () => {
    server.handler = (frame, reply) => {
      if (frame.type === 'auth' && frame.data?.password === 'pw') {
        ok(frame, reply, {
          authenticated: true,
          username: 'admin',
          token: 'tok1',
          expires_at: 'x',
          subscribed: true,
          seq: 7,
        });
      } else if (frame.type === 'auth') {
        fail(frame, reply, 'INVALID_CREDENTIALS', 'Invalid credentials');
      }
    };
    await client.connect();
    await expect(client.auth({ username: 'admin', password: 'bad' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(client.token).toBeNull();
    const result = await client.auth({ username: 'admin', password: 'pw' });
    expect(result.token).toBe('tok1');
    expect(client.token).toBe('tok1');
    expect(client.lastSeq).toBe(7);
    expect(server.received.at(-1)).toMatchObject({
      type: 'auth',
      data: { username: 'admin', password: 'pw' },
    });
  });
});

describe('events', () => {
  it('delivers typed events by name, once each, in seq order', async () => {
    server.handler = (frame, reply) =>
      ok(frame, reply, { events: [], seq: 10, replayed: 0, snapshot_required: false });
    await client.connect();
    const seen: unknown[] = [];
    const all: number[] = [];
    client.on('system_status', (data) => seen.push(data.active));
    client.onEvent((f) => all.push(f.seq));
    await client.subscribe(['system_status', 'queue_update']);
    expect(server.received[0]).toMatchObject({
      operation: 'events.subscribe',
      data: { events: ['system_status', 'queue_update'] },
    });
    const conn = server.live!;
    server.event(conn, 'system_status', 9, { active: false }); // older than the subscribe seq: dropped
    server.event(conn, 'system_status', 11, { active: true });
    server.event(conn, 'queue_update', 12, { queue: [], total: 0 });
    server.event(conn, 'system_status', 12, { active: false }); // duplicate seq: dropped
    await until(() => all.length >= 2);
    await client.request('public.get_status'); // a round trip so any stray frame would have arrived
    expect(seen).toEqual([true]);
    expect(all).toEqual([11, 12]);
    expect(client.lastSeq).toBe(12);
  });

  it("keeps the frame's position_id (the operating position an event concerns)", async () => {
    server.handler = (frame, reply) =>
      ok(frame, reply, { events: [], seq: 1, replayed: 0, snapshot_required: false });
    await client.connect();
    const frames: { seq: number; position_id?: string }[] = [];
    client.onEvent((f) =>
      frames.push({ seq: f.seq, ...(f.position_id ? { position_id: f.position_id } : {}) }),
    );
    await client.subscribe(undefined, { positions: 'all' });
    const conn = server.live!;
    conn.send(JSON.stringify({ ...eventFrame('queue_update', 2, { queue: [] }), position_id: 'run-2' }));
    server.event(conn, 'worked_callers_update', 3, { total: 0 });
    await until(() => frames.length >= 2);
    expect(frames).toEqual([{ seq: 2, position_id: 'run-2' }, { seq: 3 }]);
  });
});

describe('reconnect and resync', () => {
  it('reconnects with backoff, re-authenticates with the token and resubscribes since the last seq', async () => {
    const states: ConnectionState[] = [];
    client.onConnectionChange((s) => states.push(s));
    server.handler = (frame, reply, conn) => {
      if (frame.type === 'auth') {
        ok(frame, reply, {
          authenticated: true,
          username: 'admin',
          token: 'tok1',
          expires_at: 'x',
          subscribed: true,
          seq: 3,
        });
      } else if (frame.operation === 'events.subscribe' && frame.data?.since === 4) {
        // Missed events are replayed before the response; a live event may race in before them.
        server.event(conn, 'frequency_update', 7, { frequency: '14.250' });
        server.event(conn, 'frequency_update', 5, { frequency: '14.200' });
        server.event(conn, 'frequency_update', 6, { frequency: '14.210' });
        ok(frame, reply, { events: ['*'], seq: 7, replayed: 2, snapshot_required: false });
      } else {
        ok(frame, reply, {});
      }
    };
    await client.connect();
    await client.auth({ username: 'admin', password: 'pw' });
    const freqs: (string | null)[] = [];
    client.on('frequency_update', (d) => freqs.push(d.frequency));
    server.event(server.live!, 'frequency_update', 4, { frequency: '7.150' });
    await until(() => freqs.length === 1);

    server.live!.terminate();
    await until(() => states.includes('reconnecting'));
    // A request made while reconnecting waits for the restored connection.
    const queued = client.request<{ ok: boolean }>('public.get_status');
    await until(() => client.state === 'open' && states.filter((s) => s === 'open').length === 2);
    await queued;

    const afterReconnect = server.received.slice(server.received.findIndex((f) => f.data?.token === 'tok1'));
    expect(afterReconnect[0]).toMatchObject({ type: 'auth', data: { token: 'tok1' } });
    expect(afterReconnect[1]).toMatchObject({ operation: 'events.subscribe', data: { since: 4 } });
    expect(afterReconnect[2]).toMatchObject({ operation: 'public.get_status' });
    expect(freqs).toEqual(['7.150', '14.200', '14.210', '14.250']);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('fetches state.snapshot when the server cannot replay, and continues from its seq', async () => {
    const snapshots: unknown[] = [];
    client.onSnapshot((s) => snapshots.push(s));
    let connectionNo = 0;
    server.wss.on('connection', () => (connectionNo += 1));
    server.handler = (frame, reply, conn) => {
      if (frame.operation === 'events.subscribe') {
        const resync = frame.data?.since !== undefined;
        if (resync) server.event(conn, 'queue_update', 101, { total: 1 });
        ok(frame, reply, { events: ['*'], seq: resync ? 101 : 1, replayed: 0, snapshot_required: resync });
      } else if (frame.operation === 'state.snapshot') {
        ok(frame, reply, { seq: 100, system: { active: true } });
      } else {
        ok(frame, reply, {});
      }
    };
    await client.connect();
    await client.subscribe();
    const seqs: number[] = [];
    client.onEvent((f) => seqs.push(f.seq));
    server.event(server.live!, 'queue_update', 2, { total: 0 });
    await until(() => seqs.length === 1);
    server.live!.terminate();
    await until(() => connectionNo === 2 && client.state === 'open');
    expect(snapshots).toEqual([{ seq: 100, system: { active: true } }]);
    expect(seqs).toEqual([2, 101]);
    expect(client.lastSeq).toBe(101);
  });

  it('resubscribes to the positions asked for, and asks the resync snapshot for them too', async () => {
    let connectionNo = 0;
    server.wss.on('connection', () => (connectionNo += 1));
    server.handler = (frame, reply) => {
      if (frame.operation === 'events.subscribe') {
        const resync = frame.data?.since !== undefined;
        ok(frame, reply, { events: ['*'], seq: 5, replayed: 0, snapshot_required: resync });
      } else if (frame.operation === 'state.snapshot') {
        ok(frame, reply, { seq: 9 });
      } else {
        ok(frame, reply, {});
      }
    };
    await client.connect();
    await client.subscribe(undefined, { positions: 'all' });
    expect(server.received[0]).toMatchObject({ operation: 'events.subscribe', data: { positions: 'all' } });
    server.live!.terminate();
    await until(() => connectionNo === 2 && client.state === 'open');
    const resync = server.received.slice(1);
    expect(resync[0]).toMatchObject({ operation: 'events.subscribe', data: { since: 5, positions: 'all' } });
    expect(resync[1]).toMatchObject({ operation: 'state.snapshot', data: { positions: 'all' } });
  });

  it('forgets a token the server no longer accepts and reports it', async () => {
    let tokenValid = true;
    server.handler = (frame, reply) => {
      if (frame.type === 'auth' && frame.data?.token) {
        if (tokenValid) ok(frame, reply, { token: 'tok1', subscribed: false, seq: 0 });
        else fail(frame, reply, 'SESSION_EXPIRED', 'Session expired or invalid');
      } else if (frame.type === 'auth') {
        ok(frame, reply, {
          authenticated: true,
          username: 'a',
          token: 'tok1',
          expires_at: 'x',
          subscribed: false,
          seq: 0,
        });
      } else ok(frame, reply, {});
    };
    const lost: string[] = [];
    client.onAuthLost((e) => lost.push(e.code));
    await client.connect();
    await client.auth({ username: 'a', password: 'b' });
    tokenValid = false;
    server.live!.terminate();
    await until(() => lost.length === 1 && client.state === 'open');
    expect(lost).toEqual(['SESSION_EXPIRED']);
    expect(client.token).toBeNull();
  });

  it('stops after maxAttempts and fails queued requests', async () => {
    const c = new PileupClient({ url, WebSocket, reconnect: { ...fastReconnect, maxAttempts: 2 } });
    await c.connect();
    await server.close();
    await until(() => c.state === 'closed');
    await expect(c.request('queue.list')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    c.close();
  });
});

describe('helpers', () => {
  it('computes capped exponential backoff with bounded jitter', () => {
    const opts = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5 };
    expect(backoffDelay(0, opts, () => 0)).toBe(100);
    expect(backoffDelay(3, opts, () => 0)).toBe(800);
    expect(backoffDelay(10, opts, () => 0)).toBe(1000);
    expect(backoffDelay(10, opts, () => 1)).toBe(500);
  });

  it('derives the v2 URL from a server URL', () => {
    expect(v2UrlFor('http://127.0.0.1:8000')).toBe('ws://127.0.0.1:8000/ws/connect');
    expect(v2UrlFor('https://example.org/console/')).toBe('wss://example.org/ws/connect');
    expect(v2UrlFor('ws://h:1/ws/connect')).toBe('ws://h:1/ws/connect');
  });
});
