import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallsign } from '../../../shared/callsign.js';
import type { QsoRecord } from '../../../shared/protocol/types.js';
import type { IntegrationsStatus } from '../integrations/manager.js';
import {
  CONTACT_DELETE,
  CONTACT_INFO,
  CONTACT_REPLACE,
  ENTITY_ATTACK,
  RADIO_INFO,
} from '../integrations/n1mm/fixtures/packets.js';
import { freeUdpPort } from '../integrations/test-support.js';
import type { UdpListenerState } from '../integrations/udp/listener.js';
import { HEARTBEAT, LOGGED_ADIF, QSO_LOGGED, STATUS } from '../integrations/wsjtx/fixtures/datagrams.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, checkQueueInvariants, knownLookup } from './support.js';

/**
 * Property-based fuzzing of the UDP integrations (N1MM+ XML and WSJT-X binary) in a running server: random
 * bytes, mutated real datagrams and well-formed datagrams with hostile field values. The server never crashes
 * or stalls, every datagram is accounted for (accepted, or rejected with a code; never PARSER_CRASHED), and the
 * queue and QSO log stay consistent.
 */

let ts: TestServer;
let dataDir: string;
let n1mmPort: number;
let wsjtxPort: number;
let sock: dgram.Socket;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-udp-fuzz-'));
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({ integrations: { n1mm: { address: '127.0.0.1' }, wsjtx: { address: '127.0.0.1' } } }),
  );
  n1mmPort = await freeUdpPort();
  wsjtxPort = await freeUdpPort();
  ts = await startTestServer({
    dataDir,
    lookup: knownLookup(),
    args: ['--n1mm-port', String(n1mmPort), '--wsjtx-port', String(wsjtxPort)],
    env: { MAX_QUEUE_SIZE: '500' },
  });
  await activate(ts);
  for (const callsign of ['W1AW', 'DL1ABC', 'K1ABC'])
    await ts.request('POST', '/api/queue/register', { body: { callsign } });
  sock = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => sock.close(() => resolve()));
  await ts.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const N1MM_SAMPLES = [RADIO_INFO, CONTACT_INFO, CONTACT_REPLACE, CONTACT_DELETE, ENTITY_ATTACK].map(enc);
const WSJTX_SAMPLES = [HEARTBEAT, STATUS, QSO_LOGGED, LOGGED_ADIF];

/** A real datagram with a few bytes changed, cut short, or with bytes spliced in. */
function mutated(samples: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      sample: fc.constantFrom(...samples),
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 6 }),
      cut: fc.option(fc.nat()),
      splice: fc.option(fc.record({ at: fc.nat(), bytes: fc.uint8Array({ maxLength: 40 }) })),
    })
    .map(({ sample, flips, cut, splice }) => {
      let out = Uint8Array.from(sample);
      for (const f of flips) out[f.at % out.length] = f.value;
      if (splice) {
        const at = splice.at % (out.length + 1);
        out = Uint8Array.from([...out.subarray(0, at), ...splice.bytes, ...out.subarray(at)]);
      }
      if (cut !== null) out = out.subarray(0, cut % (out.length + 1));
      return out;
    });
}

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    'W1AW',
    '<![CDATA[x]]>',
    '&amp;&lt;',
    '&#0;',
    'DL1ABC/P',
    'x'.repeat(5000),
    '-1',
    'NaN',
    '1e308',
  ),
);

/** An N1MM+ contact or radio packet, well-formed XML, with hostile values. */
const n1mmXml = fc
  .record({
    root: fc.constantFrom('contactinfo', 'contactreplace', 'contactdelete', 'RadioInfo', 'spot', 'x'),
    call: hostile,
    freq: hostile,
    mode: hostile,
    id: hostile,
    timestamp: fc.oneof(hostile, fc.constant('2024-03-06 13:00:05')),
  })
  .map(({ root, call, freq, mode, id, timestamp }) =>
    enc(
      `<?xml version="1.0" encoding="utf-8"?><${root}><app>N1MM</app><call>${call}</call><rxfreq>${freq}</rxfreq>` +
        `<txfreq>${freq}</txfreq><Freq>${freq}</Freq><mode>${mode}</mode><Mode>${mode}</Mode><ID>${id}</ID>` +
        `<timestamp>${timestamp}</timestamp><band>14</band></${root}>`,
    ),
  );

