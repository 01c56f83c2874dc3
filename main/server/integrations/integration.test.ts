/**
 * The integrations inside a real server: real UDP datagrams on 127.0.0.1 from test sockets playing N1MM+ and
 * WSJT-X, a real rigctld (dummy rig) when installed, and the HTTP API to see the effect on the Station.
 */
import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { eventually, freeTcpPort, freeUdpPort, waitFor } from './test-support.js';
import {
  CONTACT_DELETE,
  CONTACT_INFO,
  CONTACT_REPLACE,
  NOT1MM_CONTACT,
  RADIO_INFO,
} from './n1mm/fixtures/packets.js';
import {
  HEARTBEAT,
  HIGHLIGHT_CLEAR_DL1ABC,
  HIGHLIGHT_DL1ABC,
  LOGGED_ADIF,
  QSO_LOGGED,
  STATUS,
} from './wsjtx/fixtures/datagrams.js';
import { encodeHeartbeat } from './wsjtx/codec.js';
import { parseFlatXml } from './n1mm/xml.js';
import { adifQso, parseAdif } from './adif/parse.js';
import type { IntegrationsStatus } from './manager.js';
import type { QsoRecord } from '../../../shared/protocol/types.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function server(args: string[], fileIntegrations: Record<string, unknown> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-integrations-'));
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      integrations: {
        n1mm: { address: '127.0.0.1' },
        wsjtx: { address: '127.0.0.1' },
        ...fileIntegrations,
      },
    }),
  );
  const s = await startTestServer({ dataDir, args });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => s.close());
  const on = await s.request('POST', '/api/admin/status', { admin: true, body: { active: true } });
  expect(on.status).toBe(200);
  return s;
}

/** A UDP socket on 127.0.0.1 that keeps what it receives. */
async function socket(): Promise<{ s: dgram.Socket; port: number; received: Buffer[] }> {
  const s = dgram.createSocket('udp4');
  const received: Buffer[] = [];
  s.on('message', (msg) => received.push(msg));
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => s.close(() => resolve())));
  return { s, port: s.address().port, received };
}

