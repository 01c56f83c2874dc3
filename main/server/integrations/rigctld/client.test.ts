import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { RigctldClient, type RigState } from './client.js';
import { freeTcpPort, waitFor } from '../test-support.js';

/** A scripted stand-in for rigctld that answers the extended-response commands the client sends. */
class FakeRigctld {
  freq = 14_074_000;
  mode = 'USB';
  passband = 2400;
  silent = false;
  connections = 0;
  polls = 0;
  private readonly server = net.createServer((socket) => this.handle(socket));
  private readonly sockets = new Set<net.Socket>();

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(socket: net.Socket): void {
    this.connections += 1;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (this.silent) continue;
        if (line === '\\chk_vfo') {
          socket.write('0\n');
        } else if (line === '+f') {
          this.polls += 1;
          socket.write(`get_freq:\nFrequency: ${this.freq}\nRPRT 0\n`);
        } else if (line === '+m') {
          socket.write(`get_mode:\nMode: ${this.mode}\nPassband: ${this.passband}\nRPRT 0\n`);
        } else if (line.startsWith('+F ')) {
          this.freq = Number(line.slice(3));
          socket.write(`set_freq: ${line.slice(3)}\nRPRT 0\n`);
        } else {
          socket.write('RPRT -4\n');
        }
      }
    });
  }
}

const fast = {
  pollIntervalMs: 20,
  replyTimeoutMs: 300,
  connectTimeoutMs: 500,
  initialBackoffMs: 20,
  maxBackoffMs: 100,
};

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function fakeAndClient(): Promise<{ fake: FakeRigctld; client: RigctldClient; changes: RigState[] }> {
  const fake = new FakeRigctld();
  const port = await fake.listen();
  const changes: RigState[] = [];
  const client = new RigctldClient({ ...fast, port, onChange: (s) => changes.push(s) });
  cleanups.push(
    () => fake.close(),
    () => client.stop(),
  );
  client.start();
  return { fake, client, changes };
}

describe('RigctldClient against a scripted server', () => {
  it('reads frequency and mode and reports only changes', async () => {
    const { fake, client, changes } = await fakeAndClient();
    await waitFor('first reading', () => changes.length >= 1);
    expect(changes[0]).toEqual({ freqHz: 14_074_000, mode: 'USB', passband: 2400 });
    const pollsBefore = fake.polls;
    await waitFor('more polls', () => fake.polls >= pollsBefore + 5);
    expect(changes).toHaveLength(1);
    fake.freq = 7_074_000;
    await waitFor('second reading', () => changes.length >= 2);
    expect(changes[1]).toEqual({ freqHz: 7_074_000, mode: 'USB', passband: 2400 });
    expect(client.status()).toMatchObject({ connected: true, lastError: null, rig: { freqHz: 7_074_000 } });
    expect(client.status().lastReplyAt).toMatch(/Z$/);
  });

  it('times out on silence, drops the connection and reconnects', async () => {
    const { fake, client, changes } = await fakeAndClient();
    await waitFor('first reading', () => changes.length >= 1);
    fake.silent = true;
    await waitFor('timeout', () => client.status().lastError?.code === 'RIGCTLD_TIMEOUT');
    await waitFor('reconnect', () => fake.connections >= 2);
    fake.silent = false;
    fake.freq = 3_573_000;
    await waitFor('reading after reconnect', () => changes.some((c) => c.freqHz === 3_573_000));
    expect(client.status().connected).toBe(true);
  });

  it('reconnects after the server drops it', async () => {
    const { fake, changes } = await fakeAndClient();
    await waitFor('first reading', () => changes.length >= 1);
    fake.dropAll();
    await waitFor('reconnect', () => fake.connections >= 2);
    fake.mode = 'CW';
    await waitFor('reading after reconnect', () => changes.some((c) => c.mode === 'CW'));
  });

  it('keeps trying with backoff when nothing listens, and stops cleanly', async () => {
    const port = await freeTcpPort();
    const client = new RigctldClient({ ...fast, port });
    client.start();
    await waitFor('three attempts', () => client.status().connectAttempts >= 3);
    expect(client.status()).toMatchObject({
      running: true,
      connected: false,
      lastError: { code: 'RIGCTLD_CONNECT_FAILED' },
    });
    await client.stop();
    const attempts = client.status().connectAttempts;
    expect(client.status().running).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.status().connectAttempts).toBe(attempts);
  });

  it('refuses commands while disconnected', async () => {
    const client = new RigctldClient({ ...fast, port: await freeTcpPort() });
    await expect(client.setFrequency(14_000_000)).rejects.toThrow(/Not connected/);
    await expect(client.setFrequency(-1)).rejects.toThrow(RangeError);
  });
});

