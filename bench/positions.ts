/**
 * Operating positions at camp scale: the same server, load and subscribers twice in one run, once with the
 * default position alone and once with a camp of N positions (created over protocol v2). Each side: `waiting`
 * callers registered first (spread round-robin over the positions), then `registrations` more measured as in
 * registration.ts with subscribers attached; then the fan-out of a frequency change to `subscribers`
 * subscribers (half SSE, half WebSocket v2 asking for `positions: "all"`) with that queue still waiting.
 */
import { Child } from './lib/children.js';
import { admin, hasWsV2, httpJson, startServerChild, waitForConnections } from './lib/servers.js';
import { round } from './lib/stats.js';
import { openWsAdmin } from './lib/ws-admin.js';
import { measure, runOps, type Side } from './fanout.js';
import { measured, scpCallsigns, summarizeLoad, type LoadSummary } from './registration.js';

export interface PositionsOptions {
  /** Positions of the camp, the default one included. */
  positions: number;
  /** Callers waiting in total before the measured registrations. */
  waiting: number;
  registrations: number;
  /** Subscribers attached during the registrations. */
  registrationSubscribers: number;
  concurrency: number;
  /** Subscribers of the fan-out. */
  subscribers: number;
  ops: number;
  warmup?: number;
  perGenerator?: number;
  /** The pause between the registrations and the fan-out (default QUEUE_UPDATE_SETTLE_MS). */
  settleMs?: number;
}

export interface PositionsSide {
  positions: number;
  waiting_before: number;
  registration: LoadSummary;
  /** Callers waiting over every position after the measured registrations. */
  queue_after: number;
  fanout: Side & { sse: number; ws_v2: number };
  /** Per fan-out op (warm-up included), the time until the last subscriber had it. */
  fanout_op_ms: number[];
}

export interface PositionsResult {
  /** Measured frequency changes of each fan-out. */
  ops: number;
  single: PositionsSide;
  camp: PositionsSide;
  /** camp / single: above 1 means the camp is slower (for req/s: single / camp). */
  ratio: {
    registration_per_second: number;
    registration_cpu: number;
    fanout_p50: number;
    fanout_p99: number;
    fanout_max: number;
  };
}

const frequency = (op: number): string => `14.${100 + op}`;

/** Longer than the longest spacing of two queue updates (10 s, domain/queue-publisher.ts). */
const QUEUE_UPDATE_SETTLE_MS = 10_500;

const lastReceipt = (collected: { perOp: number[][] }[], op: number): number =>
  Math.max(...collected.flatMap((c) => (c.perOp[op] ?? []).filter((at) => !Number.isNaN(at))));

/** The camp's position number `i` (2 and up): its own band, CW and SSB in turn, on the air. */
export function campPosition(i: number): {
  name: string;
  id: string;
  frequency: string;
  mode: string;
  active: true;
} {
  return {
    name: `Run ${i}`,
    id: `run-${i}`,
    frequency: `${[3, 7, 10, 18, 21, 24, 28][i % 7]}.0${10 + i}`,
    mode: i % 2 === 0 ? 'CW' : 'SSB',
    active: true,
  };
}

async function createCamp(url: string, count: number): Promise<string[]> {
  const ids = ['default'];
  if (count <= 1) return ids;
  const ws = await openWsAdmin(url);
  try {
    for (let i = 2; i <= count; i += 1) {
      const r = await ws.request<{ position: { id: string } }>('admin.create_position', campPosition(i));
      ids.push(r.position.id);
    }
  } finally {
    ws.close();
  }
  return ids;
}

async function waitingTotal(url: string, ids: string[]): Promise<number> {
  let total = 0;
  for (const id of ids) {
    const res = await httpJson('GET', `${url}/api/positions/queue/${id}`);
    if (res.status !== 200) throw new Error(`queue of ${id} answered ${res.status}`);
    total += (res.body as { total: number }).total;
  }
  return total;
}

const half = (n: number, ws: boolean): { sse: number; ws: number } =>
  ws ? { sse: n - Math.floor(n / 2), ws: Math.floor(n / 2) } : { sse: n, ws: 0 };

