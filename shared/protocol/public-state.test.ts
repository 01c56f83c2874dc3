import { describe, expect, it } from 'vitest';
import { PUBLIC_EVENTS } from './events.js';
import {
  PENDING_MAX,
  WORKED_KEEP,
  applyPendingPublicEvents,
  applyPublicEvent,
  applyPublicSnapshot,
  emptyPublicState,
  holdPublicEvent,
  isPublicEventName,
  parsePublicSnapshot,
  type PublicState,
} from './public-state.js';
import { entry, qso, worked } from './fixtures.test-util.js';

const queueData = (calls: string[], extra: Record<string, unknown> = {}) => ({
  queue: calls.map((c, i) => entry(c, i + 1)),
  total: calls.length,
  max_size: 10,
  system_active: true,
  ...extra,
});

/** A full public snapshot as the server sends it (`public.get_state`). */
function snapshot(seq: number, calls: string[]): Record<string, unknown> {
  return {
    seq,
    system: { active: true, paused: false },
    frequency: { frequency: '14.205', band: '20m', mode: 'SSB', last_updated: '2026-01-01T09:00:00Z' },
    split: { split: 'up 5', last_updated: null },
    beam_heading: { beam_heading: 45, beam_heading_visible: true },
    current_qso: qso('EI6JGB'),
    queue: queueData(calls),
    worked: { worked_callers: [worked('A1A', '2026-01-01T08:00:00Z')], total: 1 },
    stats: { qsos_last_hour: 12, average_qso_seconds: 95.5 },
  };
}

