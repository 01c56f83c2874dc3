/**
 * Importing a country file (cty.csv or cty.dat). A real file is about 200 KB to 1 MB, more than a WebSocket frame
 * may carry (64 KiB), so it goes over HTTP: `POST /api/admin/lookup/cty` with `{filename, content}` and the
 * console's session token as `Authorization: Bearer`. The server checks the file before it replaces the active one.
 */
import { isRecord, str } from './json.js';
import { parseCty, type CtyView } from './lookup-view.js';

export const CTY_IMPORT_PATH = '/api/admin/lookup/cty';
/** The server refuses larger files (CTY_TOO_LARGE); checked here first so a huge file is not sent at all. */
export const MAX_CTY_BYTES = 5 * 1024 * 1024;

export type CtyImportResult =
  { ok: true; message: string; summary: CtyView | null } | { ok: false; code: string; message: string };

export interface CtyImportRequest {
  /** The server's origin, e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** The console's session token. */
  token: string | null;
  filename: string;
  content: string;
  fetchImpl?: typeof fetch;
}

/** The error of a failed HTTP answer: `{code, detail}` (detail a string, or a list for validation errors). */
function failure(status: number, body: unknown): { ok: false; code: string; message: string } {
  const b = isRecord(body) ? body : {};
  const code = str(b.code) ?? `HTTP_${status}`;
  const detail = str(b.detail) ?? str(b.message);
  return { ok: false, code, message: detail ?? `The server answered HTTP ${status}` };
}

export async function importCty(request: CtyImportRequest): Promise<CtyImportResult> {
  if (!request.token) return { ok: false, code: 'NOT_SIGNED_IN', message: 'The console is not signed in' };
  if (request.content.length === 0) {
    return { ok: false, code: 'CTY_EMPTY', message: `${request.filename} is empty` };
  }
  if (new TextEncoder().encode(request.content).length > MAX_CTY_BYTES) {
    return {
      ok: false,
      code: 'CTY_TOO_LARGE',
      message: `${request.filename} is larger than ${MAX_CTY_BYTES / 1024 / 1024} MB`,
    };
  }
  const doFetch = request.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(new URL(CTY_IMPORT_PATH, request.baseUrl).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${request.token}` },
      body: JSON.stringify({ filename: request.filename, content: request.content }),
    });
  } catch (error) {
    const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
    return { ok: false, code: 'NETWORK_ERROR', message: `Could not reach the server${reason}` };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) return failure(response.status, body);
  const b = isRecord(body) ? body : {};
  return {
    ok: true,
    message: str(b.message) ?? `Country file ${request.filename} imported`,
    summary: parseCty(b.summary),
  };
}
