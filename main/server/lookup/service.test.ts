import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CtyImportError,
  createLookupService,
  type LogLevel,
  type LookupConfig,
  type LookupService,
  type LookupServiceOptions,
  type StoredLookupSettings,
} from './service.js';
import { startFakeQrz, type FakeQrz } from './testing/fake-qrz.js';
import { startFakeHamqth, type FakeHamqth } from './testing/fake-hamqth.js';
import { HAMQTH_RECORDS, QRZ_RECORDS } from './testing/records.js';

const ctyPath = fileURLToPath(new URL('../../../resources/cty.csv', import.meta.url));
const datPath = fileURLToPath(new URL('./testing/fixtures/cty.dat', import.meta.url));
const PASSWORD = 'Sup3r-Secret&pw';

let dir: string;
let fakeQrz: FakeQrz;
let fakeHamqth: FakeHamqth;
let services: LookupService[] = [];
let logs: { level: LogLevel; message: string }[] = [];
let saved: StoredLookupSettings[] = [];
let clock = Date.parse('2026-01-01T00:00:00Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-lookup-'));
  fakeQrz = await startFakeQrz({ records: QRZ_RECORDS, password: PASSWORD });
  fakeHamqth = await startFakeHamqth({ records: HAMQTH_RECORDS, password: PASSWORD });
  logs = [];
  saved = [];
  clock = Date.parse('2026-01-01T00:00:00Z');
});

