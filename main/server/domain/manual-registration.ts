import type { LookupInfo } from '../../../shared/protocol/types.js';

/**
 * Whether the lookup knows anything about a callsign (a DXCC entity or a name). Manual registration, where the
 * caller types name, location and country, is only for callsigns it knows nothing about: otherwise a caller
 * could replace what the log records about them with free text.
 */
export function hasLookupData(info: LookupInfo): boolean {
  return info.dxcc !== null || info.name !== null;
}
