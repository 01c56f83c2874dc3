/**
 * Start-up time to the first accepted request with a QSO log of many entries, against an empty data dir:
 * a fresh server process is spawned and /api/health is polled until it answers 200.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Child } from './lib/children.js';
import { BENCH_ADMIN } from './lib/servers.js';
import { round } from './lib/stats.js';

export interface StartupOptions {
  qsos: number;
  runs: number;
}

export interface StartupRun {
  first_request_ms: number;
  /** process.uptime() when the server listened, as the child saw it. */
  listening_uptime_ms: number;
}

export interface StartupResult {
  qsos: number;
  qso_file_mib: number;
  runs: number;
  empty: { first_request_ms: number; listening_uptime_ms: number };
  with_log: { first_request_ms: number; listening_uptime_ms: number };
  added_by_log_ms: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Writes a qsos.db in NeDB's format (one JSON document per line) with `count` completed QSOs. */
export function writeQsoLog(dataDir: string, count: number): number {
  const modes = ['SSB', 'CW', 'FT8'];
  const start = Date.UTC(2026, 0, 1);
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const callsign = `K${i % 10}${String.fromCharCode(65 + (Math.floor(i / 10) % 26))}${String.fromCharCode(65 + (Math.floor(i / 260) % 26))}${String.fromCharCode(65 + (Math.floor(i / 6760) % 26))}`;
    const timeOn = new Date(start + i * 30_000).toISOString();
    const timeOff = new Date(start + i * 30_000 + 20_000).toISOString();
    lines.push(
      JSON.stringify({
        callsign,
        time_on: timeOn,
        time_off: timeOff,
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
        _id: `q${i.toString(36).padStart(15, '0')}`,
      }),
    );
  }
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path.join(dataDir, 'qsos.db'), text);
  return Buffer.byteLength(text);
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

function healthOk(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function startOnce(dataDir: string): Promise<StartupRun> {
  const port = await freePort();
  const child = new Child('server', 'server.ts', {
    env: { BENCH_SERVER: JSON.stringify({ dataDir, port, env: { ADMIN_PASSWORD: BENCH_ADMIN.password } }) },
  });
  const listening = child.once<{ uptimeMs: number }>('listening', 120_000);
  const t0 = child.spawnedAt;
  const deadline = t0 + 120_000;
  let first = NaN;
  while (now() < deadline) {
    if (await healthOk(port)) {
      first = now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const l = await listening;
  await child.stop(10_000);
  if (Number.isNaN(first)) throw new Error('the server did not answer within 120 s');
  return { first_request_ms: round(first, 1), listening_uptime_ms: round(l.uptimeMs, 1) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function runStartup(o: StartupOptions): Promise<StartupResult> {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-empty-'));
  const full = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-log-'));
  try {
    const bytes = writeQsoLog(full, o.qsos);
    const emptyRuns: StartupRun[] = [];
    const fullRuns: StartupRun[] = [];
    for (let i = 0; i < o.runs; i += 1) {
      emptyRuns.push(await startOnce(empty));
      fullRuns.push(await startOnce(full));
    }
    const e = {
      first_request_ms: median(emptyRuns.map((r) => r.first_request_ms)),
      listening_uptime_ms: median(emptyRuns.map((r) => r.listening_uptime_ms)),
    };
    const f = {
      first_request_ms: median(fullRuns.map((r) => r.first_request_ms)),
      listening_uptime_ms: median(fullRuns.map((r) => r.listening_uptime_ms)),
    };
    return {
      qsos: o.qsos,
      qso_file_mib: round(bytes / 1024 / 1024, 1),
      runs: o.runs,
      empty: e,
      with_log: f,
      added_by_log_ms: round(f.first_request_ms - e.first_request_ms, 1),
    };
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(full, { recursive: true, force: true });
  }
}
