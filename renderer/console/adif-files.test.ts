import { describe, expect, it } from 'vitest';
import { importContent, importSummary } from './adif-files.js';

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
});
