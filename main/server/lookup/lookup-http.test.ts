/**
 * Lookups through the real server over HTTP and SSE: the admin operations, and a registration that answers
 * with the DXCC data at once and gets the QRZ.com details later through a queue_update event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueEntry, QueueUpdate } from '../../../shared/protocol/types.js';
import { defaultPaths } from '../compose.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { startFakeQrz, type FakeQrz } from './testing/fake-qrz.js';
import { QRZ_RECORDS } from './testing/records.js';

const QRZ_PASSWORD = 'qrz-Secret#42';
let fake: FakeQrz;
let t: TestServer;
let dataDir: string;
const logLines: string[] = [];

async function startServer(env: Record<string, string>): Promise<TestServer> {
  return startTestServer({
    dataDir,
    env,
    lookups: 'configured',
    log: (level, message) => logLines.push(`${level} ${message}`),
  });
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-lookup-http-'));
  fake = await startFakeQrz({ records: QRZ_RECORDS, password: QRZ_PASSWORD });
  logLines.length = 0;
  t = await startServer({
    QRZ_USERNAME: 'N0CALL',
    QRZ_PASSWORD,
    QRZ_XML_URL: fake.url,
    LOOKUP_TIMEOUT_MS: '3000',
  });
});

afterEach(async () => {
  await t.close();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Reads SSE frames until `match` accepts one (the test's own timeout bounds the wait). */
