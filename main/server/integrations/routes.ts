/** The integrations' HTTP routes (the original's paths where it has them), handed to the core by compose.ts. */
import { sendAdifDownload } from '../transports/http/downloads.js';
import { body, query, type Route } from '../transports/http/routes.js';

/** The ADIF import: a whole log (at most 64 MiB, checked by the operation), as text or base64, in JSON. */
export const ADIF_IMPORT_PATH = '/api/admin/qsos/import';
export const ADIF_IMPORT_BODY_BYTES = 2 * 65 * 1024 * 1024;

export const integrationRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/admin/qsos.adi',
    operation: 'admin.export_adif',
    input: query,
    send: sendAdifDownload,
  },
  {
    method: 'GET',
    path: '/api/admin/qsos.adx',
    operation: 'admin.export_adx',
    input: query,
    send: sendAdifDownload,
  },
  {
    method: 'POST',
    path: ADIF_IMPORT_PATH,
    operation: 'admin.import_adif',
    input: body,
    maxBodyBytes: ADIF_IMPORT_BODY_BYTES,
  },
  { method: 'GET', path: ADIF_IMPORT_PATH, operation: 'admin.get_adif_import' },
  { method: 'GET', path: '/api/admin/integrations', operation: 'admin.get_integrations' },
  { method: 'POST', path: '/api/admin/integrations', operation: 'admin.set_integrations', input: body },
];
