import { describe, expect, it } from 'vitest';
import { filterLog, windowStart } from './log-filter.js';
import { lookup, qso } from './testing-fixtures.js';

const now = Date.parse('2026-03-02T12:00:00Z');
const log = [
  qso('1', 'DL1ABC', '2026-03-02T11:30:00Z', { qrz: lookup('DL1ABC', 'Hans', 'Fed. Rep. of Germany') }),
  qso('2', 'G4XYZ', '2026-03-02T01:00:00Z', { mode: 'CW', band: '40m' }),
  qso('3', 'JA1ZZZ', '2026-03-01T13:00:00Z'),
  qso('4', 'VK9/EI6JGB/P', '2026-02-20T12:00:00Z'),
];

describe('filterLog', () => {
  it('filters by time window', () => {
    expect(filterLog(log, '', 'hour', now).map((q) => q.id)).toEqual(['1']);
    expect(filterLog(log, '', 'today', now).map((q) => q.id)).toEqual(['1', '2']);
    expect(filterLog(log, '', 'day', now).map((q) => q.id)).toEqual(['1', '2', '3']);
    expect(filterLog(log, '', 'all', now)).toHaveLength(4);
  });

  it('searches callsign, name, DXCC entity, band and mode, every word, any case', () => {
    expect(filterLog(log, 'dl1', 'all', now).map((q) => q.id)).toEqual(['1']);
    expect(filterLog(log, 'germany', 'all', now).map((q) => q.id)).toEqual(['1']);
    expect(filterLog(log, 'hans 20m', 'all', now).map((q) => q.id)).toEqual(['1']);
    expect(filterLog(log, 'cw 40m', 'all', now).map((q) => q.id)).toEqual(['2']);
    expect(filterLog(log, 'ei6jgb/p', 'all', now).map((q) => q.id)).toEqual(['4']);
    expect(filterLog(log, 'nobody', 'all', now)).toEqual([]);
  });

  it('starts "today" at 00:00 UTC', () => {
    expect(windowStart('today', now)).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(windowStart('all', now)).toBeNull();
  });
});
