/**
 * Cross-origin admin pages (allowed_origins) and unauthenticated logging-direct for local loggers, against a real
 * server: what a browser's preflight and requests see, and what a logger on this machine may do.
 */
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { isLocalLoggerRequest, normalizeOrigin, parseAllowedOrigins } from './access.js';

const WEB_APP = 'https://pileupbuster.github.io';
const OTHER = 'https://evil.example';
const basic = `Basic ${Buffer.from(`${TEST_ADMIN.username}:${TEST_ADMIN.password}`).toString('base64')}`;

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(env: Record<string, string>): Promise<TestServer> {
  const s = await startTestServer({ env });
  servers.push(s);
  return s;
}

/** The preflight a browser sends before a cross-origin GET with Authorization. */
function preflight(t: TestServer, origin: string, path = '/api/admin/queue') {
  return t.request('OPTIONS', path, {
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    },
  });
}

describe('allowed_origins: the admin API for pages of other origins', () => {
  it('answers the preflight and the login of an allowed origin with credentials for exactly that origin', async () => {
    const t = await server({ ALLOWED_ORIGINS: `${WEB_APP}/, http://192.168.1.20:5173` });
    const pre = await preflight(t, WEB_APP);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    const login = await t.request('GET', '/api/admin/queue', {
      headers: { origin: WEB_APP, authorization: basic },
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ admin: true });
    expect(login.headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect(login.headers.get('vary')).toContain('Origin');

    // A change from that page passes the cross-site check.
    const on = await t.request('POST', '/api/admin/status', {
      headers: { origin: WEB_APP, 'sec-fetch-site': 'cross-site', authorization: basic },
      body: { active: true },
    });
    expect(on.status).toBe(200);
  });

  it('gives another origin no CORS headers and refuses its changes', async () => {
    const t = await server({ ALLOWED_ORIGINS: WEB_APP });
    const pre = await preflight(t, OTHER);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.request('GET', '/api/admin/queue', {
      headers: { origin: OTHER, authorization: basic },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const post = await t.request('POST', '/api/admin/status', {
      headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', authorization: basic },
      body: { active: true },
    });
    expect(post).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('allows no origin by default', async () => {
    const t = await server({});
    expect((await preflight(t, WEB_APP)).headers.get('access-control-allow-origin')).toBeNull();
    const settings = await t.request('GET', '/api/admin/settings', { admin: true });
    expect(settings.body).toMatchObject({ allowed_origins: [], unauthenticated_logging_direct: false });
  });

  it('is changed in the settings, normalised, and refuses what is not an origin', async () => {
    const t = await server({});
    const set = await t.request('POST', '/api/admin/settings', {
      admin: true,
      body: { allowed_origins: ['HTTPS://PileupBuster.GitHub.io:443'] },
    });
    expect(set.body).toMatchObject({ allowed_origins: [WEB_APP] });
    expect((await preflight(t, WEB_APP)).headers.get('access-control-allow-origin')).toBe(WEB_APP);
    const bad = await t.request('POST', '/api/admin/settings', {
      admin: true,
      body: { allowed_origins: ['https://example.org/path'] },
    });
    expect(bad).toMatchObject({ status: 422, body: { code: 'VALIDATION_ERROR' } });
  });

  it('parses ALLOWED_ORIGINS', () => {
    expect(parseAllowedOrigins(undefined)).toBeUndefined();
    expect(parseAllowedOrigins('')).toEqual([]);
    expect(parseAllowedOrigins(' https://a.example , http://b.example:8080/ ')).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(() => normalizeOrigin('*')).toThrow(/not a URL/);
    expect(() => normalizeOrigin('ftp://a.example')).toThrow(/http/);
  });
});

describe('unauthenticated logging-direct for loggers on this machine', () => {
  const logging = { type: 'qso_start', data: { callsign: 'K1ABC', frequency_mhz: 14.2, mode: 'SSB' } };

  async function ready(env: Record<string, string>): Promise<TestServer> {
    const t = await server(env);
    await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
    await t.request('POST', '/api/admin/logger-integration', { admin: true, body: { enabled: true } });
    return t;
  }

  it('when enabled, works without credentials from loopback with no Origin', async () => {
    const t = await ready({ UNAUTHENTICATED_LOGGING_DIRECT: 'true' });
    const ack = await t.request('POST', '/api/admin/qso/logging-direct', { body: logging });
    expect(ack).toMatchObject({ status: 200, body: { type: 'ack', qso_started: { callsign: 'K1ABC' } } });
    const current = await t.request('GET', '/api/admin/current', { admin: true });
    expect(current.body).toMatchObject({ callsign: 'K1ABC' });
    // Only that endpoint opens: the rest of the admin API still needs credentials.
    expect((await t.request('GET', '/api/admin/queue')).status).toBe(401);
  });

  it('when enabled, still refuses a request that carries an Origin (a browser page)', async () => {
    const t = await ready({ UNAUTHENTICATED_LOGGING_DIRECT: 'true', ALLOWED_ORIGINS: WEB_APP });
    for (const origin of [WEB_APP, OTHER, 'null']) {
      const r = await t.request('POST', '/api/admin/qso/logging-direct', {
        body: logging,
        headers: { origin },
      });
      expect([401, 403], origin).toContain(r.status);
    }
  });

  it('is off by default', async () => {
    const t = await ready({});
    const r = await t.request('POST', '/api/admin/qso/logging-direct', { body: logging });
    expect(r).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
  });

  it('takes loopback addresses only', () => {
    const req = (remoteAddress: string, headers: Record<string, string> = {}) =>
      ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
    expect(isLocalLoggerRequest(req('127.0.0.1'))).toBe(true);
    expect(isLocalLoggerRequest(req('::1'))).toBe(true);
    expect(isLocalLoggerRequest(req('::ffff:127.0.0.1'))).toBe(true);
    expect(isLocalLoggerRequest(req('192.168.1.5'))).toBe(false);
    expect(isLocalLoggerRequest(req('::ffff:10.0.0.2'))).toBe(false);
    expect(isLocalLoggerRequest(req('127.0.0.1', { 'sec-fetch-site': 'none' }))).toBe(false);
    // a reverse proxy on this machine passes on callers from anywhere
    expect(isLocalLoggerRequest(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe(false);
    expect(isLocalLoggerRequest(req('127.0.0.1', { forwarded: 'for=203.0.113.7' }))).toBe(false);
    expect(isLocalLoggerRequest(req('127.0.0.1', { 'x-real-ip': '203.0.113.7' }))).toBe(false);
  });
});
