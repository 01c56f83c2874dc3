import { z } from 'zod';
import { openFileLimit, tcpCapFor } from './open-files.js';

/**
 * Limits of the HTTP side (registration per callsign, SSE connections, slow SSE readers), from environment
 * variables over these defaults. The WebSocket limits are in transports/ws/limits.ts; the per-address
 * registration rate and the maximum queue size are ordinary settings (config.ts).
 * Documented in docs/security.md.
 */
export interface HttpLimits {
  /** Registration attempts per callsign per minute, from any address (0 = off). */
  registrationPerCallsignPerMinute: number;
  /** Open SSE streams in total (0 = no limit); further ones get 503 TOO_MANY_CONNECTIONS. */
  sseMaxConnections: number;
  /** Open SSE streams per client address (0 = no limit). */
  sseMaxPerAddress: number;
  /** An SSE subscriber whose unsent data passes this many bytes is dropped (it has stopped reading). */
  sseMaxBufferedBytes: number;
  /**
   * TCP connections to the port (HTTP, SSE, WebSocket) in total (0 = no limit): HTTP_MAX_CONNECTIONS, else
   * derived from the process's open-file limit at start (see open-files.ts).
   */
  tcpMaxConnections: number;
  /** The open-file limit the cap was derived from (null when it could not be read or was given). */
  openFileLimit: number | null;
  /** TCP connections to the port per client address (0 = no limit). */
  tcpMaxPerAddress: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  registrationPerCallsignPerMinute: 5,
  sseMaxConnections: 15_000,
  sseMaxPerAddress: 50,
  sseMaxBufferedBytes: 4 * 1024 * 1024,
  // used only where the open-file limit cannot be read
  tcpMaxConnections: 19_000,
  openFileLimit: null,
  tcpMaxPerAddress: 256,
};

const count = (max: number) => z.coerce.number().int().min(0).max(max);

const envSchema = z.object({
  REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE: count(100_000).optional(),
  SSE_MAX_CONNECTIONS: count(1_000_000).optional(),
  SSE_MAX_CONNECTIONS_PER_ADDRESS: count(1_000_000).optional(),
  HTTP_MAX_CONNECTIONS: count(1_000_000).optional(),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: count(1_000_000).optional(),
  SSE_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .optional(),
});

/** Reads the HTTP limits from the environment; an invalid value throws with the variable's name. */
export function httpLimitsFromEnv(
  env: Record<string, string | undefined>,
  openFiles: number | null = openFileLimit(),
): HttpLimits {
  const picked = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((k) => (env[k] !== undefined && env[k] !== '' ? [[k, env[k]]] : [])),
  );
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue?.path[0] ?? 'limit')} is invalid: ${issue?.message ?? 'bad value'}`);
  }
  const e = parsed.data;
  const d = DEFAULT_HTTP_LIMITS;
  return {
    registrationPerCallsignPerMinute:
      e.REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE ?? d.registrationPerCallsignPerMinute,
    sseMaxConnections: e.SSE_MAX_CONNECTIONS ?? d.sseMaxConnections,
    sseMaxPerAddress: e.SSE_MAX_CONNECTIONS_PER_ADDRESS ?? d.sseMaxPerAddress,
    sseMaxBufferedBytes: e.SSE_MAX_BUFFERED_BYTES ?? d.sseMaxBufferedBytes,
    tcpMaxConnections:
      e.HTTP_MAX_CONNECTIONS ?? (openFiles !== null ? tcpCapFor(openFiles) : d.tcpMaxConnections),
    openFileLimit: e.HTTP_MAX_CONNECTIONS === undefined ? openFiles : null,
    tcpMaxPerAddress: e.HTTP_MAX_CONNECTIONS_PER_ADDRESS ?? d.tcpMaxPerAddress,
  };
}