describe('applyPublicEvent: every public event', () => {
  it('queue_update replaces the queue and follows its system_active flag', () => {
    const s = applyPublicEvent(
      emptyPublicState(),
      'queue_update',
      queueData(['W1AW', 'K1ABC'], { total: 7 }),
    );
    expect(s.queue.queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
    expect(s.queue).toMatchObject({ total: 7, max_size: 10, system_active: true });
    expect(s.system.active).toBe(true);
    const truncated = applyPublicEvent(
      s,
      'queue_update',
      queueData(['W1AW'], { truncated: true, total: 1500 }),
    );
    expect(truncated.queue).toMatchObject({ truncated: true, total: 1500 });
  });

  it('current_qso takes the QSO bare (SSE) or wrapped (protocol v2), and null for none', () => {
    const bare = applyPublicEvent(emptyPublicState(), 'current_qso', qso('EI6JGB'));
    expect(bare.current_qso?.callsign).toBe('EI6JGB');
    const wrapped = applyPublicEvent(emptyPublicState(), 'current_qso', { current_qso: qso('G4XYZ') });
    expect(wrapped.current_qso?.callsign).toBe('G4XYZ');
    expect(applyPublicEvent(bare, 'current_qso', null).current_qso).toBeNull();
    expect(applyPublicEvent(bare, 'current_qso', { current_qso: null }).current_qso).toBeNull();
  });

  it('system_status and queue_pause_update set the two flags apart', () => {
    let s = applyPublicEvent(emptyPublicState(), 'system_status', { active: true });
    s = applyPublicEvent(s, 'queue_pause_update', { paused: true });
    expect(s.system).toEqual({ active: true, paused: true });
    s = applyPublicEvent(s, 'system_status', { active: false });
    expect(s.system).toEqual({ active: false, paused: true });
  });

  it('frequency_update and split_update replace frequency and split', () => {
    let s = applyPublicEvent(emptyPublicState(), 'frequency_update', {
      frequency: '7.074',
      band: '40m',
      mode: 'FT8',
      last_updated: '2026-01-01T10:00:00Z',
    });
    s = applyPublicEvent(s, 'split_update', { split: 'up 1-3', last_updated: '2026-01-01T10:01:00Z' });
    expect(s.frequency).toEqual({
      frequency: '7.074',
      band: '40m',
      mode: 'FT8',
      last_updated: '2026-01-01T10:00:00Z',
    });
    expect(s.split).toEqual({ split: 'up 1-3', last_updated: '2026-01-01T10:01:00Z' });
    s = applyPublicEvent(s, 'frequency_update', {
      frequency: null,
      band: null,
      mode: null,
      last_updated: null,
    });
    expect(s.frequency.frequency).toBeNull();
  });

  it('worked_callers_update replaces the list, adds or replaces one caller, or removes one, newest first', () => {
    let s = applyPublicEvent(emptyPublicState(), 'worked_callers_update', {
      worked_callers: [worked('A1A', '2026-01-01T10:00:00Z'), worked('B1B', '2026-01-01T11:00:00Z')],
      total: 2,
    });
    expect(s.worked.worked_callers.map((w) => w.callsign)).toEqual(['B1B', 'A1A']);
    s = applyPublicEvent(s, 'worked_callers_update', {
      worked_caller: worked('A1A', '2026-01-01T12:00:00Z'),
      total: 2,
    });
    expect(s.worked.worked_callers.map((w) => w.callsign)).toEqual(['A1A', 'B1B']);
    s = applyPublicEvent(s, 'worked_callers_update', { removed_caller: 'b1b', total: 1 });
    expect(s.worked).toEqual({ worked_callers: [worked('A1A', '2026-01-01T12:00:00Z')], total: 1 });
  });

  it(`keeps at most ${WORKED_KEEP} worked callers, the newest`, () => {
    const many = Array.from({ length: WORKED_KEEP + 5 }, (_, i) =>
      worked(`K${i}AA`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()),
    );
    const s = applyPublicEvent(emptyPublicState(), 'worked_callers_update', {
      worked_callers: many,
      total: many.length,
    });
    expect(s.worked.worked_callers).toHaveLength(WORKED_KEEP);
    expect(s.worked.worked_callers[0]?.callsign).toBe(`K${WORKED_KEEP + 4}AA`);
    expect(s.worked.total).toBe(WORKED_KEEP + 5);
  });

  it('beam_heading_update and beam_heading_visibility_update set heading and visibility apart', () => {
    let s = applyPublicEvent(emptyPublicState(), 'beam_heading_visibility_update', {
      beam_heading_visible: true,
    });
    s = applyPublicEvent(s, 'beam_heading_update', { beam_heading: 270 });
    expect(s.beam_heading).toEqual({ beam_heading: 270, beam_heading_visible: true });
    s = applyPublicEvent(s, 'beam_heading_update', { beam_heading: null });
    expect(s.beam_heading).toEqual({ beam_heading: null, beam_heading_visible: true });
  });

  it('caller_left is a notice, not state: the state stays the same object', () => {
    const s = applyPublicEvent(emptyPublicState(), 'queue_update', queueData(['W1AW']), 5);
    const left = {
      callsigns: ['W1AW'],
      reason: 'left',
      rejoin: true,
      qso: null,
      position: null,
      retry_after_s: null,
    };
    expect(applyPublicEvent(s, 'caller_left', left, 6)).toBe(s);
  });

  it('never mutates the state it is given', () => {
    const before = applyPublicEvent(emptyPublicState(), 'queue_update', queueData(['W1AW']));
    const copy = structuredClone(before);
    applyPublicEvent(before, 'queue_update', queueData([]));
    applyPublicEvent(before, 'worked_callers_update', { worked_caller: worked('A1A', 'x'), total: 1 });
    applyPublicEvent(before, 'system_status', { active: false });
    expect(before).toEqual(copy);
  });
});

describe('applyPublicEvent: malformed payloads and unknown events change nothing', () => {
  const start = (): PublicState =>
    applyPublicEvent(
      applyPublicEvent(emptyPublicState(), 'queue_update', queueData(['W1AW'])),
      'current_qso',
      qso('EI6JGB'),
    );

  it.each([
    ['queue_update', { queue: 'nope', system_active: true, max_size: 1, total: 1 }],
    ['queue_update', { queue: [], total: 0 }],
    ['queue_update', null],
    ['current_qso', { foo: 1 }],
    ['current_qso', 'EI6JGB'],
    ['system_status', { active: 'yes' }],
    ['queue_pause_update', {}],
    ['frequency_update', '14.205'],
    ['split_update', null],
    ['worked_callers_update', { worked_caller: {} }],
    ['worked_callers_update', []],
    ['beam_heading_update', { beam_heading: 'north' }],
    ['beam_heading_update', {}],
    ['beam_heading_visibility_update', { beam_heading_visible: 1 }],
    ['bans_update', { banned_callsigns: [], total: 0 }],
    ['something_new', { x: 1 }],
  ])('%s %j', (name, data) => {
    const s = start();
    expect(applyPublicEvent(s, name, data, 99)).toBe(s);
  });

  it('drops queue entries and worked callers it cannot read, keeps the rest', () => {
    const s = applyPublicEvent(emptyPublicState(), 'queue_update', {
      ...queueData(['W1AW']),
      queue: [entry('W1AW', 1), { position: 2 }, 'K1ABC'],
    });
    expect(s.queue.queue.map((e) => e.callsign)).toEqual(['W1AW']);
    const w = applyPublicEvent(emptyPublicState(), 'worked_callers_update', { worked_caller: {}, total: 12 });
    expect(w.worked).toEqual({ worked_callers: [], total: 12 });
  });
});

describe('applyPublicEvent: seq ordering', () => {
  it('takes the seq of an applied event and ignores events at or below the state seq', () => {
    let s = applyPublicEvent(emptyPublicState(), 'system_status', { active: true }, 10);
    expect(s.seq).toBe(10);
    const same = applyPublicEvent(s, 'system_status', { active: false }, 10);
    const older = applyPublicEvent(s, 'system_status', { active: false }, 9);
    expect(same).toBe(s);
    expect(older).toBe(s);
    s = applyPublicEvent(s, 'system_status', { active: false }, 11);
    expect(s).toMatchObject({ seq: 11, system: { active: false } });
  });

  it('applies an event without a seq and keeps the state seq', () => {
    const s = applyPublicEvent(
      { ...emptyPublicState(), seq: 40 },
      'queue_pause_update',
      { paused: true },
      null,
    );
    expect(s).toMatchObject({ seq: 40, system: { paused: true } });
  });

  it('after a snapshot, applies only the held-back events newer than it, in order', () => {
    let pending = holdPublicEvent([], {
      seq: 4,
      event: { name: 'queue_update', data: queueData(['OLD1A']) },
    });
    pending = holdPublicEvent(pending, {
      seq: 6,
      event: { name: 'queue_update', data: queueData(['NEW1A']) },
    });
    pending = holdPublicEvent(pending, {
      seq: 7,
      event: { name: 'queue_pause_update', data: { paused: true } },
    });
    pending = holdPublicEvent(pending, { seq: 0, event: { name: 'system_status', data: { active: false } } });
    const snap = parsePublicSnapshot(snapshot(5, ['SNAP1A']))!;
    const s = applyPendingPublicEvents(snap, pending);
    expect(s.queue.queue.map((e) => e.callsign)).toEqual(['NEW1A']);
    expect(s.system).toEqual({ active: true, paused: true });
    expect(s.seq).toBe(7);
  });

  it(`holds back at most ${PENDING_MAX} events, dropping the oldest`, () => {
    let pending = holdPublicEvent([], { seq: 1, event: { name: 'system_status', data: { active: true } } });
    for (let i = 2; i <= PENDING_MAX + 10; i++) {
      pending = holdPublicEvent(pending, {
        seq: i,
        event: { name: 'system_status', data: { active: true } },
      });
    }
    expect(pending).toHaveLength(PENDING_MAX);
    expect(pending[0]?.seq).toBe(11);
  });
});

describe('snapshots', () => {
  it('parsePublicSnapshot reads a whole snapshot into the state', () => {
    const s = parsePublicSnapshot(snapshot(41, ['K1ABC', 'W1AW']));
    expect(s).toMatchObject({
      seq: 41,
      system: { active: true, paused: false },
      frequency: { frequency: '14.205', band: '20m', mode: 'SSB' },
      split: { split: 'up 5' },
      beam_heading: { beam_heading: 45, beam_heading_visible: true },
      current_qso: { callsign: 'EI6JGB' },
      worked: { total: 1 },
      stats: { qsos_last_hour: 12, average_qso_seconds: 95.5 },
    });
    expect(s?.queue.queue.map((e) => e.callsign)).toEqual(['K1ABC', 'W1AW']);
  });

  it('parsePublicSnapshot fills what a slightly different server leaves out, and refuses what is no snapshot', () => {
    const { beam_heading: _b, stats: _s, ...rest } = snapshot(3, []);
    const s = parsePublicSnapshot({ ...rest, system: { active: true } });
    expect(s?.system).toEqual({ active: true, paused: false });
    expect(s?.beam_heading).toEqual({ beam_heading: null, beam_heading_visible: false });
    expect(s?.stats).toEqual({ qsos_last_hour: 0, average_qso_seconds: null });
    expect(parsePublicSnapshot(null)).toBeNull();
    expect(parsePublicSnapshot({ ...snapshot(3, []), seq: 'x' })).toBeNull();
    expect(parsePublicSnapshot({ ...snapshot(3, []), queue: { queue: 'x' } })).toBeNull();
    const { current_qso: _c, ...noQso } = snapshot(3, []);
    expect(parsePublicSnapshot(noQso)).toBeNull();
  });

  it('applyPublicSnapshot replaces what the snapshot carries and keeps what it lacks', () => {
    const before = applyPublicEvent(
      emptyPublicState(),
      'split_update',
      { split: 'up 2', last_updated: null },
      3,
    );
    const s = applyPublicSnapshot(before, {
      seq: 9,
      system: { active: true, paused: true },
      queue: queueData(['W1AW']),
    });
    expect(s.seq).toBe(9);
    expect(s.system).toEqual({ active: true, paused: true });
    expect(s.queue.total).toBe(1);
    expect(s.split.split).toBe('up 2');
    expect(applyPublicSnapshot(before, 'garbage')).toBe(before);
    expect(applyPublicSnapshot(before, { queue: { queue: 'x' } }).queue).toBe(before.queue);
  });

  it('takes a snapshot with a lower seq (the server restarted) as the truth', () => {
    const late = applyPublicSnapshot(emptyPublicState(), snapshot(900, ['W1AW']));
    const restarted = applyPublicSnapshot(late, snapshot(2, []));
    expect(restarted.seq).toBe(2);
    expect(
      applyPublicEvent(restarted, 'queue_update', queueData(['K1ABC']), 3).queue.queue[0]?.callsign,
    ).toBe('K1ABC');
  });
});

it('knows the public event names from the one list (shared/protocol/events.ts)', () => {
  for (const name of PUBLIC_EVENTS) expect(isPublicEventName(name)).toBe(true);
  expect(isPublicEventName('bans_update')).toBe(false);
  expect(isPublicEventName('toString')).toBe(false);
});
