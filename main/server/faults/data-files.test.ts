import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LookupCache } from '../lookup/cache.js';
import { DataFileError } from '../store/store.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from '../transports/ws/attach.js';
import { RawClient } from '../transports/ws/test-client.js';
import { knownLookup } from './support.js';

let ts: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await ts?.close();
  ts = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-files-'));
  dirs.push(d);
  return d;
}

const corruptCopies = (dir: string, name: string): string[] =>
  readdirSync(dir).filter((f) => f.startsWith(`${name}.corrupt-`));

const ban = (id: string, callsign: string): string =>
  JSON.stringify({
    _id: id,
    callsign,
    reason: null,
    banned_by: 'admin',
    banned_timestamp: '2026-01-01T00:00:00.000Z',
  });

const cacheLine = (i: number): string =>
  JSON.stringify({
    _id: `qrz:K${i}ABC`,
    service: 'qrz',
    callsign: `K${i}ABC`,
    found: true,
    details: { name: `Name ${i}` },
    message: null,
    fetched_at: new Date().toISOString(),
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  });

describe('lookups.db', () => {
  it('a torn sixth line: the file is named, the damaged copy kept aside, the other entries served', async () => {
    const dir = tempDir();
    const lines = [1, 2, 3, 4, 5].map(cacheLine);
    writeFileSync(path.join(dir, 'lookups.db'), `${lines.join('\n')}\n{"_id":"qrz:K6`);
    const logs: string[] = [];
    const cache = await LookupCache.open({ dataDir: dir, log: (_l, m) => logs.push(m) });
    expect(await cache.size()).toBe(5);
    expect((await cache.get('qrz', 'K3ABC'))?.result).toMatchObject({ found: true });
    expect(corruptCopies(dir, 'lookups.db')).toHaveLength(1);
    expect(logs.join('\n')).toContain(path.join(dir, 'lookups.db'));
    expect(statSync(path.join(dir, 'lookups.db')).mode & 0o777).toBe(0o600);
  });

  it('lines of the wrong shape are dropped the same way', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'lookups.db'),
      `${cacheLine(1)}\n{"_id":"x","found":"yes"}\n[1,2]\n{"$$indexCreated":{"fieldName":"callsign"}}\n`,
    );
    const cache = await LookupCache.open({ dataDir: dir });
    expect(await cache.size()).toBe(1);
    expect(corruptCopies(dir, 'lookups.db')).toHaveLength(1);
  });

  it('a directory in its place is set aside and the cache starts empty, without an unhandled error', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'lookups.db'));
    const logs: string[] = [];
    const cache = await LookupCache.open({ dataDir: dir, log: (_l, m) => logs.push(m) });
    expect(await cache.size()).toBe(0);
    await cache.put('qrz', 'W1AW', { found: false, message: 'Not found' });
    expect(statSync(path.join(dir, 'lookups.db')).isFile()).toBe(true);
    expect(corruptCopies(dir, 'lookups.db')).toHaveLength(1);
    expect(logs.join('\n')).toContain('lookups.db');
  });
});

describe('bans.db', () => {
  it('valid JSON of the wrong shape and $$indexCreated lines: start-up names the file, the good bans are served', async () => {
    const dataDir = tempDir();
    writeFileSync(
      path.join(dataDir, 'bans.db'),
      [
        ban('a', 'W1AW'),
        JSON.stringify({ _id: 'b', callsign: 42 }),
        JSON.stringify({ _id: 'c', note: 'no callsign' }),
        JSON.stringify({ $$indexCreated: { fieldName: 'callsign', unique: true } }),
        ban('d', 'K1ABC'),
      ].join('\n') + '\n',
    );
    ts = await startTestServer({ dataDir, lookup: knownLookup() });
    const list = await ts.request('GET', '/api/admin/banned-callsigns', { admin: true });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain('W1AW');
    expect(JSON.stringify(list.body)).toContain('K1ABC');
    expect(corruptCopies(dataDir, 'bans.db')).toHaveLength(1);
    // and the list keeps working after a change
    expect(
      (await ts.request('POST', '/api/admin/banned-callsigns', { admin: true, body: { callsign: 'N0CALL' } }))
        .status,
    ).toBe(200);
    expect((await ts.request('GET', '/api/admin/banned-callsigns', { admin: true })).status).toBe(200);
  });
});

