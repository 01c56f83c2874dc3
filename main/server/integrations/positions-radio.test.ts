/**
 * Radio follow per operating position inside a real server: one real rigctld (dummy rig) per position by
 * configuration (`integrations.rigctld.positions`), and N1MM+ / WSJT-X radios of stations mapped to a position,
 * each moving that position's radio and never the default one's.
 */
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { IntegrationsStatus } from './manager.js';
import { RADIO_INFO } from './n1mm/fixtures/packets.js';
import { eventually, freeTcpPort, freeUdpPort } from './test-support.js';
import { STATUS } from './wsjtx/fixtures/datagrams.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function server(args: string[], integrations: Record<string, unknown>): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-positions-radio-'));
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ integrations }));
  const s = await startTestServer({ dataDir, args });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => s.close());
  await s.server.station.setActive(true, 'admin');
  await s.server.station.positions.create({ name: 'Run 2', id: 'run-2', active: true }, 'admin');
  return s;
}

async function status(s: TestServer): Promise<IntegrationsStatus> {
  const r = await s.request('GET', '/api/admin/integrations', { admin: true });
  expect(r.status).toBe(200);
  return r.body as IntegrationsStatus;
}

const radioOf = (s: TestServer, id: string) => s.server.station.positions.frequency(id);

/** A dummy rig behind a real rigctld on a free port, and a control connection to tune it. */
async function rig(): Promise<{ port: number; tune(command: string): void }> {
  const port = await freeTcpPort();
  const child = spawn('rigctld', ['-m', '1', '-T', '127.0.0.1', '-t', String(port)], { stdio: 'ignore' });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
  const raw = await eventually('rigctld listening', async () => {
    const c = net.createConnection({ host: '127.0.0.1', port });
    return new Promise<net.Socket | undefined>((resolve) => {
      c.once('connect', () => resolve(c));
      c.once('error', () => resolve(undefined));
    });
  });
  cleanups.push(() => void raw.destroy());
  return { port, tune: (command) => raw.write(`${command}\n`) };
}

const hasRigctld = spawnSync('rigctld', ['--version']).status === 0;

describe.skipIf(!hasRigctld)('one rigctld per position', () => {
  it("each position's radio follows its own rig", async () => {
    const [rig1, rig2] = [await rig(), await rig()];
    const s = await server(['--rigctld', `127.0.0.1:${rig1.port}`], {
      rigctld: { poll_interval_ms: 200, positions: { 'run-2': { port: rig2.port } } },
    });
    await eventually('both connected', async () => {
      const st = (await status(s)).rigctld;
      return st.client?.connected === true && st.positions['run-2']?.client?.connected === true;
    });
    rig1.tune('F 14025000');
    rig1.tune('M CW 500');
    rig2.tune('F 7074000');
    rig2.tune('M USB 3000');
    await eventually('run-2 on 40m', async () => radioOf(s, 'run-2').frequency === '7.074');
    await eventually('default on 20m CW', async () => {
      const f = radioOf(s, 'default');
      return f.frequency === '14.025' && f.mode === 'CW';
    });
    expect(radioOf(s, 'run-2')).toMatchObject({ band: '40m', updated_by: 'integration:rigctld' });
    const listed = await s.request('GET', '/api/positions');
    expect((listed.body as { positions: { id: string; band: string }[] }).positions).toEqual([
      expect.objectContaining({ id: 'default', band: '20m' }),
      expect.objectContaining({ id: 'run-2', band: '40m' }),
    ]);

    // Retuning run-2's rig moves run-2 only.
    rig2.tune('F 7030000');
    await eventually('run-2 retuned', async () => radioOf(s, 'run-2').frequency === '7.030');
    expect(radioOf(s, 'default').frequency).toBe('14.025');
  });

  it('a position whose rig cannot be reached reports it without stopping the others', async () => {
    const rig1 = await rig();
    const closed = await freeTcpPort();
    const s = await server([], {
      rigctld: {
        poll_interval_ms: 200,
        positions: { 'run-2': { port: closed }, 'run-3': { port: rig1.port } },
      },
    });
    await s.server.station.positions.create({ name: 'Run 3', id: 'run-3', active: true }, 'admin');
    rig1.tune('F 21074000');
    await eventually('run-3 follows', async () => radioOf(s, 'run-3').frequency === '21.074');
    const st = (await status(s)).rigctld;
    expect(st.enabled).toBe(false); // the default position's connection is off
    expect(st.positions['run-2']?.client?.connected).toBe(false);
    expect(radioOf(s, 'default').frequency).toBeNull();
  });
});

describe('logger radios per position', () => {
  it('an N1MM+ station and a WSJT-X instance mapped to run-2 move run-2, not the default position', async () => {
    const [n1mmPort, wsjtxPort] = [await freeUdpPort(), await freeUdpPort()];
    const s = await server(['--n1mm-port', String(n1mmPort)], {
      n1mm: { address: '127.0.0.1', positions: { 'CONTEST-PC': 'run-2' } },
      wsjtx: { address: '127.0.0.1', positions: {} },
    });
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => sock.close(() => resolve())));
    const send = (data: string | Uint8Array, port: number) =>
      new Promise<void>((resolve, reject) =>
        sock.send(data, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
      );
    await send(RADIO_INFO, n1mmPort);
    await eventually('run-2 on 14.200', async () => radioOf(s, 'run-2').frequency === '14.200');
    expect(radioOf(s, 'run-2')).toMatchObject({ band: '20m', updated_by: 'integration:n1mm' });
    expect(radioOf(s, 'default').frequency).toBeNull();

    await s.request('POST', '/api/admin/integrations', {
      admin: true,
      body: { wsjtx: { enabled: true, port: wsjtxPort, positions: { 'WSJT-X': 'run-2' } } },
    });
    await send(STATUS, wsjtxPort);
    await eventually('run-2 on 14.074 FT8', async () => radioOf(s, 'run-2').frequency === '14.074');
    expect(radioOf(s, 'run-2')).toMatchObject({ mode: 'FT8', updated_by: 'integration:wsjtx' });
    expect(radioOf(s, 'default').frequency).toBeNull();
  });
});
