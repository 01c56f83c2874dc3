import type { AdminAuth } from './security/admin-auth.js';
import type { RateLimiter } from './security/rate-limit.js';
import type { ConfigStore } from './config.js';

/** Counts of live connections by kind, for health, metrics and the console. */
export interface ConnectionCounts {
  sse: number;
  ws_v2: number;
  ws_v2_admin: number;
  ws_legacy: number;
}

export interface ConnectionRegistry {
  counts(): ConnectionCounts;
  add(kind: keyof ConnectionCounts): void;
  remove(kind: keyof ConnectionCounts): void;
}

export function createConnectionRegistry(): ConnectionRegistry {
  const c: ConnectionCounts = { sse: 0, ws_v2: 0, ws_v2_admin: 0, ws_legacy: 0 };
  return {
    counts: () => ({ ...c }),
    add: (kind) => {
      c[kind] += 1;
    },
    remove: (kind) => {
      c[kind] = Math.max(0, c[kind] - 1);
    },
  };
}

/**
 * What operations may use beside the Station. Later subsystems (lookups, integrations) add their service here.
 */
export interface Services {
  version: string;
  startedAt: number;
  config: ConfigStore;
  auth: AdminAuth;
  registrationLimiter: RateLimiter;
  connections: ConnectionRegistry;
  /** The URL the server is reachable at (changes after a rebind). */
  url(): string;
  /** Asks the server to listen on another host and/or port once the current answer has gone out. */
  requestRebind(host: string | null, port: number | null): void;
}
