import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Station } from '../domain/station.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { QsoLogFile } from './qso-log.js';
import { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-qsolog-'));
  dirs.push(d);
  return d;
}

const NOW = Date.parse('2026-05-01T12:00:00.000Z');

function line(id: string, callsign: string, offMs: number, extra: Record<string, unknown> = {}): string {
  const t = new Date(offMs).toISOString();
  return JSON.stringify({
    callsign,
    time_on: t,
    time_off: t,
    frequency: '14.200',
    band: '20m',
    mode: 'SSB',
    source: 'queue',
    qrz: {
      callsign,
      name: null,
      address: null,
      dxcc_name: null,
      image: null,
      grid: { lat: null, long: null, grid: null },
      error: null,
      dxcc: null,
      source: 'none',
    },
    _id: id,
    ...extra,
  });
}

/** 20,000 QSOs a month old (about 7 MiB), then a few from the last hour. */
function writeLog(dir: string, recent: string[] = ['DL1ABC', 'G4ABC', 'JA1XYZ']): string {
  const file = path.join(dir, 'qsos.db');
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i += 1)
    lines.push(line(`old${i}`, `K${i % 10}OLD`, NOW - 30 * 86_400_000 + i * 1000));
  recent.forEach((c, i) => lines.push(line(`new${i}`, c, NOW - 3_600_000 + i * 60_000)));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('QsoLogFile', () => {
  it('reads the recent end of the log without reading all of it, with updates and deletions applied', async () => {
    const dir = tmp();
    const file = writeLog(dir);
    appendFileSync(file, `${line('old5', 'K5OLD', NOW - 30 * 86_400_000, { mode: 'CW' })}\n`);
    appendFileSync(file, `${JSON.stringify({ $$deleted: true, _id: 'new1' })}\n`);
    const log = QsoLogFile.prepare(file);
    const recent = await log.readRecent(NOW - 72 * 3_600_000);
    expect(recent.length).toBeLessThan(10_000);
    const calls = recent.map((d) => d.callsign);
    expect(calls).toContain('DL1ABC');
    expect(calls).toContain('JA1XYZ');
    expect(calls).not.toContain('G4ABC');
    expect(recent.find((d) => d._id === 'old5')?.mode).toBe('CW');
  });

  it('reads the whole file in chunks, counting unreadable and superseded lines, and compacts it', async () => {
    const dir = tmp();
    const file = writeLog(dir);
    appendFileSync(file, 'not json\n');
    appendFileSync(file, `${line('old7', 'K7OLD', NOW, { mode: 'CW' })}\n`);
    const log = QsoLogFile.prepare(file);
    const scan = await log.readAll();
    expect(scan.docs).toHaveLength(20_003);
    expect(scan).toMatchObject({ badLines: 1, deadLines: 1 });
    expect(QsoLogFile.needsCompaction(scan)).toBe(true);
    // appended while the compaction runs: kept
    appendFileSync(file, `${line('later', 'W1AW', NOW)}\n`);
    const savedAs = await log.compact(scan, new Date(NOW));
    expect(savedAs).not.toBeNull();
    expect(readFileSync(savedAs!, 'utf8')).toContain('not json');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('not json');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(20_004);
    expect(lines.filter((l) => l.includes('"_id":"old7"'))).toHaveLength(1);
    expect(lines.at(-1)).toContain('"_id":"later"');
    expect(readdirSync(dir).some((f) => f.endsWith('.compacting'))).toBe(false);
  });

  it('ends a torn last line so that the next append starts a fresh one', async () => {
    const dir = tmp();
    const file = path.join(dir, 'qsos.db');
    writeFileSync(file, `${line('a', 'W1AW', NOW)}\n{"callsign":"K1AB`);
    const log = QsoLogFile.prepare(file);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    appendFileSync(file, `${line('b', 'K1ABC', NOW)}\n`);
    const scan = await log.readAll();
    expect(scan.docs.map((d) => d.callsign)).toEqual(['W1AW']);
    expect(scan.badLines).toBe(1);
    const again = await QsoLogFile.prepare(file).readAll();
    expect(again.docs.map((d) => d.callsign)).toEqual(['W1AW', 'K1ABC']);
  });
});

describe('the Station with a large log', () => {
  it('serves the worked view and the cooldown at once and has the whole log shortly after', async () => {
    const dir = tmp();
    const file = writeLog(dir);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[100] = '\u0000garbage';
    writeFileSync(file, lines.join('\n'));
    const warnings: string[] = [];
    const station = await Station.open({
      store: await Store.open(dir),
      lookup: fakeLookup(),
      settings: { maxQueueSize: 10, workedWindowHours: 72 },
      clock: { now: () => NOW },
      log: (_level, m) => warnings.push(m),
    });
    expect(station.getWorkedCallers().map((w) => w.callsign)).toEqual(['JA1XYZ', 'G4ABC', 'DL1ABC']);
    await station.setCooldownRule({ time_period_minutes: 120, enabled: true });
    expect(station.checkCooldown('G4ABC').can_register).toBe(false);
    // a QSO logged while the rest is read is kept
    await station.setActive(true, 'op');
    await station.startQso({ callsign: 'W1AW', started_via: 'operator' });
    await station.completeQso();
    await station.whenLogLoaded();
    expect(station.isLogComplete()).toBe(true);
    expect(station.qsoCount()).toBe(20_000 - 1 + 3 + 1);
    expect(station.getQsos({ search: 'K0OLD' }).length).toBe(2000 - 1); // line 100 was K0OLD's
    expect(warnings.join('\n')).toMatch(/qsos\.db was damaged: 1 unreadable line/);
    expect(readFileSync(file, 'utf8')).not.toContain('garbage');
    expect(readdirSync(dir).filter((f) => f.startsWith('qsos.db.corrupt-'))).toHaveLength(1);
    expect(existsSync(file)).toBe(true);
    await station.close();
  });
});
