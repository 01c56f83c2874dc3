import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, checkQueueInvariants, knownLookup } from './support.js';

let ts: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await ts?.close();
  ts = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-fault-'));
  dirs.push(d);
  return d;
}

const register = (t: TestServer, callsign: string) =>
  t.request('POST', '/api/queue/register', { body: { callsign } });

/**
 * The queue file is swapped for something that cannot be appended to while the server runs. Tests run as root,
 * where file modes do not stop writes, so the faults are made by the kernel itself: `/dev/full` answers every
 * write with ENOSPC (a full disk), a directory answers EISDIR (a file that cannot be written).
 */
describe.each([
  ['a full disk (ENOSPC)', (file: string) => symlinkSync('/dev/full', file)],
  ['an unwritable data file (EISDIR)', (file: string) => mkdirSync(file)],
])('%s', (_name, breakFile) => {
  it('refuses writes with 503 STORE_UNAVAILABLE, keeps serving reads, and recovers when the fault is gone', async () => {
    const dataDir = tempDir();
    ts = await startTestServer({ dataDir, lookup: knownLookup() });
    await activate(ts);
    expect((await register(ts, 'W1AW')).status).toBe(200);

    const file = path.join(dataDir, 'queue.db');
    renameSync(file, `${file}.good`);
    breakFile(file);

    const refused = await register(ts, 'K1ABC');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(String((refused.body as { detail: string }).detail)).toMatch(/cannot be written/);
    // reads are served from memory, unchanged
    const list = await ts.request('GET', '/api/queue/list');
    expect(list.status).toBe(200);
    expect((list.body as { queue: { callsign: string }[] }).queue.map((e) => e.callsign)).toEqual(['W1AW']);
    expect((await ts.request('GET', '/api/health')).status).toBe(200);
    expect(await checkQueueInvariants(ts)).toEqual(['W1AW']);
    const metrics = (await ts.request('GET', '/metrics', { admin: true })).body as string;
    expect(metrics).toContain('pileup_rejections_total{reason="STORE_UNAVAILABLE"} 1');

    // the fault goes away: writes work again, and a restart shows exactly what was acknowledged
    rmSync(file, { recursive: true, force: true });
    renameSync(`${file}.good`, file);
    expect((await register(ts, 'K1ABC')).status).toBe(200);
    await ts.close();
    ts = await startTestServer({ dataDir, lookup: knownLookup() });
    expect(await checkQueueInvariants(ts)).toEqual(['W1AW', 'K1ABC']);
  });
});

describe('an unusable data dir at start-up', () => {
  it('fails with an error that names the path when the data dir is a file', async () => {
    const parent = tempDir();
    const notADir = path.join(parent, 'data');
    writeFileSync(notADir, 'not a directory');
    await expect(startTestServer({ dataDir: notADir })).rejects.toThrow(/data/);
  });

  it('fails with an error that names the data file when one cannot be read', async () => {
    const dataDir = tempDir();
    mkdirSync(path.join(dataDir, 'qsos.db'));
    await expect(startTestServer({ dataDir })).rejects.toThrow(/qsos\.db/);
    expect(existsSync(path.join(dataDir, 'qsos.db'))).toBe(true);
  });
});

describe('a write refused on a full disk, then repeated', () => {
  it('leaves the file as the answers said: an unban refused, then done, stays done after a restart', async () => {
    const dataDir = tempDir();
    ts = await startTestServer({ dataDir, lookup: knownLookup() });
    const admin = (method: string, p: string, body?: unknown) =>
      ts!.request(method, p, { admin: true, ...(body !== undefined ? { body } : {}) });
    expect((await admin('POST', '/api/admin/banned-callsigns', { callsign: 'K1ABC' })).status).toBe(200);
    expect((await admin('POST', '/api/admin/banned-callsigns', { callsign: 'W1AW' })).status).toBe(200);

    const file = path.join(dataDir, 'bans.db');
    renameSync(file, `${file}.good`);
    symlinkSync('/dev/full', file);
    const refused = await admin('DELETE', '/api/admin/banned-callsigns/K1ABC');
    expect(refused).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE' } });
    const bans = async () =>
      (
        (await admin('GET', '/api/admin/banned-callsigns')).body as {
          banned_callsigns: { callsign: string }[];
        }
      ).banned_callsigns
        .map((b) => b.callsign)
        .sort();
    expect(await bans()).toEqual(['K1ABC', 'W1AW']);

    rmSync(file);
    renameSync(`${file}.good`, file);
    expect((await admin('DELETE', '/api/admin/banned-callsigns/K1ABC')).status).toBe(200);
    expect(await bans()).toEqual(['W1AW']);
    await ts.close();
    ts = await startTestServer({ dataDir, lookup: knownLookup() });
    expect(await bans()).toEqual(['W1AW']);
  });
});

describe('a lookup service that hangs', () => {
  it('does not hold up registrations, events or shutdown', async () => {
    let enrichCalls = 0;
    const hanging = knownLookup(() => {
      enrichCalls += 1;
      return new Promise(() => undefined); // never settles
    });
    ts = await startTestServer({ lookup: hanging, env: { MAX_QUEUE_SIZE: '500' } });
    await activate(ts);
    const callsigns = Array.from(
      { length: 40 },
      (_, i) => `K${i % 10}${String.fromCharCode(65 + Math.floor(i / 10))}AA`,
    );
    const answers = await Promise.all(callsigns.map((c) => register(ts!, c)));
    expect(answers.map((a) => a.status)).toEqual(callsigns.map(() => 200));
    expect(enrichCalls).toBe(40);
    const queued = await checkQueueInvariants(ts);
    expect(new Set(queued)).toEqual(new Set(callsigns));
    expect((await ts.request('POST', '/api/admin/queue/next', { admin: true })).status).toBe(200);
    await ts.close(); // would hang the test (and fail on its timeout) if shutdown waited for the lookups
    ts = undefined;
  });
});
