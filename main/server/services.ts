/**
 * What operations and transports may use beside the Station: the core's contract. It is built once, complete,
 * by `createServer` (app.ts) from the core's parts and what the composition root (compose.ts) built for the
 * subsystems; nothing is added to it later and no field is optional.
 *
 * The core imports no subsystem. Where it needs something of one (counting a refusal, the relay's stream for the
 * caller page), the need is a port declared here, which the subsystem fills. A subsystem's own service, used only
 * by its own operations, is declared by the subsystem itself: it adds its field to {@link SubsystemServices}
 * (TypeScript declaration merging, in the subsystem's `services.ts`), so `ctx.services.lookup` is typed while
 * this file names none of them.
 */
import type { AccessSettings } from './security/access.js';
import type { AdminAuth } from './security/admin-auth.js';
import type { RateLimiter } from './security/rate-limit.js';
import type { ConfigStore } from './config.js';
import type { ConnectionLimiter } from './security/connection-limit.js';
import type { HttpLimits } from './security/limits.js';
import type { HostCheck } from './security/host-check.js';
import type { TrustedProxies } from './security/trusted-proxy.js';
import type { ConnectionRegistry } from './transports/connections.js';

export {
  createConnectionRegistry,
  type ConnectionCounts,
  type ConnectionRegistry,
} from './transports/connections.js';

/** The transports that deliver Station events to subscribers. */
export type DeliveryTransport = 'sse' | 'ws_v2' | 'ws_legacy';

/** What the core reports to the metrics, and the Prometheus text it serves at GET /metrics (transports/http). */
export interface MetricsPort {
  /** A caller was added to the queue. */
  registered(): void;
  /** A request was refused (counted by its error code, once per error object). */
  rejected(err: unknown): void;
  /** A transport wrote event `seq` to one subscriber. */
  delivered(transport: DeliveryTransport, seq: number): void;
  /** A subscriber was dropped because it stopped reading. */
  dropped(transport: DeliveryTransport): void;
  /** The Prometheus text format. */
  render(): Promise<string>;
}

/**
 * The subsystems' own services, each declared by its subsystem (`lookup/services.ts`, `integrations/services.ts`,
 * `relay/services.ts`, `metrics/services.ts`) and built by the composition root.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the subsystems' declarations
export interface SubsystemServices {}

/** What the core itself provides and needs. */
export interface CoreServices {
  version: string;
  startedAt: number;
  config: ConfigStore;
  auth: AdminAuth;
  registrationLimiter: RateLimiter;
  /** Registration attempts per callsign (REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE). */
  callsignLimiter: RateLimiter;
  /** Long-lived connections in total and per address (SSE; other transports may share it). */
  connectionLimiter: ConnectionLimiter;
  limits: HttpLimits;
  /** Counters, gauges and the event latency histogram behind GET /metrics. */
  metrics: MetricsPort;
  connections: ConnectionRegistry;
  /** Cross-origin admin pages and unauthenticated local loggers (security/access.ts). */
  access: AccessSettings;
  /** Who may name the caller in X-Forwarded-For, and which Host names are answered (reverse proxies). */
  edge: { proxies: TrustedProxies; hosts: HostCheck };
  /** Where the caller page subscribes to public events when it is not this server (the relay's), else null. */
  publicEventsUrl(): string | null;
  /** The URL the server is reachable at (changes after a rebind). */
  url(): string;
  /** Asks the server to listen on another host and/or port once the current answer has gone out. */
  requestRebind(host: string | null, port: number | null): void;
}

/** Everything operations see as `ctx.services`. */
export type Services = CoreServices & SubsystemServices;
