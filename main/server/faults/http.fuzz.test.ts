import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, checkQueueInvariants, knownLookup } from './support.js';

/**
 * Property-based fuzzing of HTTP bodies against a real server: whatever arrives, the server answers in time,
 * never with a 500, every refusal is `{detail, code}` with a stable UPPER_SNAKE code, and afterwards the queue
 * is consistent (positions 1..n, no callsign twice) and the server still healthy.
 */

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ lookup: knownLookup(), env: { MAX_QUEUE_SIZE: '200' } });
  await activate(ts);
});
afterAll(async () => {
  await ts.close();
});

const ALLOWED = new Set([200, 400, 401, 403, 404, 405, 409, 413, 422, 429, 503]);

const callsignLike = fc.oneof(
  fc.stringMatching(/^[A-Z0-9]{1,3}[0-9][A-Z]{1,4}(\/[A-Z0-9]{1,4})?$/),
  fc.constantFrom(
    'W1AW',
    'w1aw',
    ' W1AW ',
    'DL1ABC/P',
    'EA8/DL1ABC',
    'K1ABC/MM',
    '',
    'W1AW\u0000',
    '<script>',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const anyJson = fc.jsonValue({ maxDepth: 4 });

/** Bodies: well-formed with odd values, any JSON at all, or not JSON. */
const body = fc.oneof(
  { weight: 4, arbitrary: fc.record({ callsign: callsignLike }).map((b) => JSON.stringify(b)) },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          callsign: fc.oneof(callsignLike, anyJson),
          name: fc.oneof(fc.string({ maxLength: 300 }), anyJson),
          location: fc.string({ maxLength: 300 }),
          country: fc.string({ maxLength: 300 }),
          frequency: fc.oneof(fc.string({ maxLength: 30 }), fc.double(), anyJson),
          mode: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
          band: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
          split: fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null)),
          active: fc.oneof(fc.boolean(), anyJson),
          paused: fc.oneof(fc.boolean(), anyJson),
          beam_heading: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double(), anyJson),
          time_period_minutes: fc.oneof(fc.integer(), anyJson),
          enabled: fc.oneof(fc.boolean(), anyJson),
          reason: fc.string({ maxLength: 300 }),
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '{',
      '[]',
      'null',
      '"x"',
      '{"callsign":',
      `{"callsign":"${'A'.repeat(20_000)}"}`,
    ),
  },
);

const endpoint = fc.constantFrom(
  { method: 'POST', path: '/api/queue/register', admin: false },
  { method: 'POST', path: '/api/queue/register-manual', admin: false },
  { method: 'POST', path: '/api/admin/frequency', admin: true },
  { method: 'POST', path: '/api/admin/split', admin: true },
  { method: 'POST', path: '/api/admin/status', admin: true },
  { method: 'POST', path: '/api/admin/queue-pause', admin: true },
  { method: 'POST', path: '/api/admin/queue/next', admin: true },
  { method: 'POST', path: '/api/admin/qso/start', admin: true },
  { method: 'POST', path: '/api/admin/qso/complete', admin: true },
  { method: 'POST', path: '/api/admin/qso/logging-direct', admin: true },
  { method: 'POST', path: '/api/admin/banned-callsigns', admin: true },
  { method: 'POST', path: '/api/admin/rate-limit', admin: true },
  { method: 'POST', path: '/api/admin/beam-heading', admin: true },
  { method: 'POST', path: '/api/admin/beam-heading-visibility', admin: true },
  { method: 'GET', path: '/api/admin/qsos?limit=5', admin: true },
  { method: 'POST', path: '/api/admin/frequency', admin: false },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
);

const request = fc.record({ endpoint, body, contentType });

async function send(r: {
  endpoint: { method: string; path: string; admin: boolean };
  body: string | Buffer;
  contentType: string;
}) {
  const headers: Record<string, string> = { 'content-type': r.contentType };
  if (r.endpoint.admin) headers.authorization = ts.basic;
  const res = await fetch(`${ts.url}${r.endpoint.path}`, {
    method: r.endpoint.method,
    headers,
    ...(r.endpoint.method === 'GET'
      ? {}
      : { body: typeof r.body === 'string' ? r.body : new Uint8Array(r.body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, text };
}

function checkAnswer(a: { status: number; text: string }, what: string): void {
  if (!ALLOWED.has(a.status)) throw new Error(`${what}: status ${a.status}: ${a.text.slice(0, 300)}`);
  const parsed: unknown = JSON.parse(a.text);
  if (a.status >= 400) {
    const err = parsed as { code?: unknown; detail?: unknown };
    if (typeof err.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(err.code)) {
      throw new Error(`${what}: untyped error ${a.text.slice(0, 300)}`);
    }
    if (err.detail === undefined) throw new Error(`${what}: error without detail ${a.text.slice(0, 300)}`);
  }
}

describe('HTTP bodies fuzzing', () => {
  it('answers every body in time with a typed result and keeps the queue consistent', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (requests, parallel) => {
          // One well-formed registration per run, so the success path is always part of the mix.
          run += 1;
          const list = (await ts.request('GET', '/api/queue/list')).body as { total: number };
          if (list.total > 150) await ts.request('POST', '/api/admin/queue/clear', { admin: true });
          const good = `W${(run % 9) + 1}F${String.fromCharCode(65 + (Math.floor(run / 9) % 26))}Z`;
          const ok = await ts.request('POST', '/api/queue/register', { body: { callsign: good } });
          expect([200, 400]).toContain(ok.status);
          const answers = parallel
            ? await Promise.all(requests.map((r) => send(r)))
            : await requests.reduce<Promise<{ status: number; text: string }[]>>(
                async (acc, r) => [...(await acc), await send(r)],
                Promise.resolve([]),
              );
          answers.forEach((a, i) =>
            checkAnswer(a, `${requests[i]!.endpoint.method} ${requests[i]!.endpoint.path}`),
          );
          await checkQueueInvariants(ts);
          const health = await ts.request('GET', '/api/health');
          expect(health.status).toBe(200);
          // keep the system usable for the next run
          await ts.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
          await ts.request('POST', '/api/admin/queue-pause', { admin: true, body: { paused: false } });
        },
      ),
      { numRuns: 60 },
    );
    const metrics = (await ts.request('GET', '/metrics', { admin: true })).body as string;
    expect(metrics).not.toContain('reason="INTERNAL_ERROR"');
    // the fuzzing reached the success path too
    expect(metrics).toMatch(/pileup_registrations_total [1-9]/);
  });
});
