/** UDP for end-to-end tests of the logger listeners: a free port, and one datagram sent to loopback. */
import { createSocket } from 'node:dgram';

/** A UDP port nobody listens on now (bound to an ephemeral port, then released). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Sends one datagram (bytes, or text as UTF-8) to 127.0.0.1:`port`. */
export async function sendUdp(port: number, data: Uint8Array | string): Promise<void> {
  const socket = createSocket('udp4');
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await new Promise<void>((resolve, reject) =>
    socket.send(bytes, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
  );
  socket.close();
}
