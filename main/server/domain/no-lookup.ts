import type { LookupInfo } from '../../../shared/protocol/types.js';
import type { CallsignLookup } from './types.js';

/** A LookupInfo with nothing known but the callsign. */
export function emptyLookup(callsign: string, error: string | null = null): LookupInfo {
  return {
    callsign,
    name: null,
    address: null,
    dxcc_name: null,
    image: null,
    grid: { lat: null, long: null, grid: null },
    error,
    dxcc: null,
    source: 'none',
  };
}

/** The Station's lookup when no callsign lookups are configured: knows only the callsign. */
export const nullLookup: CallsignLookup = {
  resolveNow: (callsign) => emptyLookup(callsign),
  enrich: async () => null,
};
