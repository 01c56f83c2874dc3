import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup() });
  await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
});
afterAll(async () => {
  await t.close();
});

/** A raw request, for what fetch cannot send (a body in pieces, HEAD) or hides (the connection header). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  chunks: string[] = [],
  target: http.RequestOptions = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.url}${path}`, { method, headers, agent: false, ...target });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('the API on node:http', () => {
  it('matches paths without regard to case or a trailing slash, and takes callsigns with a slash either way', async () => {
    expect(
      (await t.request('POST', '/api/queue/register', { body: { callsign: 'EA8/DL1ABC' } })).status,
    ).toBe(200);
    expect(await t.request('GET', '/API/Queue/List/')).toMatchObject({ status: 200, body: { total: 1 } });
    for (const p of ['/api/queue/status/EA8%2FDL1ABC', '/api/queue/status/ea8/dl1abc']) {
      expect(await t.request('GET', p)).toMatchObject({
        status: 200,
        body: { callsign: 'EA8/DL1ABC', position: 1 },
      });
    }
    expect(await t.request('GET', '/api/queue/status/%E0%A4%A')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST' },
    });
    expect(await t.request('PUT', '/api/queue/list')).toMatchObject({
      status: 405,
      body: { code: 'METHOD_NOT_ALLOWED' },
    });
    expect(await t.request('GET', '/api/nothing/here')).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
  });

  it('accepts a request target in absolute form, as a proxy sends it', async () => {
    // the request line names the whole URL: GET http://127.0.0.1:PORT/api/queue/list?x=1 HTTP/1.1
    const res = await raw('GET', '/', {}, [], { path: `${t.url}/api/queue/list?x=1` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toHaveProperty('queue');
  });

  it('answers HEAD like GET, without a body', async () => {
    const head = await raw('HEAD', '/api/queue/list', {});
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.text).toBe('');
  });

  it('reads only UTF-8 JSON bodies without a content encoding', async () => {
    const post = (headers: Record<string, string>, body = '{"callsign":"W1AW"}') =>
      t.request('POST', '/api/queue/register', { rawBody: body, headers });
    expect(await post({ 'content-type': 'application/json; charset=latin1' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST' },
    });
    expect(await post({ 'content-type': 'application/json', 'content-encoding': 'gzip' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST' },
    });
    // an empty JSON body reads as {} (then the operation asks for its fields)
    expect(await post({ 'content-type': 'application/json' }, '')).toMatchObject({
      status: 422,
      body: { code: 'VALIDATION_ERROR' },
    });
    expect(
      await post({ 'content-type': 'Application/JSON; charset="UTF-8"' }, '{"callsign":"K1ABC"}'),
    ).toMatchObject({ status: 200 });
  });

  it('refuses a body sent in pieces once it passes the cap, and closes that connection', async () => {
    const piece = `"${'x'.repeat(4000)}",`;
    const res = await raw(
      'POST',
      '/api/queue/register',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      ['{"pad":[', ...Array.from({ length: 6 }, () => piece), '0]}'],
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.text)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // the server goes on
    expect((await t.request('GET', '/api/health')).status).toBe(200);
  });

  it('checks admin credentials before it reads a body', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(40_000) });
    const anonymous = await t.request('POST', '/api/admin/frequency', { rawBody: big });
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
    const operator = await t.request('POST', '/api/admin/frequency', { rawBody: big, admin: true });
    expect(operator).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});
