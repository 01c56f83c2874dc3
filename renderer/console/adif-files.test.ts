import { describe, expect, it } from 'vitest';
import { importContent, importSummary, MAX_ADIF_BYTES, postAdifImport } from './adif-files.js';

describe('ADIF files in the log tab', () => {
  it('sends a UTF-8 file as text and a Latin-1 file as base64', async () => {
    expect(await importContent(new Blob(['<CALL:4>W1AW <NAME:6>Jürgen <EOR>']))).toEqual({
      content: '<CALL:4>W1AW <NAME:6>Jürgen <EOR>',
      encoding: 'text',
    });
    const latin1 = new Uint8Array([0x3c, 0x4e, 0x3e, 0xfc]); // "<N>ü" in Latin-1, not valid UTF-8
    expect(await importContent(new Blob([latin1]))).toEqual({ content: 'PE4+/A==', encoding: 'base64' });
  });

  it('says how far an import is', () => {
    const p = { processed: 12_000, total: 100_000, imported: 11_990, duplicates: 8, bad: 2, errors: [] };
    expect(importSummary({ ...p, state: 'running' })).toBe(
      'Importing: 12,000 of 100,000 records, 11,990 new, 8 already in the log, 2 bad',
    );
    expect(importSummary({ ...p, state: 'done' })).toBe(
      '100,000 records, 11,990 new, 8 already in the log, 2 bad',
    );
  });

  it('sends the file over HTTP with the session token, not over the WebSocket', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const view = { state: 'done', processed: 2, total: 2, imported: 2, duplicates: 0, bad: 0, errors: [] };
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ message: 'Imported 2 QSOs', ...view }), { status: 200 });
    }) as unknown as typeof fetch;
    const r = await postAdifImport({
      baseUrl: 'http://127.0.0.1:8000',
      token: 'tok',
      filename: 'log.adi',
      content: '<CALL:4>W1AW <EOR>',
      encoding: 'text',
      bytes: 18,
      fetchImpl,
    });
    expect(r).toMatchObject({ ok: true, view: { imported: 2, state: 'done' } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://127.0.0.1:8000/api/admin/qsos/import');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      filename: 'log.adi',
      content: '<CALL:4>W1AW <EOR>',
      encoding: 'text',
    });
  });

  it("says the server's refusal with its code, and does not send a file beyond the cap", async () => {
    let sent = 0;
    const refuse = (async () => {
      sent += 1;
      return new Response(JSON.stringify({ code: 'ADIF_TOO_LARGE', detail: 'At most 67108864 bytes' }), {
        status: 413,
      });
    }) as unknown as typeof fetch;
    const base = {
      baseUrl: 'http://x',
      token: 't',
      filename: 'big.adi',
      content: '',
      encoding: 'text' as const,
    };
    expect(await postAdifImport({ ...base, bytes: 10, fetchImpl: refuse })).toEqual({
      ok: false,
      code: 'ADIF_TOO_LARGE',
      message: 'At most 67108864 bytes',
    });
    expect(sent).toBe(1);
    expect(await postAdifImport({ ...base, bytes: MAX_ADIF_BYTES + 1, fetchImpl: refuse })).toMatchObject({
      ok: false,
      code: 'ADIF_TOO_LARGE',
    });
    expect(sent).toBe(1);
    expect(await postAdifImport({ ...base, token: null, bytes: 10, fetchImpl: refuse })).toMatchObject({
      ok: false,
      code: 'NOT_SIGNED_IN',
    });
  });
});