async function waitForEvent<T>(
  url: string,
  name: string,
  match: (data: T) => boolean,
  ready: () => Promise<void>,
): Promise<T> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/events/stream`, { signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let started = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (!started) {
          started = true;
          await ready();
        }
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event !== name || data === undefined) continue;
        const envelope = JSON.parse(data) as { data: T };
        if (match(envelope.data)) return envelope.data;
      }
    }
  } finally {
    controller.abort();
  }
}

describe('lookup operations over HTTP', () => {
  it('a registration answers with DXCC at once; the QRZ.com details follow in a queue_update', async () => {
    expect(
      (await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } })).status,
    ).toBe(200);
    fake.setMode({ kind: 'held' }); // the QRZ.com answer waits until the registration has been answered
    let registered: { entry: QueueEntry } | null = null;
    const update = await waitForEvent<QueueUpdate>(
      t.url,
      'queue_update',
      (u) => u.queue.some((e) => e.callsign === 'AA7BQ' && e.qrz.source === 'qrz'),
      async () => {
        const r = await t.request('POST', '/api/queue/register', { body: { callsign: 'aa7bq' } });
        expect(r.status).toBe(200);
        registered = r.body as { entry: QueueEntry };
        fake.release();
      },
    );
    expect(registered!.entry.qrz).toMatchObject({
      callsign: 'AA7BQ',
      name: null,
      dxcc_name: 'United States',
      source: 'dxcc',
      dxcc: { entity: 'United States', adif: 291, continent: 'NA' },
    });
    const entry = update.queue.find((e) => e.callsign === 'AA7BQ')!;
    expect(entry.qrz).toMatchObject({
      name: 'Fred L Lloyd',
      address: '101 Radio Wave Lane, Phoenix, AZ 85013, United States',
      image: 'https://cdn.example.invalid/aa7bq.jpg',
      grid: { lat: 33.5, long: -112, grid: 'DM33xm' },
      source: 'qrz',
      dxcc: { entity: 'United States' },
    });
    // The stored entry has the details too.
    const list = (await t.request('GET', '/api/queue/list')).body as { queue: QueueEntry[] };
    expect(list.queue.find((e) => e.callsign === 'AA7BQ')?.qrz.name).toBe('Fred L Lloyd');
  });

  it('status and settings never show the password; settings go to config.json, owner-only', async () => {
    const status = await t.request('GET', '/api/admin/lookup', { admin: true });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      service: 'qrz',
      username: 'N0CALL',
      password_set: true,
      configured: true,
      cty: { source: 'shipped', entities: 346, format: 'csv' },
    });
    expect(JSON.stringify(status.body)).not.toContain(QRZ_PASSWORD);

    const set = await t.request('POST', '/api/admin/lookup', {
      admin: true,
      body: { service: 'hamqth', username: 'n0call', password: 'hamqth-Pw!9', timeout_ms: 2500 },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      message: 'Lookup settings saved',
      config: { service: 'hamqth', username: 'n0call', password_set: true, timeout_ms: 2500 },
    });
    const file = path.join(dataDir, 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      lookup: { service: 'hamqth', username: 'n0call', password: 'hamqth-Pw!9', timeout_ms: 2500 },
    });
    expect(logLines.join('\n')).not.toContain('hamqth-Pw!9');
    expect(logLines.join('\n')).not.toContain(QRZ_PASSWORD);

    const bad = await t.request('POST', '/api/admin/lookup', { admin: true, body: { service: 'callbook' } });
    expect(bad.status).toBe(422);
    const unauth = await t.request('GET', '/api/admin/lookup');
    expect(unauth.status).toBe(401);
  });

  it('looks a callsign up on demand, with the base-call fallback and a note when nothing is found', async () => {
    const r = await t.request('GET', '/api/admin/lookup/callsign/EA8/DL1ABC', { admin: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      callsign: 'EA8/DL1ABC',
      origin: 'online',
      note: null,
      qrz: { name: 'Anna & Bernd Beispiel', dxcc_name: 'Germany', dxcc: { entity: 'Canary Islands' } },
    });
    const again = await t.request('GET', '/api/admin/lookup/callsign/ea8%2Fdl1abc', { admin: true });
    expect(again.body).toMatchObject({ origin: 'cache' });
    const none = await t.request('GET', '/api/admin/lookup/callsign/ZZ9ZZZ', { admin: true });
    expect(none.body).toMatchObject({
      origin: 'online',
      note: 'Not found: ZZ9ZZZ',
      qrz: { name: null, source: 'dxcc', dxcc_name: 'Brazil' }, // ZZ is a Brazilian prefix
    });
    const invalid = await t.request('GET', '/api/admin/lookup/callsign/NOTACALL', { admin: true });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { code: string }).code).toBe('INVALID_CALLSIGN');
  });

  it('imports a country file larger than the usual body cap, and refuses a broken one', async () => {
    const cty = await readFile(path.join(defaultPaths().resourcesDir, 'cty.csv'), 'utf8');
    const ok = await t.request('POST', '/api/admin/lookup/cty', {
      admin: true,
      body: { filename: 'cty.csv', content: cty },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ summary: { format: 'csv', entities: 346, version: '20230502' } });
    expect((await t.request('GET', '/api/admin/lookup', { admin: true })).body).toMatchObject({
      cty: { source: 'imported' },
    });

    const broken = await t.request('POST', '/api/admin/lookup/cty', {
      admin: true,
      body: { filename: 'cty.csv', content: cty.slice(0, 100_000) },
    });
    expect(broken.status).toBe(400);
    expect((broken.body as { code: string }).code).toBe('CTY_INVALID');

    // Without credentials the large body is never read.
    const anonymous = await t.request('POST', '/api/admin/lookup/cty', {
      body: { filename: 'cty.csv', content: cty },
    });
    expect(anonymous.status).toBe(401);
    // Other paths keep the small cap.
    const big = await t.request('POST', '/api/admin/lookup', {
      admin: true,
      body: { username: 'x'.repeat(40_000) },
    });
    expect(big.status).toBe(413);
  });

  it('a hanging QRZ.com does not delay registrations', async () => {
    await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
    fake.setMode({ kind: 'hang' });
    const r = await t.request('POST', '/api/queue/register', { body: { callsign: 'DL1ABC' } });
    expect(r.status).toBe(200);
    expect((r.body as { entry: QueueEntry }).entry.qrz).toMatchObject({
      source: 'dxcc',
      dxcc_name: 'Fed. Rep. of Germany',
    });
  });
});
