import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { composeServer, defaultPaths } from '../compose.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, knownLookup } from './support.js';

let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.close();
  ts = undefined;
});

async function queued(t: TestServer): Promise<number> {
  return ((await t.request('GET', '/api/admin/queue', { admin: true })).body as { total: number }).total;
}

describe('CSRF on admin endpoints', () => {
  it('refuses admin changes sent by a page of another site, even with valid credentials', async () => {
    ts = await startTestServer({ lookup: knownLookup() });
    await activate(ts);
    await ts.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } });
    const host = new URL(ts.url).host;
    // a form post from another site: a "simple" request (no preflight) carrying the browser's cached Basic login
    const forged: Record<string, string>[] = [
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      {
        'sec-fetch-site': 'same-site',
        origin: `http://${host.split(':')[0]}:1`,
        'content-type': 'text/plain',
      },
    ];
    for (const headers of forged) {
      const res = await ts.request('POST', '/api/admin/queue/clear', {
        admin: true,
        headers,
        rawBody: 'x=1',
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await queued(ts)).toBe(1);
    // the console (same origin) and non-browser clients (no Origin) work
    const same = await ts.request('POST', '/api/admin/queue-pause', {
      admin: true,
      headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
      body: { paused: false },
    });
    expect(same.status).toBe(200);
    expect((await ts.request('POST', '/api/admin/queue/clear', { admin: true })).status).toBe(200);
    expect(await queued(ts)).toBe(0);
  });

  it('gives admin endpoints and /metrics no CORS headers; public ones are open without credentials', async () => {
    ts = await startTestServer();
    const preflight = await ts.request('OPTIONS', '/api/admin/queue/clear', {
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const metrics = await ts.request('GET', '/metrics', {
      admin: true,
      headers: { origin: 'http://evil.example' },
    });
    expect(metrics.headers.get('access-control-allow-origin')).toBeNull();
    const pub = await ts.request('GET', '/api/public/status', { headers: { origin: 'http://evil.example' } });
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    expect(pub.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('security headers and XSS through caller-supplied fields', () => {
  it('escapes what a caller typed on the status page and serves JSON as JSON with nosniff', async () => {
    ts = await startTestServer({ env: { MAX_QUEUE_SIZE: '100' } });
    await activate(ts);
    const evil = '<img src=x onerror=alert(1)>';
    const reg = await ts.request('POST', '/api/queue/register-manual', {
      body: {
        callsign: 'W1AW',
        name: evil,
        location: '"><script>alert(2)</script>',
        country: "';alert(3)//",
      },
    });
    expect(reg.status).toBe(200);
    expect(reg.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reg.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await ts.request('GET', '/status');
    const html = page.body as string;
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const caller = await ts.request('GET', '/');
    const csp = caller.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // a callsign can never carry markup: the grammar refuses it
    const bad = await ts.request('POST', '/api/queue/register', { body: { callsign: '<b>W1AW</b>' } });
    expect(bad.status).toBe(400);
  });
});

describe('secrets at rest and in logs', () => {
  it('keeps only an scrypt hash of a generated password (mode 0600) and never logs a password', async () => {
    const lines: string[] = [];
    const seed = await startTestServer();
    const dataDir = seed.dataDir;
    await seed.server.close(); // keep the dir, start again without ADMIN_PASSWORD
    const config = await loadConfig(
      ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
      {},
      defaultPaths(),
    );
    const server = await composeServer(config, {
      log: (level, m) => lines.push(`${level} ${m}`),
      lookups: null,
      transports: [],
    });
    try {
      const generated = server.generatedPassword;
      expect(generated).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
      const file = path.join(dataDir, 'admin.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const stored = readFileSync(file, 'utf8');
      expect(stored).not.toContain(generated!);
      expect(JSON.parse(stored)).toMatchObject({ algorithm: 'scrypt' });

      const auth = (p: string): string => `Basic ${Buffer.from(`admin:${p}`).toString('base64')}`;
      await fetch(`${server.url}/api/admin/ping`, { headers: { authorization: auth('wrong-password-xyz') } });
      const ok = await fetch(`${server.url}/api/admin/ping`, {
        headers: { authorization: auth(generated!) },
      });
      expect(ok.status).toBe(200);
      const changed = await fetch(`${server.url}/api/admin/password`, {
        method: 'POST',
        headers: { authorization: auth(generated!), 'content-type': 'application/json' },
        body: JSON.stringify({ current_password: generated, new_password: 'a-new-secret-42' }),
      });
      expect(changed.status).toBe(200);
      expect(readFileSync(file, 'utf8')).not.toContain('a-new-secret-42');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const log = lines.join('\n');
      for (const secret of [generated!, 'wrong-password-xyz', 'a-new-secret-42', auth(generated!)]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await server.close();
      await seed.close();
    }
  });
});
