/** The Station's side of issue 14: why callers leave, leaving with the secret, and the no-show rule. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyStationEvent, StationEvent } from '../../../shared/protocol/events.js';
import { Store } from '../store/store.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { OpError } from '../util/errors.js';
import { newLeaveSecret } from './leave.js';
import { Station } from './station.js';

const dirs: string[] = [];
const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(dir?: string): Promise<{ station: Station; events: AnyStationEvent[]; dir: string }> {
  const d = dir ?? mkdtempSync(path.join(os.tmpdir(), 'pb-leave-'));
  if (!dir) dirs.push(d);
  const store = await Store.open(d);
  const station = await Station.open({
    store,
    lookup: fakeLookup(),
    settings: { maxQueueSize: 20, workedWindowHours: 72 },
  });
  stations.push(station);
  const events: AnyStationEvent[] = [];
  station.events.subscribe((e) => events.push(e));
  return { station, events, dir: d };
}

async function active(): Promise<{ station: Station; events: AnyStationEvent[]; dir: string }> {
  const s = await open();
  await s.station.setActive(true, 'op');
  s.events.length = 0;
  return s;
}

const left = (events: AnyStationEvent[]): StationEvent<'caller_left'>['data'][] =>
  events.filter((e): e is StationEvent<'caller_left'> => e.name === 'caller_left').map((e) => e.data);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof OpError) return err.code;
    throw err;
  }
  return 'resolved';
}

describe('caller_left: every way out of the queue says why', () => {
  it('removed, cleared, banned, cancelled and off air, each with whether rejoining is allowed', async () => {
    const { station, events } = await active();
    for (const c of ['W1AW', 'K1ABC', 'N0AA', 'G4XYZ', 'DL1ABC']) await station.register({ callsign: c });
    await station.removeCallsign('W1AW');
    await station.ban('K1ABC', null, 'op');
    await station.workNext('op');
    await station.cancelQso();
    await station.workNext('op');
    await station.setActive(false, 'op');
    await station.setActive(true, 'op');
    await station.register({ callsign: 'W1AW' });
    await station.clearQueue();
    expect(left(events).map((l) => [l.reason, l.callsigns, l.rejoin])).toEqual([
      ['removed', ['W1AW'], true],
      ['banned', ['K1ABC'], false],
      ['cancelled', ['N0AA'], true],
      ['off_air', ['G4XYZ', 'DL1ABC'], false],
      ['cleared', ['W1AW'], true],
    ]);
  });

  it('worked: the QSO as logged, from the operator and from a logger alike', async () => {
    const { station, events } = await active();
    await station.setFrequency({ frequency: '14.025', mode: 'CW' }, 'op');
    await station.register({ callsign: 'W1AW' });
    await station.workNext('op');
    await station.completeQso();
    await station.recordQso({
      callsign: 'K1ABC',
      time_on: '2026-05-01T12:33:00.000Z',
      time_off: '2026-05-01T12:34:00.000Z',
      frequency: '14.074',
      band: '20m',
      mode: 'FT8',
      source: 'direct',
    });
    const worked = left(events).filter((l) => l.reason === 'worked');
    expect(worked.map((l) => [l.callsigns[0], l.qso?.frequency, l.qso?.mode])).toEqual([
      ['W1AW', '14.025', 'CW'],
      ['K1ABC', '14.074', 'FT8'],
    ]);
    expect(worked[1]!.qso?.time_off).toBe('2026-05-01T12:34:00.000Z');
    expect(JSON.stringify(worked)).not.toContain('qrz');
  });

  it('worked under a cooldown: rejoin is false', async () => {
    const { station, events } = await active();
    await station.setCooldownRule({ time_period_minutes: 30, enabled: true });
    await station.startQso({ callsign: 'W1AW', started_via: 'operator' });
    await station.completeQso();
    expect(left(events).at(-1)).toMatchObject({ reason: 'worked', rejoin: false, retry_after_s: 1800 });
  });
});

describe('leaving the queue with the secret', () => {
  it('only the registration secret removes the caller; another device keeps the place', async () => {
    const { station, events } = await active();
    const mine = newLeaveSecret();
    await station.register({ callsign: 'W1AW', secretHash: mine.hash });
    await station.register({ callsign: 'K1ABC' });
    expect(await code(station.leaveQueue('W1AW', ''))).toBe('INVALID_SECRET');
    expect(await code(station.leaveQueue('W1AW', newLeaveSecret().secret))).toBe('INVALID_SECRET');
    expect(await code(station.leaveQueue('K1ABC', mine.secret))).toBe('INVALID_SECRET');
    expect(station.findQueued('W1AW')?.position).toBe(1);
    const gone = await station.leaveQueue('W1AW', mine.secret);
    expect(gone.callsign).toBe('W1AW');
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['K1ABC']);
    expect(left(events).map((l) => l.reason)).toEqual(['left']);
    expect(await code(station.leaveQueue('W1AW', mine.secret))).toBe('NOT_FOUND');
  });

  it('the secret survives a restart and never appears in events', async () => {
    const first = await active();
    const mine = newLeaveSecret();
    await first.station.register({ callsign: 'W1AW', secretHash: mine.hash });
    await first.station.idle();
    expect(JSON.stringify(first.events)).not.toContain(mine.hash);
    await first.station.close();
    stations.splice(stations.indexOf(first.station), 1);
    const again = await open(first.dir);
    await again.station.leaveQueue('W1AW', mine.secret);
    expect(again.station.getQueue()).toEqual([]);
  });
});

describe('the no-show rule', () => {
  it('counts calls on the current QSO, then drops the caller after the third unanswered call', async () => {
    const { station, events } = await active();
    await station.register({ callsign: 'W1AW' });
    await station.register({ callsign: 'K1ABC' });
    await station.workNext('op');
    expect(await station.callAgain()).toMatchObject({ kind: 'called', calls: 2 });
    expect(station.getCurrentQso()?.metadata.calls).toBe(2);
    expect(await station.callAgain()).toMatchObject({ kind: 'called', calls: 3 });
    expect(await station.callAgain()).toMatchObject({ kind: 'dropped', callsign: 'W1AW', calls: 3 });
    expect(station.getCurrentQso()).toBeNull();
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['K1ABC']);
    expect(station.qsoCount()).toBe(0);
    expect(left(events)).toEqual([
      {
        callsigns: ['W1AW'],
        reason: 'no_show',
        rejoin: true,
        qso: null,
        position: null,
        retry_after_s: null,
      },
    ]);
    expect(await code(station.callAgain())).toBe('NOT_FOUND');
    expect(await code(station.noAnswer())).toBe('NOT_FOUND');
  });

  it('moves the caller back the set number of places, keeping their secret, across a restart', async () => {
    const first = await active();
    const { station } = first;
    await station.setNoShowRule({ calls: 2, action: 'move_back', places: 2 });
    const mine = newLeaveSecret();
    await station.register({ callsign: 'W1AW', secretHash: mine.hash });
    for (const c of ['K1ABC', 'N0AA', 'G4XYZ']) await station.register({ callsign: c });
    await station.workNext('op');
    expect(await station.noAnswer()).toMatchObject({ kind: 'moved_back', position: 3 });
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['K1ABC', 'N0AA', 'W1AW', 'G4XYZ']);
    expect(left(first.events).at(-1)).toMatchObject({ reason: 'no_show', position: 3 });
    await station.close();
    stations.splice(stations.indexOf(station), 1);
    const again = await open(first.dir);
    expect(again.station.getNoShowRule()).toEqual({ calls: 2, action: 'move_back', places: 2 });
    expect(again.station.getQueue().map((e) => e.callsign)).toEqual(['K1ABC', 'N0AA', 'W1AW', 'G4XYZ']);
    await again.station.leaveQueue('W1AW', mine.secret);
    expect(again.station.getQueue().map((e) => e.callsign)).toEqual(['K1ABC', 'N0AA', 'G4XYZ']);
  });
});
