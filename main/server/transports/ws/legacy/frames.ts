/**
 * Protocol A (the original's `/api/ws`): server → client frames, with the original's keys in the original's
 * order. Timestamps are ISO 8601 UTC with `Z` (the original mixed four formats; clients only need a string).
 */
import type { CurrentQso, QueueUpdate } from '../../../../../shared/protocol/types.js';

export const LEGACY_PATH = '/api/ws';
export const LEGACY_SERVER_VERSION = '1.0.0';
export const WELCOME_MESSAGE = 'Connected to Pileup Buster WebSocket API';

/** The error codes Protocol A sends (the original's eight, plus the new server's own refusals). */
export type LegacyErrorCode =
  | 'INVALID_FORMAT'
  | 'INVALID_REQUEST'
  | 'AUTH_REQUIRED'
  | 'SESSION_EXPIRED'
  | 'CALLSIGN_INVALID'
  | 'QUEUE_FULL'
  | 'SYSTEM_INACTIVE'
  | 'SYSTEM_ERROR'
  // refusals the original had no code for (features it did not have)
  | 'QUEUE_PAUSED'
  | 'CALLSIGN_BANNED'
  | 'COOLDOWN'
  | 'RATE_LIMITED'
  | 'MESSAGE_TOO_LARGE';

export type LegacyFrame = Record<string, unknown>;

export const welcomeFrame = (timestamp: string): LegacyFrame => ({
  type: 'welcome',
  timestamp,
  message: WELCOME_MESSAGE,
  server_version: LEGACY_SERVER_VERSION,
});

export const pongFrame = (timestamp: string): LegacyFrame => ({ type: 'pong', timestamp });

export function authResponseFrame(
  requestId: string,
  granted: { token: string; expires_at: string } | null,
): LegacyFrame {
  return {
    type: 'auth_response',
    request_id: requestId,
    authenticated: granted !== null,
    session_token: granted?.token ?? null,
    message: granted ? 'Authentication successful' : 'Invalid credentials',
    expires_at: granted?.expires_at ?? null,
  };
}

export const successFrame = (requestId: string, message: string, data: unknown): LegacyFrame => ({
  type: 'success',
  request_id: requestId,
  message,
  data: data ?? null,
});

export const errorFrame = (requestId: string, code: LegacyErrorCode, message: string): LegacyFrame => ({
  type: 'error',
  request_id: requestId,
  error_code: code,
  message,
  details: null,
});

export const queueUpdateFrame = (timestamp: string, q: QueueUpdate): LegacyFrame => ({
  type: 'queue_update',
  timestamp,
  queue: q.queue,
  total: q.total,
  max_size: q.max_size,
  system_active: q.system_active,
});

export const qsoUpdateFrame = (timestamp: string, current: CurrentQso | null): LegacyFrame => ({
  type: 'qso_update',
  timestamp,
  current_qso: current,
});

export const systemStatusFrame = (timestamp: string, active: boolean): LegacyFrame => ({
  type: 'system_status_update',
  timestamp,
  active,
});

export const ttlUpdateFrame = (modifiedCount: number, newExpiresAt: string): LegacyFrame => ({
  type: 'ttl_update',
  message: `Updated TTL for ${modifiedCount} worked callers to 72 hours`,
  modified_count: modifiedCount,
  new_expires_at: newExpiresAt,
});
