import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from '../transports/ws/attach.js';
import { requestFrom } from './support.js';

let ts: TestServer | undefined;
const sockets: WebSocket[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await ts?.close();
  ts = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const basic = (user: string, pass: string): string =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const RIGHT = 100; // the index of the right password in each burst

type Frame = Record<string, unknown>;

/** A WebSocket with optional Origin and source address; collects frames; resolves once open. */
function openWs(
  url: string,
  wsPath: string,
  options: { origin?: string; localAddress?: string } = {},
): Promise<{ ws: WebSocket; frames: Frame[]; next(pred: (f: Frame) => boolean): Promise<Frame> }> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + wsPath, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  sockets.push(ws);
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (d) => {
    const f = JSON.parse((d as Buffer).toString('utf8')) as Frame;
    frames.push(f);
    for (const w of waiters.splice(0)) {
      if (w.pred(f)) w.resolve(f);
      else waiters.push(w);
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        next: (pred) =>
          new Promise((res) => {
            const found = frames.find(pred);
            if (found) res(found);
            else waiters.push({ pred, resolve: res });
          }),
      }),
    );
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('a burst of parallel wrong guesses', () => {
  it('over HTTP Basic: at most 5 are checked, the rest 429 at once, the right password in the burst is refused', async () => {
    ts = await startTestServer();
    const before = ts.server.services.auth.passwordChecks;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        requestFrom(ts!.url, 'GET', '/api/admin/ping', {
          headers: {
            authorization: basic('admin', i === RIGHT ? TEST_ADMIN.password : `wrong-${i}`),
          },
        }),
      ),
    );
    const checks = ts.server.services.auth.passwordChecks - before;
    expect(checks).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(checks);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(200 - checks);
    expect(answers[RIGHT]!.status).toBe(429);
    // still locked afterwards: the burst's failures were not wiped
    const after = await ts.request('GET', '/api/admin/ping', { admin: true });
    expect(after.status).toBe(429);
    expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('over protocol v2 auth: at most 5 are checked and the right password is refused', async () => {
    ts = await startTestServer({ attach: [webSocketAttach] });
    const conns = await Promise.all(Array.from({ length: 10 }, () => openWs(ts!.url, '/ws/connect')));
    const before = ts.server.services.auth.passwordChecks;
    for (let i = 0; i < 200; i += 1) {
      const password = i === RIGHT ? TEST_ADMIN.password : `wrong-${i}`;
      conns[i % 10]!.ws.send(
        JSON.stringify({ type: 'auth', id: `g${i}`, data: { username: 'admin', password } }),
      );
    }
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => conns[i % 10]!.next((f) => f.id === `g${i}`)),
    );
    const checks = ts.server.services.auth.passwordChecks - before;
    expect(checks).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.error_code === 'INVALID_CREDENTIALS')).toHaveLength(checks);
    // (a connection's own message rate limit answers RATE_LIMITED too: never a success)
    expect(replies.filter((r) => r.success === true)).toHaveLength(0);
    expect(replies[RIGHT]).toMatchObject({ success: false, error_code: 'RATE_LIMITED' });
  });

  it('over /api/ws auth_request: at most 5 are checked and the right password is refused', async () => {
    ts = await startTestServer({ attach: [webSocketAttach] });
    const conns = await Promise.all(Array.from({ length: 50 }, () => openWs(ts!.url, '/api/ws')));
    const before = ts.server.services.auth.passwordChecks;
    for (let i = 0; i < 200; i += 1) {
      const password = i === RIGHT ? TEST_ADMIN.password : `wrong-${i}`;
      conns[i % 50]!.ws.send(
        JSON.stringify({ type: 'auth_request', request_id: `g${i}`, username: 'admin', password }),
      );
    }
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => conns[i % 50]!.next((f) => f.request_id === `g${i}`)),
    );
    const checks = ts.server.services.auth.passwordChecks - before;
    expect(checks).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.authenticated === true)).toHaveLength(0);
    expect(replies[RIGHT]).toMatchObject({
      authenticated: false,
      message: expect.stringMatching(/Too many/),
    });
  });
});

describe('password hashing never starves file serving', () => {
  it('serves / while a 200-guess burst from 40 addresses is still being hashed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-static-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><p>${'caller page '.repeat(20_000)}</p>`);
    ts = await startTestServer({ staticDir: dir });
    const auth = ts.server.services.auth;
    const burst = Array.from({ length: 200 }, (_, i) =>
      requestFrom(ts!.url, 'GET', '/api/admin/ping', {
        localAddress: `127.0.0.${2 + (i % 40)}`,
        headers: { authorization: basic('admin', `wrong-${i}`) },
      }),
    );
    // wait until the hashing queue is busy, then ask for the caller page
    while (auth.pendingChecks === 0) await new Promise((r) => setTimeout(r, 1));
    const page = await requestFrom(ts.url, 'GET', '/', { localAddress: '127.0.0.200' });
    const pendingWhenServed = auth.pendingChecks;
    const answers = await Promise.all(burst);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('caller page');
    // the page was served while guesses still waited for scrypt: it did not queue behind them
    expect(pendingWhenServed).toBeGreaterThan(1);
    // the queue is bounded: what did not fit was refused at once, not hashed
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
  });
});

