/**
 * The benchmark suite: fan-out, registration throughput, memory per idle connection and start-up time.
 * Each prints a table and writes JSON under bench/results/. `smoke` runs tiny sizes (CI keeps them working);
 * timings are reported, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFanout, type FanoutResult } from './fanout.js';
import { table } from './lib/stats.js';
import { runMemory } from './memory.js';
import { runRegistration, type LoadSummary, type RegistrationResult } from './registration.js';
import { runStartup } from './startup.js';
import { runRelay, type RelayResult } from './relay.js';
import { runPositions } from './positions.js';
import { positionsTable } from './positions-report.js';

export const BENCHES = ['fanout', 'registration', 'memory', 'startup', 'relay', 'positions'] as const;
export type BenchName = (typeof BENCHES)[number];

export interface SuiteOptions {
  smoke: boolean;
  only?: readonly BenchName[];
  outDir?: string;
  /** Overrides the fan-out sizes. */
  fanoutSizes?: number[];
  /** The fan-out's SSE stream (default the plain `/api/events/stream`; caller pages open `?positions=all`). */
  fanoutSsePath?: string;
  /** Overrides the relay's watcher counts (the direct fan-out beside it stays at 10,000). */
  relayWatchers?: number[];
  print?: (text: string) => void;
}

export interface SuiteResult {
  machine: Record<string, unknown>;
  smoke: boolean;
  results: Partial<Record<BenchName, unknown>>;
  files: string[];
}

export const DEFAULT_OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? 'unknown',
    memory_gib: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    load_average_1m: Math.round(os.loadavg()[0]! * 100) / 100,
    date: new Date().toISOString(),
  };
}