afterEach(async () => {
  for (const s of services) await s.close();
  services = [];
  await fakeQrz.close();
  await fakeHamqth.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(
  config: Partial<LookupConfig> = {},
  extra: Partial<LookupServiceOptions> = {},
): Promise<LookupService> {
  const s = await createLookupService({
    dataDir: dir,
    ctyPath,
    config: {
      service: 'qrz',
      username: 'N0CALL',
      password: PASSWORD,
      timeoutMs: 2000,
      qrzUrl: fakeQrz.url,
      hamqthUrl: fakeHamqth.url,
      ...config,
    },
    logger: (level, message) => logs.push({ level, message }),
    save: async (settings) => {
      await Promise.resolve();
      saved.push(settings);
    },
    now: () => clock,
    ...extra,
  });
  services.push(s);
  return s;
}

describe('resolveNow', () => {
  it('answers from cty.csv with the original field names plus dxcc', async () => {
    const s = await start();
    expect(s.resolveNow('ea8/dl1abc')).toEqual({
      callsign: 'EA8/DL1ABC',
      name: null,
      address: null,
      dxcc_name: 'Canary Islands',
      image: null,
      grid: { lat: null, long: null, grid: null },
      error: null,
      dxcc: {
        entity: 'Canary Islands',
        adif: 29,
        prefix: 'EA8',
        continent: 'AF',
        cq_zone: 33,
        itu_zone: 36,
        lat: 28.32,
        lon: -15.85,
        utc_offset: 0,
      },
      source: 'dxcc',
    });
    expect(s.resolveNow('DL1ABC/MM')).toMatchObject({ dxcc: null, dxcc_name: null, source: 'none' });
  });

  it('is not delayed by a hanging service', async () => {
    fakeQrz.setMode({ kind: 'hang' });
    const s = await start({ timeoutMs: 300 });
    const pending = s.enrich('AA7BQ');
    expect(s.resolveNow('AA7BQ').dxcc?.entity).toBe('United States');
    expect(await pending).toBeNull();
  });
});

describe('enrich', () => {
  it('merges the QRZ.com record over the DXCC data and caches it', async () => {
    const s = await start();
    const info = await s.enrich('AA7BQ');
    expect(info).toMatchObject({
      callsign: 'AA7BQ',
      name: 'Fred L Lloyd',
      address: '101 Radio Wave Lane, Phoenix, AZ 85013, United States',
      dxcc_name: 'United States',
      image: 'https://cdn.example.invalid/aa7bq.jpg',
      grid: { lat: 33.5, long: -112, grid: 'DM33xm' },
      error: null,
      source: 'qrz',
    });
    expect(info?.dxcc).toMatchObject({ entity: 'United States', adif: 291, cq_zone: 3 });
    const requestsBefore = fakeQrz.requests.length;
    expect(await s.enrich('aa7bq')).toEqual(info);
    expect(fakeQrz.requests.length).toBe(requestsBefore);
    expect((await s.status()).cache_size).toBe(1);
  });

  it('two concurrent enrich calls for one callsign make one HTTP lookup', async () => {
    fakeQrz.setMode({ kind: 'slow', delayMs: 100 });
    const s = await start();
    const [a, b] = await Promise.all([s.enrich('AA7BQ'), s.enrich('AA7BQ')]);
    expect(a?.name).toBe('Fred L Lloyd');
    expect(b).toEqual(a);
    expect(fakeQrz.lookups()).toEqual(['AA7BQ']);
    expect(fakeQrz.logins()).toBe(1);
  });

  it('an expired session costs one re-login', async () => {
    const s = await start();
    await s.enrich('AA7BQ');
    fakeQrz.expireSessions();
    expect((await s.enrich('DL1ABC'))?.name).toBe('Anna & Bernd Beispiel');
    expect(fakeQrz.logins()).toBe(2);
  });

  it('falls back to the home call for compound calls, keeping the DXCC of the full call', async () => {
    const s = await start();
    const info = await s.enrich('EA8/DL1ABC');
    expect(fakeQrz.lookups()).toEqual(['EA8/DL1ABC', 'DL1ABC']);
    expect(info).toMatchObject({ callsign: 'EA8/DL1ABC', name: 'Anna & Bernd Beispiel', source: 'qrz' });
    expect(info?.dxcc?.entity).toBe('Canary Islands');
  });

  it('"not found" resolves null and is cached for a shorter time', async () => {
    const s = await start({}, { negativeCacheTtlMs: 60_000 });
    expect(await s.enrich('ZZ9ZZZ')).toBeNull();
    expect(await s.enrich('ZZ9ZZZ')).toBeNull();
    expect(fakeQrz.lookups()).toEqual(['ZZ9ZZZ']);
    clock += 61_000;
    expect(await s.enrich('ZZ9ZZZ')).toBeNull();
    expect(fakeQrz.lookups()).toEqual(['ZZ9ZZZ', 'ZZ9ZZZ']);
    expect((await s.lookup('ZZ9ZZZ')).note).toBe('Not found: ZZ9ZZZ');
  });

  it('cached records expire after the TTL', async () => {
    const s = await start({}, { cacheTtlMs: 3600_000 });
    await s.enrich('AA7BQ');
    clock += 3599_000;
    await s.enrich('AA7BQ');
    expect(fakeQrz.lookups()).toEqual(['AA7BQ']);
    clock += 2000;
    await s.enrich('AA7BQ');
    expect(fakeQrz.lookups()).toEqual(['AA7BQ', 'AA7BQ']);
  });

  it('a hanging service resolves null within the timeout, then backs off without new requests', async () => {
    fakeQrz.setMode({ kind: 'hang' });
    const s = await start({ timeoutMs: 250 }, { backoffBaseMs: 10_000 });
    expect(await s.enrich('AA7BQ')).toBeNull();
    const st = await s.status();
    expect(st.last_error?.code).toBe('LOOKUP_TIMEOUT');
    expect(st.backoff_until).toBe(new Date(clock + 10_000).toISOString());
    const seen = fakeQrz.requests.length;
    expect(await s.enrich('DL1ABC')).toBeNull();
    expect((await s.lookup('DL1ABC')).note).toMatch(/skipped after a failure/);
    expect(fakeQrz.requests.length).toBe(seen);
    // After the pause the service is tried again, and a success clears the backoff.
    fakeQrz.setMode({ kind: 'normal' });
    clock += 10_001;
    expect((await s.enrich('DL1ABC'))?.name).toBe('Anna & Bernd Beispiel');
    expect((await s.status()).backoff_until).toBeNull();
  });

  it('the backoff doubles after consecutive failures', async () => {
    fakeQrz.setMode({ kind: 'status', status: 500 });
    const s = await start({}, { backoffBaseMs: 1000 });
    await s.enrich('AA7BQ');
    expect((await s.status()).backoff_until).toBe(new Date(clock + 1000).toISOString());
    clock += 1001;
    await s.enrich('AA7BQ');
    expect((await s.status()).backoff_until).toBe(new Date(clock + 2000).toISOString());
    expect((await s.status()).last_error?.code).toBe('LOOKUP_HTTP_STATUS');
  });

  it('with no service configured, enrich resolves null and nothing is requested', async () => {
    const s = await start({ service: 'none' });
    expect(await s.enrich('AA7BQ')).toBeNull();
    expect((await s.lookup('AA7BQ')).note).toBe('No online lookup service is configured');
    expect(fakeQrz.requests).toEqual([]);
    expect((await s.status()).configured).toBe(false);
  });

  it('uses HamQTH when configured', async () => {
    const s = await start({ service: 'hamqth', username: 'n0call' });
    const info = await s.enrich('OK2CQR');
    expect(info).toMatchObject({ name: 'Petr Example', dxcc_name: 'Czech Republic', source: 'hamqth' });
    expect(info?.dxcc?.entity).toBe('Czech Republic');
    expect(fakeQrz.requests).toEqual([]);
  });
});

describe('settings', () => {
  it('never logs or returns the password, and hands it only to save', async () => {
    const s = await start({ password: 'wrong-Pass&word' });
    await s.enrich('AA7BQ'); // authentication fails
    expect((await s.status()).last_error?.code).toBe('LOOKUP_AUTH_FAILED');
    await s.configure({ password: PASSWORD });
    expect((await s.enrich('AA7BQ'))?.name).toBe('Fred L Lloyd');
    await s.configure({ service: 'hamqth', username: 'n0call' });
    fakeHamqth.setMode({ kind: 'status', status: 502 });
    await s.enrich('OK2CQR');

    // The secret really went to the (fake) services...
    expect(fakeQrz.requests.some((r) => r.params.password === PASSWORD)).toBe(true);
    expect(logs.length).toBeGreaterThan(2);
    // ...but into no log line, status or settings view.
    const shown = JSON.stringify([logs, await s.status(), s.config()]);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), 'wrong-Pass&word', 'fake-session-key']) {
      expect(shown).not.toContain(secret);
    }
    expect(s.config()).toEqual({
      service: 'hamqth',
      username: 'n0call',
      password_set: true,
      timeout_ms: 2000,
    });

    expect(saved.at(-1)).toEqual({
      service: 'hamqth',
      username: 'n0call',
      password: PASSWORD,
      timeout_ms: 2000,
    });
  });

  it('an empty password clears it', async () => {
    const s = await start();
    expect(await s.configure({ password: '' })).toMatchObject({ password_set: false });
    expect((await s.status()).configured).toBe(false);
  });
});

