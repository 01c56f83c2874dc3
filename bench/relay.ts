/**
 * The relay: watchers held by nginx + nchan (Debian's packages, the shipped docs/deployment/nginx-relay.conf)
 * from separate load-generator processes (each under 20,000 sockets), while the station holds one publisher
 * connection. For each watcher count, the admin changes the frequency `ops` times; latency = from sending the
 * admin request to each watcher's receipt through the relay; every event is accounted for (lost, duplicates);
 * the station's bytes sent per event are read from its publisher (request line, headers and body of each
 * publish). Beside it, in the same run, the direct fan-out (the station's own SSE + WebSocket) at `direct`.
 */
import { runFanout, runOps, measure, type FanoutResult, type Side } from './fanout.js';
import { Child } from './lib/children.js';
import { admin, httpJson, startServerChild } from './lib/servers.js';
import { round } from './lib/stats.js';
import { freePort, removeDir, selfSignedCertificate, startNginx } from '../main/server/testing/nginx.js';

const SECRET = 'change-this-relay-secret';
const NAME = 'pileup.example.org';

export interface RelayBenchOptions {
  /** Watcher counts, e.g. [1, 50_000]. */
  watchers: number[];
  ops: number;
  warmup?: number;
  /** Subscribers per generator process (each stays below the open-file limit). */
  perGenerator?: number;
  /** nginx worker processes (each under the open-file limit). */
  nginxWorkers?: number;
  /** The direct fan-out beside it (0: not run). */
  direct?: number;
}

export interface RelayRun {
  watchers: number;
  generators: number;
  /** Watchers nchan reported (its stub status, over all workers) when the run started. */
  nchan_subscribers: number;
  delivery: Side;
  /** Messages the station published per admin change, and its bytes sent per event. */
  published_per_op: number;
  station_bytes_per_event: number;
}

export interface RelayResult {
  ops: number;
  nginx_workers: number;
  runs: RelayRun[];
  direct: FanoutResult | null;
  /** The station's bytes per event with direct fan-out: each subscriber's frame, summed. */
  direct_station_bytes_per_event: number | null;
}

interface RelayStatusBody {
  status: { published: number; bytes_sent: number; state: string } | null;
}

async function relayStatus(url: string): Promise<NonNullable<RelayStatusBody['status']>> {
  const body = (await admin(url, 'GET', '/api/admin/relay')) as RelayStatusBody;
  if (!body.status) throw new Error('the station has no relay configured');
  return body.status;
}

/**
 * The watchers nchan holds, from its stub status (`/relay/status` in the shipped file): summed over all nginx
 * workers. Not the channel's own info (a GET on the publisher): that is the view of whichever worker answers,
 * and a worker that holds none of the watchers can report 0 for as long as it keeps answering (seen with one
 * watcher on one of four workers).
 */
async function nchanSubscribers(statusUrl: string): Promise<number> {
  const res = await httpJson('GET', statusUrl);
  const m = typeof res.body === 'string' ? /^subscribers: (\d+)$/m.exec(res.body) : null;
  return m ? Number(m[1]) : 0;
}

export async function runRelay(o: RelayBenchOptions): Promise<RelayResult> {
  const warmup = o.warmup ?? 2;
  const total = warmup + o.ops;
  const perGen = o.perGenerator ?? 12_500;
  const workers = o.nginxWorkers ?? 4;
  const cert = selfSignedCertificate([NAME]);
  const tlsPort = await freePort();
  const plainPort = await freePort();
  const publishPort = await freePort();
  const stationPort = await freePort();
  const nginx = await startNginx({
    siteFile: 'nginx-relay.conf',
    nchan: true,
    workers,
    workerConnections: 19_000,
    pairs: [
      // a plain listener beside TLS, as the direct fan-out is measured without TLS too
      ['listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;\n    listen 127.0.0.1:${plainPort} reuseport;`],
      ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${publishPort};`],
      ['server 127.0.0.1:8000;', `server 127.0.0.1:${stationPort};`],
      [`/etc/letsencrypt/live/${NAME}/fullchain.pem`, cert.certFile],
      [`/etc/letsencrypt/live/${NAME}/privkey.pem`, cert.keyFile],
    ],
    ports: [tlsPort, plainPort, publishPort],
  });
  const publishUrl = `http://127.0.0.1:${publishPort}/relay/publish`;
  const statusUrl = `http://127.0.0.1:${publishPort}/relay/status`;
  const runs: RelayRun[] = [];
  try {
    const station = await startServerChild(
      {
        RELAY_PUBLISH_URL: publishUrl,
        RELAY_EVENTS_URL: '/relay/events',
        RELAY_SECRET: SECRET,
      },
      { port: stationPort },
    );
    try {
      await admin(station.url, 'POST', '/api/admin/status', { active: true });
      for (const watchers of o.watchers) {
        const genCount = Math.max(1, Math.ceil(watchers / perGen));
        const share = (n: number, i: number): number => Math.floor(n / genCount) + (i < n % genCount ? 1 : 0);
        const gens = Array.from(
          { length: genCount },
          (_, i) => new Child(`relay-watchers-${i}`, 'subscribers.ts'),
        );
        try {
          await Promise.all(
            gens.map((g, i) =>
              g.call(
                'open',
                {
                  url: `http://127.0.0.1:${plainPort}`,
                  sse: share(watchers, i),
                  ws: 0,
                  wsPath: '/',
                  ssePath: '/relay/events',
                  // one source address per generator: 50,000 connections to one port pass the ephemeral ports
                  localAddress: `127.0.1.${i + 1}`,
                  subscribe: false,
                },
                1_200_000,
              ),
            ),
          );
          const deadline = Date.now() + 60_000;
          let held = await nchanSubscribers(statusUrl);
          while (held < watchers && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 200));
            held = await nchanSubscribers(statusUrl);
          }
          const before = await relayStatus(station.url);
          // (the generators match "14.<100 + op>"; each run ends on another frequency than the next starts)
          const s = await runOps(gens, total, async (op) => {
            await admin(station.url, 'POST', '/api/admin/frequency', { frequency: `14.${100 + op}` });
          });
          const after = await relayStatus(station.url);
          const published = after.published - before.published;
          runs.push({
            watchers,
            generators: genCount,
            nchan_subscribers: held,
            delivery: measure(s.t0, s.collected, warmup, o.ops),
            published_per_op: round(published / total),
            station_bytes_per_event:
              published > 0 ? Math.round((after.bytes_sent - before.bytes_sent) / published) : 0,
          });
          await Promise.all(gens.map((g) => g.call('closeAll')));
        } finally {
          await Promise.all(gens.map((g) => g.stop(10_000)));
        }
      }
    } finally {
      await station.stop();
    }
  } finally {
    await nginx.stop();
    removeDir(nginx.dir);
    removeDir(cert.dir);
  }

  let direct: FanoutResult | null = null;
  if ((o.direct ?? 0) > 0) direct = await runFanout({ subscribers: o.direct!, ops: o.ops, warmup });
  return {
    ops: o.ops,
    nginx_workers: workers,
    runs,
    direct,
    direct_station_bytes_per_event: direct
      ? direct.sse * direct.frame_bytes.sse + direct.ws_v2 * direct.frame_bytes.ws
      : null,
  };
}
