import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface E2eServer {
  url: string;
  port: number;
  dataDir: string;
  admin: { username: string; password: string };
  /** Stops the server process (SIGTERM; SIGKILL with `{ kill: true }`). */
  stop(opts?: { kill?: boolean }): Promise<void>;
  /** Stops and starts it again on the same port with the same data dir. */
  restart(): Promise<void>;
  /** Everything the server printed so far. */
  output(): string;
}

/**
 * Starts a real server as a child process (`node --import tsx main/cli.ts`) on 127.0.0.1, on a free port, with a temporary
 * data dir and a known admin password. The built pages in dist/renderer are served (run `vite build` first).
 */
export async function startTestServer(
  opts: { env?: Record<string, string>; dataDir?: string; args?: string[] } = {},
): Promise<E2eServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'pb-e2e-'));
  const admin = { username: 'admin', password: 'e2e-password-123' };
  let port = 0;
  let child: ChildProcess | null = null;
  let out = '';

  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      // One process (node with tsx's loader, not the tsx wrapper), so that SIGKILL really kills the server.
      const proc = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(ROOT, 'main', 'cli.ts'),
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
          '--data-dir',
          dataDir,
          ...(opts.args ?? []),
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ADMIN_USERNAME: admin.username,
            ADMIN_PASSWORD: admin.password,
            REGISTRATION_RATE_PER_MINUTE: '0',
            REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE: '0',
            ...opts.env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = proc;
      const launchedAt = out.length;
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        // only this launch's output: after a restart, the last launch's line must not count
        const m = /listening on https?:\/\/[^:\s]+:(\d+)/.exec(out.slice(launchedAt));
        if (m) {
          port = Number(m[1]);
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', (c: Buffer) => {
        out += c.toString();
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${out}`));
      });
    });

  const stop = async (o: { kill?: boolean } = {}): Promise<void> => {
    const proc: ChildProcess | null = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(o.kill ? 'SIGKILL' : 'SIGTERM');
    });
    child = null;
  };

  await launch();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    admin,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    output: () => out,
  };
}

/** Calls the admin HTTP API of a test server; returns the parsed JSON body (throws on non-2xx). */
export async function adminRequest(
  server: E2eServer,
  method: string,
  p: string,
  body?: unknown,
): Promise<unknown> {
  const auth = Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64');
  const res = await fetch(`${server.url}${p}`, {
    method,
    headers: {
      authorization: `Basic ${auth}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}