function send(s: dgram.Socket, data: string | Uint8Array, port: number): Promise<void> {
  return new Promise((resolve, reject) =>
    s.send(data, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
}

async function status(s: TestServer): Promise<IntegrationsStatus> {
  const r = await s.request('GET', '/api/admin/integrations', { admin: true });
  expect(r.status).toBe(200);
  return r.body as IntegrationsStatus;
}

async function qsos(s: TestServer): Promise<QsoRecord[]> {
  const r = await s.request('GET', '/api/admin/qsos', { admin: true });
  return (r.body as { qsos: QsoRecord[] }).qsos;
}

async function current(s: TestServer): Promise<{ callsign: string } | null> {
  const r = await s.request('GET', '/api/admin/current', { admin: true });
  return r.body as { callsign: string } | null;
}

async function frequency(
  s: TestServer,
): Promise<{ frequency: string | null; band: string | null; mode: string | null }> {
  const r = await s.request('GET', '/api/public/frequency');
  return r.body as { frequency: string | null; band: string | null; mode: string | null };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('N1MM+ into a running server', () => {
  it('follows RadioInfo, completes, replaces, deletes and records QSOs, and counts bad packets', async () => {
    const port = await freeUdpPort();
    const s = await server(['--n1mm-port', String(port)]);
    const n1mm = await socket();
    const st = await status(s);
    expect(st.n1mm).toMatchObject({
      enabled: true,
      listener: { listening: true, port, address: '127.0.0.1' },
    });
    expect(st.wsjtx).toMatchObject({ enabled: false, listener: null });

    await send(n1mm.s, RADIO_INFO, port);
    await eventually('frequency from RadioInfo', async () => (await frequency(s)).frequency === '14.200');
    expect(await frequency(s)).toMatchObject({ frequency: '14.200', band: '20m', mode: 'SSB' });

    const started = await s.request('POST', '/api/admin/qso/start', {
      admin: true,
      body: { callsign: 'DL1ABC' },
    });
    expect(started.status).toBe(200);
    await send(n1mm.s, CONTACT_INFO, port); // logs DL1ABC: completes the current QSO
    await eventually('current QSO completed', async () => (await current(s)) === null);
    const [logged] = await qsos(s);
    expect(logged).toMatchObject({ callsign: 'DL1ABC', frequency: '14.200', band: '20m', source: 'direct' });

    await send(n1mm.s, CONTACT_REPLACE, port); // same ID, call corrected to DL1ABD
    await eventually('QSO replaced', async () => (await qsos(s))[0]?.callsign === 'DL1ABD');
    expect((await qsos(s)).map((q) => [q.id, q.callsign])).toEqual([[logged!.id, 'DL1ABD']]);

    await send(n1mm.s, CONTACT_DELETE, port);
    await eventually('QSO deleted', async () => (await qsos(s)).length === 0);

    await send(n1mm.s, NOT1MM_CONTACT, port); // W1AW, not the current QSO: worked direct
    await eventually('QSO recorded', async () => (await qsos(s)).length === 1);
    expect((await qsos(s))[0]).toMatchObject({
      callsign: 'W1AW',
      frequency: '7.025',
      band: '40m',
      mode: 'CW',
    });
    expect(await current(s)).toBeNull();

    await send(n1mm.s, 'hello', port);
    await send(n1mm.s, '<Banana><x>1</x></Banana>', port);
    const after = await eventually('rejections counted', async () => {
      const x = await status(s);
      return x.n1mm.listener!.packets === 7 ? x : undefined;
    });
    expect(after.n1mm.listener!.rejected).toEqual({ N1MM_MALFORMED: 1, N1MM_UNKNOWN_TYPE: 1 });
    expect(after.n1mm.qsos).toMatchObject({ completed: 1, updated: 1, deleted: 1, recorded: 1, failed: 0 });
    expect(after.n1mm.listener!.lastPacketAt).toMatch(/Z$/);

    // the log as ADIF, through a parser
    const adi = await s.request('GET', '/api/admin/qsos.adi', { admin: true });
    expect(adi.status).toBe(200);
    expect(adi.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(adi.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?pileup-buster-\d{8}-\d{6}\.adi"?$/,
    );
    const doc = parseAdif(adi.body as string);
    if (!doc.ok) throw new Error(doc.message);
    expect(doc.value.header.get('PROGRAMID')).toBe('PileupBuster');
    expect(doc.value.records.map((r) => adifQso(r))).toMatchObject([
      { call: 'W1AW', freqHz: 7_025_000, band: '40m', mode: 'CW' },
    ]);
    expect((await s.request('GET', '/api/admin/qsos.adi')).status).toBe(401);
  });

  it('is switched off and on again from the console, and the change is saved', async () => {
    const port = await freeUdpPort();
    const s = await server(['--n1mm-port', String(port)]);
    const off = await s.request('POST', '/api/admin/integrations', {
      admin: true,
      body: { n1mm: { enabled: false } },
    });
    expect(off.status).toBe(200);
    expect((off.body as IntegrationsStatus).n1mm).toMatchObject({ enabled: false, listener: null });
    const saved = JSON.parse(
      (await import('node:fs')).readFileSync(path.join(s.dataDir, 'config.json'), 'utf8'),
    ) as { integrations: { n1mm: { enabled: boolean; address: string } } };
    expect(saved.integrations.n1mm).toMatchObject({ enabled: false, address: '127.0.0.1' });

    const other = await freeUdpPort();
    const on = await s.request('POST', '/api/admin/integrations', {
      admin: true,
      body: { n1mm: { enabled: true, port: other } },
    });
    expect((on.body as IntegrationsStatus).n1mm.listener).toMatchObject({ listening: true, port: other });

    const bad = await s.request('POST', '/api/admin/integrations', {
      admin: true,
      body: { wsjtx: { port: 0 } },
    });
    expect(bad.status).toBe(422);
    expect((await s.request('GET', '/api/admin/integrations')).status).toBe(401);
  });

  it('reports a port already in use without stopping the server', async () => {
    const blocker = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    await new Promise<void>((resolve) => blocker.bind(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const s = await server(['--n1mm-port', String(blocker.address().port)]);
    const st = await status(s);
    expect(st.n1mm.last_error).toMatchObject({ code: 'UDP_BIND_FAILED' });
    expect(st.n1mm.listener).toMatchObject({ listening: false });
    expect((await s.request('GET', '/api/public/status')).status).toBe(200);
  });
});

describe('N1MM+ per position', () => {
  it("a contact from the station mapped to position 2 completes position 2's QSO", async () => {
    const port = await freeUdpPort();
    const s = await server(['--n1mm-port', String(port)], {
      n1mm: { address: '127.0.0.1', positions: { 'CONTEST-PC': 'run-2' } },
    });
    const station = s.server.station;
    await station.positions.create({ name: 'Run 2 - 20m SSB', id: 'run-2', active: true }, 'admin');
    await station.startQso({ callsign: 'DL1ABC', started_via: 'operator' }, 'run-2');
    await s.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'K1ABC' } });
    const n1mm = await socket();
    await send(n1mm.s, RADIO_INFO, port); // a mapped station does not move the default position's radio
    await send(n1mm.s, CONTACT_INFO, port);
    await eventually('QSO handled', async () =>
      (await status(s)).n1mm.qsos.completed === 1 ? true : undefined,
    );
    expect(station.positions.currentQso('run-2', true)).toBe(null);
    expect(await current(s)).toMatchObject({ callsign: 'K1ABC' });
    expect(await qsos(s)).toEqual([expect.objectContaining({ callsign: 'DL1ABC', position_id: 'run-2' })]);
    expect((await frequency(s)).frequency).toBe(null);
  });
});

describe('N1MM+ per position, by NetBiosName', () => {
  it('a contact whose StationName is empty is mapped by its NetBiosName', async () => {
    const port = await freeUdpPort();
    const s = await server(['--n1mm-port', String(port)], {
      n1mm: { address: '127.0.0.1', positions: { 'RUN2-PC': 'run-2' } },
    });
    const station = s.server.station;
    await station.positions.create({ name: 'Run 2 - 20m SSB', id: 'run-2', active: true }, 'admin');
    await station.startQso({ callsign: 'DL1ABC', started_via: 'operator' }, 'run-2');
    const n1mm = await socket();
    const fromRun2 = CONTACT_INFO.replace('<StationName>CONTEST-PC</StationName>', '<StationName />').replace(
      '<NetBiosName />',
      '<NetBiosName>RUN2-PC</NetBiosName>',
    );
    await send(n1mm.s, fromRun2, port);
    await eventually('QSO handled', async () =>
      (await status(s)).n1mm.qsos.completed === 1 ? true : undefined,
    );
    expect(station.positions.currentQso('run-2', true)).toBe(null);
    expect(await qsos(s)).toEqual([expect.objectContaining({ callsign: 'DL1ABC', position_id: 'run-2' })]);
  });
});

describe('WSJT-X into a running server', () => {
  it("a QSO Logged from the client id mapped to position 2 completes position 2's QSO", async () => {
    const port = await freeUdpPort();
    const s = await server(['--wsjtx-port', String(port)], {
      wsjtx: { address: '127.0.0.1', positions: { 'WSJT-X': 'run-2' } },
    });
    const station = s.server.station;
    await station.positions.create({ name: 'Run 2 - 20m FT8', id: 'run-2', active: true }, 'admin');
    await station.startQso({ callsign: 'DL1ABC', started_via: 'operator' }, 'run-2');
    await s.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'K1ABC' } });
    const wsjtx = await socket();
    await send(wsjtx.s, STATUS, port); // a mapped instance does not move the default position's radio
    await send(wsjtx.s, QSO_LOGGED, port);
    await eventually('QSO handled', async () =>
      (await status(s)).wsjtx.qsos.completed === 1 ? true : undefined,
    );
    expect(station.positions.currentQso('run-2', true)).toBe(null);
    expect(await current(s)).toMatchObject({ callsign: 'K1ABC' });
    const log = await qsos(s);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ callsign: 'DL1ABC', mode: 'FT8', position_id: 'run-2' });
    expect((await frequency(s)).frequency).toBe(null);
  });

  it('follows Status, highlights the worked station, logs each QSO once from QSO Logged and Logged ADIF', async () => {
    const port = await freeUdpPort();
    const s = await server(['--wsjtx-port', String(port)]);
    const wsjtx = await socket();
    await send(wsjtx.s, HEARTBEAT, port);
    await send(wsjtx.s, STATUS, port);
    await eventually('frequency from Status', async () => (await frequency(s)).frequency === '14.074');
    expect(await frequency(s)).toMatchObject({ band: '20m', mode: 'FT8' });
    expect((await status(s)).wsjtx.peer).toMatchObject({
      id: 'WSJT-X',
      address: '127.0.0.1',
      port: wsjtx.port,
      version: '2.6.1',
    });

    const enable = await s.request('POST', '/api/admin/logger-integration', {
      admin: true,
      body: { enabled: true },
    });
    expect(enable.status).toBe(200);
    await s.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'DL1ABC' } });
    await waitFor('highlight datagram', () => wsjtx.received.length >= 1);
    expect(hex(wsjtx.received[0]!)).toBe(hex(HIGHLIGHT_DL1ABC));

    await send(wsjtx.s, QSO_LOGGED, port);
    await send(wsjtx.s, LOGGED_ADIF, port);
    const st = await eventually('both reports handled', async () => {
      const x = await status(s);
      return x.wsjtx.qsos.completed + x.wsjtx.qsos.duplicate === 2 ? x : undefined;
    });
    expect(st.wsjtx.qsos).toMatchObject({ completed: 1, duplicate: 1, recorded: 0, failed: 0 });
    const log = await qsos(s);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      callsign: 'DL1ABC',
      time_off: '2024-03-06T13:01:45.000Z',
      frequency: '14.074',
      mode: 'FT8',
    });
    expect(await current(s)).toBeNull();
    await waitFor('highlight cleared', () => wsjtx.received.length >= 2);
    expect(hex(wsjtx.received[1]!)).toBe(hex(HIGHLIGHT_CLEAR_DL1ABC));
    expect(st.send_to_logger).toMatchObject({ enabled: true, format: 'wsjtx_highlight', sent: 1 });
  });
});