/** A WSJT-X header (magic, schema, type, id) followed by random fields. */
const wsjtxFramed = fc
  .record({
    schema: fc.constantFrom(2, 3, 0, 0xffffffff),
    type: fc.integer({ min: 0, max: 40 }),
    body: fc.uint8Array({ maxLength: 200 }),
  })
  .map(({ schema, type, body }) => {
    const head = Buffer.alloc(12);
    head.writeUInt32BE(0xadbccbda, 0);
    head.writeUInt32BE(schema, 4);
    head.writeUInt32BE(type, 8);
    return new Uint8Array(Buffer.concat([head, Buffer.from('000000065753' + '4a542d58', 'hex'), body]));
  });

const datagram = fc.oneof(
  fc.record({
    to: fc.constant('n1mm' as const),
    data: fc.oneof(mutated(N1MM_SAMPLES), n1mmXml, fc.uint8Array({ maxLength: 300 })),
  }),
  fc.record({
    to: fc.constant('wsjtx' as const),
    data: fc.oneof(mutated(WSJTX_SAMPLES), wsjtxFramed, fc.uint8Array({ maxLength: 300 })),
  }),
);

async function status(): Promise<IntegrationsStatus> {
  const r = await ts.request('GET', '/api/admin/integrations', { admin: true });
  expect(r.status).toBe(200);
  return r.body as IntegrationsStatus;
}

function accounted(l: UdpListenerState | null): { packets: number; outcomes: number; crashed: number } {
  if (!l) throw new Error('listener is not running');
  const rejected = Object.entries(l.rejected);
  const total = rejected.reduce((n, [code, k]) => (code === 'HANDLER_FAILED' ? n : n + k), 0);
  return { packets: l.packets, outcomes: l.accepted + total, crashed: l.rejected.PARSER_CRASHED ?? 0 };
}

describe('UDP datagram fuzzing', () => {
  it('accounts for every datagram without crashing and keeps the queue and QSO log consistent', async () => {
    const before = await status();
    const sent = { n1mm: before.n1mm.listener?.packets ?? 0, wsjtx: before.wsjtx.listener?.packets ?? 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(datagram, { minLength: 1, maxLength: 30 }), async (batch) => {
        for (const d of batch) {
          await new Promise<void>((resolve, reject) =>
            sock.send(d.data, d.to === 'n1mm' ? n1mmPort : wsjtxPort, '127.0.0.1', (err) =>
              err ? reject(err) : resolve(),
            ),
          );
          sent[d.to] += 1;
        }
        // every datagram arrives and gets an outcome
        const deadline = Date.now() + 10_000;
        for (;;) {
          const st = await status();
          const n = accounted(st.n1mm.listener);
          const w = accounted(st.wsjtx.listener);
          expect(n.crashed + w.crashed).toBe(0);
          if (n.packets === sent.n1mm && w.packets === sent.wsjtx) {
            expect(n.outcomes).toBe(n.packets);
            expect(w.outcomes).toBe(w.packets);
            break;
          }
          if (Date.now() > deadline)
            throw new Error(`datagrams not all processed: ${JSON.stringify({ n, w, sent })}`);
          await new Promise((r) => setTimeout(r, 10));
        }
        await checkQueueInvariants(ts);
        const log = await ts.request('GET', '/api/admin/qsos', { admin: true });
        expect(log.status).toBe(200);
        for (const q of (log.body as { qsos: QsoRecord[] }).qsos) {
          expect(parseCallsign(q.callsign).ok).toBe(true);
          expect(Number.isNaN(Date.parse(q.time_off))).toBe(false);
        }
        expect((await ts.request('GET', '/api/health')).status).toBe(200);
      }),
      { numRuns: 40 },
    );
    // and a real packet still works afterwards
    expect(
      (await ts.request('POST', '/api/admin/frequency', { admin: true, body: { frequency: '7.010' } }))
        .status,
    ).toBe(200);
    await new Promise<void>((resolve) => sock.send(enc(RADIO_INFO), n1mmPort, '127.0.0.1', () => resolve()));
    const deadline = Date.now() + 5000;
    while (
      ((await ts.request('GET', '/api/public/frequency')).body as { frequency: string | null }).frequency !==
      '14.200'
    ) {
      if (Date.now() > deadline) throw new Error('RadioInfo was not applied after fuzzing');
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});
