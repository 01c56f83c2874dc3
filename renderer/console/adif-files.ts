/**
 * ADIF files from the log tab: the ADX download beside the ADI one, and an import of an ADI or ADX file with
 * its progress (the import request runs while `admin.get_adif_import` is polled).
 *
 * A mega-DXpedition's log (100,000 QSOs, 25-40 MiB) is far larger than a WebSocket message may be, so the file
 * goes over HTTP: `POST /api/admin/qsos/import` with `{filename, content, encoding}` and the console's session
 * token as `Authorization: Bearer`. The server takes files up to 64 MiB (ADIF_TOO_LARGE beyond, 413); the console
 * checks that first, so a larger file is not sent at all.
 */
import { getClient, getServerUrl } from './current-client.js';
import { isRecord, str } from './json.js';
import { OPS } from './operations.js';
import { toast } from './store.js';

export const ADIF_IMPORT_PATH = '/api/admin/qsos/import';
/** The server's limit for one ADIF file (integrations/operations.ts ADIF_IMPORT_MAX_BYTES). */
export const MAX_ADIF_BYTES = 64 * 1024 * 1024;

export interface ImportView {
  state: 'idle' | 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  imported: number;
  duplicates: number;
  bad: number;
  errors: { position: number; message: string }[];
}

function isImportView(value: unknown): value is ImportView {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { state?: unknown }).state === 'string' &&
    typeof (value as { processed?: unknown }).processed === 'number'
  );
}

/** One line for the operator: "12,000 of 100,000 records, 11,990 new, 8 already in the log, 2 bad". */
export function importSummary(p: ImportView): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const head =
    p.state === 'running' ? `Importing: ${n(p.processed)} of ${n(p.total)} records` : `${n(p.total)} records`;
  return `${head}, ${n(p.imported)} new, ${n(p.duplicates)} already in the log, ${n(p.bad)} bad`;
}

/** The file as the import operation takes it: text when it is UTF-8, else base64 (a Latin-1 file). */
export async function importContent(file: Blob): Promise<{ content: string; encoding: 'text' | 'base64' }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { content: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'text' };
  } catch {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { content: btoa(binary), encoding: 'base64' };
  }
}

export type AdifImportResult = { ok: true; view: ImportView } | { ok: false; code: string; message: string };

export interface AdifImportRequest {
  /** The server's origin, e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** The console's session token. */
  token: string | null;
  filename: string;
  content: string;
  encoding: 'text' | 'base64';
  /** The file's size in bytes, checked against the server's limit before anything is sent. */
  bytes: number;
  fetchImpl?: typeof fetch;
}

/** Sends one ADIF file to the server's HTTP import; answers its final progress or the server's refusal. */
export async function postAdifImport(request: AdifImportRequest): Promise<AdifImportResult> {
  if (!request.token) return { ok: false, code: 'NOT_SIGNED_IN', message: 'The console is not signed in' };
  if (request.bytes > MAX_ADIF_BYTES) {
    return {
      ok: false,
      code: 'ADIF_TOO_LARGE',
      message: `${request.filename} is larger than ${MAX_ADIF_BYTES / 1024 / 1024} MiB`,
    };
  }
  const doFetch = request.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(new URL(ADIF_IMPORT_PATH, request.baseUrl).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${request.token}` },
      body: JSON.stringify({
        filename: request.filename,
        content: request.content,
        encoding: request.encoding,
      }),
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
  const b = isRecord(body) ? body : {};
  if (!response.ok) {
    const detail = str(b.detail) ?? str(b.message);
    return {
      ok: false,
      code: str(b.code) ?? `HTTP_${response.status}`,
      message: detail ?? `The server answered HTTP ${response.status}`,
    };
  }
  if (!isImportView(body)) {
    return { ok: false, code: 'BAD_ANSWER', message: 'The server answered something unexpected' };
  }
  return { ok: true, view: body };
}

/** Imports a file, reporting progress while it runs; resolves with the final state (null on failure). */
export async function importAdifFile(
  file: File,
  onProgress: (p: ImportView) => void,
): Promise<ImportView | null> {
  const client = getClient();
  if (!client) return null;
  if (file.size > MAX_ADIF_BYTES) {
    toast(
      'error',
      `Could not import ${file.name}: larger than ${MAX_ADIF_BYTES / 1024 / 1024} MiB (ADIF_TOO_LARGE)`,
    );
    return null;
  }
  const { content, encoding } = await importContent(file);
  let done = false;
  const poll = async (): Promise<void> => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (done) return;
      try {
        const p = await client.request(OPS.adifImportProgress, {});
        if (!done && isImportView(p) && p.state === 'running') onProgress(p);
      } catch {
        // progress is a nicety; the import answer says how it went
      }
    }
  };
  void poll();
  const result = await postAdifImport({
    baseUrl: getServerUrl() ?? window.location.origin,
    token: client.token,
    filename: file.name,
    content,
    encoding,
    bytes: file.size,
  });
  done = true;
  if (!result.ok) {
    toast('error', `Could not import ${file.name}: ${result.message} (${result.code})`);
    return null;
  }
  onProgress(result.view);
  toast('success', `Imported ${file.name}: ${importSummary(result.view)}`);
  return result.view;
}
