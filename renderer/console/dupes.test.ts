import { describe, expect, it } from 'vitest';
import type { QsoRecord } from '../../shared/protocol/types.js';
import { dupeMark, dupeTitle, indexLog } from './dupes.js';

const qso = (callsign: string, time_off: string, band: string | null, mode: string | null): QsoRecord =>
  ({
    id: `${callsign}-${time_off}`,
    callsign,
    time_on: time_off,
    time_off,
    band,
    mode,
    frequency: null,
    source: 'queue',
  }) as QsoRecord;

describe('dupe marking', () => {
  const log = [
    qso('DL1ABC', '2026-12-02T01:10:00Z', '20m', 'SSB'),
    qso('G4XYZ', '2026-12-02T01:05:00Z', '40m', 'CW'),
    qso('DL1ABC', '2026-12-02T01:00:00Z', '40m', 'CW'),
  ];
  const index = indexLog(log);

  it('marks a dupe on the same band and mode, with that QSO as the previous one', () => {
    const mark = dupeMark(index, 'DL1ABC', '40m', 'cw');
    expect(mark?.kind).toBe('dupe');
    expect(mark?.previous.time_off).toBe('2026-12-02T01:00:00Z');
    expect(mark?.count).toBe(2);
    expect(dupeTitle(mark!)).toBe('Dupe: worked on this band and mode: 2026-12-02 01:00Z on 40m CW (2 QSOs)');
  });

  it('marks a caller worked on another band or mode as worked, with the latest QSO', () => {
    const mark = dupeMark(index, 'G4XYZ', '20m', 'SSB');
    expect(mark).toMatchObject({ kind: 'worked', count: 1 });
    expect(dupeTitle(mark!)).toBe('Worked before: 2026-12-02 01:05Z on 40m CW');
  });

  it('does not mark a caller never worked, and without a band nothing is a band dupe', () => {
    expect(dupeMark(index, 'EA8/DL1ABC', '20m', 'SSB')).toBeNull();
    expect(dupeMark(index, 'DL1ABC', null, null)?.kind).toBe('worked');
  });
});
