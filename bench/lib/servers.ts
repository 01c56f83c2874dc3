import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Child, type ChildOptions } from './children.js';

export const BENCH_ADMIN = { username: 'admin', password: 'bench-password-123' } as const;
export const BENCH_AUTH = `Basic ${Buffer.from(`${BENCH_ADMIN.username}:${BENCH_ADMIN.password}`).toString('base64')}`;

export interface ServerChild {
  child: Child;
  url: string;
  dataDir: string;
  /** From spawning the process to the server accepting connections, as the server saw it. */
  listeningAfterMs: number;
  stop(): Promise<void>;
}

/** Starts the real server in a child process on a temporary (or given) data dir. */
export async function startServerChild(
  env: Record<string, string> = {},
  options: ChildOptions & { dataDir?: string; port?: number } = {},
): Promise<ServerChild> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'pb-bench-'));
  const profile = process.env.BENCH_PROFILE_DIR;
  const child = new Child('server', 'server.ts', {
    ...options,
    // BENCH_PROFILE_DIR=dir writes a CPU profile of the server process there (open it in Chrome DevTools)
    nodeFlags: [
      ...(options.nodeFlags ?? []),
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ],
    env: {
      ...options.env,
      BENCH_SERVER: JSON.stringify({
        dataDir,
        port: options.port ?? 0,
        env: {
          ADMIN_PASSWORD: BENCH_ADMIN.password,
          REGISTRATION_RATE_PER_MINUTE: '0',
          REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE: '0',
          SSE_MAX_CONNECTIONS: '0',
          SSE_MAX_CONNECTIONS_PER_ADDRESS: '0',
          HTTP_MAX_CONNECTIONS: '0',
          HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
          WS_MAX_CONNECTIONS: '100000',
          ...env,
        },
      }),
    },
  });
  const ready = await child.once<{ url: string; at: number }>('listening', 120_000);
  return {
    child,
    url: ready.url,
    dataDir,
    listeningAfterMs: ready.at - child.spawnedAt,
    async stop() {
      await child.stop(10_000);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts a baseline child (bare-ws.ts, bare-express.ts) and waits for its URL. */
export async function startBaseline(
  script: string,
  options: ChildOptions = {},
): Promise<{ child: Child; url: string }> {
  const child = new Child(script.replace(/\.ts$/, ''), script, options);
  const ready = await child.once<{ url: string }>('listening', 60_000);
  return { child, url: ready.url };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One HTTP request from the benchmark controller (keep-alive), JSON in and out. */
export function httpJson(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(url, {
      method,
      agent,
      headers: {
        ...(payload !== undefined
          ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
          : {}),
        ...headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = text === '' ? null : JSON.parse(text);
        } catch {
          // keep text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.end(payload);
  });
}

export async function admin(url: string, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await httpJson(method, `${url}${p}`, body, { authorization: BENCH_AUTH });
  if (res.status !== 200)
    throw new Error(`${method} ${p} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Waits until the server reports `total` subscriber connections (SSE + WebSocket). */
export async function waitForConnections(url: string, total: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const res = await httpJson('GET', `${url}/api/health`);
    const c = (res.body as { connections?: { total?: number } }).connections;
    last = c?.total ?? -1;
    if (last === total) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server reports ${last} connections, expected ${total}`);
}

/** Whether the server accepts WebSocket protocol v2 at /ws/connect. */
export async function hasWsV2(url: string): Promise<boolean> {
  const { default: WebSocket } = await import('ws');
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/connect`);
    const done = (ok: boolean): void => {
      ws.terminate();
      resolve(ok);
    };
    ws.on('open', () => done(true));
    ws.on('error', () => done(false));
    ws.on('unexpected-response', () => done(false));
  });
}
