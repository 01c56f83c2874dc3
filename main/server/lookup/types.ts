import type { LookupInfo } from '../../../shared/protocol/types.js';
import type { CallsignLookup } from '../domain/types.js';

/** What the Station needs from callsign intelligence: the port is the domain's, the lookups provide it. */
export type { CallsignLookup } from '../domain/types.js';

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

/** The lookup used when nothing better is configured: knows only the callsign. */
export const nullLookup: CallsignLookup = {
  resolveNow: (callsign) => emptyLookup(callsign),
  enrich: async () => null,
};
