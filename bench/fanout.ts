/**
 * Fan-out: N subscribers (half SSE, half WebSocket protocol v2), held by load-generator processes, while the
 * admin changes the frequency `ops` times. Latency = from sending the admin request to each subscriber's
 * receipt of the frequency_update. Then, in the same run, a bare `ws` server broadcasts an equal payload to N
 * plain WebSocket clients held by the same generators.
 */
import { Child } from './lib/children.js';
import {
  admin,
  hasWsV2,
  httpJson,
  startBaseline,
  startServerChild,
  waitForConnections,
} from './lib/servers.js';
import { round, sleep, summarize, type Summary } from './lib/stats.js';

export interface FanoutOptions {
  subscribers: number;
  ops: number;
  warmup?: number;
  /** Connections per generator process (each process stays far below the open-file limit). */
  perGenerator?: number;
  /**
   * The SSE subscribers' stream: the original's plain `/api/events/stream` (default), or the one caller pages
   * open, `/api/events/stream?positions=all`.
   */
  ssePath?: string;
}

interface Collected {
  perOp: number[][];
  dupes: number;
  errors: number;
  dropped: number;
  frameBytes: { sse: number; ws: number };
}

export interface Side {
  latency_ms: Summary;
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  disconnected: number;
  /** Per op, the time until the last subscriber had it. */
  broadcast_ms: Summary;
}

export interface FanoutResult {
  subscribers: number;
  sse: number;
  ws_v2: number;
  ops: number;
  ws_available: boolean;
  frame_bytes: { sse: number; ws: number; bare: number };
  server: Side;
  bare: Side;
  ratio: { p50: number; p99: number; max: number };
}

const now = (): number => performance.timeOrigin + performance.now();
const frequency = (op: number): string => `14.${100 + op}`;

export async function runOps(
  gens: Child[],
  ops: number,
  trigger: (op: number) => Promise<void>,
): Promise<{ t0: number[]; collected: Collected[] }> {
  const t0: number[] = [];
  for (let op = 0; op < ops; op += 1) {
    const waiting = gens.map((g) =>
      g
        .once<{ op: number }>('got', 15_000)
        .then(async (got) => {
          // a late `got` of an earlier op: wait for ours
          while (got.op !== op) got = await g.once<{ op: number }>('got', 15_000);
        })
        .catch(() => undefined),
    );
    t0[op] = now();
    await trigger(op);
    await Promise.all(waiting);
    await sleep(50);
  }
  const collected = await Promise.all(gens.map((g) => g.call<Collected>('collect')));
  return { t0, collected };
}

export function measure(t0: number[], collected: Collected[], from: number, ops: number): Side {
  const latencies: number[] = [];
  const broadcast: number[] = [];
  let expected = 0;
  let received = 0;
  for (let op = from; op < from + ops; op += 1) {
    let last = 0;
    for (const c of collected) {
      const row = c.perOp[op] ?? [];
      const conns = c.perOp.find((r) => r.length > 0)?.length ?? 0;
      expected += conns;
      for (const at of row) {
        if (Number.isNaN(at)) continue;
        received += 1;
        const ms = at - t0[op]!;
        latencies.push(ms);
        if (ms > last) last = ms;
      }
    }
    broadcast.push(last);
  }
  return {
    latency_ms: summarize(latencies),
    expected,
    received,
    lost: expected - received,
    duplicates: collected.reduce((n, c) => n + c.dupes, 0),
    disconnected: collected.reduce((n, c) => n + c.dropped, 0),
    broadcast_ms: summarize(broadcast),
  };
}

export async function runFanout(o: FanoutOptions): Promise<FanoutResult> {
  const warmup = o.warmup ?? 2;
  const total = warmup + o.ops;
  const perGen = o.perGenerator ?? 4000;
  const genCount = Math.max(2, Math.ceil(o.subscribers / perGen));
  const gens = Array.from({ length: genCount }, (_, i) => new Child(`subscribers-${i}`, 'subscribers.ts'));
  const share = (n: number, i: number): number => Math.floor(n / genCount) + (i < n % genCount ? 1 : 0);

  // --- the server ------------------------------------------------------------------------------------
  const server = await startServerChild();
  let result: FanoutResult;
  try {
    await admin(server.url, 'POST', '/api/admin/status', { active: true });
    const wsAvailable = await hasWsV2(server.url);
    const wsTotal = wsAvailable ? Math.floor(o.subscribers / 2) : 0;
    const sseTotal = o.subscribers - wsTotal;
    await Promise.all(
      gens.map((g, i) =>
        g.call(
          'open',
          {
            url: server.url,
            sse: share(sseTotal, i),
            ws: share(wsTotal, i),
            wsPath: '/ws/connect',
            subscribe: true,
            ...(o.ssePath ? { ssePath: o.ssePath } : {}),
          },
          300_000,
        ),
      ),
    );
    await waitForConnections(server.url, o.subscribers);
    const s = await runOps(gens, total, async (op) => {
      await admin(server.url, 'POST', '/api/admin/frequency', { frequency: frequency(op) });
    });
    const serverSide = measure(s.t0, s.collected, warmup, o.ops);
    const frameBytes = {
      sse: Math.max(...s.collected.map((c) => c.frameBytes.sse)),
      ws: Math.max(...s.collected.map((c) => c.frameBytes.ws)),
    };
    await Promise.all(gens.map((g) => g.call('closeAll')));
    await server.stop();

    // --- the bare ws floor ------------------------------------------------------------------------------
    const bare = await startBaseline('bare-ws.ts');
    try {
      await Promise.all(
        gens.map((g, i) =>
          g.call(
            'open',
            { url: bare.url, sse: 0, ws: share(o.subscribers, i), wsPath: '/', subscribe: false },
            300_000,
          ),
        ),
      );
      const clients = await bare.child.call<number>('clients');
      if (clients !== o.subscribers)
        throw new Error(`bare ws has ${clients} clients, expected ${o.subscribers}`);
      const size = Math.max(frameBytes.ws, frameBytes.sse, 120);
      const payloadFor = (op: number): string => {
        const head = `{"type":"event","event":"frequency_update","event_type":"frequency_update","seq":${op},"data":{"frequency":"${frequency(op)}","band":"20m","mode":null,"pad":"`;
        const tail = `"},"timestamp":"${new Date().toISOString()}"}`;
        return head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail;
      };
      const b = await runOps(gens, total, async (op) => {
        const res = await httpJson('POST', `${bare.url}/broadcast`, payloadFor(op));
        if (res.status !== 204) throw new Error(`bare broadcast answered ${res.status}`);
      });
      const bareSide = measure(b.t0, b.collected, warmup, o.ops);
      await Promise.all(gens.map((g) => g.call('closeAll')));
      result = {
        subscribers: o.subscribers,
        sse: sseTotal,
        ws_v2: wsTotal,
        ops: o.ops,
        ws_available: wsAvailable,
        frame_bytes: { ...frameBytes, bare: Buffer.byteLength(payloadFor(0)) },
        server: serverSide,
        bare: bareSide,
        ratio: {
          p50: round(serverSide.latency_ms.p50 / bareSide.latency_ms.p50),
          p99: round(serverSide.latency_ms.p99 / bareSide.latency_ms.p99),
          max: round(serverSide.latency_ms.max / bareSide.latency_ms.max),
        },
      };
    } finally {
      await bare.child.stop();
    }
  } finally {
    await server.stop().catch(() => undefined);
    await Promise.all(gens.map((g) => g.stop()));
  }
  return result;
}