describe('positions.db', () => {
  it('torn, wrong-shape and $$indexCreated lines: start-up names the file, keeps it aside, serves the rest', async () => {
    const dataDir = tempDir();
    // a camp as a console makes it (protocol v2), then damage: a wrong shape, an index line, a torn last line
    ts = await startTestServer({ dataDir, attach: [webSocketAttach] });
    const op = await RawClient.open(ts.url, '/ws/connect');
    op.send({
      type: 'auth',
      id: 'a',
      data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
    });
    await op.next((f) => f.id === 'a');
    for (const [id, frequency] of [
      ['run-2', '7.074'],
      ['run-3', '21.074'],
    ]) {
      op.send({
        type: 'request',
        id,
        operation: 'admin.create_position',
        data: { id, name: `Camp ${id}`, frequency, mode: 'FT8' },
      });
      expect(await op.next((f) => f.id === id)).toMatchObject({ success: true });
    }
    op.close();
    await ts.close();
    const file = path.join(dataDir, 'positions.db');
    const damaged = [
      readFileSync(file, 'utf8').trimEnd(),
      JSON.stringify({ _id: 'run-9', name: 42 }),
      JSON.stringify({ $$indexCreated: { fieldName: 'name', unique: true } }),
      '{"_id":"run-4","name":"Run 4',
    ].join('\n');
    writeFileSync(file, damaged);

    const logs: string[] = [];
    ts = await startTestServer({ dataDir, lookup: knownLookup(), log: (_l, m) => logs.push(m) });
    expect(logs.join('\n')).toContain(file);
    const copies = corruptCopies(dataDir, 'positions.db');
    expect(copies).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, copies[0]!), 'utf8')).toBe(damaged);
    // the readable positions are served, with their state, beside the default position
    const listed = await ts.request('GET', '/api/positions');
    expect(listed.status).toBe(200);
    expect((listed.body as { positions: { id: string; frequency: unknown }[] }).positions).toEqual([
      expect.objectContaining({ id: 'default' }),
      expect.objectContaining({ id: 'run-2', frequency: '7.074' }),
      expect.objectContaining({ id: 'run-3', frequency: '21.074' }),
    ]);
    // and the rest of the station works: the default position's queue takes a caller
    await ts.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
    expect((await ts.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } })).status).toBe(
      200,
    );
    expect((await ts.request('GET', '/api/positions/queue/run-2')).status).toBe(200);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
  it('a directory in its place is moved aside whole and named; the station starts with the default position', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'positions.db');
    mkdirSync(file);
    writeFileSync(path.join(file, 'kept.txt'), 'what was in the directory');
    const logs: string[] = [];
    ts = await startTestServer({ dataDir, lookup: knownLookup(), log: (_l, m) => logs.push(m) });
    expect(logs.join('\n')).toContain(file);
    const copies = corruptCopies(dataDir, 'positions.db');
    expect(copies).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, copies[0]!, 'kept.txt'), 'utf8')).toBe(
      'what was in the directory',
    );
    const listed = await ts.request('GET', '/api/positions');
    expect((listed.body as { positions: { id: string }[] }).positions.map((p) => p.id)).toEqual(['default']);
    // and the rest of the station works
    await ts.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
    expect((await ts.request('POST', '/api/queue/register', { body: { callsign: 'W1AW' } })).status).toBe(
      200,
    );
  });
});

describe('a directory where the queue, the state, the bans or the QSO log belong', () => {
  for (const name of ['queue.db', 'state.db', 'bans.db', 'qsos.db']) {
    it(`${name}: start-up stops with DATA_FILE_NOT_A_FILE naming it, and nothing is moved or created`, async () => {
      const dataDir = tempDir();
      const file = path.join(dataDir, name);
      mkdirSync(file);
      writeFileSync(path.join(file, 'kept.txt'), 'what was in the directory');
      const before = readdirSync(dataDir).sort();
      const failed = await startTestServer({ dataDir, lookup: knownLookup() }).then(
        (started) => {
          ts = started;
          return null;
        },
        (err: unknown) => err,
      );
      expect(failed).toBeInstanceOf(DataFileError);
      expect(failed).toMatchObject({ code: 'DATA_FILE_NOT_A_FILE', file });
      expect((failed as Error).message).toContain(file);
      expect((failed as Error).message).toContain('it is a directory');
      // the data dir is as it was: no file set aside, none created beside it
      expect(readdirSync(dataDir).sort()).toEqual(before);
      expect(readFileSync(path.join(file, 'kept.txt'), 'utf8')).toBe('what was in the directory');
    });
  }
});

