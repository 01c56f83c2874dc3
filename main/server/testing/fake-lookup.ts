import type { LookupInfo } from '../../../shared/protocol/types.js';
import { emptyLookup, type CallsignLookup } from '../lookup/types.js';

/** A lookup for tests: every callsign resolves to a made-up DXCC entity, enrich answers what `online` holds. */
export function fakeLookup(online: Record<string, Partial<LookupInfo>> = {}): CallsignLookup & {
  enrichCalls: string[];
} {
  const enrichCalls: string[] = [];
  return {
    enrichCalls,
    resolveNow: (callsign) => ({
      ...emptyLookup(callsign),
      dxcc_name: 'Testland',
      source: 'dxcc',
      dxcc: {
        entity: 'Testland',
        adif: 999,
        prefix: 'T',
        continent: 'EU',
        cq_zone: 14,
        itu_zone: 27,
        lat: 50,
        lon: 8,
        utc_offset: 1,
      },
    }),
    enrich: async (callsign) => {
      enrichCalls.push(callsign);
      const extra = online[callsign];
      return extra ? { ...emptyLookup(callsign), source: 'qrz', ...extra } : null;
    },
  };
}
