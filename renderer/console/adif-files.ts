/**
 * ADIF files from the log tab: the ADX download beside the ADI one, and an import of an ADI or ADX file with
 * its progress (the import request runs while `admin.get_adif_import` is polled).
 */
import { errorText } from './client.js';
import { getClient } from './current-client.js';
import { OPS } from './operations.js';
import { toast } from './store.js';

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

/** Imports a file, reporting progress while it runs; resolves with the final state (null on failure). */
export async function importAdifFile(
  file: File,
  onProgress: (p: ImportView) => void,
): Promise<ImportView | null> {
  const client = getClient();
  if (!client) return null;
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
  try {
    const result = await client.request(OPS.importAdif, { filename: file.name, content, encoding });
    done = true;
    if (!isImportView(result)) return null;
    onProgress(result);
    toast('success', `Imported ${file.name}: ${importSummary(result)}`);
    return result;
  } catch (error) {
    done = true;
    toast('error', `Could not import ${file.name}: ${errorText(error)}`);
    return null;
  }
}
