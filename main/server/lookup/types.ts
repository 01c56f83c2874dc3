import type { LookupInfo } from '../../../shared/protocol/types.js';

/**
 * What the Station needs from callsign intelligence. Implementations never block a registration:
 * `resolveNow` is offline and synchronous (DXCC from cty.csv); `enrich` goes online (QRZ.com, HamQTH)
 * and settles later. `enrich` never rejects: failures resolve to null (and are reported through the
 * service's own status).
 */
export interface CallsignLookup {
  resolveNow(callsign: string): LookupInfo;
  enrich(callsign: string): Promise<LookupInfo | null>;
  close?(): Promise<void>;
}

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
