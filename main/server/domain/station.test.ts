import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyStationEvent } from '../../../shared/protocol/events.js';
import { Store, StoreWriteError } from '../store/store.js';
import { fakeLookup } from '../testing/fake-lookup.js';
import { OpError } from '../util/errors.js';
import { Station, type StationSettings } from './station.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

class TestClock {
  constructor(public t = Date.parse('2026-05-01T12:00:00.000Z')) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

async function open(
  settings: Partial<StationSettings> = {},
  opts: { dir?: string; clock?: TestClock; online?: Parameters<typeof fakeLookup>[0] } = {},
): Promise<{ station: Station; events: AnyStationEvent[]; dir: string; clock: TestClock; store: Store }> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'pb-station-'));
  if (!opts.dir) dirs.push(dir);
  const clock = opts.clock ?? new TestClock();
  const store = await Store.open(dir);
  const station = await Station.open({
    store,
    lookup: fakeLookup(opts.online),
    settings: { maxQueueSize: 10, workedWindowHours: 72, ...settings },
    clock: { now: clock.now },
  });
  const events: AnyStationEvent[] = [];
  station.events.subscribe((e) => events.push(e));
  return { station, events, dir, clock, store };
}

async function activeStation(settings: Partial<StationSettings> = {}) {
  const s = await open(settings);
  await s.station.setActive(true, 'op');
  s.events.length = 0;
  return s;
}

function names(events: AnyStationEvent[]): string[] {
  return events.map((e) => e.name);
}

async function rejects(p: Promise<unknown>, code: string): Promise<OpError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OpError);
    expect((err as OpError).code).toBe(code);
    return err as OpError;
  }
  throw new Error(`expected ${code}`);
}

