/**
 * ADIF import against a real server, over HTTP as the console sends it (`POST /api/admin/qsos/import` with its
 * session token as Bearer): the queue follows the imported log as it follows a logger's QSOs, a mega-DXpedition's
 * log (100,000 QSOs, about 30 MiB) goes in, and a file beyond the cap gets a clear 413 code.
 */
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { connectSse } from '../../testing/sse-client.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../testing/test-server.js';
import { webSocketAttach } from '../../transports/ws/attach.js';
import { RawClient } from '../../transports/ws/test-client.js';
import { ADIF_IMPORT_BODY_BYTES } from '../routes.js';
import { ADIF_IMPORT_MAX_BYTES } from '../operations.js';
import { MAX_ADIF_BYTES } from '../../../../renderer/console/adif-files.js';

type Body = Record<string, unknown>;

let t: TestServer;

beforeEach(async () => {
  t = await startTestServer({ lookup: fakeLookup(), attach: [webSocketAttach] });
  expect((await t.request('POST', '/api/admin/status', { admin: true, body: { active: true } })).status).toBe(
    200,
  );
});

afterEach(async () => {
  await t.close();
});

/** The console's session token: signed in over protocol v2, as the console does. */
async function consoleToken(): Promise<string> {
  const ws = await RawClient.open(t.url, '/ws/connect');
  ws.send({ type: 'auth', id: 'a', data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  const answer = await ws.next((f) => f.id === 'a');
  ws.ws.close();
  return (answer.data as { token: string }).token;
}

function record(call: string, at: Date, extra = ''): string {
  const iso = at.toISOString();
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return (
    `<CALL:${call.length}>${call} <QSO_DATE:8>${date} <TIME_ON:6>${time} <BAND:3>20m <FREQ:6>14.025 ` +
    `<MODE:2>CW <RST_SENT:3>599 <RST_RCVD:3>579 ${extra}<EOR>\n`
  );
}

async function importFile(content: string, token: string, filename = 'log.adi') {
  return t.request('POST', '/api/admin/qsos/import', {
    headers: { authorization: `Bearer ${token}` },
    body: { filename, content, encoding: 'text' },
  });
}

async function queue(): Promise<string[]> {
  const r = await t.request('GET', '/api/admin/queue', { admin: true });
  return ((r.body as Body).queue as Body[]).map((e) => e.callsign as string);
}

describe('ADIF import over HTTP', () => {
  it('takes a queued caller with an imported QSO out of the queue as worked, as a logger QSO does', async () => {
    for (const callsign of ['W1AW', 'K1ABC', 'G4XYZ']) {
      expect((await t.request('POST', '/api/queue/register', { body: { callsign } })).status).toBe(200);
    }
    const sse = await connectSse(`${t.url}/api/events/stream`);
    const file =
      record('W1AW', new Date('2026-01-01T10:00:00Z')) +
      record('W1AW', new Date('2026-01-02T09:30:00Z')) +
      record('G4XYZ', new Date('2026-01-01T11:00:00Z')) +
      record('JA1XYZ', new Date('2026-01-01T12:00:00Z'));
    const r = await importFile(file, await consoleToken());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'done', imported: 4, duplicates: 0, bad: 0 });
    expect(await queue()).toEqual(['K1ABC']);

    // their pages are told, with the newest of their QSOs; nobody else is
    await sse.waitFor((frames) => frames.filter((f) => f.event === 'caller_left').length >= 2);
    const left = sse
      .events()
      .filter((e) => e.event === 'caller_left')
      .map((e) => (e.data as { data: Body }).data);
    sse.close();
    expect(left.map((d) => (d.callsigns as string[])[0]).sort()).toEqual(['G4XYZ', 'W1AW']);
    const w1aw = left.find((d) => (d.callsigns as string[])[0] === 'W1AW')!;
    expect(w1aw).toMatchObject({ reason: 'worked', rejoin: true });
    expect((w1aw.qso as Body).time_on).toBe('2026-01-02T09:30:00.000Z');

    // a second import of the same file adds nothing and takes nobody else out
    const again = await importFile(file, await consoleToken());
    expect(again.body).toMatchObject({ imported: 0, duplicates: 4 });
    expect(await queue()).toEqual(['K1ABC']);
  });

  it('imports a 100,000-QSO file (about 30 MiB) sent as the console sends it', async () => {
    const start = Date.parse('2025-11-01T00:00:00Z');
    const parts: string[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const call = `K${i % 10}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + (Math.floor(i / 676) % 26))}`;
      parts.push(
        record(
          call,
          new Date(start + i * 10_000),
          '<NAME:14>Jurgen Mueller <QTH:6>Zurich <GRIDSQUARE:6>JN47PI <STATION_CALLSIGN:6>EI6JGB ' +
            '<OPERATOR:6>EI6JGB <TX_PWR:3>100 <COMMENT:40>Worked on the long path, strong signal ok ' +
            '<MY_GRIDSQUARE:6>IO63VE <CONTEST_ID:6>NONE-1 <SRX:4>0001 <STX:4>0001 <ANT_AZ:3>270 <QSL_SENT:1>N ',
        ),
      );
    }
    const file = parts.join('');
    const mib = Buffer.byteLength(file) / 1024 / 1024;
    expect(mib).toBeGreaterThan(25);
    expect(mib).toBeLessThan(40);
    const r = await importFile(file, await consoleToken(), 'big.adi');
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body).toMatchObject({ state: 'done', total: 100_000, imported: 100_000, bad: 0 });
  }, 120_000);

  it('refuses a file beyond the cap with ADIF_TOO_LARGE, and a body beyond the route limit with PAYLOAD_TOO_LARGE', async () => {
    // the console checks the same cap before it sends anything
    expect(MAX_ADIF_BYTES).toBe(ADIF_IMPORT_MAX_BYTES);
    const token = await consoleToken();
    const tooBig = await importFile('x'.repeat(ADIF_IMPORT_MAX_BYTES + 1), token, 'huge.adi');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'ADIF_TOO_LARGE' });

    // a body larger than the route takes is refused from its Content-Length, before it is read
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${t.url}/api/admin/qsos/import`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': String(ADIF_IMPORT_BODY_BYTES + 1),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write('{');
    });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  }, 60_000);
});
