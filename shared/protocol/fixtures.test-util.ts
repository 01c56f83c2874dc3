/** Builders of wire objects (shared/protocol/types.ts) for unit tests of the code that reads them. */
import type { PositionView } from './positions.js';
import type { CurrentQso, LookupInfo, QueueEntry, WorkedCaller } from './types.js';

export function lookup(callsign: string, extra: Partial<LookupInfo> = {}): LookupInfo {
  return {
    callsign,
    name: null,
    address: null,
    dxcc_name: null,
    image: null,
    grid: { lat: null, long: null, grid: null },
    error: null,
    dxcc: null,
    source: 'none',
    ...extra,
  };
}

export function entry(callsign: string, position: number): QueueEntry {
  return { callsign, position, timestamp: '2026-01-01T10:00:00Z', qrz: lookup(callsign), time_in_queue: 1 };
}

export function worked(callsign: string, at: string): WorkedCaller {
  return {
    callsign,
    name: null,
    location: null,
    country: null,
    qrz_image: null,
    grid: { lat: null, long: null, grid: null },
    worked_timestamp: at,
    first_worked: at,
    times_worked: 1,
    band: null,
    mode: null,
    dxcc: null,
  };
}

export function qso(callsign: string): CurrentQso {
  return { callsign, timestamp: '2026-01-01T10:00:00Z', qrz: lookup(callsign), metadata: {} };
}

/** An operating position as positions.list and position_update carry it (on the air, nothing set). */
export function positionView(id: string, extra: Partial<PositionView> = {}): PositionView {
  return {
    id,
    name: id === 'default' ? 'Default' : `Position ${id}`,
    is_default: id === 'default',
    created_at: '2026-01-01T00:00:00.000Z',
    frequency: null,
    band: null,
    mode: null,
    split: null,
    beam_heading: null,
    active: true,
    paused: false,
    queue_length: 0,
    max_size: 10,
    current_callsign: null,
    ...extra,
  };
}
