import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Station } from './domain/station.js';
import { identityRuleFrom } from './domain/identity.js';
import { ConfigStore, type CoreSettings, type ServerConfig } from './config.js';
import type { CallsignLookup } from './domain/types.js';
import { nullLookup } from './domain/no-lookup.js';
import { AdminAuth } from './security/admin-auth.js';
import { PersistedSessions } from './security/session-store.js';
import { RateLimiter } from './security/rate-limit.js';
import { ConnectionLimiter } from './security/connection-limit.js';
import { guardConnections } from './security/tcp-guard.js';
import { HostCheck } from './security/host-check.js';
import { TrustedProxies } from './security/trusted-proxy.js';
import { secureDataDir } from './security/file-modes.js';
import { HTTP_SERVER_LIMITS } from './security/http-server-limits.js';
import type { Attach, Attachment } from './attachment.js';
import {
  createConnectionRegistry,
  type ConnectionRegistry,
  type Services,
  type SubsystemServices,
} from './services.js';
import { Store } from './store/store.js';
import { identityFromConfig } from './domain/station-identity.js';
import { createHttpHandler } from './transports/http/create-app.js';
import { noteClientAddress } from './transports/http/http-io.js';
import { SseHub } from './transports/http/sse.js';
import { queueUpdateFanoutSpacingMs } from './transports/fanout-budget.js';
import type { Log } from './util/log.js';
import { VERSION } from './version.js';

export type { Attach, AttachContext, Attachment } from './attachment.js';

/** What the core hands the composition root for building the subsystems, once the Station is open. */
export interface CoreParts {
  station: Station;
  /** The config file; subsystems save their sections through it. */
  configStore: ConfigStore;
  connections: ConnectionRegistry;
  /** Total size of the data files in bytes. */
  storeBytes(): Promise<number>;
  startedAt: number;
  log: Log;
}

/** What the composition root hands the core: the subsystems' services, the ports the core needs, attachments. */
export interface BuiltSubsystems {
  /** Their services, `metrics` (the core's MetricsPort) among them. */
  services: SubsystemServices;
  /** Where the caller page subscribes when not to this server (the relay's stream), else null. */
  publicEventsUrl(): string | null;
  /** Started after the HTTP server listens, after `CreateServerOptions.attach`; closed before them. */
  attach: readonly Attach[];
  /** Called last at shutdown, once the Station and the store are closed. */
  close(): Promise<void>;
}

export interface CreateServerOptions {
  log?: Log;
  /** The core's parts of the configuration, resolved once (compose.ts). */
  settings: CoreSettings;
  /** The config file of the data dir (compose.ts builds it, so subsystems built before can save through it). */
  configStore?: ConfigStore;
  /** Callsign intelligence for the Station; defaults to knowing nothing but the callsign. */
  lookup?: CallsignLookup;
  /** Builds the subsystems (compose.ts): run once, after the Station is open and before anything is served. */
  subsystems: (core: CoreParts) => Promise<BuiltSubsystems> | BuiltSubsystems;
  /** Transports to attach to the HTTP server (the WebSocket protocols). */
  attach?: readonly Attach[];
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  station: Station;
  services: Services;
  /** Set on the first start without ADMIN_PASSWORD: the generated password, to be shown once. */
  generatedPassword: string | null;
  /** Listens on another address, keeping all state (the console's port and bind address settings). */
  rebind(host: string, port: number): Promise<void>;
  close(): Promise<void>;
}