async function runSide(
  o: PositionsOptions,
  positions: number,
  callsigns: string[],
  gens: Child[],
  load: Child,
): Promise<PositionsSide> {
  const server = await startServerChild({ MAX_QUEUE_SIZE: '100000' });
  try {
    await admin(server.url, 'POST', '/api/admin/status', { active: true });
    const ids = await createCamp(server.url, positions);
    const wsAvailable = await hasWsV2(server.url);
    const subscribeData = { positions: 'all' };
    // the callers already waiting (not measured)
    const spread = positions > 1 ? { positionIds: ids } : {};
    await load.call('run', {
      url: server.url,
      path: '/api/queue/register',
      callsigns: callsigns.slice(0, o.waiting),
      concurrency: o.concurrency,
      ...spread,
    });
    const waitingBefore = await waitingTotal(server.url, ids);

    // registrations with subscribers attached
    const regSubs = half(o.registrationSubscribers, wsAvailable);
    await gens[0]!.call(
      'open',
      { url: server.url, ...regSubs, wsPath: '/ws/connect', subscribe: true, subscribeData },
      300_000,
    );
    await waitForConnections(server.url, o.registrationSubscribers);
    const reg = await measured(load, server.child, {
      url: server.url,
      path: '/api/queue/register',
      callsigns: callsigns.slice(o.waiting),
      concurrency: o.concurrency,
      ...spread,
    });
    const queueAfter = await waitingTotal(server.url, ids);
    await gens[0]!.call('closeAll');
    // The queue updates the registrations still owe (paced, at most QUEUE_UPDATE_SETTLE_MS apart) go out
    // before the fan-out's subscribers attach, on both sides alike: otherwise the camp's 12 of them (each
    // listing its whole queue to every `positions: "all"` subscriber) land inside the measured fan-out.
    await new Promise((resolve) => setTimeout(resolve, o.settleMs ?? QUEUE_UPDATE_SETTLE_MS));

    // fan-out of a frequency change with the camp's callers waiting
    const subs = half(o.subscribers, wsAvailable);
    const share = (n: number, i: number): number =>
      Math.floor(n / gens.length) + (i < n % gens.length ? 1 : 0);
    await Promise.all(
      gens.map((g, i) =>
        g.call(
          'open',
          {
            url: server.url,
            sse: share(subs.sse, i),
            ws: share(subs.ws, i),
            wsPath: '/ws/connect',
            subscribe: true,
            subscribeData,
          },
          300_000,
        ),
      ),
    );
    await waitForConnections(server.url, o.subscribers, 120_000);
    const warmup = o.warmup ?? 2;
    const run = await runOps(gens, warmup + o.ops, async (op) => {
      await admin(server.url, 'POST', '/api/admin/frequency', { frequency: frequency(op) });
    });
    await Promise.all(gens.map((g) => g.call('closeAll')));
    return {
      positions,
      waiting_before: waitingBefore,
      registration: summarizeLoad(reg),
      queue_after: queueAfter,
      fanout: { ...measure(run.t0, run.collected, warmup, o.ops), sse: subs.sse, ws_v2: subs.ws },
      fanout_op_ms: run.t0.map((t, op) => round(lastReceipt(run.collected, op) - t)),
    };
  } finally {
    await server.stop();
  }
}

export async function runPositions(o: PositionsOptions): Promise<PositionsResult> {
  const callsigns = scpCallsigns(o.waiting + o.registrations);
  const perGen = o.perGenerator ?? 4000;
  const genCount = Math.max(2, Math.ceil(o.subscribers / perGen));
  const gens = Array.from({ length: genCount }, (_, i) => new Child(`subscribers-${i}`, 'subscribers.ts'));
  const load = new Child('http-load', 'http-load.ts');
  try {
    const single = await runSide(o, 1, callsigns, gens, load);
    const camp = await runSide(o, o.positions, callsigns, gens, load);
    const f = (c: number, s: number): number => round(c / s);
    return {
      ops: o.ops,
      single,
      camp,
      ratio: {
        registration_per_second: f(single.registration.per_second, camp.registration.per_second),
        registration_cpu: f(camp.registration.cpu_us_per_request, single.registration.cpu_us_per_request),
        fanout_p50: f(camp.fanout.latency_ms.p50, single.fanout.latency_ms.p50),
        fanout_p99: f(camp.fanout.latency_ms.p99, single.fanout.latency_ms.p99),
        fanout_max: f(camp.fanout.latency_ms.max, single.fanout.latency_ms.max),
      },
    };
  } finally {
    await Promise.all(gens.map((g) => g.stop()));
    await load.stop();
  }
}
