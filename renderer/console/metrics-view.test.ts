import { describe, expect, it } from 'vitest';
import { parseMetrics } from './metrics-view.js';

describe('parseMetrics', () => {
  it('reads the snapshot of admin.get_metrics', () => {
    const view = parseMetrics({
      uptime_s: 3700,
      connections: { sse: 3, ws_v2: 2, ws_v2_admin: 1, ws_legacy: 1, total: 6 },
      events_emitted: 40,
      events_sent: { sse: 100, ws_v2: 20, ws_legacy: 5 },
      event_latency: { count: 125, p50_ms: 0.4, p99_ms: 2.5, max_ms: 9.1 },
      registrations: 12,
      rejections: { COOLDOWN: 1, ALREADY_QUEUED: 4 },
      subscribers_dropped: 0,
      store: { queue: 2, qsos: 10, bans: 1, bytes: 20480 },
      rss_bytes: 80_000_000,
    });
    expect(view).toEqual({
      uptimeS: 3700,
      connections: { sse: 3, wsV2: 2, wsV2Admin: 1, wsLegacy: 1, total: 6 },
      eventsEmitted: 40,
      eventsSent: { sse: 100, wsV2: 20, wsLegacy: 5 },
      latency: { count: 125, p50Ms: 0.4, p99Ms: 2.5, maxMs: 9.1 },
      registrations: 12,
      rejections: [
        { code: 'ALREADY_QUEUED', count: 4 },
        { code: 'COOLDOWN', count: 1 },
      ],
      subscribersDropped: 0,
      store: { queue: 2, qsos: 10, bans: 1, bytes: 20480 },
      rssBytes: 80_000_000,
    });
  });

  it('fills in what is missing and refuses what is not a snapshot', () => {
    expect(parseMetrics(null)).toBeNull();
    expect(parseMetrics({ uptime_s: 1 })).toBeNull();
    const view = parseMetrics({ connections: { sse: 2, ws_v2: 1 } })!;
    expect(view.connections.total).toBe(3);
    expect(view.latency).toEqual({ count: 0, p50Ms: null, p99Ms: null, maxMs: null });
    expect(view.rejections).toEqual([]);
  });
});
