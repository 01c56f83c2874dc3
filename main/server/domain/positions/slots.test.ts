import { describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { QsoLog } from '../qso-log.js';
import { toRecord } from '../load.js';
import { describeSlots, slotOf, WorkedSlots } from './slots.js';

describe('band-mode slots', () => {
  it('reads the slot of a record or a position', () => {
    expect(slotOf({ band: '20m', mode: 'CW' })).toEqual({ band: '20m', mode: 'CW' });
    expect(slotOf({ frequency: '7.074', mode: 'FT8' })).toEqual({ band: '40m', mode: 'FT8' });
    expect(slotOf({ band: '20M', mode: 'MFSK', submode: 'FT4' })).toEqual({ band: '20m', mode: 'FT4' });
    expect(slotOf({ band: '20m', mode: 'SSB', submode: 'USB' })).toEqual({ band: '20m', mode: 'SSB' });
    expect(slotOf({ band: '20m', mode: 'usb' })).toEqual({ band: '20m', mode: 'SSB' });
    expect(slotOf({ band: null, mode: 'CW' })).toBe(null);
    expect(slotOf({ band: '20m', mode: null })).toBe(null);
  });

  it('knows which slots an operator has, by base call', () => {
    const worked = WorkedSlots.from(
      [
        { callsign: 'W1AW', band: '20m', mode: 'CW' },
        { callsign: 'W1AW/P', frequency: '7.074', mode: 'FT8' },
        { callsign: 'K1ABC', band: '20m', mode: 'SSB' },
        { callsign: 'N0AA', band: null, mode: 'CW' },
      ],
      'base_call',
    );
    expect(describeSlots(worked.of('VE3/W1AW'))).toBe('20m CW, 40m FT8');
    expect(worked.has('W1AW/QRP', { band: '40m', mode: 'FT8' })).toBe(true);
    expect(worked.has('K1ABC', { band: '20m', mode: 'CW' })).toBe(false);
    expect(worked.of('N0AA')).toEqual([]);
    const exact = WorkedSlots.from([{ callsign: 'W1AW/P', band: '20m', mode: 'CW' }], 'exact');
    expect(exact.has('W1AW', { band: '20m', mode: 'CW' })).toBe(false);
  });

  it('follows the QSO log: additions at once, edits and deletions by a rebuild', () => {
    const qso = (id: string, callsign: string, band: string, mode: string, off: string) =>
      toRecord({
        _id: id,
        callsign,
        band,
        mode,
        frequency: null,
        time_on: off,
        time_off: off,
        source: 'test',
        qrz: fakeLookup().resolveNow(callsign),
      });
    const log = new QsoLog([qso('a', 'W1AW', '20m', 'CW', '2026-12-02T01:00:00.000Z')]);
    const worked = WorkedSlots.following(log, 'base_call');
    expect(describeSlots(worked.of('W1AW'))).toBe('20m CW');
    log.add(qso('b', 'W1AW/P', '40m', 'FT8', '2026-12-02T02:00:00.000Z'));
    log.addMany([qso('c', 'K1ABC', '15m', 'SSB', '2026-12-02T00:30:00.000Z')]);
    expect(describeSlots(worked.of('W1AW'))).toBe('20m CW, 40m FT8');
    expect(worked.has('K1ABC', { band: '15m', mode: 'SSB' })).toBe(true);
    log.replaceAt(log.indexOf('a'), qso('a', 'W1AW', '20m', 'SSB', '2026-12-02T01:00:00.000Z'));
    expect(describeSlots(worked.of('W1AW'))).toBe('20m SSB, 40m FT8');
    log.removeAt(log.indexOf('b'));
    expect(describeSlots(worked.of('W1AW'))).toBe('20m SSB');
    // The whole log read in the background (records logged meanwhile are kept beside it).
    log.replaceAll([
      qso('d', 'N0AA', '10m', 'CW', '2026-12-01T00:00:00.000Z'),
      qso('a', 'W1AW', '20m', 'RTTY', '2026-12-02T01:00:00.000Z'),
    ]);
    expect(describeSlots(worked.of('W1AW'))).toBe('20m RTTY');
    expect(describeSlots(worked.of('N0AA'))).toBe('10m CW');
  });
});
