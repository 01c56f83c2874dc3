/**
 * Protocol v2 (`/ws/connect`): frame schemas and types shared by the server and the client SDK.
 *
 * Client → server: `request`, `auth`, `ping`. Server → client: `response`, `event`, `pong`.
 * Every frame is one UTF-8 JSON object in one text frame. Timestamps are ISO 8601 UTC with `Z`.
 * The full reference is docs/websocket-api.md.
 */
import { z } from 'zod';
import type { CurrentQso } from './types.js';
import type { AdminPositionState, CallerRulesInfo, PositionView } from './positions.js';
import type { PublicState } from './public-state.js';
import { ALL_EVENTS, type EventPayloads, type StationEventName } from './events.js';

/** Bumped when a frame shape changes incompatibly. Reported by `system.info`. */
export const PROTOCOL_VERSION = 2;

/** The endpoint path of protocol v2. */
export const V2_PATH = '/ws/connect';

/**
 * Stable error codes a v2 `response` can carry in `error_code`. The list is open: operations add domain codes
 * (see the operation reference), so clients must treat unknown codes as a generic failure.
 */
export const V2_ERROR_CODES = [
  // framing
  'INVALID_FORMAT',
  'MESSAGE_TOO_LARGE',
  'UNKNOWN_OPERATION',
  'VALIDATION_ERROR',
  'INVALID_REQUEST',
  'RATE_LIMITED',
  // auth
  'AUTH_REQUIRED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  // domain (shared with HTTP)
  'CALLSIGN_REQUIRED',
  'INVALID_CALLSIGN',
  'ALREADY_QUEUED',
  'QUEUE_FULL',
  'NOT_FOUND',
  'SYSTEM_INACTIVE',
  'QUEUE_PAUSED',
  'LOGGER_DISABLED',
  'CALLSIGN_BANNED',
  'INVALID_SECRET',
  'COOLDOWN',
  'CONFLICT',
  // operating positions
  'SLOT_ALREADY_WORKED',
  'ALREADY_QUEUED_ELSEWHERE',
  'POSITION_NOT_FOUND',
  'POSITION_NAME_TAKEN',
  'POSITION_ID_TAKEN',
  'DEFAULT_POSITION_UNDELETABLE',
  'POSITION_NOT_EMPTY',
  'TOO_MANY_POSITIONS',
  'UNSUPPORTED_TYPE',
  'STORE_UNAVAILABLE',
  'INTERNAL_ERROR',
  'TIMEOUT',
] as const;
export type V2ErrorCode = (typeof V2_ERROR_CODES)[number];

/** A request id: echoed verbatim in the reply; `null` when the request had none. */
export const requestIdSchema = z.union([z.string().max(256), z.number().finite()]);
export type RequestId = z.infer<typeof requestIdSchema>;

const dataObject = z.record(z.string(), z.unknown());

// ------------------------------------------------------------------------------------------------
// Client → server
// ------------------------------------------------------------------------------------------------

