import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE } from '../security/login-throttle.js';
import { HashQueue } from '../security/hash-queue.js';
import { HTTP_SERVER_LIMITS } from '../security/http-server-limits.js';
import { DEFAULT_HTTP_LIMITS } from '../security/limits.js';
import { tcpCapFor } from '../security/open-files.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { SSE_KEEPALIVE_MS, SSE_STALL_MS, SSE_SWEEP_MS } from '../transports/http/sse.js';

const doc = readFileSync(new URL('../../../docs/security.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.close();
  ts = undefined;
});

describe('docs/security.md states what the code does', () => {
  it('login throttle and hashing queue', () => {
    const t = DEFAULT_LOGIN_THROTTLE;
    expect(doc).toContain(
      `${t.maxFailures} failures within a minute lock the key out for ${t.baseLockMs / 1000} s, doubling with each lockout up to ${t.maxLockMs / 60_000} min`,
    );
    expect(t.windowMs).toBe(60_000);
    expect(doc).toContain(`at most ${t.maxFailures} password checks`);
    const q = new HashQueue();
    expect(q.concurrency).toBe(1);
    // AdminAuth's queue: one at a time, 32 waiting
    expect(doc).toContain('one scrypt at a time, at most 32 waiting');
    expect(readFileSync(new URL('../security/admin-auth.ts', import.meta.url), 'utf8')).toContain(
      'new HashQueue(1, 32)',
    );
  });

  it('HTTP server limits: header count, slow headers', () => {
    const h = HTTP_SERVER_LIMITS;
    const from = h.headersTimeoutMs / 1000;
    const to = (h.headersTimeoutMs + h.connectionsCheckingIntervalMs) / 1000;
    expect(doc).toContain(
      `${from} s to arrive (checked every ${h.connectionsCheckingIntervalMs / 1000} s: closed ${from} to ${to} s after the connection opened)`,
    );
    expect(doc).toContain(`only the first ${h.maxHeadersCount} are read, further ones are ignored`);
  });

  it('SSE bounds and the TCP cap', () => {
    expect(DEFAULT_HTTP_LIMITS.sseMaxBufferedBytes).toBe(4 * 1024 * 1024);
    expect(doc).toContain('dropped past 4 MiB unsent (SSE)');
    expect(doc).toContain(`takes none of its unsent data for ${SSE_STALL_MS / 1000} s`);
    expect(SSE_SWEEP_MS).toBe(1000);
    expect(doc).toContain('checked every second');
    expect(doc).toContain(`the next ${SSE_KEEPALIVE_MS / 1000} s keep-alive`);
    expect(doc).toContain(`| ${DEFAULT_HTTP_LIMITS.tcpMaxPerAddress} |`);
    expect(tcpCapFor(1000)).toBe(1000 - 100); // 10%
    expect(tcpCapFor(200)).toBe(200 - 64); // at least 64
    expect(doc).toContain('less 10% (at least 64) of headroom');
    expect(doc).toContain(`under \`ulimit -n 1024\` (cap ${tcpCapFor(1024)})`);
  });

  it('trailing slash: API paths answer with one, /metrics/ included', async () => {
    ts = await startTestServer();
    expect((await ts.request('GET', '/metrics/', { admin: true })).status).toBe(200);
    expect((await ts.request('GET', '/api/queue/list/')).status).toBe(200);
    expect(doc).toContain('(`/api/queue/list/`, `/metrics/`)');
  });

  it('headers past the count are ignored, not refused', async () => {
    ts = await startTestServer();
    const headers: Record<string, string> = {};
    for (let i = 0; i < 300; i += 1) headers[`x-filler-${i}`] = 'y';
    expect((await ts.request('GET', '/api/health', { headers })).status).toBe(200);
  });
});