function urlFor(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${shown}:${port}`;
}

/** The certificate and key of `--tls-cert`/`--tls-key`, read at start (a clear error when unreadable). */
function readTls(tls: NonNullable<ServerConfig['tls']>): { cert: Buffer; key: Buffer } {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`cannot read the TLS ${what} ${file}: ${(err as Error).message}`, { cause: err });
    }
  };
  return { cert: read(tls.certFile, 'certificate'), key: read(tls.keyFile, 'key') };
}

/** Starts the queue server: store, Station, HTTP + SSE (+ attached transports) on one port. */
export async function createServer(
  config: ServerConfig,
  options: CreateServerOptions,
): Promise<RunningServer> {
  const log: Log = options.log ?? (() => undefined);
  const settings = options.settings;
  const limits = settings.http;
  const store = await Store.open(config.dataDir);
  const configStore = options.configStore ?? new ConfigStore(config.dataDir, config.file);
  const connections = createConnectionRegistry();
  const station = await Station.open({
    store,
    queueUpdateSpacingMs: (listed) => {
      const c = connections.counts();
      return queueUpdateFanoutSpacingMs(listed, c.sse + c.ws_v2 + c.ws_legacy);
    },
    lookup: options.lookup ?? nullLookup,
    settings: { maxQueueSize: config.maxQueueSize, workedWindowHours: config.workedWindowHours },
    identityRule: identityRuleFrom(config.env.CALLSIGN_IDENTITY),
    saveSettings: (s) =>
      configStore.update({ max_queue_size: s.maxQueueSize, worked_window_hours: s.workedWindowHours }),
    identity: identityFromConfig(config.file),
    saveIdentity: (identity) => configStore.update({ ...identity }),
    log,
  });
  const auth = await AdminAuth.open({
    dataDir: config.dataDir,
    username: config.adminUsername,
    password: config.adminPassword,
    // a console stays signed in across a restart of the server (security/session-store.ts)
    sessions: await PersistedSessions.open(config.dataDir, {
      onError: (err) => log('warn', `could not save the admin sessions: ${String(err)}`),
    }),
  });
  await secureDataDir(config.dataDir);
  if (auth.recovered) {
    log(
      'warn',
      `data file ${auth.recovered.file} was damaged (${auth.recovered.reason}); it is saved as ${auth.recovered.savedAs} and a new admin password was generated`,
    );
  }

  let host = config.host;
  let port = config.port;
  const scheme = config.tls ? 'https' : 'http';
  const edge = {
    proxies: new TrustedProxies(config.trustedProxies),
    hosts: new HostCheck(config.publicHosts),
  };
  const startedAt = Date.now();
  const built = await options.subsystems({
    station,
    configStore,
    connections,
    storeBytes: () => store.sizeBytes(),
    startedAt,
    log,
  });
  const services: Services = {
    version: VERSION,
    startedAt,
    config: configStore,
    auth,
    registrationLimiter: new RateLimiter(config.registrationRatePerMinute, 60_000),
    callsignLimiter: new RateLimiter(limits.registrationPerCallsignPerMinute, 60_000),
    connectionLimiter: new ConnectionLimiter(limits.sseMaxConnections, limits.sseMaxPerAddress),
    limits,
    // `metrics` (the core's MetricsPort) comes with the subsystems' services: the metrics subsystem fills it
    connections,
    edge,
    access: {
      allowedOrigins: config.allowedOrigins,
      unauthenticatedLoggingDirect: config.unauthenticatedLoggingDirect,
    },
    publicEventsUrl: () => built.publicEventsUrl(),
    url: () => urlFor(host, port, scheme),
    requestRebind: (newHost, newPort) => {
      // after the answer that asked for it has gone out
      setTimeout(() => void running.rebind(newHost ?? host, newPort ?? port), 200);
    },
    ...built.services,
  };
  const sse = new SseHub(station, services.connections, {
    metrics: services.metrics,
    limiter: services.connectionLimiter,
    maxBufferedBytes: limits.sseMaxBufferedBytes,
  });
  const handler = createHttpHandler({
    station,
    services,
    sse,
    staticDir: config.staticDir,
    frontendUrl: config.frontendUrl,
    log,
  });

  const listener: http.RequestListener = (req, res) => {
    noteClientAddress(req, edge.proxies);
    handler(req, res);
  };
  const serverOptions = { connectionsCheckingInterval: HTTP_SERVER_LIMITS.connectionsCheckingIntervalMs };
  const httpServer: http.Server = config.tls
    ? https.createServer({ ...readTls(config.tls), ...serverOptions }, listener)
    : http.createServer(serverOptions, listener);
  httpServer.keepAliveTimeout = HTTP_SERVER_LIMITS.keepAliveTimeoutMs;
  httpServer.headersTimeout = HTTP_SERVER_LIMITS.headersTimeoutMs;
  httpServer.requestTimeout = 0; // SSE streams are long-lived
  httpServer.maxHeadersCount = HTTP_SERVER_LIMITS.maxHeadersCount;
  // A trusted proxy carries many callers: only the total cap applies to its connections.
  guardConnections(httpServer, limits.tcpMaxConnections, limits.tcpMaxPerAddress, (a) =>
    edge.proxies.trusts(a),
  );

  const listen = (h: string, p: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      httpServer.once('error', onError);
      httpServer.listen(p, h, () => {
        httpServer.off('error', onError);
        resolve((httpServer.address() as AddressInfo).port);
      });
    });

  port = await listen(host, port);

  const attachments: Attachment[] = [];
  for (const attach of [...(options.attach ?? []), ...built.attach]) {
    attachments.push(await attach({ httpServer, station, services, config, settings, log }));
  }

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeAllConnections();
    });

  let closed = false;
  // eslint-disable-next-line prefer-const -- assigned below, used by services.requestRebind
  let running: RunningServer;
  running = {
    get url() {
      return urlFor(host, port, scheme);
    },
    get host() {
      return host;
    },
    get port() {
      return port;
    },
    station,
    services,
    generatedPassword: auth.generatedPassword,
    async rebind(newHost: string, newPort: number) {
      sse.disconnectAll();
      await stopListening();
      try {
        port = await listen(newHost, newPort);
        host = newHost;
      } catch (err) {
        log(
          'error',
          `could not listen on ${newHost}:${newPort} (${String(err)}); staying on ${host}:${port}`,
        );
        port = await listen(host, port);
      }
      log('info', `listening on ${urlFor(host, port, scheme)}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const a of attachments.reverse()) await a.close();
      sse.close();
      await stopListening();
      await station.close();
      store.close();
      await built.close();
    },
  };
  return running;
}
