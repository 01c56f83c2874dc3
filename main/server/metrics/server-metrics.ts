import { performance } from 'node:perf_hooks';
import type { AnyStationEvent } from '../../../shared/protocol/events.js';
import type { ConnectionCounts, DeliveryTransport, MetricsPort } from '../services.js';
import { isOpError } from '../util/errors.js';
import { MetricsRegistry, type Counter, type Gauge, type Histogram } from './registry.js';

export type { DeliveryTransport };

/** What the metrics read from the rest of the server at scrape time. */
export interface MetricsSources {
  connections(): ConnectionCounts;
  /** Queue entries, QSO log entries and bans, from the Station's memory. */
  storeCounts(): { queue: number; qsos: number; bans: number };
  /** Total size of the data files in bytes. */
  storeBytes(): Promise<number>;
  startedAt: number;
}

/** Event delivery latency buckets, in seconds (0.5 ms to 5 s). */
export const LATENCY_BUCKETS_S = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
] as const;

/** How many recent events keep their emission time (deliveries of older events are counted, not timed). */
const EMIT_RING = 4096;

/** The figures the console shows, the same as /metrics. */
export interface MetricsSnapshot {
  uptime_s: number;
  connections: ConnectionCounts & { total: number };
  events_emitted: number;
  events_sent: Record<DeliveryTransport, number>;
  event_latency: { count: number; p50_ms: number | null; p99_ms: number | null; max_ms: number | null };
  registrations: number;
  rejections: Record<string, number>;
  subscribers_dropped: number;
  store: { queue: number; qsos: number; bans: number; bytes: number };
  rss_bytes: number;
}

/**
 * The server's metrics: live connections by kind, events emitted and sent, the latency from a Station event's
 * emission to its write to each subscriber, registrations, rejections by reason (error code), dropped slow
 * subscribers and the store's size. Transports report deliveries through `delivered(transport, seq)`.
 */
export class ServerMetrics implements MetricsPort {
  readonly registry = new MetricsRegistry();
  private readonly eventsEmitted: Counter;
  private readonly eventsSent: Counter;
  private readonly latency: Histogram;
  private readonly registrations: Counter;
  private readonly rejections: Counter;
  private readonly droppedSubscribers: Counter;
  private readonly storeBytesGauge: Gauge;
  private readonly sentBy: Record<DeliveryTransport, () => void>;
  private readonly emitSeq = new Float64Array(EMIT_RING).fill(-1);
  private readonly emitTime = new Float64Array(EMIT_RING);
  private readonly counted = new WeakSet<object>();
  private maxLatencyS = 0;

  constructor(private readonly sources: MetricsSources) {
    const r = this.registry;
    r.gauge('pileup_uptime_seconds', 'Seconds since the server started', (g) =>
      g.set({}, Math.round((Date.now() - sources.startedAt) / 1000)),
    );
    r.gauge('pileup_connections', 'Open subscriber connections by kind', (g) => {
      const c = sources.connections();
      for (const kind of Object.keys(c) as (keyof ConnectionCounts)[]) g.set({ kind }, c[kind]);
    });
    this.eventsEmitted = r.counter('pileup_events_emitted_total', 'Station events emitted');
    this.eventsSent = r.counter(
      'pileup_events_sent_total',
      'Event frames written to subscribers, by transport',
    );
    this.sentBy = {
      sse: this.eventsSent.series({ transport: 'sse' }),
      ws_v2: this.eventsSent.series({ transport: 'ws_v2' }),
      ws_legacy: this.eventsSent.series({ transport: 'ws_legacy' }),
    };
    this.latency = r.histogram(
      'pileup_event_delivery_seconds',
      "Time from a Station event's emission to its write to a subscriber",
      LATENCY_BUCKETS_S,
    );
    this.registrations = r.counter('pileup_registrations_total', 'Callers added to the queue');
    this.rejections = r.counter('pileup_rejections_total', 'Requests refused, by reason (error code)');
    this.droppedSubscribers = r.counter(
      'pileup_subscribers_dropped_total',
      'Subscribers disconnected because they stopped reading, by transport',
    );
    r.gauge('pileup_store_entries', 'Entries held by the store, by collection', (g) => {
      const s = sources.storeCounts();
      g.set({ collection: 'queue' }, s.queue);
      g.set({ collection: 'qsos' }, s.qsos);
      g.set({ collection: 'bans' }, s.bans);
    });
    this.storeBytesGauge = r.gauge('pileup_store_bytes', 'Size of the data files in bytes');
    r.gauge('process_resident_memory_bytes', 'Resident memory size in bytes', (g) =>
      g.set({}, process.memoryUsage().rss),
    );
  }