describe('registration', () => {
  it('refuses while the system is off, then queues in order with contiguous positions', async () => {
    const { station, events } = await open();
    await rejects(station.register({ callsign: 'DL1ABC' }), 'SYSTEM_INACTIVE');
    await station.setActive(true, 'op');
    events.length = 0;
    const a = await station.register({ callsign: ' dl1abc ' });
    const b = await station.register({ callsign: 'EA8/G4XYZ/P' });
    expect(a).toMatchObject({ kind: 'registered', entry: { callsign: 'DL1ABC', position: 1 } });
    expect(b).toMatchObject({ kind: 'registered', entry: { callsign: 'EA8/G4XYZ/P', position: 2 } });
    await station.idle();
    expect(station.getQueue().map((e) => [e.callsign, e.position])).toEqual([
      ['DL1ABC', 1],
      ['EA8/G4XYZ/P', 2],
    ]);
    expect(names(events)).toEqual(['queue_update', 'queue_update']);
    expect(events.every((e, i) => i === 0 || e.seq > events[i - 1]!.seq)).toBe(true);
  });

  it('rejects invalid callsigns with the grammar reason and never touches the queue', async () => {
    const { station } = await activeStation();
    const err = await rejects(station.register({ callsign: 'KC1@BC' }), 'INVALID_CALLSIGN');
    expect(err.message).toMatch(/^Invalid callsign format/);
    await rejects(station.register({ callsign: '   ' }), 'CALLSIGN_REQUIRED');
    expect(station.getQueue()).toEqual([]);
  });

  it('refuses duplicates, a full queue, paused, banned and cooldown with their codes', async () => {
    const { station, clock } = await activeStation({ maxQueueSize: 2 });
    await station.register({ callsign: 'W1AW' });
    await rejects(station.register({ callsign: 'w1aw' }), 'ALREADY_QUEUED');
    await station.register({ callsign: 'K1ABC' });
    const full = await rejects(station.register({ callsign: 'N0AA' }), 'QUEUE_FULL');
    expect(full.message).toBe('Queue is full. Maximum queue size is 2');

    await station.setPaused(true, 'op');
    await station.clearQueue();
    await rejects(station.register({ callsign: 'N0AA' }), 'QUEUE_PAUSED');
    await station.setPaused(false, 'op');

    await station.ban('N0AA', 'spam', 'op');
    await rejects(station.register({ callsign: 'N0AA' }), 'CALLSIGN_BANNED');
    await rejects(station.register({ callsign: 'N0AA/P' }), 'CALLSIGN_BANNED');

    await station.setCooldownRule({ time_period_minutes: 30, enabled: true });
    await station.startQso({ callsign: 'G4XYZ', started_via: 'operator' });
    await station.completeQso();
    clock.advance(10 * 60_000);
    const cool = await rejects(station.register({ callsign: 'G4XYZ' }), 'COOLDOWN');
    expect(cool.details?.retry_after_s).toBe(20 * 60);
    expect(cool.message).toContain('20 minutes');
    clock.advance(20 * 60_000);
    await expect(station.register({ callsign: 'G4XYZ' })).resolves.toMatchObject({ kind: 'registered' });
  });

  it('refuses the callsign being worked right now', async () => {
    const { station } = await activeStation();
    await station.register({ callsign: 'W1AW' });
    await station.workNext('op');
    await rejects(station.register({ callsign: 'W1AW' }), 'ALREADY_QUEUED');
  });

  it('asks for manual details when nothing is known, and takes them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-station-'));
    dirs.push(dir);
    const store = await Store.open(dir);
    const station = await Station.open({
      store,
      lookup: {
        resolveNow: (callsign) => ({
          callsign,
          name: null,
          address: null,
          dxcc_name: null,
          image: null,
          grid: { lat: null, long: null, grid: null },
          error: null,
          dxcc: null,
          source: 'none',
        }),
        enrich: async () => null,
      },
      settings: { maxQueueSize: 5, workedWindowHours: 72 },
    });
    await station.setActive(true, 'op');
    expect(await station.register({ callsign: 'XX9ZZ' })).toEqual({
      kind: 'requires_manual_data',
      callsign: 'XX9ZZ',
    });
    expect(station.getQueue()).toEqual([]);
    const r = await station.register({
      callsign: 'XX9ZZ',
      manual: { name: 'Ann', location: 'Hilltop', country: 'Nowhere' },
    });
    expect(r).toMatchObject({
      kind: 'registered',
      entry: { qrz: { name: 'Ann', address: 'Hilltop', dxcc_name: 'Nowhere', source: 'manual' } },
    });
  });

  it('applies online lookup details later as a queue_update', async () => {
    const { station, events } = await open({}, { online: { DL1ABC: { name: 'Hans Muster' } } });
    await station.setActive(true, 'op');
    events.length = 0;
    const r = await station.register({ callsign: 'DL1ABC' });
    expect(r.kind === 'registered' && r.entry.qrz.name).toBe(null);
    await new Promise((res) => setTimeout(res, 10));
    await station.idle();
    expect(station.getQueue()[0]!.qrz.name).toBe('Hans Muster');
    const last = events.at(-1);
    expect(last?.name).toBe('queue_update');
    expect(last?.name === 'queue_update' && last.data.queue[0]?.qrz.name).toBe('Hans Muster');
  });
});

