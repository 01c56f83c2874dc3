/**
 * Debian's Caddy for tests: started on loopback with its config, data and home in a temp dir (never the
 * system's), serving docs/deployment/Caddyfile with the few values a test must change (the site address and
 * port, the certificate, the station's port) substituted through the same checked substitution as nginx.ts, so
 * the shipped file and the test cannot drift apart. Its admin endpoint is off; it asks no certificate authority.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEPLOYMENT_DIR, substitute } from './nginx.js';

export const CADDY_BIN = process.env.CADDY_PATH ?? '/usr/bin/caddy';

/** Fails (never skips) when Caddy is missing, saying what to install. */
export function requireCaddy(): void {
  if (!existsSync(CADDY_BIN))
    throw new Error(`Caddy is not installed (${CADDY_BIN}): apt-get install -y caddy`);
}

export interface RunningCaddy {
  dir: string;
  /** The Caddyfile as served (after substitutions). */
  site: string;
  stop(): Promise<void>;
  output(): string;
}

export async function startCaddy(opts: {
  pairs: readonly (readonly [string, string])[];
  ports: readonly number[];
}): Promise<RunningCaddy> {
  requireCaddy();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-caddy-'));
  const shipped = path.join(DEPLOYMENT_DIR, 'Caddyfile');
  const site = substitute(shipped, readFileSync(shipped, 'utf8'), opts.pairs);
  const config = path.join(dir, 'Caddyfile');
  writeFileSync(config, site);
  let out = '';
  const proc: ChildProcess = spawn(CADDY_BIN, ['run', '--config', config, '--adapter', 'caddyfile'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<never>((_, reject) =>
    proc.once('exit', (code) => reject(new Error(`caddy exited (${String(code)}): ${out}`))),
  );
  exited.catch(() => undefined);
  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  };
  try {
    await Promise.race([Promise.all(opts.ports.map((p) => waitForPort(p, 15_000))), exited]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { dir, site, stop, output: () => out };
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) reject(new Error(`nothing listens on 127.0.0.1:${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}
