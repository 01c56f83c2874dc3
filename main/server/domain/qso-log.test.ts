import { describe, expect, it } from 'vitest';
import { fakeLookup } from '../testing/fake-lookup.js';
import { toRecord } from './load.js';
import { QsoLog } from './qso-log.js';

const qso = (id: string, off: string, position_id?: string) =>
  toRecord({
    _id: id,
    callsign: 'W1AW',
    band: '20m',
    mode: 'CW',
    frequency: null,
    time_on: off,
    time_off: off,
    source: 'test',
    qrz: fakeLookup().resolveNow('W1AW'),
    ...(position_id !== undefined ? { position_id } : {}),
  });

describe('QsoLog.stats', () => {
  const now = Date.parse('2026-12-02T12:00:00.000Z');
  const log = new QsoLog([
    qso('old', '2026-12-02T10:00:00.000Z'),
    qso('a', '2026-12-02T11:10:00.000Z'),
    qso('b', '2026-12-02T11:20:00.000Z', 'run-2'),
    qso('c', '2026-12-02T11:30:00.000Z', 'default'),
    qso('d', '2026-12-02T11:40:00.000Z', 'run-2'),
  ]);

  it('counts the last hour of the whole log', () => {
    expect(log.stats(now)).toEqual({ qsos_last_hour: 4, average_qso_seconds: 600 });
  });

  it("counts one position's QSOs (without position_id: the default position's)", () => {
    expect(log.stats(now, 'run-2')).toEqual({ qsos_last_hour: 2, average_qso_seconds: 1200 });
    expect(log.stats(now, 'default')).toEqual({ qsos_last_hour: 2, average_qso_seconds: 1200 });
    expect(log.stats(now, 'cw')).toEqual({ qsos_last_hour: 0, average_qso_seconds: null });
  });
});
