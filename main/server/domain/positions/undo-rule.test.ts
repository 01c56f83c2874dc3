/**
 * Undo and the per-caller queue rule across positions: a caller taken from one queue (work next) or removed
 * from it, who has joined another queue since, is put back by an undo only while the rule allows it
 * (`max_queues_per_caller`); otherwise the undo does the rest (the QSO before is current again) and says where
 * the caller waits now.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/store.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { Station } from '../station.js';

const dirs: string[] = [];
const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A station on the air with the default position only. */
async function single(): Promise<Station> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-undo-rule-'));
  dirs.push(dir);
  const station = await Station.open({
    store: await Store.open(dir),
    lookup: fakeLookup(),
    settings: { maxQueueSize: 10, workedWindowHours: 72 },
  });
  stations.push(station);
  await station.setActive(true, 'op');
  return station;
}

/** The default position and run-2, with `maxQueues` queues per caller. */
async function camp(maxQueues: number): Promise<Station> {
  const station = await single();
  await station.positions.setCallerRules({ allow_dupes: false, max_queues_per_caller: maxQueues });
  await station.positions.create({ name: 'Run 2', id: 'run-2', active: true }, 'op');
  return station;
}

const queued = (s: Station, id: string): string[] => s.positions.queue(id).queue.map((e) => e.callsign);

describe('undo and the per-caller queue rule', () => {
  it('undo of work next does not put back a caller who joined another queue since (one queue at a time)', async () => {
    const s = await camp(1);
    await s.register({ callsign: 'W1AW' });
    await s.register({ callsign: 'K1ABC' });
    await s.workNext('op'); // W1AW
    await s.workNext('op'); // logs W1AW, works K1ABC
    // being worked does not count: K1ABC lines up at run-2 meanwhile
    await s.register({ callsign: 'K1ABC', positionId: 'run-2' });
    const { message } = await s.undo();
    expect(message).toBe(
      'K1ABC waits at run-2 now, so is not put back here; the QSO with W1AW is current again',
    );
    expect(s.positions.currentQso('default', true)?.callsign).toBe('W1AW');
    expect(queued(s, 'default')).toEqual([]);
    expect(queued(s, 'run-2')).toEqual(['K1ABC']);
    expect(s.getQsos()).toEqual([]);
  });

  it('with room under the rule (two queues allowed) the caller is put back at their place', async () => {
    const s = await camp(2);
    await s.register({ callsign: 'K1ABC' });
    await s.register({ callsign: 'G4XYZ' });
    await s.workNext('op');
    await s.register({ callsign: 'K1ABC', positionId: 'run-2' });
    const { message } = await s.undo();
    expect(message).toBe('K1ABC is back at their place in the queue');
    expect(queued(s, 'default')).toEqual(['K1ABC', 'G4XYZ']);
    expect(queued(s, 'run-2')).toEqual(['K1ABC']);
  });

  it('undo of a removal does not put back a caller who waits elsewhere up to the rule', async () => {
    const s = await camp(1);
    await s.register({ callsign: 'K1ABC' });
    await s.removeCallsign('K1ABC');
    await s.register({ callsign: 'K1ABC', positionId: 'run-2' });
    await expect(s.undo()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(queued(s, 'default')).toEqual([]);
    expect(queued(s, 'run-2')).toEqual(['K1ABC']);
  });

  it('undo of a work next that logged a QSO: that caller, queued again meanwhile, is current and not queued', async () => {
    const s = await camp(1);
    await s.register({ callsign: 'W1AW' });
    await s.register({ callsign: 'K1ABC' });
    await s.workNext('op'); // W1AW
    await s.workNext('op'); // logs W1AW, works K1ABC
    await s.register({ callsign: 'W1AW' }); // W1AW lines up again
    expect(queued(s, 'default')).toEqual(['W1AW']);
    const { message } = await s.undo();
    expect(message).toBe('K1ABC is back at their place; the QSO with W1AW is current again');
    expect(s.positions.currentQso('default', true)?.callsign).toBe('W1AW');
    expect(queued(s, 'default')).toEqual(['K1ABC']);
  });

  it('with one position an undo of work next always puts the caller back', async () => {
    const s = await single();
    await s.register({ callsign: 'K1ABC' });
    await s.workNext('op');
    expect((await s.undo()).message).toBe('K1ABC is back at their place in the queue');
    expect(queued(s, 'default')).toEqual(['K1ABC']);
  });
});