export const requestFrameSchema = z.object({
  type: z.literal('request'),
  id: requestIdSchema.nullish(),
  operation: z.string().min(1).max(100),
  data: dataObject.nullish(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export const passwordAuthSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});
export const tokenAuthSchema = z.object({ token: z.string().min(1).max(200) });
export const authDataSchema = z.union([passwordAuthSchema, tokenAuthSchema]);
export type AuthData = z.infer<typeof authDataSchema>;

export const authFrameSchema = z.object({
  type: z.literal('auth'),
  id: requestIdSchema.nullish(),
  data: dataObject,
});
export type AuthFrame = z.infer<typeof authFrameSchema>;

export const pingFrameSchema = z.object({
  type: z.literal('ping'),
  id: requestIdSchema.nullish(),
});
export type PingFrame = z.infer<typeof pingFrameSchema>;

export const clientFrameSchema = z.discriminatedUnion('type', [
  requestFrameSchema,
  authFrameSchema,
  pingFrameSchema,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

// ------------------------------------------------------------------------------------------------
// Server → client
// ------------------------------------------------------------------------------------------------

export const responseFrameSchema = z.object({
  type: z.literal('response'),
  id: requestIdSchema.nullable(),
  operation: z.string(),
  success: z.boolean(),
  data: z.unknown(),
  error: z.string().nullable(),
  error_code: z.string().nullable(),
  /** Seconds to wait before retrying; present on RATE_LIMITED and COOLDOWN. */
  retry_after_s: z.number().optional(),
  timestamp: z.string(),
});
export type ResponseFrame = z.infer<typeof responseFrameSchema>;

export const eventFrameSchema = z.object({
  type: z.literal('event'),
  event: z.string(),
  /** Same value as `event` (older clients read this key). */
  event_type: z.string(),
  seq: z.number().int(),
  data: dataObject,
  timestamp: z.string(),
  /** The operating position the event concerns ("default" for the default one); absent: station-wide. */
  position_id: z.string().optional(),
});
export type EventFrame = z.infer<typeof eventFrameSchema>;

export const pongFrameSchema = z.object({
  type: z.literal('pong'),
  id: requestIdSchema.nullable(),
  timestamp: z.string(),
});
export type PongFrame = z.infer<typeof pongFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  responseFrameSchema,
  eventFrameSchema,
  pongFrameSchema,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

// ------------------------------------------------------------------------------------------------
// Events
// ------------------------------------------------------------------------------------------------

/**
 * The `data` of each v2 event. Payloads are the Station's (shared/protocol/events.ts, the same as SSE), except
 * that payloads which are not objects are wrapped (`current_qso` carries `{current_qso}`), because v2 event
 * data is always an object. Admin events (bans, cooldown, QSO log, settings) reach admin connections only.
 */
export type V2EventMap = {
  [K in StationEventName]: K extends 'current_qso' ? { current_qso: CurrentQso | null } : EventPayloads[K];
};
export type V2EventName = keyof V2EventMap;

export const V2_EVENT_NAMES: readonly V2EventName[] = ALL_EVENTS;

// ------------------------------------------------------------------------------------------------
// Results of the protocol's own operations (not HTTP twins)
// ------------------------------------------------------------------------------------------------

export interface AuthResult {
  authenticated: true;
  username: string;
  /** Session token for `auth {token}` after a reconnect. */
  token: string;
  /** When the token expires; null when resuming with a token (its expiry is unchanged). */
  expires_at: string | null;
  /** Whether this connection is now subscribed to events (admin connections are, by default). */
  subscribed: boolean;
  /** The server's latest event seq at the moment of authenticating. */
  seq: number;
}

/**
 * `state.snapshot`: the public state, the same as `GET /api/public/state` (shared/protocol/public-state.ts), with
 * the seq it reflects; operator connections also get an `admin` section (unfiltered system state and current QSO,
 * bans, cooldown rule, settings, beam, logger integration: see docs/websocket-api.md), public ones `admin: null`.
 */
export type StateSnapshot = PublicState & {
  admin: Record<string, unknown> | null;
  /**
   * With `state.snapshot {positions}`: the state of each position asked for, by id, at the same seq (the
   * operator's part only on operator connections).
   */
  positions?: Record<string, PositionSnapshot>;
  /** With `state.snapshot {positions}`: every position as positions.list shows it, the default one first. */
  position_list?: PositionView[];
  /** With `state.snapshot {positions}`: the caller rules, as positions.list shows them. */
  caller_rules?: CallerRulesInfo;
};

/** One position in `state.snapshot {positions}`: its public state, and for operators its operator's part. */
export interface PositionSnapshot {
  public: PublicState;
  admin?: AdminPositionState;
}

/** Which positions a subscription or a snapshot covers: ids, or "all". */
export const positionsSelectionSchema = z.union([
  z.array(z.string().min(1).max(64)).max(64),
  z.literal('all'),
]);

export const snapshotInputSchema = z.object({
  /** The positions whose state to add (`positions`, `position_list`); absent: the snapshot as before positions. */
  positions: positionsSelectionSchema.nullish(),
});
export type SnapshotInput = z.infer<typeof snapshotInputSchema>;

export const subscribeInputSchema = z.object({
  events: z.array(z.string().min(1).max(100)).max(100).nullish(),
  since: z.number().int().min(0).nullish(),
  /**
   * The operating positions whose events this connection receives: ids, or "all". Absent: the default
   * position only (as before positions existed). Station-wide events come whatever this says.
   */
  positions: positionsSelectionSchema.nullish(),
});
export type SubscribeInput = z.infer<typeof subscribeInputSchema>;

export interface SubscribeResult {
  /** The event names this connection now receives. */
  events: string[];
  /** The positions whose events it receives ("all", or ids; the default position's id when none was asked). */
  positions?: string[] | 'all';
  /** The server's latest event seq at the moment of subscribing. */
  seq: number;
  /** Number of missed events that follow this response (only with `since`). */
  replayed: number;
  /** True when `since` is older than the replay buffer: fetch `state.snapshot`. */
  snapshot_required: boolean;
}

export interface SystemInfo {
  server: string;
  server_version: string;
  protocol_version: number;
  operations: string[];
  events: string[];
  limits: {
    max_frame_bytes: number;
    rate_limit_per_s: number;
    rate_limit_burst: number;
    ping_interval_s: number;
    max_connections: number;
  };
  authenticated: boolean;
  server_time: string;
}
