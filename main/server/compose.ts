import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Attach, type RunningServer } from './app.js';
import type { ServerConfig } from './config.js';
import { integrationsAttach } from './integrations/attach.js';
import { integrationOperations } from './integrations/operations.js';
import type { CallsignLookup } from './lookup/types.js';
import { lookupOperations } from './lookup/operations.js';
import { createLookupSubsystem } from './lookup/subsystem.js';
import { metricsOperations } from './metrics/operations.js';
import type { Operation } from './operations/define.js';
import { registerOperations } from './operations/table.js';
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

/** The operations the subsystems hand to the core's table (the core imports none of them). */
export const SUBSYSTEM_OPERATIONS = [
  ...integrationOperations,
  ...lookupOperations,
  ...metricsOperations,
] as readonly Operation[];

/** Hands the subsystems' operations to the table; repeating it changes nothing. */
export function registerSubsystemOperations(): void {
  registerOperations(SUBSYSTEM_OPERATIONS);
}

/**
 * Starts the whole server from a configuration: the core plus every subsystem (callsign lookups, WebSocket
 * protocols, logger and radio integrations). The headless CLI and the Electron shell both start it this way.
 */
export async function startServer(config: ServerConfig, log: Log): Promise<RunningServer> {
  registerSubsystemOperations();
  const lookups = await createLookupSubsystem(config, log);
  const attach: Attach[] = [webSocketAttach, integrationsAttach(), lookups.attach];
  const lookup: CallsignLookup = lookups.lookup;
  return createServer(config, { log, attach, lookup });
}
