import { describe, expect, it } from 'vitest';
import {
  adifFileName,
  formatDuration,
  qsosLastHour,
  secondsSince,
  utcClock,
  utcDateTime,
  utcTime,
} from './format.js';

describe('formatDuration', () => {
  it('shows minutes and seconds, and hours from one hour on', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3725.9)).toBe('1:02:05');
  });
  it('treats negative and non-finite input as zero', () => {
    expect(formatDuration(-12)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });
});

describe('secondsSince', () => {
  const now = Date.parse('2026-03-01T12:00:30Z');
  it('counts whole seconds from the timestamp', () => {
    expect(secondsSince('2026-03-01T12:00:00Z', now)).toBe(30);
    expect(secondsSince('2026-03-01T11:58:29.500Z', now)).toBe(120);
  });
  it('is zero for missing, bad or future timestamps', () => {
    expect(secondsSince(null, now)).toBe(0);
    expect(secondsSince('yesterday', now)).toBe(0);
    expect(secondsSince('2026-03-01T12:05:00Z', now)).toBe(0);
  });
});

describe('UTC formatting', () => {
  it('formats clock, date-time and time in UTC', () => {
    const ms = Date.parse('2026-03-01T07:08:09Z');
    expect(utcClock(ms)).toBe('07:08:09');
    expect(utcDateTime('2026-03-01T07:08:09Z')).toBe('2026-03-01 07:08Z');
    expect(utcTime('2026-03-01T07:08:09Z')).toBe('07:08Z');
    expect(utcDateTime('nope')).toBe('');
  });
});

describe('adifFileName', () => {
  const now = Date.parse('2026-03-01T07:08:09Z');
  it('names the file after the station and the UTC time', () => {
    expect(adifFileName(now, 'ei6jgb')).toBe('pileup-buster-EI6JGB-20260301-0708Z.adi');
  });
  it('makes portable callsigns safe for file names', () => {
    expect(adifFileName(now, 'VK9/EI6JGB/P')).toBe('pileup-buster-VK9-EI6JGB-P-20260301-0708Z.adi');
  });
  it('leaves the callsign out when there is none', () => {
    expect(adifFileName(now)).toBe('pileup-buster-20260301-0708Z.adi');
    expect(adifFileName(now, '  ')).toBe('pileup-buster-20260301-0708Z.adi');
  });
});

describe('qsosLastHour', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('counts QSOs that ended within the last hour', () => {
    const log = [
      { time_off: '2026-03-01T11:59:00Z' },
      { time_off: '2026-03-01T11:00:01Z' },
      { time_off: '2026-03-01T10:59:59Z' },
    ];
    expect(qsosLastHour(log, now)).toBe(2);
  });
  it('is null for an empty log', () => {
    expect(qsosLastHour([], now)).toBeNull();
  });
});
