/** What the Station needs from callsign intelligence: the port is the domain's, the lookups provide it. */
export type { CallsignLookup } from '../domain/types.js';
export { emptyLookup, nullLookup } from '../domain/no-lookup.js';
