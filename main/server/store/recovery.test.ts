import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Station } from '../domain/station.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { recoverDatafile } from './recovery.js';
import { Store } from './store.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-recovery-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function seeded(): Promise<string> {
  const dir = tmp();
  const store = await Store.open(dir);
  const station = await Station.open({
    store,
    lookup: fakeLookup(),
    settings: { maxQueueSize: 10, workedWindowHours: 72 },
  });
  await station.setActive(true, 'op');
  for (const c of ['W1AW', 'K1ABC', 'N0AA']) await station.register({ callsign: c });
  await station.close();
  return dir;
}

describe('recoverDatafile', () => {
  it('leaves a healthy or missing file alone', async () => {
    const dir = tmp();
    expect(await recoverDatafile(path.join(dir, 'absent.db'))).toBe(null);
    const f = path.join(dir, 'ok.db');
    writeFileSync(f, '{"a":1}\n{"b":2}\n');
    expect(await recoverDatafile(f)).toBe(null);
    expect(readdirSync(dir)).toEqual(['ok.db']);
  });

  it('keeps the damaged original aside and the readable lines live', async () => {
    const dir = tmp();
    const f = path.join(dir, 'queue.db');
    writeFileSync(f, '{"a":1}\nnot json\n[1,2]\n{"b":2}\n{"c":');
    const report = await recoverDatafile(f, new Date('2026-01-02T03:04:05.000Z'));
    expect(report).toMatchObject({ keptLines: 2, badLines: 3 });
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(readFileSync(report!.savedAs, 'utf8')).toContain('not json');
    expect(path.basename(report!.savedAs)).toBe('queue.db.corrupt-2026-01-02T03-04-05-000Z');
  });
});

describe('a damaged store at start-up', () => {
  it('a torn last line (crash mid-write) is recovered: every complete entry is there', async () => {
    const dir = await seeded();
    const file = path.join(dir, 'queue.db');
    writeFileSync(file, readFileSync(file, 'utf8') + '{"callsign":"G4XYZ","timest');
    const store = await Store.open(dir);
    expect(store.recoveries).toHaveLength(1);
    const warnings: string[] = [];
    const station = await Station.open({
      store,
      lookup: fakeLookup(),
      settings: { maxQueueSize: 10, workedWindowHours: 72 },
      log: (_l, m) => warnings.push(m),
    });
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC', 'N0AA']);
    expect(warnings.join('\n')).toMatch(/queue\.db was damaged: 1 unreadable line\(s\) dropped/);
    expect(existsSync(store.recoveries[0]!.savedAs)).toBe(true);
  });

  it('a corrupted middle line loses only that line; garbage state falls back to defaults', async () => {
    const dir = await seeded();
    const file = path.join(dir, 'queue.db');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    lines[1] = '\u0000\u0000garbage';
    writeFileSync(file, `${lines.join('\n')}\n`);
    writeFileSync(path.join(dir, 'state.db'), '{"_id":"system_status","value":{"active":"yes"}}\n');
    const store = await Store.open(dir);
    const warnings: string[] = [];
    const station = await Station.open({
      store,
      lookup: fakeLookup(),
      settings: { maxQueueSize: 10, workedWindowHours: 72 },
      log: (_l, m) => warnings.push(m),
    });
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['W1AW', 'N0AA']);
    expect(station.isActive()).toBe(false);
    expect(warnings.some((w) => w.includes('"system_status" is invalid'))).toBe(true);
  });
});
