/**
 * PileupClient: a typed client for protocol v2 (`/ws/connect`), for the browser and for Node.
 *
 * - `request(operation, data)` matches replies by id, with a timeout per request.
 * - `auth()` keeps the session token; after a reconnect the client re-authenticates with it.
 * - `subscribe()` / `on(event, handler)` deliver typed events; after a reconnect the client re-subscribes with
 *   `since: <last seq>` so missed events are replayed, or fetches `state.snapshot` when the server says the gap
 *   is too old, and hands it to `onSnapshot` handlers.
 * - Reconnects automatically with exponential backoff and jitter until `close()` is called.
 * Requests made while (re)connecting wait until the connection is open and restored (or time out).
 */
import type {
  AuthData,
  AuthResult,
  EventFrame,
  ResponseFrame,
  StateSnapshot,
  SubscribeResult,
  V2EventMap,
} from './generated/protocol.js';
import { readServerFrame } from './frames.js';
import type { OperationInput, OperationName, OperationResult } from './operations.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { PileupRequestError } from './errors.js';
import { OPEN, type WebSocketConstructor, type WebSocketLike } from './socket.js';

export type V2EventName = keyof V2EventMap;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ReconnectOptions extends BackoffOptions {
  /** Give up after this many failed attempts in a row (default: never give up). */
  maxAttempts?: number;
}

export interface PileupClientOptions {
  /** The v2 endpoint, e.g. `ws://127.0.0.1:8000/ws/connect` (see `v2UrlFor`). */
  url: string;
  /** WebSocket implementation; defaults to `globalThis.WebSocket`. In Node pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketConstructor;
  /** Default per-request timeout (default 10 000 ms). */
  requestTimeoutMs?: number;
  /** Reconnect policy, or `false` to never reconnect. */
  reconnect?: false | ReconnectOptions;
  /** Random source for jitter (tests pass a fixed one). */
  random?: () => number;
  /**
   * The seq of the last event this client already saw (e.g. kept across a page reload): the first `subscribe()`
   * then replays what came after it, or delivers a snapshot.
   */
  since?: number;
}

export interface RequestOptions {
  timeoutMs?: number;
}

/** Options of `subscribe`: `positions` widens it to those operating positions' events (ids, or "all"). */
export interface SubscribeOptions extends RequestOptions {
  positions?: string[] | 'all';
}

/** Failures during the restore that mean "try again on the next connection", not "the token is bad". */
const TRANSIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'TIMEOUT',
  'CLIENT_CLOSED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
]);

type EventHandler<K extends V2EventName> = (data: V2EventMap[K], frame: EventFrame) => void;

interface Pending {
  id: string;
  operation: string;
  frame: string;
  resolve: (value: unknown) => void;
  reject: (err: PileupRequestError) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Sent on the current socket (as opposed to waiting for the connection). */
  sent: boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

export class PileupClient {
  private readonly url: string;
  private readonly Ctor: WebSocketConstructor;
  private readonly timeoutMs: number;
  private readonly reconnectOpts: ReconnectOptions | false;
  private readonly random: () => number;

  private ws: WebSocketLike | null = null;
  private stateValue: ConnectionState = 'closed';
  private ready = false;
  private wanted = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly waiting: Pending[] = [];
  private connectWaiters: Waiter[] = [];

  private tokenValue: string | null = null;
  /** What the caller asked to receive (null: nothing). `events: null` means all events. */
  private subscription: { events: string[] | null; positions?: string[] | 'all' } | null = null;
  private lastSeqValue: number | null = null;
  /** While > 0, events are buffered (a restore or subscribe is in flight). */
  private holding = 0;
  private restoreBuffer: EventFrame[] = [];

  private readonly eventHandlers = new Map<string, Set<(data: unknown, frame: EventFrame) => void>>();
  private readonly anyEventHandlers = new Set<(frame: EventFrame) => void>();
  private readonly stateHandlers = new Set<(state: ConnectionState) => void>();
  private readonly snapshotHandlers = new Set<(snapshot: StateSnapshot) => void>();
  private readonly authLostHandlers = new Set<(err: PileupRequestError) => void>();

  constructor(opts: PileupClientOptions) {
    this.url = opts.url;
    const Ctor = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor)
      throw new Error('No WebSocket implementation: pass options.WebSocket (e.g. from the ws package)');
    this.Ctor = Ctor;
    this.timeoutMs = opts.requestTimeoutMs ?? 10_000;
    this.reconnectOpts = opts.reconnect ?? {};
    this.random = opts.random ?? Math.random;
    this.lastSeqValue = opts.since ?? null;
  }

