import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupInfo } from '../../../shared/protocol/types.js';
import { Store, type StoredQueueEntry } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-store-'));
  dirs.push(d);
  return d;
}

const qrz = (callsign: string, name: string | null = null): LookupInfo =>
  ({ callsign, name, source: 'cty' }) as unknown as LookupInfo;

const entry = (callsign: string, order: number): StoredQueueEntry => ({
  callsign,
  order,
  timestamp: '2026-11-30T00:00:00.000Z',
  qrz: qrz(callsign),
});

describe('Store: the queue file', () => {
  it('keeps inserts, updates and removals across a restart, in NeDB format', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const a = entry('W1AW', 1);
    const b = entry('K1ABC', 2);
    const c = entry('DL1XYZ', 3);
    await Promise.all([store.insertQueueEntry(a), store.insertQueueEntry(b), store.insertQueueEntry(c)]);
    expect(new Set([a._id, b._id, c._id]).size).toBe(3);
    await store.updateQueueEntry({ ...b, qrz: qrz('K1ABC', 'Hiram') });
    await store.removeQueueEntries([a]);
    store.close();

    const lines = readFileSync(path.join(dir, 'queue.db'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4]!)).toEqual({ $$deleted: true, _id: a._id });

    const reopened = await Store.open(dir);
    const queue = await reopened.loadQueue();
    expect(queue.map((e) => [e.callsign, e.order, e.qrz.name])).toEqual([
      ['K1ABC', 2, 'Hiram'],
      ['DL1XYZ', 3, null],
    ]);
    // NeDB compacted the file at load: one line per live entry
    expect(readFileSync(path.join(dir, 'queue.db'), 'utf8').trim().split('\n')).toHaveLength(2);
    reopened.close();
  });

  it('keeps the QSO log, bans and state across a restart, one document each', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const qso = (callsign: string, time_off: string) => ({
      callsign,
      time_on: time_off,
      time_off,
      frequency: '14.200',
      band: '20m',
      mode: 'SSB',
      source: 'queue',
      qrz: qrz(callsign),
    });
    const a = await store.insertQso(qso('W1AW', '2026-11-30T00:02:00.000Z'));
    const b = await store.insertQso(qso('K1ABC', '2026-11-30T00:01:00.000Z'));
    await store.replaceQso(b._id!, { ...qso('K1ABC', '2026-11-30T00:01:00.000Z'), mode: 'CW' });
    await store.removeQso(a._id!);
    const ban = (callsign: string, reason: string) => ({
      callsign,
      reason,
      banned_by: 'op',
      banned_timestamp: '2026-11-30T00:00:00.000Z',
    });
    await store.putBan(ban('N0CALL', 'first'));
    await store.putBan(ban('N0CALL', 'second'));
    await store.putBan(ban('DL1XYZ', 'x'));
    expect(await store.removeBan('DL1XYZ')).toBe(1);
    expect(await store.removeBan('DL1XYZ')).toBe(0);
    await store.putState('frequency', { frequency: '7.100' });
    await store.putState('frequency', { frequency: '14.200' });
    store.close();

    const again = await Store.open(dir);
    expect((await again.loadQsos()).map((q) => [q.callsign, q.mode, q._id])).toEqual([
      ['K1ABC', 'CW', b._id],
    ]);
    expect((await again.loadBans()).map((x) => [x.callsign, x.reason])).toEqual([['N0CALL', 'second']]);
    expect((await again.loadState()).get('frequency')).toEqual({ frequency: '14.200' });
    expect(await again.clearBans()).toBe(1);
    again.close();
    expect(await (await Store.open(dir)).loadBans()).toEqual([]);
  });

  it('removes every document of a callsign whose ban was written twice by hand', async () => {
    const dir = tempDir();
    const line = (id: string, reason: string) =>
      JSON.stringify({
        _id: id,
        callsign: 'N0CALL',
        reason,
        banned_by: 'op',
        banned_timestamp: '2026-11-30T00:00:00.000Z',
      });
    writeFileSync(path.join(dir, 'bans.db'), `${line('a', 'one')}\n${line('b', 'two')}\n`);
    const store = await Store.open(dir);
    expect(await store.removeBan('N0CALL')).toBe(1);
    store.close();
    expect(await (await Store.open(dir)).loadBans()).toEqual([]);
  });

  it('gives entries ids that stay unique across restarts', async () => {
    const dir = tempDir();
    const first = await Store.open(dir);
    const a = entry('W1AW', 1);
    await first.insertQueueEntry(a);
    first.close();
    const second = await Store.open(dir);
    const b = entry('K1ABC', 2);
    await second.insertQueueEntry(b);
    expect(b._id).not.toBe(a._id);
    expect((await (await Store.open(dir)).loadQueue()).map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
    second.close();
  });
});
