/**
 * Start-up repairs at every operating position: what a crash between two writes of one command leaves behind
 * (a current QSO already in the log; a caller both current and queued) is repaired at each position as at the
 * default one, in memory and on disk, and the log says where.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/store.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { Station } from '../station.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const clock = { now: () => Date.parse('2026-12-02T12:00:00.000Z') };

async function open(dir: string, lines: string[] = []) {
  const store = await Store.open(dir);
  const station = await Station.open({
    store,
    lookup: fakeLookup(),
    settings: { maxQueueSize: 10, workedWindowHours: 72 },
    clock,
    log: (_level, message) => lines.push(message),
  });
  return { station, store };
}

/** A camp of two positions with a QSO in progress at each (W1AW at the default one, K1ABC at run-2). */
async function camp(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-crash-'));
  dirs.push(dir);
  const { station, store } = await open(dir);
  await station.setActive(true, 'op');
  await station.positions.create({ name: 'Run 2', id: 'run-2', active: true }, 'op');
  for (const callsign of ['W1AW', 'G4XYZ']) await station.register({ callsign });
  for (const callsign of ['K1ABC', 'DL1XYZ']) await station.register({ callsign, positionId: 'run-2' });
  await station.workNext('op');
  await station.workNext('op', undefined, undefined, 'run-2');
  await station.close();
  store.close();
  return dir;
}

describe('start-up repairs at every position', () => {
  it('a caller both current and queued at run-2 (crash of an undo) leaves its queue', async () => {
    const dir = await camp();
    // what an undo of "work next" writes first: the caller back in the queue, before the QSO is dropped
    const store = await Store.open(dir);
    await store.insertQueueEntry({
      callsign: 'K1ABC',
      timestamp: '2026-12-02T11:59:00.000Z',
      order: 0,
      qrz: fakeLookup().resolveNow('K1ABC'),
      position_id: 'run-2',
    });
    store.close();

    const lines: string[] = [];
    const { station, store: again } = await open(dir, lines);
    expect(station.positions.currentQso('run-2')?.callsign).toBe('K1ABC');
    expect(station.positions.queue('run-2').queue.map((e) => e.callsign)).toEqual(['DL1XYZ']);
    expect(station.getCurrentQso()?.callsign).toBe('W1AW');
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['G4XYZ']);
    expect(lines.some((l) => /K1ABC at position run-2 was both current QSO and queued/.test(l))).toBe(true);
    await station.close();
    again.close();

    // repaired on disk: the next start finds nothing to repair
    const later: string[] = [];
    const { station: third, store: s3 } = await open(dir, later);
    expect(third.positions.queue('run-2').queue.map((e) => e.callsign)).toEqual(['DL1XYZ']);
    expect(later.filter((l) => l.startsWith('start-up:'))).toEqual([]);
    await third.close();
    s3.close();
  });

  it("a current QSO at run-2 already in the log (crash of a complete) is cleared, the default's kept", async () => {
    const dir = await camp();
    const first = await open(dir);
    const current = first.station.positions.currentQso('run-2')!;
    await first.station.close();
    first.store.close();
    // what a complete writes first: the QSO in the log, before the current QSO is cleared
    const store = await Store.open(dir);
    await store.insertQso({
      callsign: current.callsign,
      time_on: current.timestamp,
      time_off: '2026-12-02T12:00:00.000Z',
      band: null,
      mode: null,
      frequency: null,
      source: 'queue',
      qrz: current.qrz,
      position_id: 'run-2',
    });
    store.close();

    const lines: string[] = [];
    const { station, store: again } = await open(dir, lines);
    expect(station.positions.currentQso('run-2', true)).toBeNull();
    expect(station.getCurrentQso()?.callsign).toBe('W1AW');
    expect(lines.some((l) => /QSO with K1ABC at position run-2 was already in the log/.test(l))).toBe(true);
    await station.close();
    again.close();

    const { station: third, store: s3 } = await open(dir);
    expect(third.positions.currentQso('run-2', true)).toBeNull();
    await third.close();
    s3.close();
  });

  it('a QSO of the same caller at the same moment at another position is not taken for the current one', async () => {
    const dir = await camp();
    const first = await open(dir);
    const current = first.station.positions.currentQso('run-2')!;
    await first.station.close();
    first.store.close();
    const store = await Store.open(dir);
    await store.insertQso({
      callsign: current.callsign,
      time_on: current.timestamp,
      time_off: current.timestamp,
      band: null,
      mode: null,
      frequency: null,
      source: 'queue',
      qrz: current.qrz,
    }); // no position_id: logged at the default position
    store.close();
    const { station, store: again } = await open(dir);
    expect(station.positions.currentQso('run-2', true)?.callsign).toBe('K1ABC');
    await station.close();
    again.close();
  });
});
