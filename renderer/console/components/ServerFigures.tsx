/** The LAN tab's "Server" section: the figures of /api/health and /metrics, from `admin.get_metrics`. */
import type { MetricsView } from '../metrics-view.js';
import { formatBytes, formatMs, formatUptime } from '../format.js';
import { CodeCounts, Fact, Facts } from './StatusParts.js';

export function ServerFigures({ metrics }: { metrics: MetricsView | null }) {
  if (!metrics) return <p className="muted">No figures from the server yet.</p>;
  const c = metrics.connections;
  const sent = metrics.eventsSent;
  const lat = metrics.latency;
  return (
    <Facts testId="server-figures">
      <Fact label="Up for">{formatUptime(metrics.uptimeS)}</Fact>
      <Fact label="Connections" testId="figure-connections">
        <b data-testid="figure-sse">{c.sse}</b> caller pages (SSE) · <b>{c.wsV2Admin}</b> consoles ·{' '}
        <b>{Math.max(0, c.wsV2 - c.wsV2Admin)}</b> other v2 · <b>{c.wsLegacy}</b> original protocol ·{' '}
        <b>{c.total}</b> in all
      </Fact>
      <Fact label="Events">
        <b>{metrics.eventsEmitted}</b> emitted · sent <b>{sent.sse}</b> SSE, <b>{sent.wsV2}</b> v2,{' '}
        <b>{sent.wsLegacy}</b> original
        {metrics.subscribersDropped > 0 && <> · {metrics.subscribersDropped} slow subscribers dropped</>}
      </Fact>
      <Fact label="Event latency">
        {lat.count === 0 ? (
          <span className="muted">no deliveries timed yet</span>
        ) : (
          <>
            p50 {formatMs(lat.p50Ms)} · p99 {formatMs(lat.p99Ms)} · max {formatMs(lat.maxMs)}{' '}
            <span className="muted">({lat.count} deliveries)</span>
          </>
        )}
      </Fact>
      <Fact label="Registrations" testId="figure-registrations">
        <b>{metrics.registrations}</b>
      </Fact>
      <Fact label="Refusals by reason" testId="figure-rejections">
        <CodeCounts counts={metrics.rejections} />
      </Fact>
      <Fact label="Store">
        {metrics.store.queue} in queue · {metrics.store.qsos} QSOs · {metrics.store.bans} bans ·{' '}
        {formatBytes(metrics.store.bytes)} on disk
      </Fact>
      <Fact label="Memory">{formatBytes(metrics.rssBytes)}</Fact>
    </Facts>
  );
}