describe('working the queue', () => {
  it('next completes the current QSO, takes the head, and emits worked, current_qso, queue_update', async () => {
    const { station, events } = await activeStation();
    for (const c of ['W1AW', 'K1ABC', 'N0AA']) await station.register({ callsign: c });
    const first = await station.workNext('op');
    expect(first).toMatchObject({ completed: null, current: { callsign: 'W1AW' }, remaining: 2 });
    events.length = 0;
    const second = await station.workNext('op');
    expect(second.completed?.callsign).toBe('W1AW');
    expect(second.current?.callsign).toBe('K1ABC');
    expect(names(events)).toEqual([
      'worked_callers_update',
      'qso_log_update',
      'caller_left',
      'current_qso',
      'queue_update',
    ]);
    expect(station.getQueue().map((e) => [e.callsign, e.position])).toEqual([['N0AA', 1]]);
    expect(station.getWorkedCallers().map((w) => w.callsign)).toEqual(['W1AW']);
  });

  it('next on an empty queue completes the QSO and reports none; never loses anyone', async () => {
    const { station, events } = await activeStation();
    await station.register({ callsign: 'W1AW' });
    await station.workNext('op');
    events.length = 0;
    const r = await station.workNext('op');
    expect(r).toMatchObject({ current: null, remaining: 0, completed: { callsign: 'W1AW' } });
    expect(names(events)).toEqual(['worked_callers_update', 'qso_log_update', 'caller_left', 'current_qso']);
    const again = await station.workNext('op');
    expect(again).toEqual({ completed: null, current: null, taken: null, remaining: 0 });
  });

  it('works a chosen callsign out of order, with its original position', async () => {
    const { station } = await activeStation();
    for (const c of ['W1AW', 'K1ABC', 'N0AA']) await station.register({ callsign: c });
    const r = await station.workCallsign('N0AA', 'op');
    expect(r).toMatchObject({ already_current: false, original_position: 3, current: { callsign: 'N0AA' } });
    expect(r.current?.metadata).toMatchObject({
      source: 'queue_specific',
      original_position: 3,
      worked_by: 'op',
    });
    expect((await station.workCallsign('N0AA', 'op')).already_current).toBe(true);
    await rejects(station.workCallsign('ZZ9ZZ', 'op'), 'NOT_FOUND');
    expect(station.getQueue().map((e) => e.position)).toEqual([1, 2]);
  });

  it('starts a QSO direct or from the queue, completing the previous one', async () => {
    const { station } = await activeStation();
    await station.register({ callsign: 'W1AW' });
    const direct = await station.startQso({ callsign: 'vk9/ei6jgb', started_via: 'operator', mode: 'CW' });
    expect(direct).toMatchObject({ was_in_queue: false, current: { callsign: 'VK9/EI6JGB' } });
    expect(direct.current?.metadata).toMatchObject({ source: 'direct', mode: 'CW', started_via: 'operator' });
    const queued = await station.startQso({ callsign: 'W1AW', started_via: 'logging_software' });
    expect(queued).toMatchObject({ was_in_queue: true, completed: { callsign: 'VK9/EI6JGB' } });
    expect(station.getQueue()).toEqual([]);
    await rejects(station.startQso({ callsign: 'NOT A CALL', started_via: 'operator' }), 'INVALID_CALLSIGN');
  });

  it('complete logs the QSO with frequency, band and mode; cancel does not', async () => {
    const { station, events } = await activeStation();
    await station.setFrequency({ frequency: '14.195', mode: 'USB' }, 'op');
    await station.register({ callsign: 'W1AW' });
    await station.workNext('op');
    events.length = 0;
    const done = await station.completeQso();
    expect(done.completed).toMatchObject({ callsign: 'W1AW', frequency: '14.195', band: '20m', mode: 'SSB' });
    expect(names(events)).toEqual(['worked_callers_update', 'qso_log_update', 'caller_left', 'current_qso']);
    expect((await station.completeQso()).completed).toBe(null);

    await station.startQso({ callsign: 'N0AA', started_via: 'operator' });
    const guarded = await station.completeQso({ ifCallsign: 'K1ABC' });
    expect(guarded).toMatchObject({ completed: null, qso: { callsign: 'N0AA' } });
    expect(station.getCurrentQso()?.callsign).toBe('N0AA');
    expect((await station.completeQso({ ifCallsign: 'N0AA' })).completed?.callsign).toBe('N0AA');

    await station.register({ callsign: 'K1ABC' });
    await station.workNext('op');
    const cancelled = await station.cancelQso();
    expect(cancelled?.callsign).toBe('K1ABC');
    expect(station.getQsos().map((q) => q.callsign)).toEqual(['N0AA', 'W1AW']);
    expect(await station.cancelQso()).toBe(null);
  });

  it('remove and clear emit one queue_update each and report what they removed', async () => {
    const { station, events } = await activeStation();
    for (const c of ['W1AW', 'K1ABC']) await station.register({ callsign: c });
    events.length = 0;
    expect((await station.removeCallsign('W1AW')).callsign).toBe('W1AW');
    await rejects(station.removeCallsign('W1AW'), 'NOT_FOUND');
    expect(await station.clearQueue()).toBe(1);
    expect(await station.clearQueue()).toBe(0);
    expect(names(events)).toEqual(['caller_left', 'queue_update', 'caller_left', 'queue_update']);
  });
});

