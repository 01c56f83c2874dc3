/**
 * Start-up with a QSO log of 0, 100,000 and 1,000,000 QSOs, in one run: a fresh server process is spawned and
 * measured until
 * - its first accepted request (`/api/health` polled), then `/api/public/worked-callers` (the worked view);
 * - the whole log is usable (`GET /api/admin/qsos?limit=1`, which waits for the background reading);
 * - its RSS once the whole log is in memory (after two full garbage collections).
 * And the ADIF export and import speed with 100,000 QSOs: `GET /api/admin/qsos.adi` from the server holding
 * them, `POST /api/admin/qsos/import` of a 100,000-QSO ADI file into an empty one.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Child } from './lib/children.js';
import { BENCH_ADMIN, BENCH_AUTH } from './lib/servers.js';
import { round } from './lib/stats.js';

export interface StartupOptions {
  /** Log sizes to start with; the first should be 0 (the ratios are to it). */
  sizes: number[];
  runs: number;
  /** QSOs in the ADIF export/import measurement (0: skip it). */
  adifQsos: number;
}

export interface StartupSize {
  qsos: number;
  qso_file_mib: number;
  first_request_ms: number;
  /** process.uptime() when the server listened, as the child saw it. */
  listening_uptime_ms: number;
  /** startServer() alone, from its call to listening (store, Station, HTTP): what the log can add to. */
  start_server_ms: number;
  worked_view_ms: number;
  whole_log_ms: number;
  rss_mib: number;
  /** first_request_ms over the empty data dir's. */
  ratio_to_empty: number;
  /** first_request_ms minus the empty data dir's: what the log adds before the first request. */
  added_by_log_ms: number;
}

export interface StartupResult {
  runs: number;
  sizes: StartupSize[];
  empty: { first_request_ms: number; listening_uptime_ms: number };
  with_log: { first_request_ms: number; listening_uptime_ms: number };
  adif: {
    qsos: number;
    export_ms: number;
    export_qsos_per_s: number;
    import_ms: number;
    import_qsos_per_s: number;
  } | null;
}

const now = (): number => performance.timeOrigin + performance.now();

function callsignFor(i: number): string {
  const l = (n: number): string => String.fromCharCode(65 + (n % 26));
  return `K${i % 10}${l(Math.floor(i / 10))}${l(Math.floor(i / 260))}${l(Math.floor(i / 6760))}`;
}

/**
 * Writes a qsos.db in NeDB's format (one JSON document per line) with `count` QSOs, one every 30 s ending now
 * (so the last 72 hours hold 8,640 of them), in batches so that a million lines never sit in memory at once.
 */
export function writeQsoLog(dataDir: string, count: number, endMs = Date.now()): number {
  const modes = ['SSB', 'CW', 'FT8'];
  const start = endMs - count * 30_000;
  const file = path.join(dataDir, 'qsos.db');
  const fd = openSync(file, 'w');
  try {
    for (let from = 0; from < count; from += 10_000) {
      const lines: string[] = [];
      for (let i = from; i < Math.min(count, from + 10_000); i += 1) {
        const callsign = callsignFor(i);
        lines.push(
          JSON.stringify({
            callsign,
            time_on: new Date(start + i * 30_000).toISOString(),
            time_off: new Date(start + i * 30_000 + 20_000).toISOString(),
            frequency: '14.205',
            band: '20m',
            mode: modes[i % 3],
            source: 'queue',
            qrz: {
              callsign,
              name: null,
              address: null,
              dxcc_name: 'United States',
              image: null,
              grid: { lat: null, long: null, grid: null },
              error: null,
              dxcc: null,
              source: 'dxcc',
            },
            rst_sent: '59',
            rst_rcvd: '59',
            logged_by: 'console',
            _id: `q${i.toString(36).padStart(15, '0')}`,
          }),
        );
      }
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return count === 0 ? 0 : statSync(file).size;
}

/** An ADI file of `count` QSOs as another logger would write it. */
export function adiFile(count: number): string {
  const parts = ['Generated for the benchmark\n<ADIF_VER:5>3.1.4 <EOH>\n'];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const call = callsignFor(i);
    const t = new Date(start + i * 10_000).toISOString();
    parts.push(
      `<CALL:${call.length}>${call} <QSO_DATE:8>${t.slice(0, 10).replaceAll('-', '')} ` +
        `<TIME_ON:6>${t.slice(11, 19).replaceAll(':', '')} <BAND:3>20m <FREQ:6>14.025 <MODE:2>CW ` +
        `<RST_SENT:3>599 <RST_RCVD:3>579 <NAME:4>Test <EOR>\n`,
    );
  }
  return parts.join('');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function request(
  port: number,
  method: string,
  pathname: string,
  body?: string,
  timeoutMs = 2000,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { Authorization: BENCH_AUTH };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method, agent: false, headers },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', () => resolve({ status: 0, bytes: 0 }));
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: 0, bytes: 0 });
    });
    req.end(body);
  });
}