function fanoutTable(results: FanoutResult[]): string {
  return table(
    [
      'N',
      'sse/ws',
      'side',
      'p50 ms',
      'p99 ms',
      'max ms',
      'received/expected',
      'lost',
      'dup',
      'ratio p50/p99/max',
    ],
    results.flatMap((r) => [
      [
        r.subscribers,
        `${r.sse}/${r.ws_v2}`,
        'server',
        r.server.latency_ms.p50,
        r.server.latency_ms.p99,
        r.server.latency_ms.max,
        `${r.server.received}/${r.server.expected}`,
        r.server.lost,
        r.server.duplicates,
        `${r.ratio.p50} / ${r.ratio.p99} / ${r.ratio.max}`,
      ],
      [
        '',
        `0/${r.subscribers}`,
        'bare ws',
        r.bare.latency_ms.p50,
        r.bare.latency_ms.p99,
        r.bare.latency_ms.max,
        `${r.bare.received}/${r.bare.expected}`,
        r.bare.lost,
        r.bare.duplicates,
        '',
      ],
    ]),
  );
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const print = o.print ?? ((t: string) => console.log(t));
  const only = new Set<BenchName>(o.only ?? BENCHES);
  const outDir = o.outDir ?? DEFAULT_OUT_DIR;
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const machine = machineInfo();
  const out: SuiteResult = { machine, smoke: o.smoke, results: {}, files: [] };
  const save = (name: BenchName, result: unknown): void => {
    out.results[name] = result;
    const file = path.join(outDir, `${name}${o.smoke ? '-smoke' : ''}-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify({ bench: name, smoke: o.smoke, machine, result }, null, 2)}\n`);
    out.files.push(file);
  };
  print(`machine: ${JSON.stringify(machine)}`);

  if (only.has('fanout')) {
    const sizes = o.fanoutSizes ?? (o.smoke ? [40] : [1000, 5000, 10_000]);
    const results: FanoutResult[] = [];
    for (const n of sizes) {
      print(`fan-out: ${n} subscribers...`);
      results.push(
        await runFanout({
          subscribers: n,
          ops: o.smoke ? 3 : 20,
          warmup: o.smoke ? 1 : 2,
          ...(o.fanoutSsePath ? { ssePath: o.fanoutSsePath } : {}),
        }),
      );
    }
    print(`\nFan-out (frequency change -> each subscriber's receipt)\n${fanoutTable(results)}\n`);
    save('fanout', results);
  }

  if (only.has('registration')) {
    // As specified (1,000 subscribers attached), and without subscribers to isolate the registration path.
    const variants = o.smoke
      ? [{ registrations: 200, subscribers: 20, concurrency: 8 }]
      : [
          { registrations: 10_000, subscribers: 1000, concurrency: 64 },
          { registrations: 10_000, subscribers: 0, concurrency: 64 },
        ];
    const baselineRow = (name: string, b: LoadSummary): (string | number)[] => [
      '',
      name,
      b.per_second,
      b.cpu_us_per_request,
      b.latency_ms.p50,
      b.latency_ms.p99,
      b.latency_ms.max,
      b.kinds.registered,
      b.kinds.manual,
      b.kinds.refused,
      b.kinds.failed,
      '',
      '',
    ];
    const results: RegistrationResult[] = [];
    for (const v of variants) {
      print(`registration throughput: ${v.registrations} registrations, ${v.subscribers} subscribers...`);
      results.push(await runRegistration(v));
    }
    print(
      `\nRegistration throughput (distinct MASTER.SCP callsigns, POST /api/queue/register, persistence on)\n` +
        table(
          [
            'subscribers',
            'endpoint',
            'req/s',
            'CPU µs/req',
            'p50 ms',
            'p99 ms',
            'max ms',
            'registered',
            'manual',
            'refused',
            'failed',
            'ratio',
            'dropped subs',
          ],
          results.flatMap((r) => [
            [
              `${r.subscribers.sse} SSE + ${r.subscribers.ws_v2} WS`,
              'server',
              r.server.per_second,
              r.server.cpu_us_per_request,
              r.server.latency_ms.p50,
              r.server.latency_ms.p99,
              r.server.latency_ms.max,
              r.server.kinds.registered,
              r.server.kinds.manual,
              r.server.kinds.refused,
              r.server.kinds.failed,
              r.ratio,
              r.subscribers.dropped_by_server,
            ],
            baselineRow('bare express', r.bare),
            baselineRow('bare node:http', r.bare_node_http),
          ]),
        ) +
        '\n',
    );
    save('registration', o.smoke ? results[0] : results);
  }

  if (only.has('memory')) {
    print('memory per idle connection...');
    const r = await runMemory({ connections: o.smoke ? 100 : 5000 });
    print(
      `\nMemory per idle connection (${r.connections} connections; RSS growth in MiB per 1,000)\n` +
        table(
          ['server WS v2', 'server SSE', 'bare ws'],
          [[r.server_ws_v2_mib_per_1000 ?? 'n/a', r.server_sse_mib_per_1000, r.bare_ws_mib_per_1000]],
        ) +
        '\n',
    );
    save('memory', r);
  }

  if (only.has('startup')) {
    print('start-up time...');
    const r = await runStartup(
      o.smoke
        ? { sizes: [0, 2000], runs: 1, adifQsos: 2000 }
        : { sizes: [0, 100_000, 1_000_000], runs: 3, adifQsos: 100_000 },
    );
    print(
      `\nStart-up with a QSO log (median of ${r.runs}; from process spawn)\n` +
        table(
          [
            'QSOs',
            'file MiB',
            'first request ms',
            'ratio',
            'added by log ms',
            'startServer ms',
            'worked view ms',
            'whole log ms',
            'RSS MiB',
          ],
          r.sizes.map((x) => [
            x.qsos,
            x.qso_file_mib,
            x.first_request_ms,
            x.ratio_to_empty,
            x.added_by_log_ms,
            x.start_server_ms,
            x.worked_view_ms,
            x.whole_log_ms,
            x.rss_mib,
          ]),
        ) +
        (r.adif
          ? `\nADIF with ${r.adif.qsos} QSOs: export ${r.adif.export_ms} ms (${r.adif.export_qsos_per_s} QSOs/s), import ${r.adif.import_ms} ms (${r.adif.import_qsos_per_s} QSOs/s)\n`
          : ''),
    );
    save('startup', r);
  }

  if (only.has('relay')) {
    const watchers = o.relayWatchers ?? (o.smoke ? [1, 40] : [1, 50_000]);
    print(`relay: ${watchers.join(', ')} watchers through nginx + nchan...`);
    const r: RelayResult = await runRelay(
      o.smoke ? { watchers, ops: 3, warmup: 1, direct: 0 } : { watchers, ops: 10, direct: 10_000 },
    );
    const rows: (string | number)[][] = r.runs.map((run) => [
      `${run.watchers} via relay`,
      run.delivery.latency_ms.p50,
      run.delivery.latency_ms.p99,
      run.delivery.latency_ms.max,
      `${run.delivery.received}/${run.delivery.expected}`,
      run.delivery.lost,
      run.delivery.duplicates,
      run.station_bytes_per_event,
    ]);
    if (r.direct) {
      rows.push([
        `${r.direct.subscribers} direct`,
        r.direct.server.latency_ms.p50,
        r.direct.server.latency_ms.p99,
        r.direct.server.latency_ms.max,
        `${r.direct.server.received}/${r.direct.server.expected}`,
        r.direct.server.lost,
        r.direct.server.duplicates,
        r.direct_station_bytes_per_event ?? '',
      ]);
    }
    print(
      `\nRelay (frequency change -> each watcher's receipt; nginx + nchan, ${r.nginx_workers} workers)\n` +
        table(
          ['watchers', 'p50 ms', 'p99 ms', 'max ms', 'received/expected', 'lost', 'dup', 'station B/event'],
          rows,
        ) +
        '\n',
    );
    save('relay', r);
  }

  if (only.has('positions')) {
    const size = o.smoke
      ? { positions: 3, waiting: 30, registrations: 60, registrationSubscribers: 10, subscribers: 20, ops: 3 }
      : {
          positions: 12,
          waiting: 1000,
          registrations: 5000,
          registrationSubscribers: 1000,
          subscribers: 10_000,
          ops: 20,
        };
    print(`positions: ${size.positions} positions beside the default one alone...`);
    const r = await runPositions({
      ...size,
      concurrency: o.smoke ? 8 : 64,
      warmup: o.smoke ? 1 : 2,
      // the smoke run's queues are short: their updates are not spaced out
      ...(o.smoke ? { settleMs: 0 } : {}),
    });
    print(`\n${positionsTable(r)}\n`);
    save('positions', r);
  }
  return out;
}
