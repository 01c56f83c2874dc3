/** Small builders of wire objects for the console's unit tests. */
import { positionView as sharedPositionView } from '../../shared/protocol/fixtures.test-util.js';
import type { PositionView } from '../../shared/protocol/positions.js';
import type { LookupInfo, QsoRecord, QueueEntry } from '../../shared/protocol/types.js';

export function lookup(
  callsign: string,
  name: string | null = null,
  entity: string | null = null,
): LookupInfo {
  return {
    callsign,
    name,
    address: null,
    dxcc_name: entity,
    image: null,
    grid: { lat: null, long: null, grid: null },
    error: null,
    dxcc: entity
      ? {
          entity,
          adif: 1,
          prefix: callsign.slice(0, 2),
          continent: 'EU',
          cq_zone: 14,
          itu_zone: 27,
          lat: 0,
          lon: 0,
          utc_offset: 0,
        }
      : null,
    source: entity ? 'dxcc' : 'none',
  };
}

export function entry(callsign: string, position: number, timestamp = '2026-03-01T12:00:00Z'): QueueEntry {
  return { callsign, position, timestamp, qrz: lookup(callsign), time_in_queue: 0 };
}

export function qso(
  id: string,
  callsign: string,
  timeOff: string,
  extra: Partial<QsoRecord> = {},
): QsoRecord {
  return {
    id,
    callsign,
    time_on: timeOff,
    time_off: timeOff,
    frequency: '14.205',
    band: '20m',
    mode: 'SSB',
    source: 'queue',
    qrz: lookup(callsign),
    ...extra,
  };
}

/** An operating position as positions.list and position_update carry it (on the air, nothing set). */
export function positionView(id: string, patch: Partial<PositionView> = {}): PositionView {
  return sharedPositionView(id, {
    name: id === 'default' ? 'Main' : `Run ${id}`,
    created_at: '2026-03-01T10:00:00.000Z',
    max_size: 50,
    ...patch,
  });
}
