/**
 * Debian's nginx for tests: started on loopback with its own prefix, config, pid, log and temp dirs in a temp
 * dir (never the system's), serving a configuration file shipped in docs/deployment/ with the few values a
 * test must change (ports, certificate paths) substituted. Each substitution must find its text, so the shipped
 * file and the test cannot drift apart silently. Also: a self-signed certificate made by openssl.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DEPLOYMENT_DIR = path.join(REPO_ROOT, 'docs', 'deployment');
export const NGINX_BIN = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const NCHAN_MODULE = '/usr/lib/nginx/modules/ngx_nchan_module.so';

/** Fails (never skips) when nginx or the nchan module is missing, saying what to install. */
export function requireNginx(opts: { nchan?: boolean } = {}): void {
  if (!existsSync(NGINX_BIN)) {
    throw new Error(`nginx is not installed (${NGINX_BIN}): apt-get install -y nginx libnginx-mod-nchan`);
  }
  if (opts.nchan && !existsSync(NCHAN_MODULE)) {
    throw new Error(
      `the nchan module is not installed (${NCHAN_MODULE}): apt-get install -y libnginx-mod-nchan`,
    );
  }
  if (!existsSync('/usr/bin/openssl'))
    throw new Error('openssl is not installed: apt-get install -y openssl');
}

/** A free TCP port on 127.0.0.1 (closed again at once; good enough for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Certificate {
  dir: string;
  certFile: string;
  keyFile: string;
  /** The PEM text, to trust in clients. */
  cert: string;
}

/** A self-signed certificate for `names` (and 127.0.0.1), valid two days, made by openssl. */
export function selfSignedCertificate(names: readonly string[]): Certificate {
  requireNginx();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-cert-'));
  const certFile = path.join(dir, 'fullchain.pem');
  const keyFile = path.join(dir, 'privkey.pem');
  const san = [...names.map((n) => `DNS:${n}`), 'IP:127.0.0.1'].join(',');
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${names[0] ?? 'localhost'}`,
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'pipe' },
  );
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}

/** Replaces each `from` of a shipped file by `to`; throws when a `from` is no longer in the file. */
export function substitute(
  file: string,
  text: string,
  pairs: readonly (readonly [string, string])[],
): string {
  let out = text;
  for (const [from, to] of pairs) {
    if (!out.includes(from))
      throw new Error(`${file} no longer contains "${from}": update the test with the file`);
    out = out.split(from).join(to);
  }
  return out;
}

export interface RunningNginx {
  dir: string;
  /** The configuration as served (after substitutions). */
  site: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  errorLog(): string;
}

/**
 * Starts nginx with `docs/deployment/<siteFile>` included in the http block of a minimal main configuration,
 * after `pairs` substitutions. `ports` are waited for after each start.
 */
export async function startNginx(opts: {
  siteFile: string;
  pairs: readonly (readonly [string, string])[];
  ports: readonly number[];
  nchan?: boolean;
  /** Worker processes and connections per worker (benchmarks: many subscribers, each worker under the open-file limit). */
  workers?: number;
  workerConnections?: number;
}): Promise<RunningNginx> {
  requireNginx({ nchan: opts.nchan ?? false });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-nginx-'));
  for (const sub of ['logs', 'tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) {
    mkdirSync(path.join(dir, sub), { recursive: true });
  }
  const shipped = path.join(DEPLOYMENT_DIR, opts.siteFile);
  const site = substitute(shipped, readFileSync(shipped, 'utf8'), opts.pairs);
  writeFileSync(path.join(dir, 'site.conf'), site);
  const root = process.getuid?.() === 0;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      opts.nchan ? `load_module ${NCHAN_MODULE};` : '',
      root ? 'user root;' : '',
      `worker_processes ${opts.workers ?? 1};`,
      opts.workerConnections ? `worker_rlimit_nofile ${opts.workerConnections + 500};` : '',
      `error_log ${dir}/logs/error.log warn;`,
      `pid ${dir}/nginx.pid;`,
      `events { worker_connections ${opts.workerConnections ?? 4096}; }`,
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${dir}/tmp/body;`,
      `  proxy_temp_path ${dir}/tmp/proxy;`,
      `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
      `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
      `  scgi_temp_path ${dir}/tmp/scgi;`,
      `  include ${dir}/site.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    const proc = spawn(NGINX_BIN, ['-p', dir, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) =>
        reject(new Error(`nginx exited (${String(code)}): ${stderr}${readLog(dir)}`)),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([Promise.all(opts.ports.map((p) => waitForPort(p, 10_000))), exited]);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM'); // nginx: fast shutdown
    });
  };

  await start();
  return {
    dir,
    site,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    errorLog: () => readLog(dir),
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'logs', 'error.log'), 'utf8');
  } catch {
    return '';
  }
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

/** Removes a temp dir made by this module. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