describe('importCty', () => {
  it('imports a cty.dat, keeps it in the data dir and prefers it on the next start', async () => {
    const s = await start();
    const summary = await s.importCty(await readFile(datPath, 'utf8'), 'cty.dat');
    expect(summary).toMatchObject({ format: 'dat', entities: 346, version: '20230502' });
    expect(s.resolveNow('DL1ABC').dxcc_name).toBe('Fed. Rep. of Germany');
    expect(s.resolveNow('K1ABC').dxcc_name).toBe('United States of America'); // the cty.dat spelling
    await s.close();
    const again = await start();
    expect((await again.status()).cty).toMatchObject({ source: 'imported', format: 'dat' });
    expect(again.resolveNow('K1ABC').dxcc).toMatchObject({ entity: 'United States of America', adif: 291 });
  });

  it('rejects a broken file with a typed error and keeps the active table', async () => {
    const s = await start();
    const text = await readFile(ctyPath, 'utf8');
    const err = await s.importCty(text.slice(0, text.length / 2), 'cty.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtyImportError);
    expect((err as CtyImportError).code).toBe('CTY_INVALID');
    await expect(s.importCty('not a country file', 'x.txt')).rejects.toMatchObject({
      code: 'CTY_UNKNOWN_FORMAT',
    });
    await expect(s.importCty('x'.repeat(6 * 1024 * 1024), 'cty.csv')).rejects.toMatchObject({
      code: 'CTY_TOO_LARGE',
    });
    expect((await s.status()).cty).toMatchObject({ source: 'shipped', entities: 346 });
    expect(s.resolveNow('KH6ABC').dxcc_name).toBe('Hawaii');
  });

  it('ignores a corrupt imported file on start and uses the shipped one', async () => {
    await writeFile(join(dir, 'cty.csv'), 'garbage,\n');
    const s = await start();
    expect((await s.status()).cty.source).toBe('shipped');
    expect(logs.some((l) => l.level === 'error' && l.message.includes('cty.csv'))).toBe(true);
  });
});
