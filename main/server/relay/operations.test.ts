import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { RelayView } from './service.js';

let t: TestServer | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('admin.get_relay / admin.set_relay', () => {
  it('is off by default, and then public config says nothing about a relay', async () => {
    t = await startTestServer();
    expect((await t.request('GET', '/api/admin/relay', { admin: true })).body).toEqual({
      configured: false,
      settings: null,
      status: null,
    });
    expect((await t.request('GET', '/api/public/config')).body).toEqual({
      skip_splash_delay: true,
      station_callsign: null,
      station_message: null,
    });
  });

  it('sets a target (saved, secret never shown), reports an unreachable relay, and switches it off', async () => {
    t = await startTestServer();
    const relay = {
      publish_url: 'http://127.0.0.1:9/relay/publish', // discard port: nothing listens
      events_url: 'https://relay.example.net/relay/events',
      secret_header: 'X-Relay-Secret',
      secret: 's3cret-value',
    };
    const set = await t.request('POST', '/api/admin/relay', { admin: true, body: { relay } });
    expect(set.status).toBe(200);
    expect(JSON.stringify(set.body)).not.toContain('s3cret-value');
    expect((set.body as RelayView).settings).toMatchObject({
      secret_set: true,
      events_url: relay.events_url,
    });
    const saved = JSON.parse(readFileSync(path.join(t.dataDir, 'config.json'), 'utf8')) as { relay: unknown };
    expect(saved.relay).toEqual(relay);
    expect((await t.request('GET', '/api/public/config')).body).toMatchObject({
      relay_events_url: relay.events_url,
    });
    const deadline = Date.now() + 10_000;
    let view = (await t.request('GET', '/api/admin/relay', { admin: true })).body as RelayView;
    while (view.status?.state !== 'retrying' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await t.request('GET', '/api/admin/relay', { admin: true })).body as RelayView;
    }
    expect(view.status).toMatchObject({ state: 'retrying', gaps: 0 });
    expect(view.status?.last_error).toMatch(/ECONNREFUSED/);

    const off = await t.request('POST', '/api/admin/relay', { admin: true, body: { relay: null } });
    expect(off.body).toMatchObject({ configured: false, status: null });
    const after = JSON.parse(readFileSync(path.join(t.dataDir, 'config.json'), 'utf8')) as {
      relay?: unknown;
    };
    expect(after.relay).toBeUndefined();
  });

  it('refuses a bad target with VALIDATION_ERROR', async () => {
    t = await startTestServer();
    for (const relay of [
      { publish_url: 'ftp://x/relay', events_url: '/relay/events' },
      { publish_url: 'http://user:pw@x/relay', events_url: '/relay/events' },
      { publish_url: 'http://x/relay', events_url: 'relay/events' },
      { publish_url: 'http://x/relay', events_url: '/e', secret: 'only-the-secret' },
    ]) {
      const r = await t.request('POST', '/api/admin/relay', { admin: true, body: { relay } });
      expect(r.status, JSON.stringify(relay)).toBe(422);
    }
  });
});