describe('admin.json', () => {
  it('a non-JSON admin.json is kept aside (not overwritten) and a new password is generated', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'admin.json'), '{"username": "admin", "hash": ');
    ts = await startTestServer({ dataDir, env: { ADMIN_PASSWORD: '' } });
    expect(ts.server.generatedPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const copies = corruptCopies(dataDir, 'admin.json');
    expect(copies).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, copies[0]!), 'utf8')).toBe('{"username": "admin", "hash": ');
    const basic = `Basic ${Buffer.from(`admin:${ts.server.generatedPassword}`).toString('base64')}`;
    expect((await ts.request('GET', '/api/admin/ping', { headers: { authorization: basic } })).status).toBe(
      200,
    );
  });
});

describe('config.json', () => {
  it('an invalid setting is reset and named; the valid settings are kept; the damaged copy kept aside', async () => {
    const dataDir = tempDir();
    writeFileSync(
      path.join(dataDir, 'config.json'),
      JSON.stringify({ max_queue_size: 7, registration_rate_per_minute: 'lots' }),
    );
    ts = await startTestServer({ dataDir, env: { REGISTRATION_RATE_PER_MINUTE: '' } });
    expect(ts.config.maxQueueSize).toBe(7);
    expect(corruptCopies(dataDir, 'config.json')).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8'))).toEqual({
      max_queue_size: 7,
    });
  });

  it('a non-JSON config.json is kept aside and defaults are used', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'config.json'), '{"max_queue_size": 7');
    ts = await startTestServer({ dataDir });
    expect(ts.config.maxQueueSize).toBe(50);
    expect(corruptCopies(dataDir, 'config.json')).toHaveLength(1);
  });

  it('saves answer 503 STORE_UNAVAILABLE while the disk is full, leave no .tmp, and work again once it is not', async () => {
    const dataDir = tempDir();
    ts = await startTestServer({ dataDir, lookups: 'configured' });
    const save = (rate: number) =>
      ts!.request('POST', '/api/admin/settings', {
        admin: true,
        body: { registration_rate_per_minute: rate },
      });
    expect((await save(11)).status).toBe(200);
    const tmp = path.join(dataDir, 'config.json.tmp');
    for (const rate of [12, 13]) {
      symlinkSync('/dev/full', tmp); // the disk is full (ENOSPC on every write)
      const refused = await save(rate);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(existsSync(tmp)).toBe(false);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8'))).toMatchObject({
        registration_rate_per_minute: 11,
      });
    }
    // the lookup and integration settings are saved the same way: refused while full, nothing changed
    symlinkSync('/dev/full', tmp);
    const lookup = await ts.request('POST', '/api/admin/lookup', { admin: true, body: { timeout_ms: 4321 } });
    expect(lookup).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE' } });
    symlinkSync('/dev/full', tmp); // (the failed save took its .tmp away)
    const integrations = await ts.request('POST', '/api/admin/integrations', {
      admin: true,
      body: { rigctld: { poll_interval_ms: 1234 } },
    });
    expect(integrations).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE' } });
    expect(existsSync(tmp)).toBe(false);
    expect(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).not.toMatch(/4321|1234/);
    // space is freed: settings, lookup and integration settings save again
    expect(
      (await ts.request('POST', '/api/admin/lookup', { admin: true, body: { timeout_ms: 4321 } })).status,
    ).toBe(200);
    expect(
      (
        await ts.request('POST', '/api/admin/integrations', {
          admin: true,
          body: { rigctld: { poll_interval_ms: 1234 } },
        })
      ).status,
    ).toBe(200);
    expect(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).toMatch(
      /4321[\s\S]*1234|1234[\s\S]*4321/,
    );
    expect((await save(14)).status).toBe(200);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8'))).toMatchObject({
      registration_rate_per_minute: 14,
    });
    expect(statSync(path.join(dataDir, 'config.json')).mode & 0o777).toBe(0o600);
  });
});

describe('file modes', () => {
  it('the data dir is 0700 and every data file 0600', async () => {
    const dataDir = tempDir();
    ts = await startTestServer({ dataDir, lookup: knownLookup(), env: { ADMIN_PASSWORD: '' } });
    await ts.request('POST', '/api/admin/settings', {
      headers: {
        authorization: `Basic ${Buffer.from(`admin:${ts.server.generatedPassword}`).toString('base64')}`,
      },
      body: { registration_rate_per_minute: 3 },
    });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dataDir)) {
      expect([name, statSync(path.join(dataDir, name)).mode & 0o777]).toEqual([name, 0o600]);
    }
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['queue.db', 'admin.json', 'config.json']));
  });
});
