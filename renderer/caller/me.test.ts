import { describe, expect, it } from 'vitest';
import { qso, stationWith, worked } from './fixtures.test-util.js';
import {
  alertLevel,
  isEscalation,
  myStatus,
  needsFarPosition,
  pageTitle,
  positionAnnouncement,
} from './me.js';

describe('myStatus', () => {
  const station = stationWith(['A1A', 'W1AW', 'K1ABC']);

  it('finds the caller in the queue', () => {
    expect(myStatus(station, 'W1AW')).toEqual({ kind: 'queued', position: 2, total: 3 });
  });

  it('says when it is their turn', () => {
    expect(myStatus({ ...station, current_qso: qso('W1AW') }, 'W1AW')).toEqual({ kind: 'turn' });
  });

  it('knows a worked caller and an absent one', () => {
    const s = {
      ...station,
      worked: { worked_callers: [worked('EI6JGB', '2026-01-01T10:00:00Z')], total: 1 },
    };
    expect(myStatus(s, 'EI6JGB')).toEqual({ kind: 'worked', at: '2026-01-01T10:00:00Z' });
    expect(myStatus(s, 'G0ABC')).toEqual({ kind: 'absent' });
    expect(myStatus(s, null)).toEqual({ kind: 'none' });
  });
});

describe('a caller beyond the entries a long queue lists', () => {
  const listed = stationWith(['A1A', 'W1AW']);
  const truncated = { ...listed, queue: { ...listed.queue, total: 1500, truncated: true } };

  it('asks the server only when the list is cut short and the caller is not in it', () => {
    expect(needsFarPosition(truncated, 'K1ABC')).toBe(true);
    expect(needsFarPosition(truncated, 'W1AW')).toBe(false);
    expect(needsFarPosition(listed, 'K1ABC')).toBe(false);
    expect(needsFarPosition({ ...truncated, current_qso: qso('K1ABC') }, 'K1ABC')).toBe(false);
    expect(needsFarPosition(truncated, null)).toBe(false);
  });

  it("shows the place the server gave, for that caller's callsign only", () => {
    const far = { callsign: 'K1ABC', position: 1203 };
    expect(myStatus(truncated, 'K1ABC', far)).toEqual({ kind: 'queued', position: 1203, total: 1500 });
    expect(myStatus(truncated, 'G0ABC', far)).toEqual({ kind: 'absent' });
    // a full list is the truth: the caller is not queued
    expect(myStatus({ ...listed, queue: { ...listed.queue, total: 2 } }, 'K1ABC', far)).toEqual({
      kind: 'absent',
    });
  });
});

describe('alerts', () => {
  it('levels: turn, next (position 1), none', () => {
    expect(alertLevel({ kind: 'turn' })).toBe('turn');
    expect(alertLevel({ kind: 'queued', position: 1, total: 4 })).toBe('next');
    expect(alertLevel({ kind: 'queued', position: 2, total: 4 })).toBe('none');
  });

  it('escalates only upwards', () => {
    expect(isEscalation('none', 'next')).toBe(true);
    expect(isEscalation('next', 'turn')).toBe(true);
    expect(isEscalation('turn', 'none')).toBe(false);
    expect(isEscalation('next', 'next')).toBe(false);
  });

  it('puts the place in the page title and the announcement', () => {
    expect(pageTitle({ kind: 'queued', position: 3, total: 7 })).toBe('#3 of 7 · Pileup Buster');
    expect(pageTitle({ kind: 'queued', position: 1, total: 7 })).toMatch(/^You're next/);
    expect(pageTitle({ kind: 'turn' })).toMatch(/YOUR TURN/);
    expect(pageTitle({ kind: 'none' })).toBe('Pileup Buster');
    expect(positionAnnouncement({ kind: 'queued', position: 3, total: 7 }, 'W1AW')).toBe(
      'You are number 3 of 7 in the queue.',
    );
    expect(positionAnnouncement({ kind: 'turn' }, 'W1AW')).toContain('your turn, W1AW');
  });
});
