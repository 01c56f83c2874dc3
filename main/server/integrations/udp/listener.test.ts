import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { UdpListener, isMulticastAddress } from './listener.js';
import { parseN1mm, type N1mmMessage } from '../n1mm/parse.js';
import { RADIO_INFO, CONTACT_INFO } from '../n1mm/fixtures/packets.js';
import { waitFor } from '../test-support.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function sender(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return socket;
}

function send(socket: dgram.Socket, data: string | Uint8Array, port: number): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.send(data, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
}

async function listener(onMessage: (m: N1mmMessage) => void, maxDatagramBytes = 4096) {
  const l = new UdpListener<N1mmMessage>({
    name: 'n1mm',
    port: 0,
    address: '127.0.0.1',
    maxDatagramBytes,
    parse: parseN1mm,
    onMessage,
  });
  await l.start();
  cleanups.push(() => l.stop());
  return l;
}

describe('UdpListener', () => {
  it('decodes datagrams and counts rejections by code without throwing', async () => {
    const messages: N1mmMessage[] = [];
    const l = await listener((m) => messages.push(m));
    const s = await sender();
    expect(l.status()).toMatchObject({ listening: true, packets: 0, address: '127.0.0.1' });
    await send(s, RADIO_INFO, l.port);
    await send(s, 'garbage', l.port);
    await send(s, '<Banana/>', l.port);
    await send(s, new Uint8Array(5000), l.port);
    await send(s, CONTACT_INFO, l.port);
    await waitFor('five datagrams', () => l.status().packets === 5);
    expect(messages.map((m) => m.type)).toEqual(['radio_info', 'contact_info']);
    const st = l.status();
    expect(st.accepted).toBe(2);
    expect(st.rejected).toEqual({ N1MM_MALFORMED: 1, N1MM_UNKNOWN_TYPE: 1, DATAGRAM_TOO_LARGE: 1 });
    expect(st.lastPacketAt).toMatch(/Z$/);
    expect(st.lastSender).toEqual({ address: '127.0.0.1', port: s.address().port });
    expect(st.lastRejection?.code).toBe('DATAGRAM_TOO_LARGE');
  });

  it('counts a throwing or rejecting handler and keeps listening', async () => {
    let calls = 0;
    const l = await listener(() => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
    });
    const s = await sender();
    await send(s, RADIO_INFO, l.port);
    await send(s, RADIO_INFO, l.port);
    await waitFor('two handled', () => calls === 2);
    expect(l.status()).toMatchObject({ accepted: 2, rejected: { HANDLER_FAILED: 1 }, listening: true });
  });

  it('sends replies from the listening port', async () => {
    const l = await listener(() => undefined);
    const s = await sender();
    const got = new Promise<{ data: string; port: number }>((resolve) =>
      s.once('message', (msg, rinfo) => resolve({ data: msg.toString(), port: rinfo.port })),
    );
    await l.send(Buffer.from('hello'), s.address().port, '127.0.0.1');
    expect(await got).toEqual({ data: 'hello', port: l.port });
  });

  it('records a bind failure and reports not listening', async () => {
    const first = await listener(() => undefined);
    const blocker = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    await new Promise<void>((resolve) => blocker.bind(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const second = new UdpListener<N1mmMessage>({
      name: 'n1mm',
      port: blocker.address().port,
      address: '127.0.0.1',
      maxDatagramBytes: 4096,
      parse: parseN1mm,
      onMessage: () => undefined,
    });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
    expect(second.status()).toMatchObject({ listening: false, lastError: { code: 'UDP_BIND_FAILED' } });
    expect(first.status().listening).toBe(true);
  });

  it('validates multicast groups', () => {
    expect(isMulticastAddress('239.255.0.1')).toBe(true);
    expect(isMulticastAddress('224.0.0.1')).toBe(true);
    expect(isMulticastAddress('192.168.1.1')).toBe(false);
    expect(isMulticastAddress('239.256.0.1')).toBe(false);
    expect(
      () =>
        new UdpListener({
          name: 'x',
          port: 0,
          multicastGroup: '10.0.0.1',
          maxDatagramBytes: 1,
          parse: parseN1mm,
          onMessage: () => undefined,
        }),
    ).toThrow(RangeError);
  });
});