describe('a hostile page on another origin', () => {
  it('cannot open a WebSocket, so it cannot lock out the console or a loopback logger', async () => {
    ts = await startTestServer({ attach: [webSocketAttach] });
    for (const p of ['/ws/connect', '/api/ws']) {
      await expect(openWs(ts.url, p, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
      await expect(openWs(ts.url, p, { origin: 'null' })).rejects.toThrow('HTTP 403');
    }
    // the same origin and clients without Origin connect
    const own = await openWs(ts.url, '/ws/connect', { origin: ts.url });
    own.ws.send(
      JSON.stringify({ type: 'auth', id: 'a', data: { username: 'admin', password: TEST_ADMIN.password } }),
    );
    expect(await own.next((f) => f.id === 'a')).toMatchObject({ success: true });
    const logger = await openWs(ts.url, '/api/ws');
    logger.ws.send(
      JSON.stringify({
        type: 'auth_request',
        request_id: 'l',
        username: 'admin',
        password: TEST_ADMIN.password,
      }),
    );
    expect(await logger.next((f) => f.request_id === 'l')).toMatchObject({ authenticated: true });
  });

  it('an allow-listed origin connects; its failures count apart from the console and from loggers', async () => {
    ts = await startTestServer({
      attach: [webSocketAttach],
      env: { WS_ALLOWED_ORIGINS: 'http://tools.example:3000' },
    });
    const page = await openWs(ts.url, '/ws/connect', { origin: 'http://tools.example:3000' });
    for (let i = 0; i < 6; i += 1) {
      page.ws.send(
        JSON.stringify({ type: 'auth', id: `p${i}`, data: { username: 'admin', password: `bad${i}` } }),
      );
      await page.next((f) => f.id === `p${i}`);
    }
    for (let i = 0; i < 11; i += 1) {
      page.ws.send(JSON.stringify({ type: 'auth', id: `t${i}`, data: { token: `guess-${i}` } }));
      await page.next((f) => f.id === `t${i}`);
    }
    page.ws.send(
      JSON.stringify({ type: 'auth', id: 'x', data: { username: 'admin', password: TEST_ADMIN.password } }),
    );
    expect(await page.next((f) => f.id === 'x')).toMatchObject({ error_code: 'RATE_LIMITED' });

    // the console (its own origin) and a logger (no Origin) on the same address still log in
    const consoleWs = await openWs(ts.url, '/ws/connect', { origin: ts.url });
    consoleWs.ws.send(
      JSON.stringify({ type: 'auth', id: 'c', data: { username: 'admin', password: TEST_ADMIN.password } }),
    );
    const ok = await consoleWs.next((f) => f.id === 'c');
    expect(ok).toMatchObject({ success: true });
    const logger = await openWs(ts.url, '/api/ws');
    logger.ws.send(
      JSON.stringify({
        type: 'auth_request',
        request_id: 'l',
        username: 'admin',
        password: TEST_ADMIN.password,
      }),
    );
    expect(await logger.next((f) => f.request_id === 'l')).toMatchObject({ authenticated: true });
    // and the console's token works over HTTP Bearer
    const token = (ok.data as { token: string }).token;
    const bearer = await ts.request('GET', '/api/admin/ping', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
  });
});

describe('session tokens', () => {
  it('a valid token is never refused because of password failures from the same address', async () => {
    ts = await startTestServer({ attach: [webSocketAttach] });
    const c = await openWs(ts.url, '/ws/connect');
    c.ws.send(
      JSON.stringify({ type: 'auth', id: 'a', data: { username: 'admin', password: TEST_ADMIN.password } }),
    );
    const token = ((await c.next((f) => f.id === 'a')).data as { token: string }).token;
    for (let i = 0; i < 6; i += 1) {
      const r = await ts.request('GET', '/api/admin/ping', {
        headers: { authorization: basic('admin', `x${i}`) },
      });
      expect([401, 429]).toContain(r.status);
    }
    expect((await ts.request('GET', '/api/admin/ping', { admin: true })).status).toBe(429);
    const bearer = await ts.request('GET', '/api/admin/ping', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
    c.ws.send(JSON.stringify({ type: 'auth', id: 'b', data: { token } }));
    expect(await c.next((f) => f.id === 'b')).toMatchObject({ success: true });
  });

  it('wrong session_token guesses on /api/ws are throttled; the right token still works', async () => {
    ts = await startTestServer({ attach: [webSocketAttach] });
    const { token } = ts.server.services.auth.createToken();
    const c = await openWs(ts.url, '/api/ws');
    const codes: unknown[] = [];
    for (let i = 0; i < 12; i += 1) {
      c.ws.send(
        JSON.stringify({ type: 'admin_get_queue', request_id: `q${i}`, session_token: `guess-${i}` }),
      );
      codes.push((await c.next((f) => f.request_id === `q${i}`)).error_code);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('SESSION_EXPIRED'));
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    c.ws.send(JSON.stringify({ type: 'admin_get_queue', request_id: 'ok', session_token: token }));
    expect(await c.next((f) => f.request_id === 'ok')).toMatchObject({ type: 'success' });
  });
});