describe('system state', () => {
  it('activation is idempotent; deactivation clears and announces each thing it clears', async () => {
    const { station, events } = await open();
    expect((await station.setActive(true, 'op')).changed).toBe(true);
    events.length = 0;
    expect((await station.setActive(true, 'op')).changed).toBe(false);
    expect(events).toEqual([]);
    await station.setFrequency({ frequency: '7.074' }, 'op');
    await station.setSplit('UP 2', 'op');
    await station.register({ callsign: 'W1AW' });
    await station.register({ callsign: 'K1ABC' });
    await station.workNext('op');
    events.length = 0;
    const off = await station.setActive(false, 'op');
    expect(off).toMatchObject({ changed: true, cleared_count: 1, qso_cleared: true });
    expect(names(events)).toEqual([
      'system_status',
      'current_qso',
      'split_update',
      'frequency_update',
      'caller_left',
      'queue_update',
    ]);
    expect(events.at(-1)?.data).toMatchObject({ queue: [], total: 0, system_active: false });
    expect(station.getQsos()).toEqual([]);
    expect(station.publicFrequency().frequency).toBe(null);
  });

  it('frequency derives band, normalises mode, and hides updated_by from the public view', async () => {
    const { station, events } = await activeStation();
    const f = await station.setFrequency({ frequency: '7074 kHz', mode: 'ft8' }, 'op');
    expect(f).toMatchObject({ frequency: '7074 kHz', band: '40m', mode: 'FT8', updated_by: 'op' });
    expect(events.at(-1)?.data).not.toHaveProperty('updated_by');
    events.length = 0;
    await station.setFrequency({ frequency: '7074 kHz' }, 'op');
    expect(events).toEqual([]);
    await station.clearFrequency('op');
    expect(names(events)).toEqual(['frequency_update']);
  });

  it('derives the band from the original web app\'s "14.205.00" frequency format', async () => {
    const { station } = await activeStation();
    const f = await station.setFrequency({ frequency: '14.205.00' }, 'op');
    expect(f).toMatchObject({ frequency: '14.205.00', band: '20m' });
  });

  it('the beam heading reaches callers only while it is shown; operators always get it', async () => {
    const { station, events } = await activeStation();
    await station.setBeamHeading(45);
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['beam_update', { beam_heading: 45, beam_heading_visible: false }],
    ]);
    events.length = 0;
    await station.setBeamHeadingVisible(true);
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['beam_heading_visibility_update', { beam_heading_visible: true }],
      ['beam_heading_update', { beam_heading: 45 }],
      ['beam_update', { beam_heading: 45, beam_heading_visible: true }],
    ]);
    events.length = 0;
    await station.setBeamHeadingVisible(false);
    expect(names(events)).toEqual(['beam_heading_visibility_update', 'beam_heading_update', 'beam_update']);
    expect(events[1]?.data).toEqual({ beam_heading: null });
    expect(station.snapshotEvents('public').beam_heading_update).toEqual({ beam_heading: null });
    expect(station.snapshotEvents('admin').beam_update).toEqual({
      beam_heading: 45,
      beam_heading_visible: false,
    });
  });

  it('bans remove a queued caller; unban of an unknown callsign is NOT_FOUND', async () => {
    const { station, events } = await activeStation();
    await station.register({ callsign: 'W1AW' });
    events.length = 0;
    const r = await station.ban('w1aw', null, 'op');
    expect(r.removed?.callsign).toBe('W1AW');
    expect(names(events)).toEqual(['bans_update', 'caller_left', 'queue_update']);
    await rejects(station.unban('K1ABC'), 'NOT_FOUND');
    await station.unban('W1AW');
    expect(station.getBans()).toEqual([]);
  });

  it('worked view: window, clear (log kept) and refresh', async () => {
    const { station, clock } = await activeStation({ workedWindowHours: 1 });
    await station.startQso({ callsign: 'W1AW', started_via: 'operator' });
    await station.completeQso();
    clock.advance(30 * 60_000);
    await station.startQso({ callsign: 'W1AW', started_via: 'operator' });
    await station.completeQso();
    expect(station.getWorkedCallers()).toMatchObject([{ callsign: 'W1AW', times_worked: 2 }]);
    clock.advance(45 * 60_000);
    expect(station.getWorkedCallers()).toMatchObject([{ callsign: 'W1AW', times_worked: 1 }]);
    await station.refreshWorkedWindow();
    clock.advance(50 * 60_000);
    expect(station.getWorkedCallers()).toHaveLength(1);
    await station.clearWorked();
    expect(station.getWorkedCallers()).toEqual([]);
    expect(station.getQsos()).toHaveLength(2);
  });
});

