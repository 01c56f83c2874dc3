/**
 * Registration throughput: distinct real callsigns from MASTER.SCP posted concurrently to /api/queue/register
 * (large maximum queue, persistence on, subscribers attached), then the same load against a bare express
 * endpoint and a bare node:http one (the floor) * endpoint in the same run.
 */
import { readFileSync } from 'node:fs';
import { parseCallsign } from '../shared/callsign.js';
import { Child } from './lib/children.js';
import { admin, hasWsV2, startBaseline, startServerChild, waitForConnections } from './lib/servers.js';
import { round, summarize, type Summary } from './lib/stats.js';

export const MASTER_SCP = '/work/shared/data/MASTER.SCP';

export interface RegistrationOptions {
  registrations: number;
  subscribers: number;
  concurrency: number;
  scpPath?: string;
}

interface LoadResult {
  count: number;
  durationMs: number;
  latencies: number[];
  statuses: Record<string, number>;
  kinds: { registered: number; manual: number; refused: number; failed: number };
}

export interface LoadSummary {
  requests: number;
  per_second: number;
  /** CPU time (user + system) the endpoint's process spent per request during the run. */
  cpu_us_per_request: number;
  latency_ms: Summary;
  statuses: Record<string, number>;
  kinds: LoadResult['kinds'];
}

export interface RegistrationResult {
  registrations: number;
  subscribers: { sse: number; ws_v2: number; dropped_by_server: number };
  concurrency: number;
  server: LoadSummary;
  bare: LoadSummary;
  /** The floor: the same endpoint on node's http module alone. */
  bare_node_http: LoadSummary;
  ratio: number;
  queue_after: number;
  store_bytes: number;
  events_sent: number;
}

/**
 * Callsigns of distinct operators (distinct base calls: the server holds one place per operator) from a
 * MASTER.SCP file that pass the callsign grammar, in file order.
 */
export function scpCallsigns(count: number, file = MASTER_SCP): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const raw = line.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const parsed = parseCallsign(raw);
    if (!parsed.ok || seen.has(parsed.base)) continue;
    seen.add(parsed.base);
    out.push(parsed.callsign);
    if (out.length === count) break;
  }
  if (out.length < count) throw new Error(`${file} has only ${out.length} usable callsigns`);
  return out;
}

type CpuUsage = { user: number; system: number };

/** Runs the load against an endpoint and measures its process's CPU time over the run. */
export async function measured(
  load: Child,
  endpoint: Child,
  args: { url: string; path: string; callsigns: string[]; concurrency: number },
): Promise<LoadResult & { cpuUs: number }> {
  const before = await endpoint.call<CpuUsage>('cpu');
  const result = await load.call<LoadResult>('run', args, 600_000);
  const after = await endpoint.call<CpuUsage>('cpu');
  return { ...result, cpuUs: after.user - before.user + (after.system - before.system) };
}

export function summarizeLoad(r: LoadResult & { cpuUs: number }): LoadSummary {
  return {
    requests: r.count,
    per_second: Math.round((r.count / r.durationMs) * 1000),
    cpu_us_per_request: Math.round(r.cpuUs / r.count),
    latency_ms: summarize(r.latencies),
    statuses: r.statuses,
    kinds: r.kinds,
  };
}

export async function runRegistration(o: RegistrationOptions): Promise<RegistrationResult> {
  const callsigns = scpCallsigns(o.registrations, o.scpPath);
  const holders = new Child('subscribers', 'subscribers.ts');
  const load = new Child('http-load', 'http-load.ts');
  const server = await startServerChild({ MAX_QUEUE_SIZE: '100000' });
  try {
    await admin(server.url, 'POST', '/api/admin/status', { active: true });
    const ws = (await hasWsV2(server.url)) ? Math.floor(o.subscribers / 2) : 0;
    const sse = o.subscribers - ws;
    await holders.call('open', { url: server.url, sse, ws, wsPath: '/ws/connect', subscribe: true }, 300_000);
    await waitForConnections(server.url, o.subscribers);
    const serverRun = await measured(load, server.child, {
      url: server.url,
      path: '/api/queue/register',
      callsigns,
      concurrency: o.concurrency,
    });
    const queueAfter = await server.child.call<number>('queueSize');
    const metrics = await server.child.call<{
      subscribers_dropped: number;
      store: { bytes: number };
      events_sent: Record<string, number>;
    } | null>('metrics');
    await holders.call('closeAll');
    await server.stop();

    const baseline = async (script: string): Promise<LoadSummary> => {
      const bare = await startBaseline(script);
      try {
        return summarizeLoad(
          await measured(load, bare.child, {
            url: bare.url,
            path: '/api/queue/register',
            callsigns,
            concurrency: o.concurrency,
          }),
        );
      } finally {
        await bare.child.stop();
      }
    };
    const b = await baseline('bare-express.ts');
    const floor = await baseline('bare-http.ts');
    const s = summarizeLoad(serverRun);
    return {
      registrations: o.registrations,
      subscribers: { sse, ws_v2: ws, dropped_by_server: metrics?.subscribers_dropped ?? 0 },
      concurrency: o.concurrency,
      server: s,
      bare: b,
      bare_node_http: floor,
      ratio: round(s.per_second / b.per_second),
      queue_after: queueAfter,
      store_bytes: metrics?.store.bytes ?? 0,
      events_sent: Object.values(metrics?.events_sent ?? {}).reduce((a, n) => a + n, 0),
    };
  } finally {
    await server.stop().catch(() => undefined);
    await holders.stop();
    await load.stop();
  }
}
