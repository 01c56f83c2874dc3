/** The lookups' HTTP routes, handed to the core by compose.ts. */
import { body, callsign, type Route } from '../transports/http/routes.js';

/** The country-file import: a whole cty.csv in the body. */
export const CTY_IMPORT_PATH = '/api/admin/lookup/cty';
/** Room for the largest cty.csv the lookups accept (5 MiB, checked by the operation) and its JSON quoting. */
export const CTY_IMPORT_BODY_BYTES = 6 * 1024 * 1024;

export const lookupRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/admin/lookup', operation: 'admin.get_lookup_status' },
  { method: 'POST', path: '/api/admin/lookup', operation: 'admin.set_lookup_config', input: body },
  {
    method: 'POST',
    path: CTY_IMPORT_PATH,
    operation: 'admin.import_cty',
    input: body,
    maxBodyBytes: CTY_IMPORT_BODY_BYTES,
  },
  {
    method: 'GET',
    path: '/api/admin/lookup/callsign/*callsign',
    operation: 'admin.lookup_callsign',
    input: callsign,
  },
];
