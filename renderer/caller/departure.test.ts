import { describe, expect, it } from 'vitest';
import { turnAnnouncement } from './announce.js';
import {
  callsOf,
  departureFromMessage,
  departureMessage,
  inTheLog,
  ordinal,
  parseStoredDeparture,
  storedDeparture,
} from './departure.js';
import { joinBlock } from './join.js';
import { emptyState } from './state.js';

const msg = (data: unknown): string => JSON.stringify({ type: 'caller_left', data, timestamp: 'x' });

describe('caller_left notices on the caller page', () => {
  it('keeps only the notice for this callsign, with its reason', () => {
    const raw = msg({
      callsigns: ['K1ABC', 'W1AW'],
      reason: 'cleared',
      rejoin: true,
      qso: null,
      position: null,
    });
    expect(departureFromMessage(raw, 'W1AW')).toEqual({
      callsign: 'W1AW',
      reason: 'cleared',
      rejoin: true,
      qso: null,
      position: null,
      cooldownUntil: null,
    });
    expect(departureFromMessage(raw, 'N0AA')).toBeNull();
    expect(departureFromMessage(raw, null)).toBeNull();
    expect(departureFromMessage(msg({ callsigns: ['W1AW'], reason: 'exploded' }), 'W1AW')).toBeNull();
    expect(departureFromMessage('not json', 'W1AW')).toBeNull();
  });

  it('says "You\'re in the log" with the QSO\'s own frequency, mode and time', () => {
    const raw = msg({
      callsigns: ['W1AW'],
      reason: 'worked',
      rejoin: true,
      qso: {
        id: 'a',
        callsign: 'W1AW',
        time_on: '2026-05-01T12:34:56.000Z',
        time_off: '2026-05-01T12:35:10.000Z',
        frequency: '14.025',
        band: '20m',
        mode: 'CW',
      },
      position: null,
    });
    const d = departureFromMessage(raw, 'W1AW')!;
    expect(departureMessage(d)).toBe("You're in the log: 14.025 CW at 12:34Z");
    expect(parseStoredDeparture(storedDeparture(d))).toEqual(d);
    expect(inTheLog(null)).toBe("You're in the log.");
  });

  it('words every reason', () => {
    const base = { callsign: 'W1AW', rejoin: true, qso: null, position: null, cooldownUntil: null };
    expect(departureMessage({ ...base, reason: 'cancelled' })).toMatch(/cancelled/);
    expect(departureMessage({ ...base, reason: 'off_air' })).toMatch(/off the air/);
    expect(departureMessage({ ...base, reason: 'no_show', position: 4 })).toMatch(/moved back to #4/);
    expect(departureMessage({ ...base, reason: 'no_show' })).toMatch(/taken off the queue/);
  });

  it('counts calls and orders them', () => {
    expect(callsOf({ calls: 3 })).toBe(3);
    expect(callsOf({})).toBe(1);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
    ]);
  });
});

describe('the turn announcement', () => {
  const radio = {
    frequency: { frequency: '14.025 MHz', band: '20m', mode: 'CW' },
    split: 'UP 2',
    calls: 2,
  };
  it('includes frequency, split and the call count', () => {
    expect(turnAnnouncement({ kind: 'turn' }, 'W1AW', radio)).toBe(
      "It's your turn, W1AW: call now on 14.025 MHz CW, split UP 2! The station is calling you: 2nd call.",
    );
    expect(turnAnnouncement({ kind: 'queued', position: 1, total: 3 }, 'W1AW', radio)).toBe(
      "You're next: number 1 of 3 in the queue. Get ready to call on 14.025 MHz CW, split UP 2.",
    );
    expect(turnAnnouncement({ kind: 'queued', position: 2, total: 3 }, 'W1AW', radio)).toBeNull();
  });
});

describe('the cooldown after a QSO', () => {
  it('becomes an absolute time that survives storage, and blocks the form until it runs out', () => {
    const raw = msg({
      callsigns: ['W1AW'],
      reason: 'worked',
      rejoin: false,
      qso: null,
      position: null,
      retry_after_s: 90,
    });
    const d = departureFromMessage(raw, 'W1AW', 1_000_000)!;
    expect(d.cooldownUntil).toBe(1_090_000);
    expect(parseStoredDeparture(storedDeparture(d))?.cooldownUntil).toBe(1_090_000);
    const s = emptyState();
    const on = { ...s, system: { active: true, paused: false }, queue: { ...s.queue, max_size: 5 } };
    const cooldown = { callsign: 'W1AW', until: 1_090_000, now: 1_000_000 };
    expect(joinBlock(on, cooldown)).toEqual({
      code: 'cooldown',
      callsign: 'W1AW',
      message: 'W1AW was worked recently. You can join again in 1 min 30 s.',
    });
    expect(joinBlock(on, { ...cooldown, now: 1_090_000 })).toBeNull();
  });
});

describe('joinBlock', () => {
  it('explains off air, paused and full before any submit', () => {
    const s = emptyState();
    expect(joinBlock(null)).toBeNull();
    expect(joinBlock(s)?.code).toBe('off_air');
    const on = {
      ...s,
      system: { active: true, paused: false },
      queue: { ...s.queue, max_size: 2, total: 1 },
    };
    expect(joinBlock(on)).toBeNull();
    expect(joinBlock({ ...on, system: { active: true, paused: true } })?.code).toBe('paused');
    expect(joinBlock({ ...on, queue: { ...on.queue, total: 2 } })?.message).toMatch(/full \(2 stations\)/);
  });
});
