import type http from 'node:http';
import type { Socket } from 'node:net';
import { ConnectionLimiter } from './connection-limit.js';

const REFUSAL_BODY = (scope: 'total' | 'address', limit: number): string =>
  JSON.stringify({
    detail:
      scope === 'address'
        ? `Too many connections from your address (limit ${limit})`
        : `The server has too many connections open (limit ${limit}); try again later`,
    code: 'TOO_MANY_CONNECTIONS',
    scope,
    limit,
  });

/**
 * Caps the TCP connections of the server's port (HTTP, SSE and WebSocket alike) in total and per client
 * address. A connection over a cap gets a 503 TOO_MANY_CONNECTIONS answer and is closed before any request
 * is read, so one host cannot use up the process's open files. Returns the limiter (for counts).
 */
export function guardConnections(
  server: http.Server,
  maxTotal: number,
  maxPerAddress: number,
  /** Peers counted only against the total (trusted reverse proxies, which carry many callers). */
  sharedPeer: (address: string | undefined) => boolean = () => false,
): ConnectionLimiter {
  const limiter = new ConnectionLimiter(maxTotal, maxPerAddress);
  if (maxTotal <= 0 && maxPerAddress <= 0) return limiter;
  server.on('connection', (socket: Socket) => {
    const slot = limiter.acquire(
      sharedPeer(socket.remoteAddress) ? null : (socket.remoteAddress ?? 'unknown'),
    );
    if (!slot.ok) {
      const body = REFUSAL_BODY(slot.scope, slot.limit);
      socket.on('error', () => undefined);
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\nRetry-After: 10\r\nConnection: close\r\n\r\n${body}`,
      );
      socket.destroySoon();
      return;
    }
    socket.once('close', slot.release);
  });
  return limiter;
}