describe('WSJT-X highlights and JTDX', () => {
  it('sends no highlight to JTDX (it has no handler) and does not count one as sent', async () => {
    const port = await freeUdpPort();
    const s = await server(['--wsjtx-port', String(port)]);
    const jtdx = await socket();
    await send(jtdx.s, encodeHeartbeat({ id: 'JTDX', schema: 2, maxSchema: 2, version: '2.2.159' }), port);
    await eventually('JTDX heard', async () =>
      (await status(s)).wsjtx.peer?.id === 'JTDX' ? true : undefined,
    );
    await s.request('POST', '/api/admin/logger-integration', { admin: true, body: { enabled: true } });
    await s.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'DL1ABC' } });
    const st = await eventually('refusal recorded', async () => {
      const x = await status(s);
      return x.send_to_logger.last_error ? x : undefined;
    });
    expect(st.send_to_logger).toMatchObject({
      sent: 0,
      last_callsign: null,
      last_error: { code: 'HIGHLIGHT_UNSUPPORTED' },
    });
    expect(jtdx.received).toEqual([]);
  });
});

describe('Send to Logger to a configured UDP target', () => {
  it('sends JSON, then N1MM lookupinfo after a console change, never for QSOs the logger started', async () => {
    const target = await socket();
    const s = await server([], { send_to_logger: { format: 'json', host: '127.0.0.1', port: target.port } });
    await s.request('POST', '/api/admin/logger-integration', { admin: true, body: { enabled: true } });
    await s.request('POST', '/api/admin/frequency', {
      admin: true,
      body: { frequency: '14.250', mode: 'USB' },
    });

    await s.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'EI6JGB' } });
    await waitFor('json datagram', () => target.received.length >= 1);
    expect(JSON.parse(target.received[0]!.toString('utf8'))).toMatchObject({
      type: 'qso_start',
      data: { callsign: 'EI6JGB', frequency_mhz: 14.25, mode: 'SSB', source: 'pileup_buster' },
    });

    const direct = await s.request('POST', '/api/admin/qso/logging-direct', {
      admin: true,
      body: { type: 'qso_start', data: { callsign: 'K1JT' } },
    });
    expect(direct.status).toBe(200);
    const changed = await s.request('POST', '/api/admin/integrations', {
      admin: true,
      body: { send_to_logger: { format: 'n1mm_lookupinfo' } },
    });
    expect(changed.status).toBe(200);
    await s.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'G4ABC' } });
    await waitFor('lookupinfo datagram', () => target.received.length >= 2);
    expect(target.received).toHaveLength(2); // nothing was sent for K1JT
    const doc = parseFlatXml(target.received[1]!.toString('utf8'));
    if (!doc.ok) throw new Error(doc.message);
    expect(doc.value.root).toBe('lookupinfo');
    expect(doc.value.fields.get('call')).toBe('G4ABC');
    expect(doc.value.fields.get('rxfreq')).toBe('1425000');
  });
});

