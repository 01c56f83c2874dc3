/**
 * Publishes the station's public events to a relay (nginx + nchan), once each, whatever the number of
 * watchers behind it. Each message is the data line of the station's own SSE frame, `{type, data,
 * timestamp}`, plus the event's `seq` (nchan numbers the relay's stream itself); the event name travels as
 * nchan's `event:` line. Admin events never leave. Besides the default position's public events it carries
 * `position_update` (a position created, changed or deleted, as `GET /api/positions` shows it), so that a page
 * behind the relay at a station of one position learns at once that a second one exists and switches to the camp
 * view; the other positions' own events stay off the relay. Messages go out one at a time, in order.
 *
 * Outages: a failed publish is retried (a few times, with backoff); when the relay stays away, or the
 * backlog passes its bound, the backlog is dropped and a gap is recorded. While in a gap, the publisher keeps
 * trying (every few seconds at most), and its first publish when the relay is back is a snapshot: the current
 * public state as a set of state events, each with the current seq, exactly as the station's own SSE resyncs
 * a client that fell too far behind. It starts with one too (a relay's buffer may hold an earlier run).
 */
import { isOriginalPublicEvent, type AnyStationEvent } from '../../../shared/protocol/events.js';
import type { Publish } from './nchan-client.js';

export interface RelaySnapshot {
  seq: number;
  timestamp: string;
  events: Record<string, unknown>;
}

export interface RelayPublisherDeps {
  publish: Publish;
  /** Registers the event listener; returns its removal. */
  subscribe: (listener: (event: AnyStationEvent) => void) => () => void;
  /** The current public state as events (the station's snapshotEvents('public')) and the current seq. */
  snapshot: () => RelaySnapshot;
  /** Shown in the status (no secret in it). */
  publishUrl: string;
  eventsUrl: string;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (level: 'info' | 'warn', message: string) => void;
  close?: () => void;
}

export type RelayState = 'starting' | 'connected' | 'retrying' | 'stopped';

export interface RelayStatus {
  state: RelayState;
  publish_url: string;
  events_url: string;
  /** When the last message was accepted by the relay (UTC ISO), or null. */
  last_publish_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** Subscribers of the relay's channel, as nchan reported with the last publish (null: not reported). */
  subscribers: number | null;
  published: number;
  failures: number;
  /** How often the backlog was dropped for a snapshot (relay outages). */
  gaps: number;
  snapshots: number;
  pending: number;
  bytes_sent: number;
}

/** Tries per message before the relay counts as away (then: a gap, and a snapshot when it is back). */
export const RELAY_ATTEMPTS = 3;
/** The backlog the publisher keeps while the relay is slow; beyond it, a gap. */
export const RELAY_MAX_PENDING = 2048;
/** Retry delays: 250 ms doubling, at most 5 s. */
export function relayRetryDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt - 1));
}

/** What the relay's channel carries: the original's public events (the default position's) and position_update. */
export function relayCarries(event: AnyStationEvent): boolean {
  return isOriginalPublicEvent(event) || event.name === 'position_update';
}

export function relayMessage(name: string, data: unknown, timestamp: string, seq: number): string {
  return JSON.stringify({ type: name, data, timestamp, seq });
}

export class RelayPublisher {
  private queue: { name: string; body: string }[] = [];
  private needSnapshot = true;
  private sendingSnapshot = false;
  private busy = false;
  private attempt = 0;
  private timer: unknown = null;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private readonly st: RelayStatus;

  constructor(private readonly deps: RelayPublisherDeps) {
    this.now = deps.now ?? Date.now;
    this.st = {
      state: 'starting',
      publish_url: deps.publishUrl,
      events_url: deps.eventsUrl,
      last_publish_at: null,
      last_error: null,
      last_error_at: null,
      subscribers: null,
      published: 0,
      failures: 0,
      gaps: 0,
      snapshots: 0,
      pending: 0,
      bytes_sent: 0,
    };
    this.unsubscribe = deps.subscribe((event) => this.onEvent(event));
    this.pump();
  }

  status(): RelayStatus {
    return { ...this.st, pending: this.queue.length };
  }

  /** Resolves once nothing waits to be published (tests, shutdown). */
  async idle(timeoutMs = 5000): Promise<boolean> {
    const until = this.now() + timeoutMs;
    while (this.busy || this.queue.length > 0 || this.needSnapshot) {
      if (this.now() > until || this.closed) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.st.state = 'stopped';
    this.unsubscribe();
    if (this.timer !== null) (this.deps.clearTimer ?? clearTimeout)(this.timer as NodeJS.Timeout);
    this.timer = null;
    this.queue = [];
    this.deps.close?.();
  }

  private onEvent(event: AnyStationEvent): void {
    if (this.closed || !relayCarries(event)) return;
    // In a gap the coming snapshot covers it (unless that snapshot is already on its way).
    if (this.needSnapshot && !this.sendingSnapshot) return;
    this.queue.push({
      name: event.name,
      body: relayMessage(event.name, event.data, event.timestamp, event.seq),
    });
    if (this.queue.length > RELAY_MAX_PENDING) this.enterGap('the relay fell behind');
    this.pump();
  }

  private enterGap(why: string): void {
    if (!this.needSnapshot) {
      this.st.gaps += 1;
      this.deps.log?.('warn', `relay: ${why}; publishing resumes with a snapshot`);
    }
    this.needSnapshot = true;
    this.queue = [];
  }

  private pump(): void {
    if (this.busy || this.closed || this.timer !== null) return;
    this.busy = true;
    void this.drain().finally(() => {
      this.busy = false;
    });
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closed) {
        if (this.needSnapshot) {
          const snap = this.deps.snapshot();
          this.queue = []; // everything emitted so far is in the snapshot
          this.sendingSnapshot = true;
          try {
            for (const [name, data] of Object.entries(snap.events)) {
              await this.send(name, relayMessage(name, data, snap.timestamp, snap.seq));
            }
          } finally {
            this.sendingSnapshot = false;
          }
          if (this.closed) return;
          this.needSnapshot = false;
          this.st.snapshots += 1;
          continue;
        }
        const next = this.queue[0];
        if (!next) return;
        await this.send(next.name, next.body);
        // (a gap while it was on its way has emptied the queue already)
        if (this.queue[0] === next) this.queue.shift();
      }
    } catch (err) {
      if (this.closed) return;
      this.attempt += 1;
      this.st.failures += 1;
      this.st.last_error = err instanceof Error ? err.message : String(err);
      this.st.last_error_at = new Date(this.now()).toISOString();
      if (this.attempt >= RELAY_ATTEMPTS) {
        if (this.st.state !== 'retrying') {
          this.deps.log?.('warn', `relay: cannot publish to ${this.deps.publishUrl} (${this.st.last_error})`);
        }
        this.st.state = 'retrying';
        this.enterGap('the relay is unreachable');
      }
      this.retryLater();
    }
  }

  private retryLater(): void {
    const set = this.deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
    this.timer = set(() => {
      this.timer = null;
      this.pump();
    }, relayRetryDelayMs(this.attempt));
  }

  private async send(name: string, body: string): Promise<void> {
    const result = await this.deps.publish(name, body);
    if (this.closed) return;
    if (this.attempt > 0 || this.st.state !== 'connected') {
      if (this.st.state === 'retrying') this.deps.log?.('info', 'relay: publishing again');
      this.st.state = 'connected';
    }
    this.attempt = 0;
    this.st.published += 1;
    this.st.bytes_sent += result.bytesSent;
    this.st.last_publish_at = new Date(this.now()).toISOString();
    if (result.subscribers !== null) this.st.subscribers = result.subscribers;
  }
}