  /** Records the emission time of every Station event. Subscribe it before the transports. */
  readonly onEvent = (event: AnyStationEvent): void => {
    const slot = event.seq % EMIT_RING;
    this.emitSeq[slot] = event.seq;
    this.emitTime[slot] = performance.now();
    this.eventsEmitted.inc();
  };

  /**
   * A transport wrote event `seq` to one subscriber. Transports call it right after the write (SSE does;
   * the WebSocket protocols can call it the same way).
   */
  delivered(transport: DeliveryTransport, seq: number): void {
    this.sentBy[transport]();
    const slot = seq % EMIT_RING;
    if (this.emitSeq[slot] !== seq) return;
    const seconds = (performance.now() - this.emitTime[slot]!) / 1000;
    this.latency.observe(seconds);
    if (seconds > this.maxLatencyS) this.maxLatencyS = seconds;
  }

  /** A subscriber was dropped because its unsent data passed the bound. */
  dropped(transport: DeliveryTransport): void {
    this.droppedSubscribers.inc({ transport });
  }

  registered(): void {
    this.registrations.inc();
  }

  /** Counts a refusal by its error code; the same error object is counted once, whoever reports it. */
  rejected(err: unknown): void {
    if (typeof err === 'object' && err !== null) {
      if (this.counted.has(err)) return;
      this.counted.add(err);
    }
    this.rejections.inc({ reason: isOpError(err) ? err.code : 'INTERNAL_ERROR' });
  }

  /** The Prometheus text format. */
  async render(): Promise<string> {
    this.storeBytesGauge.set({}, await this.sources.storeBytes());
    return this.registry.render();
  }

  /** The same figures as JSON, for the console. */
  async snapshot(): Promise<MetricsSnapshot> {
    const c = this.sources.connections();
    const sentBy = (transport: DeliveryTransport): number => this.eventsSent.get({ transport });
    const rejections: Record<string, number> = {};
    for (const [key, n] of this.rejections.entries()) {
      const reason = /reason="([^"]*)"/.exec(key)?.[1] ?? key;
      rejections[reason] = n;
    }
    let dropped = 0;
    for (const [, n] of this.droppedSubscribers.entries()) dropped += n;
    const ms = (s: number | null): number | null => (s === null ? null : Math.round(s * 1e6) / 1000);
    return {
      uptime_s: Math.round((Date.now() - this.sources.startedAt) / 1000),
      connections: { ...c, total: c.sse + c.ws_v2 + c.ws_legacy },
      events_emitted: this.eventsEmitted.get(),
      events_sent: { sse: sentBy('sse'), ws_v2: sentBy('ws_v2'), ws_legacy: sentBy('ws_legacy') },
      event_latency: {
        count: this.latency.count,
        p50_ms: ms(this.latency.quantile(0.5)),
        p99_ms: ms(this.latency.quantile(0.99)),
        max_ms: this.latency.count === 0 ? null : ms(this.maxLatencyS),
      },
      registrations: this.registrations.get(),
      rejections,
      subscribers_dropped: dropped,
      store: { ...this.sources.storeCounts(), bytes: await this.sources.storeBytes() },
      rss_bytes: process.memoryUsage().rss,
    };
  }
}