const hasRigctld = spawnSync('rigctld', ['--version']).status === 0;

describe.skipIf(!hasRigctld)('RigctldClient against a real rigctld -m 1 (dummy rig)', () => {
  it('sets a frequency with F and reads it back, sets a mode with M and reads it back', async () => {
    const port = await freeTcpPort();
    const child: ChildProcess = spawn('rigctld', ['-m', '1', '-T', '127.0.0.1', '-t', String(port)], {
      stdio: 'ignore',
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });
    const changes: RigState[] = [];
    const client = new RigctldClient({
      ...fast,
      port,
      replyTimeoutMs: 2000,
      onChange: (s) => changes.push(s),
    });
    cleanups.push(() => client.stop());
    client.start();
    await waitFor('connection to rigctld', () => client.status().connected && changes.length >= 1);
    await client.setFrequency(14_074_000);
    await waitFor('14.074 MHz read back', () => changes.find((c) => c.freqHz === 14_074_000));
    await client.setMode('USB', 2400);
    const usb = await waitFor('USB read back', () =>
      changes.find((c) => c.mode === 'USB' && c.freqHz === 14_074_000),
    );
    expect(usb).toEqual({ freqHz: 14_074_000, mode: 'USB', passband: 2400 });
    // lastError may still hold a refused connection from before rigctld was listening
    expect(client.status()).toMatchObject({ connected: true, rig: { freqHz: 14_074_000, mode: 'USB' } });
  });
});

describe.skipIf(!hasRigctld)('RigctldClient against a real rigctld -m 1 -o (VFO mode)', () => {
  it('detects VFO mode with \\chk_vfo and follows the radio, tuning it with currVFO', async () => {
    const port = await freeTcpPort();
    const child: ChildProcess = spawn('rigctld', ['-m', '1', '-o', '-T', '127.0.0.1', '-t', String(port)], {
      stdio: 'ignore',
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });
    const changes: RigState[] = [];
    const client = new RigctldClient({
      ...fast,
      port,
      replyTimeoutMs: 2000,
      onChange: (s) => changes.push(s),
    });
    cleanups.push(() => client.stop());
    client.start();
    // The dummy rig starts on 145 MHz FM: the first poll reads it (without the VFO argument every poll times out).
    await waitFor('first reading from rigctld -o', () => changes.find((c) => c.freqHz === 145_000_000));
    expect(client.status()).toMatchObject({ connected: true, vfoMode: true });
    await client.setFrequency(14_074_000);
    await client.setMode('USB', 2400);
    const usb = await waitFor('14.074 MHz USB read back', () =>
      changes.find((c) => c.mode === 'USB' && c.freqHz === 14_074_000),
    );
    expect(usb).toEqual({ freqHz: 14_074_000, mode: 'USB', passband: 2400 });
    expect(client.status().lastError?.code).not.toBe('RIGCTLD_TIMEOUT');
  });

  it('reports no VFO mode for a plain rigctld', async () => {
    const port = await freeTcpPort();
    const child: ChildProcess = spawn('rigctld', ['-m', '1', '-T', '127.0.0.1', '-t', String(port)], {
      stdio: 'ignore',
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });
    const changes: RigState[] = [];
    const client = new RigctldClient({
      ...fast,
      port,
      replyTimeoutMs: 2000,
      onChange: (s) => changes.push(s),
    });
    cleanups.push(() => client.stop());
    client.start();
    await waitFor('first reading', () => changes.length >= 1);
    expect(client.status()).toMatchObject({ connected: true, vfoMode: false });
  });
});

if (!hasRigctld) {
  describe('rigctld integration', () => {
    it.skip('skipped: rigctld is not on PATH (install Debian libhamlib-utils)', () => undefined);
  });
}
