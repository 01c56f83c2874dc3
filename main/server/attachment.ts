/**
 * What runs beside the core once the server listens (the WebSocket protocols, the integrations' sockets) and
 * stops with it: the one attachment contract, owned by the core. `createServer` (app.ts) runs each `Attach`
 * after the HTTP server listens and closes what it returns, in reverse order, at shutdown. Attachments get what
 * they need in this context; they never change `services`.
 */
import type http from 'node:http';
import type { CoreSettings, ServerConfig } from './config.js';
import type { Station } from './domain/station.js';
import type { Services } from './services.js';
import type { Log } from './util/log.js';

/** Something attached to the running server that must stop with it. */
export interface Attachment {
  close(): Promise<void> | void;
}

export interface AttachContext {
  httpServer: http.Server;
  station: Station;
  services: Services;
  config: ServerConfig;
  /** The core's resolved configuration parts (limits). */
  settings: CoreSettings;
  log: Log;
}

export type Attach = (ctx: AttachContext) => Promise<Attachment> | Attachment;
