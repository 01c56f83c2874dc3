/** The Server section's reading of `admin.get_metrics` (the figures of /metrics). Pure, so it is unit-tested. */
import { count, countsByCode, isRecord, num, record } from './json.js';

export interface MetricsView {
  uptimeS: number;
  connections: { sse: number; wsV2: number; wsV2Admin: number; wsLegacy: number; total: number };
  eventsEmitted: number;
  eventsSent: { sse: number; wsV2: number; wsLegacy: number };
  latency: { count: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null };
  registrations: number;
  rejections: Array<{ code: string; count: number }>;
  subscribersDropped: number;
  store: { queue: number; qsos: number; bans: number; bytes: number };
  rssBytes: number;
}

export function parseMetrics(result: unknown): MetricsView | null {
  if (!isRecord(result) || !isRecord(result.connections)) return null;
  const c = result.connections;
  const sent = record(result.events_sent);
  const latency = record(result.event_latency);
  const store = record(result.store);
  const sse = count(c.sse);
  const wsV2 = count(c.ws_v2);
  const wsLegacy = count(c.ws_legacy);
  return {
    uptimeS: count(result.uptime_s),
    connections: {
      sse,
      wsV2,
      wsV2Admin: count(c.ws_v2_admin),
      wsLegacy,
      total: num(c.total) ?? sse + wsV2 + wsLegacy,
    },
    eventsEmitted: count(result.events_emitted),
    eventsSent: { sse: count(sent.sse), wsV2: count(sent.ws_v2), wsLegacy: count(sent.ws_legacy) },
    latency: {
      count: count(latency.count),
      p50Ms: num(latency.p50_ms),
      p99Ms: num(latency.p99_ms),
      maxMs: num(latency.max_ms),
    },
    registrations: count(result.registrations),
    rejections: countsByCode(result.rejections),
    subscribersDropped: count(result.subscribers_dropped),
    store: {
      queue: count(store.queue),
      qsos: count(store.qsos),
      bans: count(store.bans),
      bytes: count(store.bytes),
    },
    rssBytes: count(result.rss_bytes),
  };
}
