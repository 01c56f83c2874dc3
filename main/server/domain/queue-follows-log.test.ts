import { describe, expect, it } from 'vitest';
import type { QsoRecord } from '../../../shared/protocol/types.js';
import { loggedQueuedCallers } from './queue-follows-log.js';

const qso = (callsign: string, time_on: string): QsoRecord =>
  ({ id: `${callsign}-${time_on}`, callsign, time_on, time_off: time_on }) as QsoRecord;

describe('the queue follows the log', () => {
  it('takes out each queued caller once, with their newest QSO, and nobody who is not queued', () => {
    const records = [
      qso('W1AW', '2026-01-01T10:00:00.000Z'),
      qso('K1ABC', '2026-01-01T10:01:00.000Z'),
      qso('W1AW', '2026-01-02T09:00:00.000Z'),
      qso('W1AW', '2026-01-01T11:00:00.000Z'),
    ];
    const queued = new Set(['W1AW', 'G4XYZ']);
    expect(loggedQueuedCallers(records, (c) => queued.has(c)).map((r) => r.id)).toEqual([
      'W1AW-2026-01-02T09:00:00.000Z',
    ]);
    expect(loggedQueuedCallers(records, () => false)).toEqual([]);
  });
});
