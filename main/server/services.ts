import type { AdminAuth } from './security/admin-auth.js';
import type { RateLimiter } from './security/rate-limit.js';
import type { ConfigStore } from './config.js';
import type { LookupService } from './lookup/service.js';
import type { IntegrationManager } from './integrations/manager.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import type { ConnectionLimiter } from './security/connection-limit.js';
import type { HttpLimits } from './security/limits.js';
import type { ConnectionRegistry } from './transports/connections.js';

export {
  createConnectionRegistry,
  type ConnectionCounts,
  type ConnectionRegistry,
} from './transports/connections.js';

/**
 * What operations may use beside the Station. Later subsystems (lookups, integrations) add their service here.
 */
export interface Services {
  version: string;
  startedAt: number;
  config: ConfigStore;
  auth: AdminAuth;
  registrationLimiter: RateLimiter;
  /** Registration attempts per callsign (REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE). */
  callsignLimiter?: RateLimiter;
  /** Long-lived connections in total and per address (SSE; other transports may share it). */
  connectionLimiter?: ConnectionLimiter;
  limits?: HttpLimits;
  /** Counters, gauges and the event latency histogram behind GET /metrics. */
  metrics?: ServerMetrics;
  connections: ConnectionRegistry;
  /** The URL the server is reachable at (changes after a rebind). */
  url(): string;
  /** Asks the server to listen on another host and/or port once the current answer has gone out. */
  requestRebind(host: string | null, port: number | null): void;
  /** Callsign lookups (offline DXCC, QRZ.com, HamQTH); set by their attachment. */
  lookup?: LookupService;
  /** Logger and radio integrations (N1MM+, WSJT-X, rigctld, Send to Logger); set by their attachment. */
  integrations?: IntegrationManager;
}
