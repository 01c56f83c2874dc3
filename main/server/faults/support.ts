import http from 'node:http';
import type { LookupInfo } from '../../../shared/protocol/types.js';
import type { CallsignLookup } from '../lookup/types.js';
import { connectSse, type SseClient } from '../testing/sse-client.js';
import type { TestServer } from '../testing/test-server.js';

/** A lookup that knows every callsign offline (so registrations queue at once); `enrich` is pluggable. */
export function knownLookup(
  enrich: (callsign: string) => Promise<LookupInfo | null> = async () => null,
): CallsignLookup {
  return {
    resolveNow: (callsign) => ({
      callsign,
      name: null,
      address: null,
      dxcc_name: 'Testland',
      image: null,
      grid: { lat: null, long: null, grid: null },
      error: null,
      dxcc: {
        entity: 'Testland',
        adif: 999,
        prefix: 'T',
        continent: 'EU',
        cq_zone: 14,
        itu_zone: 27,
        lat: 50,
        lon: 10,
        utc_offset: 1,
      },
      source: 'dxcc',
    }),
    enrich,
  };
}

/** `count` distinct valid callsigns: W1AAA, W1AAB, ... (then other call areas). */
export function testCallsigns(count: number, prefix = 'W'): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out: string[] = [];
  for (let i = 0; out.length < count; i += 1) {
    const area = Math.floor(i / 17_576) % 10;
    const n = i % 17_576;
    out.push(
      `${prefix}${area}${letters[Math.floor(n / 676)]}${letters[Math.floor(n / 26) % 26]}${letters[n % 26]}`,
    );
  }
  return out;
}

export type { SseClient, SseFrame } from '../testing/sse-client.js';

/** An SSE stream of the server at `url` (see testing/sse-client.ts). */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return connectSse(`${url}/api/events/stream`, headers);
}

/** The queue as the admin sees it, checked: positions 1..n in order and no callsign twice. */
export async function checkQueueInvariants(ts: TestServer): Promise<string[]> {
  const res = await ts.request('GET', '/api/admin/queue', { admin: true });
  if (res.status !== 200) throw new Error(`admin queue answered ${res.status}`);
  const body = res.body as { queue: { callsign: string; position: number }[]; total: number };
  const callsigns = body.queue.map((e) => e.callsign);
  body.queue.forEach((e, i) => {
    if (e.position !== i + 1) throw new Error(`position ${e.position} at index ${i} (${e.callsign})`);
  });
  if (new Set(callsigns).size !== callsigns.length)
    throw new Error(`duplicate callsign in ${callsigns.join(',')}`);
  if (body.total !== callsigns.length) throw new Error(`total ${body.total} but ${callsigns.length} entries`);
  return callsigns;
}

/** Turns the system on (registrations need it). */
export async function activate(ts: TestServer): Promise<void> {
  const res = await ts.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
  if (res.status !== 200) throw new Error(`activate answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** One HTTP request from a chosen loopback source address (127.0.0.x), JSON in and out. */
export function requestFrom(
  url: string,
  method: string,
  path: string,
  options: { localAddress?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: unknown; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(`${url}${path}`, {
      method,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      headers: {
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.end(payload);
  });
}
