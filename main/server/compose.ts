/**
 * The composition root: the one module that knows both the core and the subsystems. It builds each subsystem
 * with what it needs (constructor arguments), hands the core their services, the ports the core needs (metrics,
 * the relay's stream), their operations and their attachments, and starts the whole server. The core (domain,
 * store, operations, transports, app.ts, services.ts) imports none of them; the layering test
 * (architecture.test.ts) holds that.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type BuiltSubsystems, type CoreParts, type RunningServer } from './app.js';
import type { Attach } from './attachment.js';
import {
  ConfigStore,
  CORE_CONFIG_PARTS,
  resolveParts,
  type ResolvedParts,
  type ServerConfig,
} from './config.js';
import type { CallsignLookup } from './domain/types.js';
import { integrationsConfigPart } from './integrations/config.js';
import { IntegrationManager } from './integrations/manager.js';
import { integrationOperations } from './integrations/operations.js';
import { integrationRoutes } from './integrations/routes.js';
import { lookupConfigPart } from './lookup/config.js';
import { lookupOperations } from './lookup/operations.js';
import { lookupRoutes } from './lookup/routes.js';
import type { LookupService } from './lookup/service.js';
import { createLookupSubsystem, lookupsStartLine } from './lookup/subsystem.js';
import { metricsOperations } from './metrics/operations.js';
import { metricsRoutes } from './metrics/routes.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import type { Operation } from './operations/define.js';
import { registerOperations } from './operations/table.js';
import { relayConfigPart } from './relay/config.js';
import { relayOperations } from './relay/operations.js';
import { relayRoutes } from './relay/routes.js';
import { RelayService } from './relay/service.js';
import { registerRoutes, type Route } from './transports/http/routes.js';
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
  ...relayOperations,
] as readonly Operation[];

/** The HTTP routes the subsystems hand to the core's route table, after the core's own. */
export const SUBSYSTEM_ROUTES: readonly Route[] = [
  ...integrationRoutes,
  ...lookupRoutes,
  ...metricsRoutes,
  ...relayRoutes,
];

/** Hands the subsystems' operations to the table and their routes to HTTP; repeating it changes nothing. */
export function registerSubsystemOperations(): void {
  registerOperations(SUBSYSTEM_OPERATIONS);
  registerRoutes(SUBSYSTEM_ROUTES);
}

/**
 * The one configuration schema: the core's parts and each subsystem's, each declared by its owner
 * (`ConfigPart` in config.ts) beside ServerConfig (loadConfig). Resolved once at start-up by composeServer;
 * each part goes to its owner.
 */
export const CONFIG_PARTS = {
  ...CORE_CONFIG_PARTS,
  lookup: lookupConfigPart,
  integrations: integrationsConfigPart,
  relay: relayConfigPart,
};
export type ResolvedConfig = ResolvedParts<typeof CONFIG_PARTS>;

export interface ComposeOptions {
  log?: Log;
  /**
   * Callsign lookups: 'configured' builds them from the configuration (the real server); a LookupService is
   * used as it is; null runs without them (operations answer LOOKUP_UNAVAILABLE).
   */
  lookups: 'configured' | LookupService | null;
  /** The Station's lookup when it is not the lookups' own (tests' fakes); default: the lookups, or nothing. */
  stationLookup?: CallsignLookup;
  /** Transports attached to the HTTP server: the WebSocket protocols (tests may leave them out). */
  transports: readonly Attach[];
}

/** Builds metrics, integrations and the relay from the core's parts, for `createServer`. */
function buildSubsystems(
  settings: ResolvedConfig,
  lookup: LookupService | null,
  core: CoreParts,
): BuiltSubsystems {
  const { station, configStore, log } = core;
  const metrics = new ServerMetrics({
    connections: () => core.connections.counts(),
    storeCounts: () => ({
      queue: station.getQueue().length,
      qsos: station.qsoCount(),
      bans: station.getBans().length,
    }),
    storeBytes: () => core.storeBytes(),
    startedAt: core.startedAt,
  });
  // before any transport subscribes, so every event's emission time is known to the latency histogram
  const unwatchEvents = station.events.subscribe(metrics.onEvent);

  const integrations = new IntegrationManager({
    station,
    config: settings.integrations.effective,
    fileConfig: settings.integrations.file,
    saveConfig: (c) => configStore.update({ integrations: c }),
    log,
  });
  const relay = new RelayService({
    station,
    initial: settings.relay,
    save: (c) => configStore.update({ relay: c ?? undefined }),
    log,
  });

  const startIntegrations: Attach = async () => {
    await integrations.start();
    return { close: () => integrations.close() };
  };
  const stopRelay: Attach = () => ({ close: () => relay.close() });
  const announceLookups: Attach = () => {
    if (lookup !== null) log('info', lookupsStartLine(lookup));
    return { close: () => undefined };
  };
  return {
    services: { lookup, integrations, relay, metrics },
    publicEventsUrl: () => relay.eventsUrl(),
    attach: [startIntegrations, announceLookups, stopRelay],
    close: async () => {
      unwatchEvents();
      await lookup?.close?.();
    },
  };
}

/** Starts a server with the subsystems composed as `options` say (tests choose; `startServer` takes all). */
export async function composeServer(config: ServerConfig, options: ComposeOptions): Promise<RunningServer> {
  registerSubsystemOperations();
  const log: Log = options.log ?? (() => undefined);
  const configStore = new ConfigStore(config.dataDir, config.file);
  const settings = resolveParts(CONFIG_PARTS, config, (m) => log('warn', m));
  const lookup =
    options.lookups === 'configured'
      ? await createLookupSubsystem({
          config,
          settings: settings.lookup,
          save: (settings) => configStore.update({ lookup: { ...settings } }),
          log,
        })
      : options.lookups;
  const stationLookup = options.stationLookup ?? lookup;
  return createServer(config, {
    log,
    settings,
    configStore,
    ...(stationLookup !== null ? { lookup: stationLookup } : {}),
    subsystems: (core) => buildSubsystems(settings, lookup, core),
    attach: options.transports,
  });
}

/**
 * Starts the whole server from a configuration: the core plus every subsystem (callsign lookups, WebSocket
 * protocols, logger and radio integrations, the relay, metrics). The headless CLI and the Electron shell both
 * start it this way.
 */
export function startServer(config: ServerConfig, log: Log): Promise<RunningServer> {
  return composeServer(config, { log, lookups: 'configured', transports: [webSocketAttach] });
}