const hasRigctld = spawnSync('rigctld', ['--version']).status === 0;

describe.skipIf(!hasRigctld)('rigctld into a running server', () => {
  it('follows the dummy rig tuned through rigctld', async () => {
    const rigPort = await freeTcpPort();
    const child = spawn('rigctld', ['-m', '1', '-T', '127.0.0.1', '-t', String(rigPort)], {
      stdio: 'ignore',
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });
    const s = await server(['--rigctld', `127.0.0.1:${rigPort}`], { rigctld: { poll_interval_ms: 200 } });
    await eventually(
      'connected to rigctld',
      async () => (await status(s)).rigctld.client?.connected === true,
    );
    const net = await import('node:net');
    const raw = net.createConnection({ host: '127.0.0.1', port: rigPort });
    cleanups.push(() => void raw.destroy());
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.write('F 7074000\nM CW 500\n');
    await eventually('7.074 CW in the Station', async () => {
      const f = await frequency(s);
      return f.frequency === '7.074' && f.mode === 'CW';
    });
    expect(await frequency(s)).toMatchObject({ band: '40m' });
  });
});

/** Registers callers and starts a QSO with another station, so the callers wait in the queue, not current. */
async function queueWithCurrent(s: TestServer, waiting: string[], current: string): Promise<void> {
  for (const callsign of waiting) {
    const r = await s.request('POST', '/api/queue/register-manual', {
      body: { callsign, name: 'Op', location: 'Town', country: 'Land' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const started = await s.request('POST', '/api/admin/qso/start', {
    admin: true,
    body: { callsign: current },
  });
  expect(started.status).toBe(200);
}

async function queued(s: TestServer): Promise<string[]> {
  const r = await s.request('GET', '/api/admin/queue', { admin: true });
  return (r.body as { queue: { callsign: string }[] }).queue.map((e) => e.callsign);
}

/** When the callsign was last worked, as the cooldown sees it (the fixtures' QSOs are older than the worked window). */
async function lastWorked(s: TestServer, callsign: string): Promise<string | null> {
  const r = await s.request('GET', `/api/admin/rate-limit/check/${callsign}`, { admin: true });
  return (r.body as { last_worked: string | null }).last_worked;
}

describe('the queue follows the log', () => {
  it('a WSJT-X QSO Logged for a waiting caller takes them out of the queue, with the logger details', async () => {
    const port = await freeUdpPort();
    const s = await server(['--wsjtx-port', String(port)]);
    const wsjtx = await socket();
    await queueWithCurrent(s, ['DL1ABC', 'G4ABC'], 'K1ABC');
    expect(await queued(s)).toEqual(['DL1ABC', 'G4ABC']);

    await send(wsjtx.s, QSO_LOGGED, port);
    await eventually('DL1ABC logged', async () => (await qsos(s)).length === 1);
    expect(await queued(s)).toEqual(['G4ABC']);
    expect((await current(s))?.callsign).toBe('K1ABC');
    expect(await lastWorked(s, 'DL1ABC')).toBe('2024-03-06T13:01:45.000Z');
    const [record] = await qsos(s);
    expect(record).toMatchObject({
      callsign: 'DL1ABC',
      time_on: '2024-03-06T13:00:30.000Z',
      time_off: '2024-03-06T13:01:45.000Z',
      frequency: '14.074',
      band: '20m',
      mode: 'FT8',
      rst_sent: '-12',
      rst_rcvd: '-08',
      tx_power: '100',
      name: 'Hans',
      grid: 'JO62',
      station_callsign: 'EI6JGB',
      logged_by: 'wsjtx',
      source: 'direct',
    });

    const adi = await s.request('GET', '/api/admin/qsos.adi', { admin: true });
    const doc = parseAdif(String(adi.body));
    if (!doc.ok) throw new Error(doc.message);
    const fields = doc.value.records[0]!;
    expect(
      Object.fromEntries(
        ['RST_SENT', 'RST_RCVD', 'TX_PWR', 'NAME', 'GRIDSQUARE', 'STATION_CALLSIGN'].map((k) => [
          k,
          fields.get(k),
        ]),
      ),
    ).toEqual({
      RST_SENT: '-12',
      RST_RCVD: '-08',
      TX_PWR: '100',
      NAME: 'Hans',
      GRIDSQUARE: 'JO62',
      STATION_CALLSIGN: 'EI6JGB',
    });
    expect(fields.get('APP_PILEUPBUSTER_LOGGED_BY')).toBe('wsjtx');
  });

  it('an N1MM+ contactinfo for a waiting caller takes them out; contactdelete withdraws "worked"', async () => {
    const port = await freeUdpPort();
    const s = await server(['--n1mm-port', String(port)]);
    const n1mm = await socket();
    await queueWithCurrent(s, ['G4ABC', 'DL1ABC'], 'K1ABC');

    await send(n1mm.s, CONTACT_INFO, port);
    await eventually('DL1ABC logged', async () => (await qsos(s)).length === 1);
    expect(await queued(s)).toEqual(['G4ABC']);
    expect((await current(s))?.callsign).toBe('K1ABC');
    expect(await lastWorked(s, 'DL1ABC')).toBe('2020-01-17T16:43:38.000Z');
    expect((await qsos(s))[0]).toMatchObject({
      callsign: 'DL1ABC',
      frequency: '14.200',
      mode: 'SSB',
      submode: 'USB',
      rst_sent: '59',
      rst_rcvd: '59',
      operator: 'EI6JGB',
      station_callsign: 'EI6JGB',
      name: 'Hans',
      grid: 'JO62',
      comment: 'pileup & QRM',
      logged_by: 'n1mm',
      logger_id: 'f9ffac4fcd3e479ca86e137df1338531',
    });

    await send(n1mm.s, CONTACT_DELETE, port);
    await eventually('QSO deleted', async () => (await qsos(s)).length === 0);
    expect(await lastWorked(s, 'DL1ABC')).toBeNull();
    expect(await current(s)).toMatchObject({ callsign: 'K1ABC' });
  });
});
