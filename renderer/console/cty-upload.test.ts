import { describe, expect, it } from 'vitest';
import { importCty, MAX_CTY_BYTES } from './cty-upload.js';

interface Sent {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: unknown, sent: Sent[]): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

const base = { baseUrl: 'http://127.0.0.1:8000/console/', token: 'tok-1', filename: 'cty.csv', content: 'x' };

describe('importCty', () => {
  it('posts the file over HTTP with the session token and reads the summary', async () => {
    const sent: Sent[] = [];
    const result = await importCty({
      ...base,
      fetchImpl: fakeFetch(
        200,
        {
          message: 'Country file cty.csv imported',
          summary: { format: 'csv', entities: 346, prefixes: 7738, exceptions: 18701, version: '20240101' },
        },
        sent,
      ),
    });
    expect(result).toMatchObject({
      ok: true,
      message: 'Country file cty.csv imported',
      summary: { entities: 346, version: '20240101' },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('http://127.0.0.1:8000/api/admin/lookup/cty');
    expect(sent[0]!.init?.method).toBe('POST');
    expect(new Headers(sent[0]!.init?.headers).get('authorization')).toBe('Bearer tok-1');
    expect(JSON.parse(sent[0]!.init?.body as string)).toEqual({ filename: 'cty.csv', content: 'x' });
  });

  it("gives the server's error code and message when the file is refused", async () => {
    const sent: Sent[] = [];
    const result = await importCty({
      ...base,
      fetchImpl: fakeFetch(400, { detail: 'Line 1 does not parse', code: 'CTY_INVALID' }, sent),
    });
    expect(result).toEqual({ ok: false, code: 'CTY_INVALID', message: 'Line 1 does not parse' });
  });

  it('names an HTTP failure without a code, and a network failure', async () => {
    const sent: Sent[] = [];
    expect(await importCty({ ...base, fetchImpl: fakeFetch(502, 'bad gateway', sent) })).toMatchObject({
      ok: false,
      code: 'HTTP_502',
    });
    const broken = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await importCty({ ...base, fetchImpl: broken })).toEqual({
      ok: false,
      code: 'NETWORK_ERROR',
      message: 'Could not reach the server: Failed to fetch',
    });
  });

  it('sends nothing for an empty or too large file, or without a session', async () => {
    const sent: Sent[] = [];
    const fetchImpl = fakeFetch(200, {}, sent);
    expect(await importCty({ ...base, content: '', fetchImpl })).toMatchObject({
      ok: false,
      code: 'CTY_EMPTY',
    });
    expect(await importCty({ ...base, content: 'a'.repeat(MAX_CTY_BYTES + 1), fetchImpl })).toMatchObject({
      ok: false,
      code: 'CTY_TOO_LARGE',
    });
    expect(await importCty({ ...base, token: null, fetchImpl })).toMatchObject({
      ok: false,
      code: 'NOT_SIGNED_IN',
    });
    expect(sent).toEqual([]);
  });
});
