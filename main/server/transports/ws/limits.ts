import { z } from 'zod';

/** Limits of the WebSocket endpoints (both protocols). Documented in docs/websocket-api.md. */
export interface WsLimits {
  /** Open WebSocket connections, both protocols together; further handshakes get HTTP 503. */
  maxConnections: number;
  /** Largest accepted message in bytes; a larger one is answered with MESSAGE_TOO_LARGE. */
  maxFrameBytes: number;
  /** Messages per second per connection, on average ... */
  ratePerS: number;
  /** ... with bursts of up to this many; excess messages are answered with RATE_LIMITED. */
  rateBurst: number;
  /** Protocol-level ping interval; a peer that has not answered the previous ping by the next one is dropped. */
  pingIntervalMs: number;
  /** A connection whose unsent output exceeds this is dropped (a reader that cannot keep up). */
  maxBufferedBytes: number;
  /** Browser origins besides the server's own allowed to open a WebSocket (`WS_ALLOWED_ORIGINS`). */
  allowedOrigins: readonly string[];
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxConnections: 10_000,
  maxFrameBytes: 64 * 1024,
  ratePerS: 20,
  rateBurst: 40,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  allowedOrigins: [],
};

/** Messages larger than this are not even read: the connection is closed with 1009. */
export function hardFrameCap(limits: WsLimits): number {
  return Math.max(limits.maxFrameBytes * 4, 256 * 1024);
}

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

const envSchema = z.object({
  WS_MAX_CONNECTIONS: positiveInt(1_000_000).optional(),
  WS_MAX_FRAME_BYTES: positiveInt(16 * 1024 * 1024).optional(),
  WS_RATE_LIMIT_PER_S: positiveInt(100_000).optional(),
  WS_RATE_LIMIT_BURST: positiveInt(100_000).optional(),
  WS_PING_INTERVAL_S: positiveInt(3600).optional(),
  WS_ALLOWED_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(
      z.array(
        z.string().regex(/^(null|[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/?)$/i, 'an origin is scheme://host[:port]'),
      ),
    )
    .optional(),
});

/**
 * Limits from environment variables (WS_MAX_CONNECTIONS, WS_MAX_FRAME_BYTES, WS_RATE_LIMIT_PER_S,
 * WS_RATE_LIMIT_BURST, WS_PING_INTERVAL_S, WS_ALLOWED_ORIGINS) over the defaults. Invalid values throw with the variable's name.
 */
export function wsLimitsFromEnv(env: Record<string, string | undefined>): WsLimits {
  const picked = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((k) => (env[k] !== undefined && env[k] !== '' ? [[k, env[k]]] : [])),
  );
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue?.path[0] ?? 'WS limit')} is invalid: ${issue?.message ?? 'bad value'}`);
  }
  const e = parsed.data;
  return {
    ...DEFAULT_WS_LIMITS,
    maxConnections: e.WS_MAX_CONNECTIONS ?? DEFAULT_WS_LIMITS.maxConnections,
    maxFrameBytes: e.WS_MAX_FRAME_BYTES ?? DEFAULT_WS_LIMITS.maxFrameBytes,
    ratePerS: e.WS_RATE_LIMIT_PER_S ?? DEFAULT_WS_LIMITS.ratePerS,
    rateBurst: e.WS_RATE_LIMIT_BURST ?? DEFAULT_WS_LIMITS.rateBurst,
    pingIntervalMs: (e.WS_PING_INTERVAL_S ?? DEFAULT_WS_LIMITS.pingIntervalMs / 1000) * 1000,
    allowedOrigins: e.WS_ALLOWED_ORIGINS ?? DEFAULT_WS_LIMITS.allowedOrigins,
  };
}
