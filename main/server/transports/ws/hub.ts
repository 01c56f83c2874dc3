/**
 * Attaches both WebSocket protocols to the server's HTTP server: protocol v2 on `/ws/connect` and the original's
 * protocol on `/api/ws`. Owns the upgrade (path routing, connection cap), the protocol-level keepalive, the
 * connection counts, and the fan-out of Station events (each event serialised once per protocol).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnyStationEvent } from '../../../../shared/protocol/events.js';
import { V2_PATH } from '../../../../shared/protocol/v2.js';
import { clientAddress, noteClientAddress } from '../http/http-io.js';
import { isAllowedWebSocketOrigin, loginThrottleKey } from '../../security/origin-check.js';
import { LegacyConnection } from './legacy/connection.js';
import { LEGACY_PATH, type LegacyFrame } from './legacy/frames.js';
import { hardFrameCap } from './limits.js';
import { EventFrames, type HubConnection, type WsDeps } from './shared.js';
import { V2Connection } from './v2/connection.js';

export interface WsAttachment {
  /** Open connections per protocol. */
  counts(): { v2: number; legacy: number };
  /** Closes every connection and stops listening for upgrades. */
  close(): Promise<void>;
}

export function attachWebSockets(server: Server, deps: WsDeps): WsAttachment {
  const { limits } = deps;
  const wssOptions = { noServer: true, maxPayload: hardFrameCap(limits), perMessageDeflate: false } as const;
  const v2Server = new WebSocketServer(wssOptions);
  const legacyServer = new WebSocketServer(wssOptions);
  const v2 = new Set<V2Connection>();
  const legacy = new Set<LegacyConnection>();
  const v2Shared = { deps };
  const legacyShared = {
    deps,
    broadcast: (frame: LegacyFrame) => {
      const text = JSON.stringify(frame);
      for (const c of legacy) c.sendBroadcast(text);
    },
  };

  const total = () => v2.size + legacy.size;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (deps.services.edge) noteClientAddress(req, deps.services.edge.proxies);
    const path = pathOf(req.url);
    const target = path === V2_PATH ? v2Server : path === LEGACY_PATH ? legacyServer : null;
    if (!target) {
      refuse(socket, 403, 'Forbidden');
      return;
    }
    if (deps.services.edge && !deps.services.edge.hosts.allows(req.headers.host)) {
      refuse(socket, 421, 'Misdirected Request');
      return;
    }
    // another site's page may not use the operator's browser to talk to the server
    // the admin API's allowed origins (ALLOWED_ORIGINS, changeable in the settings) and WS_ALLOWED_ORIGINS
    const origins = [...limits.allowedOrigins, ...(deps.services.access.allowedOrigins ?? [])];
    if (!isAllowedWebSocketOrigin(req, origins)) {
      refuse(socket, 403, 'Forbidden');
      return;
    }
    if (total() >= limits.maxConnections) {
      refuse(socket, 503, 'Service Unavailable');
      return;
    }
    target.handleUpgrade(req, socket, head, (ws) => {
      const address = clientAddress(req);
      const authKey = loginThrottleKey(req, address);
      if (target === v2Server) track(ws, new V2Connection(ws, address, v2Shared, authKey), v2, 'ws_v2');
      else track(ws, new LegacyConnection(ws, address, legacyShared, authKey), legacy, 'ws_legacy');
    });
  };

  function track<
    C extends HubConnection & { onMessage(d: Buffer | ArrayBuffer | Buffer[], b: boolean): void },
  >(ws: WebSocket, conn: C, set: Set<C>, kind: 'ws_v2' | 'ws_legacy'): void {
    set.add(conn);
    deps.services.connections.add(kind);
    ws.on('message', (data, isBinary) => conn.onMessage(data, isBinary));
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      if (!set.delete(conn)) return;
      deps.services.connections.remove(kind);
      conn.closed();
    });
  }

  server.on('upgrade', onUpgrade);

  const unsubscribe = deps.station.events.subscribe((event: AnyStationEvent) => {
    if (v2.size === 0 && legacy.size === 0) return;
    const frames = new EventFrames(event);
    for (const c of v2) c.deliver(frames);
    for (const c of legacy) c.deliver(frames);
  });

  const keepalive = setInterval(() => {
    for (const set of [v2, legacy] as const) {
      for (const c of set) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }
  }, limits.pingIntervalMs);
  keepalive.unref();

  return {
    counts: () => ({ v2: v2.size, legacy: legacy.size }),
    close: async () => {
      server.off('upgrade', onUpgrade);
      clearInterval(keepalive);
      unsubscribe();
      for (const c of [...v2, ...legacy]) c.ws.terminate();
      await Promise.all([closeServer(v2Server), closeServer(legacyServer)]);
    },
  };
}

function pathOf(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function closeServer(wss: WebSocketServer): Promise<void> {
  return new Promise((resolve) => wss.close(() => resolve()));
}