describe('persistence', () => {
  it('restores queue order, current QSO, log, bans and settings after a restart', async () => {
    const a = await activeStation();
    for (const c of ['W1AW', 'K1ABC', 'N0AA', 'G4XYZ']) await a.station.register({ callsign: c });
    await a.station.workNext('op');
    await a.station.workNext('op');
    await a.station.ban('DL1ABC', 'x', 'op');
    await a.station.setFrequency({ frequency: '14.200' }, 'op');
    const seq = a.station.events.seq;
    await a.station.close();
    const b = await open({}, { dir: a.dir, clock: a.clock });
    expect(b.station.isActive()).toBe(true);
    expect(b.station.getQueue().map((e) => [e.callsign, e.position])).toEqual([
      ['N0AA', 1],
      ['G4XYZ', 2],
    ]);
    expect(b.station.getCurrentQso()?.callsign).toBe('K1ABC');
    expect(b.station.getQsos().map((q) => q.callsign)).toEqual(['W1AW']);
    expect(b.station.getBans().map((x) => x.callsign)).toEqual(['DL1ABC']);
    expect(b.station.publicFrequency().frequency).toBe('14.200');
    expect(b.station.events.seq).toBeGreaterThan(seq);
  });

  it('drops a repeated or unusable queue document at start-up, from memory and from the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-station-'));
    dirs.push(dir);
    const doc = (id: string, callsign: unknown, order: unknown) =>
      JSON.stringify({ _id: id, callsign, order, timestamp: '2026-05-01T11:00:00.000Z', qrz: {} });
    writeFileSync(
      path.join(dir, 'queue.db'),
      [doc('a', 'W1AW', 1), doc('b', 'K1ABC', 2), doc('c', 'W1AW', 3), doc('d', 7, 4), ''].join('\n'),
    );
    const first = await open({}, { dir });
    expect(first.station.getQueue().map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
    await first.station.removeCallsign('W1AW');
    await first.station.close();
    first.store.close();
    const again = await open({}, { dir });
    expect(again.station.getQueue().map((e) => e.callsign)).toEqual(['K1ABC']);
    expect(readFileSync(path.join(dir, 'queue.db'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('keeps lookup details that arrive after a registration across a restart', async () => {
    const a = await activeStation();
    await a.station.register({ callsign: 'W1AW' });
    await a.station.applyLookup({ ...a.station.getQueue()[0]!.qrz, name: 'Hiram Percy Maxim' });
    await a.station.close();
    a.store.close();
    const b = await open({}, { dir: a.dir, clock: a.clock });
    expect(b.station.getQueue()[0]?.qrz.name).toBe('Hiram Percy Maxim');
  });

  it('a store that cannot be written refuses the command and changes nothing', async () => {
    const { station, store } = await activeStation();
    await station.register({ callsign: 'W1AW' });
    const original = store.insertQueueEntry.bind(store);
    store.insertQueueEntry = () => Promise.reject(new StoreWriteError(new Error('ENOSPC')));
    await rejects(station.register({ callsign: 'K1ABC' }), 'STORE_UNAVAILABLE');
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['W1AW']);
    store.insertQueueEntry = original;
    await expect(station.register({ callsign: 'K1ABC' })).resolves.toMatchObject({ kind: 'registered' });
  });
});

describe('long queues', () => {
  it('concurrent registrations are all written; events list the first 1,000 and say so', async () => {
    const { station, events, dir, clock } = await activeStation({ maxQueueSize: 2000 });
    const calls = Array.from(
      { length: 1001 },
      (_, i) =>
        `W${(i % 9) + 1}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + Math.floor(i / 676))}`,
    );
    expect(new Set(calls).size).toBe(1001);
    const results = await Promise.all(calls.map((callsign) => station.register({ callsign })));
    expect(results.every((r) => r.kind === 'registered')).toBe(true);
    await station.idle();
    // updates of a long queue are spaced out: the one with the final state follows within the spacing
    const lastUpdate = () => events.filter((e) => e.name === 'queue_update').at(-1);
    await vi.waitFor(() => expect(lastUpdate()?.data).toMatchObject({ total: 1001 }), { timeout: 2000 });
    const last = lastUpdate();
    expect(last?.data).toMatchObject({ total: 1001, truncated: true });
    expect(last?.name === 'queue_update' && last.data.queue.length).toBe(1000);
    expect(station.queueUpdate().queue).toHaveLength(1001);
    await station.close();
    const again = await open({ maxQueueSize: 2000 }, { dir, clock });
    expect(again.station.getQueue().map((e) => e.callsign)).toEqual(calls);
  });
});

describe('concurrency', () => {
  it('two concurrent next never lose or duplicate a caller', async () => {
    const { station } = await activeStation();
    for (const c of ['W1AW', 'K1ABC', 'N0AA']) await station.register({ callsign: c });
    const [x, y] = await Promise.all([station.workNext('a'), station.workNext('b')]);
    expect([x.current?.callsign, y.current?.callsign]).toEqual(['W1AW', 'K1ABC']);
    expect(y.completed?.callsign).toBe('W1AW');
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['N0AA']);
  });

  it('concurrent registrations never exceed the maximum nor duplicate', async () => {
    const { station } = await activeStation({ maxQueueSize: 5 });
    const calls = ['W1AW', 'W1AW', 'K1ABC', 'N0AA', 'G4XYZ', 'DL1ABC', 'EA8/DL1ABC', 'W1AW', 'JA1XYZ'];
    const results = await Promise.allSettled(calls.map((callsign) => station.register({ callsign })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(station.getQueue().map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC', 'N0AA', 'G4XYZ', 'DL1ABC']);
  });

  it('random concurrent commands keep the invariants', async () => {
    const pool = [
      'W1AW',
      'K1ABC',
      'N0AA',
      'G4XYZ',
      'DL1ABC',
      'JA1XYZ',
      'VK2DEF',
      'EA8/DL1ABC',
      '9A1A',
      'NOT A CALL',
    ];
    const command = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), callsign: fc.constantFrom(...pool) }),
      fc.record({ kind: fc.constant('remove' as const), callsign: fc.constantFrom(...pool) }),
      fc.record({ kind: fc.constant('next' as const) }),
      fc.record({ kind: fc.constant('work' as const), callsign: fc.constantFrom(...pool) }),
      fc.record({ kind: fc.constant('complete' as const) }),
      fc.record({ kind: fc.constant('cancel' as const) }),
      fc.record({ kind: fc.constant('clear' as const) }),
      fc.record({ kind: fc.constant('start' as const), callsign: fc.constantFrom(...pool) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (cmds) => {
        const { station } = await activeStation({ maxQueueSize: 6 });
        const registered = new Set<string>();
        const run = (c: (typeof cmds)[number]): Promise<unknown> => {
          switch (c.kind) {
            case 'register':
              return station.register({ callsign: c.callsign }).then((r) => {
                if (r.kind === 'registered') registered.add(r.entry.callsign);
              });
            case 'remove':
              return station.removeCallsign(c.callsign);
            case 'next':
              return station.workNext('op');
            case 'work':
              return station.workCallsign(c.callsign, 'op');
            case 'complete':
              return station.completeQso();
            case 'cancel':
              return station.cancelQso();
            case 'clear':
              return station.clearQueue();
            case 'start':
              return station.startQso({ callsign: c.callsign, started_via: 'operator' });
          }
        };
        const results = await Promise.allSettled(cmds.map(run));
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OpError);
        }
        const queue = station.getQueue();
        expect(queue.map((e) => e.position)).toEqual(queue.map((_, i) => i + 1));
        expect(new Set(queue.map((e) => e.callsign)).size).toBe(queue.length);
        expect(queue.length).toBeLessThanOrEqual(6);
        const current = station.getCurrentQso();
        if (current) expect(queue.some((e) => e.callsign === current.callsign)).toBe(false);
        // nothing lost: every queued caller was registered
        for (const e of queue) expect(registered.has(e.callsign)).toBe(true);
        await station.close();
      }),
      { numRuns: 40 },
    );
  });
});
