import { describe, expect, it } from 'vitest';
import {
  adifFileName,
  ago,
  formatBytes,
  formatDuration,
  formatMs,
  formatUptime,
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

describe('figures', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('says how long ago a time was', () => {
    expect(ago('2026-03-01T12:00:00Z', now)).toBe('just now');
    expect(ago('2026-03-01T11:59:48Z', now)).toBe('12 s ago');
    expect(ago('2026-03-01T11:57:00Z', now)).toBe('3 min ago');
    expect(ago('2026-03-01T10:00:00Z', now)).toBe('2 h ago');
    expect(ago('2026-02-25T12:00:00Z', now)).toBe('4 d ago');
    expect(ago('2026-03-01T12:05:00Z', now)).toBe('just now');
    expect(ago(null, now)).toBe('');
    expect(ago('garbage', now)).toBe('');
  });

  it('formats bytes, uptime and milliseconds', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(20_480)).toBe('20.0 KiB');
    expect(formatBytes(80 * 1024 * 1024)).toBe('80.0 MiB');
    expect(formatUptime(42)).toBe('42 s');
    expect(formatUptime(300)).toBe('5 min');
    expect(formatUptime(3 * 3600 + 7 * 60)).toBe('3 h 07 min');
    expect(formatUptime(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h');
    expect(formatMs(0.4213)).toBe('0.42 ms');
    expect(formatMs(3.14)).toBe('3.1 ms');
    expect(formatMs(120.4)).toBe('120 ms');
    expect(formatMs(null)).toBe('–');
  });
});
