import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Attach, type RunningServer } from './app.js';
import type { ServerConfig } from './config.js';
import { integrationsAttach } from './integrations/attach.js';
import type { CallsignLookup } from './lookup/types.js';
import { createLookupSubsystem } from './lookup/subsystem.js';
import { relayAttach } from './relay/attach.js';
import { webSocketAttach } from './transports/ws/index.js';
import type { Log } from './util/log.js';

/** The repository (or packaged app) root: two levels above this file, in source and in dist alike. */
export function appRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = path.resolve(here, '..', '..');
  return path.basename(up) === 'dist' ? path.resolve(up, '..') : up;
}

export function defaultPaths(): { staticDir: string; resourcesDir: string } {
  const root = appRoot();
  return { staticDir: path.join(root, 'dist', 'renderer'), resourcesDir: path.join(root, 'resources') };
}

/**
 * Starts the whole server from a configuration: the core plus every subsystem (callsign lookups, WebSocket
 * protocols, logger and radio integrations). The headless CLI and the Electron shell both start it this way.
 */
export async function startServer(config: ServerConfig, log: Log): Promise<RunningServer> {
  const lookups = await createLookupSubsystem(config, log);
  const attach: Attach[] = [webSocketAttach, integrationsAttach(), lookups.attach, relayAttach()];
  const lookup: CallsignLookup = lookups.lookup;
  return createServer(config, { log, attach, lookup });
}