  // ----------------------------------------------------------------------------------------------
  // Public API
  // ----------------------------------------------------------------------------------------------

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The session token from the last successful `auth`, or null. */
  get token(): string | null {
    return this.tokenValue;
  }

  /** The seq of the last event delivered (or of the last snapshot), or null. */
  get lastSeq(): number | null {
    return this.lastSeqValue;
  }

  /** Opens the connection; resolves once it is open (and, after `auth`, re-authenticated). */
  connect(): Promise<void> {
    this.wanted = true;
    if (this.ready) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    if (!this.ws && !this.reconnectTimer) this.openSocket('connecting');
    return done;
  }

  /** Closes the connection for good: no reconnect; pending requests fail with CLIENT_CLOSED. */
  close(): void {
    this.wanted = false;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    this.holding = 0;
    this.restoreBuffer = [];
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
      ws.close(1000, 'client closed');
    }
    this.failAll('CLIENT_CLOSED', 'The client was closed', true);
    this.setState('closed');
  }

  /**
   * Sends one operation and resolves with its `data`, or rejects with a PileupRequestError. With a name of the
   * server's operations table, `data` and the result are typed (`request('admin.work_next')`); any other name
   * (protocol built-ins, newer servers) takes a result type argument, `unknown` by default.
   */
  request<K extends OperationName>(
    operation: K,
    data?: OperationInput<K>,
    opts?: RequestOptions,
  ): Promise<OperationResult<K>>;
  request<T = unknown>(operation: string, data?: Record<string, unknown>, opts?: RequestOptions): Promise<T>;
  request(operation: string, data?: unknown, opts: RequestOptions = {}): Promise<unknown> {
    const id = this.newId();
    const frame = JSON.stringify({ type: 'request', id, operation, data: data ?? {} });
    return this.enqueue<unknown>(id, operation, frame, opts.timeoutMs, false);
  }

  /** Authenticates the connection (username/password, or a token from an earlier session). */
  async auth(creds: AuthData, opts: RequestOptions = {}): Promise<AuthResult> {
    const id = this.newId();
    const frame = JSON.stringify({ type: 'auth', id, data: creds });
    const result = await this.enqueue<AuthResult>(id, 'auth', frame, opts.timeoutMs, false);
    this.afterAuth(result);
    return result;
  }

  /** Revokes the session token on the server and forgets it. */
  async logout(opts: RequestOptions = {}): Promise<void> {
    await this.request<unknown>('auth.logout', {}, opts);
    this.tokenValue = null;
  }

  /**
   * Subscribes to events (all of them, or the named ones). When the client has seen events before (or was given
   * `since`), the server replays what came after them, or the client fetches a snapshot for `onSnapshot`.
   * With `positions`, the events of those operating positions come too (and a resync's snapshot asks for them).
   */
  async subscribe(events?: V2EventName[] | string[], opts: SubscribeOptions = {}): Promise<SubscribeResult> {
    const positions = opts.positions === 'all' ? 'all' : opts.positions ? [...opts.positions] : undefined;
    this.subscription = { events: events ? [...events] : null, ...(positions ? { positions } : {}) };
    this.holdEvents();
    try {
      return await this.subscribeFromLastSeq(opts.timeoutMs, false);
    } finally {
      this.releaseEvents();
    }
  }

  /** Stops event delivery on this connection (also the default subscription of admin connections). */
  async unsubscribe(opts: RequestOptions = {}): Promise<void> {
    await this.request<unknown>('events.unsubscribe', {}, opts);
    this.subscription = null;
  }

  /** Round trip with a protocol-level `ping`; resolves when the `pong` arrives. */
  ping(opts: RequestOptions = {}): Promise<void> {
    const id = this.newId();
    return this.enqueue<void>(id, 'ping', JSON.stringify({ type: 'ping', id }), opts.timeoutMs, false);
  }

  /** Handles one event by name; returns a function that removes the handler. */
  on<K extends V2EventName>(event: K, handler: EventHandler<K>): () => void {
    let set = this.eventHandlers.get(event);
    if (!set) {
      set = new Set();
      this.eventHandlers.set(event, set);
    }
    // Event data is trusted to match V2EventMap: it comes from our own server's typed event hub.
    const wrapped = handler as (data: unknown, frame: EventFrame) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Handles every event frame. */
  onEvent(handler: (frame: EventFrame) => void): () => void {
    this.anyEventHandlers.add(handler);
    return () => this.anyEventHandlers.delete(handler);
  }

  onConnectionChange(handler: (state: ConnectionState) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  /** Called with a fresh `state.snapshot` when a resync could not replay the missed events. */
  onSnapshot(handler: (snapshot: StateSnapshot) => void): () => void {
    this.snapshotHandlers.add(handler);
    return () => this.snapshotHandlers.delete(handler);
  }

  /** Called when re-authentication with the stored token failed after a reconnect (token forgotten). */
  onAuthLost(handler: (err: PileupRequestError) => void): () => void {
    this.authLostHandlers.add(handler);
    return () => this.authLostHandlers.delete(handler);
  }

  // ----------------------------------------------------------------------------------------------
  // Connection life cycle
  // ----------------------------------------------------------------------------------------------

  private openSocket(state: ConnectionState): void {
    this.reconnectTimer = null;
    this.setState(state);
    let ws: WebSocketLike;
    try {
      ws = new this.Ctor(this.url);
    } catch (err) {
      this.wanted = false;
      this.failConnectWaiters(err instanceof Error ? err : new Error(String(err)));
      this.handleClose();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      void this.restore(ws);
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      if (typeof ev.data === 'string') this.handleText(ev.data);
    };
    ws.onerror = () => {
      // Always followed by a close event; nothing to do here.
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.handleClose();
    };
  }

  /** After (re)opening: re-auth with the token, re-subscribe from the last seq, then release waiting requests. */
  private async restore(ws: WebSocketLike): Promise<void> {
    this.holding = 0;
    this.restoreBuffer = [];
    this.holdEvents();
    try {
      await this.reauthenticate();
      await this.resubscribe();
    } catch {
      // The socket closed (or stalled) during the restore: drop what was buffered (the next restore replays
      // it from the same last seq) and let the close handler schedule the next attempt.
      this.holding = 0;
      this.restoreBuffer = [];
      if (this.ws === ws) ws.close(4000, 'restore failed');
      return;
    }
    this.releaseEvents();
    if (this.ws !== ws) return;
    this.attempt = 0;
    this.ready = true;
    this.setState('open');
    for (const p of this.waiting.splice(0)) this.sendPending(p);
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.resolve();
  }

  private async reauthenticate(): Promise<void> {
    if (!this.tokenValue) return;
    try {
      const id = this.newId();
      const frame = JSON.stringify({ type: 'auth', id, data: { token: this.tokenValue } });
      const result = await this.enqueue<AuthResult>(id, 'auth', frame, undefined, true);
      if (result.subscribed && !this.subscription) {
        await this.enqueue(...this.internalRequest('events.unsubscribe', {}));
      }
    } catch (err) {
      if (!(err instanceof PileupRequestError) || TRANSIENT_CODES.has(err.code)) throw err;
      this.tokenValue = null;
      for (const h of this.authLostHandlers) h(err);
    }
  }

  private async resubscribe(): Promise<void> {
    if (this.subscription) await this.subscribeFromLastSeq(undefined, true);
  }

  /** events.subscribe with `since: lastSeq`; on snapshot_required fetches state.snapshot for the handlers. */
  private async subscribeFromLastSeq(
    timeoutMs: number | undefined,
    internal: boolean,
  ): Promise<SubscribeResult> {
    const data: Record<string, unknown> = {};
    if (this.subscription?.events) data.events = this.subscription.events;
    const positions = this.subscription?.positions;
    if (positions) data.positions = positions;
    if (this.lastSeqValue !== null) data.since = this.lastSeqValue;
    const send = <T>(operation: string, input: Record<string, unknown>): Promise<T> => {
      const [id, op, frame] = this.internalRequest(operation, input);
      return this.enqueue<T>(id, op, frame, timeoutMs, internal);
    };
    const result = await send<SubscribeResult>('events.subscribe', data);
    if (result.snapshot_required) {
      const snapshot = await send<StateSnapshot>('state.snapshot', positions ? { positions } : {});
      this.lastSeqValue = snapshot.seq;
      this.restoreBuffer = this.restoreBuffer.filter((f) => f.seq > snapshot.seq);
      for (const h of this.snapshotHandlers) h(snapshot);
    } else if (this.lastSeqValue === null) {
      this.lastSeqValue = result.seq;
    }
    return result;
  }

  /** Buffers incoming events (replays may race with live ones) until `releaseEvents`, which sorts them by seq. */
  private holdEvents(): void {
    this.holding += 1;
  }

  private releaseEvents(): void {
    this.holding = Math.max(0, this.holding - 1);
    if (this.holding > 0) return;
    const buffered = this.restoreBuffer.sort((a, b) => a.seq - b.seq);
    this.restoreBuffer = [];
    for (const frame of buffered) this.dispatchEvent(frame);
  }

  private handleClose(): void {
    this.ready = false;
    this.holding = 0;
    this.restoreBuffer = [];
    // Requests already on the wire may or may not have run: fail them. Unsent ones wait for the next socket.
    for (const p of [...this.pending.values()]) {
      if (p.sent)
        this.settle(p, new PileupRequestError('CONNECTION_CLOSED', 'The connection closed', p.operation));
    }
    if (!this.wanted) {
      this.setState('closed');
      return;
    }
    const policy = this.reconnectOpts;
    if (policy === false || (policy.maxAttempts !== undefined && this.attempt >= policy.maxAttempts)) {
      this.wanted = false;
      this.failAll('CONNECTION_CLOSED', 'The connection closed', false);
      this.setState('closed');
      return;
    }
    const delay = backoffDelay(this.attempt, policy, this.random);
    this.attempt += 1;
    this.setState('reconnecting');
    this.reconnectTimer = setTimeout(() => this.openSocket('reconnecting'), delay);
  }

  private setState(state: ConnectionState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    for (const h of this.stateHandlers) h(state);
  }

  // ----------------------------------------------------------------------------------------------
  // Frames
  // ----------------------------------------------------------------------------------------------

  private handleText(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const frame = readServerFrame(raw);
    if (frame === null) return;
    if (frame.type === 'event') {
      if (this.holding > 0) this.restoreBuffer.push(frame);
      else this.dispatchEvent(frame);
      return;
    }
    const id = frame.id === null ? null : String(frame.id);
    const p = id === null ? undefined : this.pending.get(id);
    if (!p) return;
    if (frame.type === 'pong') {
      this.settle(p, undefined);
      return;
    }
    this.settle(p, frame.success ? frame.data : this.toError(frame));
  }

  private toError(frame: ResponseFrame): PileupRequestError {
    return new PileupRequestError(
      frame.error_code ?? 'INTERNAL_ERROR',
      frame.error ?? 'Request failed',
      frame.operation,
      frame.retry_after_s,
    );
  }

  private dispatchEvent(frame: EventFrame): void {
    if (this.lastSeqValue !== null && frame.seq <= this.lastSeqValue) return;
    this.lastSeqValue = frame.seq;
    const set = this.eventHandlers.get(frame.event);
    if (set) for (const h of set) h(frame.data, frame);
    for (const h of this.anyEventHandlers) h(frame);
  }

  private afterAuth(result: AuthResult): void {
    this.tokenValue = result.token;
    if (result.subscribed) {
      if (!this.subscription) this.subscription = { events: null };
      if (this.lastSeqValue === null) this.lastSeqValue = result.seq;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Pending requests
  // ----------------------------------------------------------------------------------------------

  private newId(): string {
    const id = `c${this.nextId}`;
    this.nextId += 1;
    return id;
  }

  private internalRequest(
    operation: string,
    data: Record<string, unknown>,
  ): [string, string, string, number | undefined, boolean] {
    const id = this.newId();
    return [id, operation, JSON.stringify({ type: 'request', id, operation, data }), undefined, true];
  }

  /**
   * Registers a pending request. Internal requests (the restore sequence) go straight onto the open socket;
   * the caller's requests wait until the connection is ready.
   */
  private enqueue<T>(
    id: string,
    operation: string,
    frame: string,
    timeoutMs: number | undefined,
    internal: boolean,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!internal && !this.wanted) {
        reject(new PileupRequestError('NOT_CONNECTED', 'Not connected: call connect() first', operation));
        return;
      }
      const ms = timeoutMs ?? this.timeoutMs;
      const p: Pending = {
        id,
        operation,
        frame,
        resolve: resolve as (value: unknown) => void,
        reject,
        sent: false,
        timer: setTimeout(() => {
          this.settle(
            p,
            new PileupRequestError('TIMEOUT', `No reply to ${operation} within ${ms} ms`, operation),
          );
        }, ms),
      };
      this.pending.set(id, p);
      if (internal || this.ready) this.sendPending(p);
      else this.waiting.push(p);
    });
  }

  private sendPending(p: Pending): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) {
      this.settle(p, new PileupRequestError('CONNECTION_CLOSED', 'The connection closed', p.operation));
      return;
    }
    p.sent = true;
    ws.send(p.frame);
  }

  private settle(p: Pending, outcome: unknown): void {
    if (this.pending.get(p.id) !== p) return;
    this.pending.delete(p.id);
    clearTimeout(p.timer);
    const i = this.waiting.indexOf(p);
    if (i >= 0) this.waiting.splice(i, 1);
    if (outcome instanceof PileupRequestError) p.reject(outcome);
    else p.resolve(outcome);
  }

  private failAll(code: string, message: string, includeConnectWaiters: boolean): void {
    for (const p of [...this.pending.values()])
      this.settle(p, new PileupRequestError(code, message, p.operation));
    this.waiting.length = 0;
    if (includeConnectWaiters || !this.wanted)
      this.failConnectWaiters(new PileupRequestError(code, message, 'connect'));
  }

  private failConnectWaiters(err: Error): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.reject(err);
  }
}
