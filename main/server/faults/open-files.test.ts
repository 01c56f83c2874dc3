import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileLimit, tcpCapFor } from '../security/open-files.js';
import { requestFrom } from './support.js';

describe('open-file limit', () => {
  it('is read from /proc/self/limits, and the TCP cap keeps headroom below it', () => {
    const text =
      'Limit                     Soft Limit           Hard Limit           Units     \n' +
      'Max open files            1024                 4096                 files     \n';
    expect(openFileLimit(() => text)).toBe(1024);
    expect(openFileLimit(() => 'nothing here')).toBeNull();
    expect(
      openFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
    expect(tcpCapFor(1024)).toBe(1024 - 103);
    expect(tcpCapFor(20_000)).toBe(18_000);
    expect(tcpCapFor(100)).toBe(36);
  });
});

let child: ChildProcess | undefined;
const sockets: net.Socket[] = [];
let dataDir: string | undefined;
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  child?.kill('SIGKILL');
  child = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('a server under ulimit -n 1024', () => {
  it('derives its TCP cap from the limit, reports it in /api/health, and answers 503 past it instead of resetting', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-ulimit-'));
    const root = path.resolve(import.meta.dirname, '..', '..', '..');
    child = spawn(
      'bash',
      [
        '-c',
        'ulimit -n 1024 && exec node --import tsx main/cli.ts --port 0 --host 127.0.0.50 --data-dir "$DD"',
      ],
      {
        cwd: root,
        env: { ...process.env, DD: dataDir, ADMIN_PASSWORD: 'test-password-123' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // the server prints where it listens
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child!.stdout!.setEncoding('utf8');
      child!.stderr!.setEncoding('utf8');
      child!.stderr!.on('data', (d: string) => (out += d));
      child!.stdout!.on('data', (d: string) => {
        out += d;
        const m = /listening on http:\/\/127\.0\.0\.50:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child!.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    });
    const url = `http://127.0.0.50:${port}`;
    const health = await requestFrom(url, 'GET', '/api/health');
    expect(health?.status).toBe(200);
    const cap = tcpCapFor(1024);
    expect((health.body as { limits: unknown }).limits).toEqual({
      tcp_max_connections: cap,
      tcp_max_per_address: 256,
      open_file_limit: 1024,
    });

    // 1,003 idle connections from 5 addresses, each address under its own cap
    const opened: Promise<void>[] = [];
    for (let i = 0; i < 1003; i += 1) {
      const s = net.connect({ host: '127.0.0.50', port, localAddress: `127.0.0.${2 + (i % 5)}` });
      s.on('error', () => undefined);
      sockets.push(s);
      opened.push(new Promise((r) => s.once('connect', () => r())));
    }
    await Promise.all(opened);
    await new Promise((r) => setTimeout(r, 500));
    const refused = await requestFrom(url, 'GET', '/api/health', { localAddress: '127.0.0.20' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', scope: 'total', limit: cap });
    for (const s of sockets.splice(0, 200)) s.destroy();
    let ok = 0;
    for (let i = 0; i < 50 && ok === 0; i += 1) {
      const r = await requestFrom(url, 'GET', '/api/health', { localAddress: '127.0.0.21' }).catch(
        () => null,
      );
      if (r?.status === 200) ok += 1;
      else await new Promise((res) => setTimeout(res, 100));
    }
    expect(ok).toBe(1);
  }, 60_000);
});
