import type { ServerResponse } from 'node:http';
import { sendBody } from './http-io.js';

/** The fields of `admin.export_adif`'s result that its download needs. */
interface AdifDownload {
  adif: string;
  content_type: string;
  filename: string;
  count: number;
}

/** The answer of GET /api/admin/qsos.adi: the export's ADI document as a file download. */
export function sendAdifDownload(res: ServerResponse, output: unknown): void {
  const out = output as AdifDownload;
  sendBody(res, 200, out.content_type, out.adif, {
    'Content-Disposition': `attachment; filename="${out.filename.replace(/["\\\r\n]/g, '_')}"`,
    'X-QSO-Count': String(out.count),
  });
}