async function until(port: number, pathname: string, t0: number, deadline: number): Promise<number> {
  while (now() < deadline) {
    if ((await request(port, 'GET', pathname, undefined, 120_000)).status === 200) return now() - t0;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`the server did not answer ${pathname} in time`);
}

interface Started {
  child: Child;
  port: number;
  first: number;
  worked: number;
  whole: number;
  listening: number;
  startMs: number;
}

async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const child = new Child('server', 'server.ts', {
    nodeFlags: ['--expose-gc'],
    env: { BENCH_SERVER: JSON.stringify({ dataDir, port, env: { ADMIN_PASSWORD: BENCH_ADMIN.password } }) },
  });
  const listening = child.once<{ uptimeMs: number; startMs: number }>('listening', 300_000);
  const t0 = child.spawnedAt;
  const deadline = t0 + 300_000;
  const first = await until(port, '/api/health', t0, deadline);
  const worked = await until(port, '/api/public/worked-callers', t0, deadline);
  const whole = await until(port, '/api/admin/qsos?limit=1', t0, deadline);
  const l = await listening;
  return { child, port, first, worked, whole, listening: l.uptimeMs, startMs: l.startMs };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function runStartup(o: StartupOptions): Promise<StartupResult> {
  const dirs: string[] = [];
  const sizes: StartupSize[] = [];
  let adif: StartupResult['adif'] = null;
  try {
    const prepared = o.sizes.map((qsos) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-log-'));
      dirs.push(dir);
      return { qsos, dir, bytes: writeQsoLog(dir, qsos) };
    });
    const runs = new Map<
      number,
      Omit<StartupSize, 'ratio_to_empty' | 'qso_file_mib' | 'added_by_log_ms'>[]
    >();
    for (let r = 0; r < o.runs; r += 1) {
      for (const p of prepared) {
        const s = await start(p.dir);
        const rss = await s.child.call<number>('rss');
        if (p.qsos === o.adifQsos && r === 0 && o.adifQsos > 0) {
          const t = now();
          const exported = await request(s.port, 'GET', '/api/admin/qsos.adi', undefined, 600_000);
          const ms = now() - t;
          if (exported.status !== 200) throw new Error(`ADIF export answered ${exported.status}`);
          adif = {
            qsos: o.adifQsos,
            export_ms: round(ms, 0),
            export_qsos_per_s: round(o.adifQsos / (ms / 1000), 0),
            import_ms: 0,
            import_qsos_per_s: 0,
          };
        }
        await s.child.stop(60_000);
        const list = runs.get(p.qsos) ?? [];
        list.push({
          qsos: p.qsos,
          first_request_ms: s.first,
          listening_uptime_ms: s.listening,
          start_server_ms: s.startMs,
          worked_view_ms: s.worked,
          whole_log_ms: s.whole,
          rss_mib: rss / 1024 / 1024,
        });
        runs.set(p.qsos, list);
      }
    }
    for (const p of prepared) {
      const list = runs.get(p.qsos)!;
      const pick = (k: keyof (typeof list)[number]): number => median(list.map((x) => x[k]));
      sizes.push({
        qsos: p.qsos,
        qso_file_mib: round(p.bytes / 1024 / 1024, 1),
        first_request_ms: round(pick('first_request_ms'), 1),
        listening_uptime_ms: round(pick('listening_uptime_ms'), 1),
        start_server_ms: round(pick('start_server_ms'), 1),
        worked_view_ms: round(pick('worked_view_ms'), 1),
        whole_log_ms: round(pick('whole_log_ms'), 1),
        rss_mib: round(pick('rss_mib'), 0),
        ratio_to_empty: 0,
        added_by_log_ms: 0,
      });
    }
    const empty = sizes[0]!;
    for (const s of sizes) {
      s.ratio_to_empty = round(s.first_request_ms / empty.first_request_ms, 2);
      s.added_by_log_ms = round(s.first_request_ms - empty.first_request_ms, 1);
    }

    if (o.adifQsos > 0 && adif !== null) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-import-'));
      dirs.push(dir);
      const s = await start(dir);
      const body = JSON.stringify({ filename: 'bench.adi', content: adiFile(o.adifQsos) });
      const t = now();
      const imported = await request(s.port, 'POST', '/api/admin/qsos/import', body, 600_000);
      const ms = now() - t;
      await s.child.stop(60_000);
      if (imported.status !== 200) throw new Error(`ADIF import answered ${imported.status}`);
      adif.import_ms = round(ms, 0);
      adif.import_qsos_per_s = round(o.adifQsos / (ms / 1000), 0);
    }
    const biggest = sizes[sizes.length - 1]!;
    return {
      runs: o.runs,
      sizes,
      empty: { first_request_ms: empty.first_request_ms, listening_uptime_ms: empty.listening_uptime_ms },
      with_log: {
        first_request_ms: biggest.first_request_ms,
        listening_uptime_ms: biggest.listening_uptime_ms,
      },
      adif,
    };
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
