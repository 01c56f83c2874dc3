/**
 * One protocol v2 connection: parses frames, enforces the per-connection limits, runs requests (the built-in
 * protocol operations here, everything else through the operations table), keeps the connection's session and
 * subscription, and receives events from the hub.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { ALL_EVENTS, audienceOf, type StationEventName } from '../../../../../shared/protocol/events.js';
import { DEFAULT_POSITION_ID } from '../../../../../shared/protocol/positions.js';
import {
  PROTOCOL_VERSION,
  clientFrameSchema,
  passwordAuthSchema,
  subscribeInputSchema,
  tokenAuthSchema,
  type AuthResult,
  type RequestId,
  type ResponseFrame,
  type SubscribeResult,
  type SystemInfo,
} from '../../../../../shared/protocol/v2.js';
import { findOperation, operationNames, runOperation } from '../../../operations/table.js';
import { OpError } from '../../../util/errors.js';
import { TokenBucket } from '../rate-limit.js';
import {
  mapError,
  opContext,
  rawLength,
  rawText,
  sendEvent,
  sendText,
  type EventFrames,
  type HubConnection,
  type MappedError,
  type WsDeps,
  WsError,
} from '../shared.js';
import { v2EventFrame } from '../event-frames.js';
import { isBuiltin, V2_BUILTINS } from './builtins.js';
import { stateSnapshot } from './snapshot.js';

export interface V2Shared {
  deps: WsDeps;
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: MappedError };

const EVENT_NAMES = new Set<string>(ALL_EVENTS);

export class V2Connection implements HubConnection {
  alive = true;
  private username: string | null = null;
  private token: string | null = null;
  /** Events this connection receives: null = none, 'all', or a set of names. Admin events need admin rights. */
  private subscription: Set<string> | 'all' | null = null;
  /** The positions whose events it receives: 'all' or a set of ids (by default the default position only). */
  private positions: Set<string> | 'all' = new Set([DEFAULT_POSITION_ID]);
  private readonly bucket: TokenBucket;
  private isClosed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly address: string,
    private readonly shared: V2Shared,
    /** Failed logins of this connection count under this key (address and browser origin). */
    private readonly authKey: string = address,
  ) {
    const { limits } = shared.deps;
    this.bucket = new TokenBucket(limits.ratePerS, limits.rateBurst);
  }

  private get deps(): WsDeps {
    return this.shared.deps;
  }

  // ------------------------------------------------------------------ incoming

  onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (isBinary) {
      this.fail(null, '', {
        code: 'INVALID_FORMAT',
        message: 'Binary frames are not supported: send JSON text',
      });
      return;
    }
    const limits = this.deps.limits;
    if (rawLength(data) > limits.maxFrameBytes) {
      this.fail(null, '', {
        code: 'MESSAGE_TOO_LARGE',
        message: `Message too large: the limit is ${limits.maxFrameBytes} bytes`,
      });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(rawText(data));
    } catch {
      this.fail(null, '', { code: 'INVALID_FORMAT', message: 'Invalid JSON' });
      return;
    }
    const id = idOf(raw);
    const operation = operationOf(raw);
    const waitMs = this.bucket.take();
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      this.fail(id, operation, {
        code: 'RATE_LIMITED',
        message: `Too many messages: at most ${limits.ratePerS} per second`,
        retry_after_s: seconds,
      });
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.fail(id, operation, { code: 'INVALID_FORMAT', message: 'A frame must be a JSON object' });
      return;
    }
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const type = (raw as { type?: unknown }).type;
      const known = type === 'request' || type === 'auth' || type === 'ping';
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
      this.fail(
        id,
        operation,
        known
          ? {
              code: 'VALIDATION_ERROR',
              message: `Invalid ${String(type)} frame: ${where}${issue?.message ?? ''}`,
            }
          : {
              code: 'INVALID_FORMAT',
              message: `Unknown frame type: ${JSON.stringify(type ?? null)} (expected request, auth or ping)`,
            },
      );
      return;
    }
    const frame = parsed.data;
    const frameId = frame.id ?? null;
    if (frame.type === 'ping') {
      this.send(JSON.stringify({ type: 'pong', id: frameId, timestamp: this.now() }));
      return;
    }
    if (frame.type === 'auth') {
      void this.settle(frameId, 'auth', () => this.auth(frame.data));
      return;
    }
    void this.settle(frameId, frame.operation, () => this.request(frame.operation, frame.data ?? {}));
  }

  private async settle(id: RequestId | null, operation: string, run: () => unknown): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = { ok: true, data: await run() };
    } catch (err) {
      outcome = { ok: false, error: mapError(err, this.deps.log, `ws-v2 ${operation}`, this.deps) };
    }
    if (outcome.ok) this.respond(id, operation, outcome.data);
    else this.fail(id, operation, outcome.error);
  }

  private request(operation: string, data: Record<string, unknown>): unknown {
    if (isBuiltin(operation)) return this.builtin(operation, data);
    if (!findOperation(operation)) {
      throw new WsError('UNKNOWN_OPERATION', `Unknown operation: ${operation}`);
    }
    return runOperation(operation, this.context(), data);
  }

  private context() {
    return opContext(this.deps, 'ws-v2', { username: this.username, address: this.address });
  }

  // ------------------------------------------------------------------ auth

  private async auth(data: Record<string, unknown>): Promise<AuthResult> {
    const auth = this.deps.services.auth;
    const byToken = tokenAuthSchema.safeParse(data);
    if (byToken.success && data.password === undefined) {
      // a valid token is always accepted; wrong ones are counted apart from password failures
      let identity;
      try {
        identity = auth.verifySessionToken(byToken.data.token, this.authKey);
      } catch (err) {
        if (err instanceof OpError && err.code === 'INVALID_CREDENTIALS') {
          throw new WsError('SESSION_EXPIRED', 'Session expired or invalid');
        }
        throw err;
      }
      return this.becomeAdmin(identity.username, byToken.data.token, null);
    }
    const byPassword = passwordAuthSchema.safeParse(data);
    if (!byPassword.success) {
      throw new OpError('VALIDATION_ERROR', 'auth needs {username, password} or {token}');
    }
    const identity = await auth.verifyPassword(
      byPassword.data.username,
      byPassword.data.password,
      this.authKey,
    );
    const { token, expires_at } = auth.createToken();
    return this.becomeAdmin(identity.username, token, expires_at);
  }

  private becomeAdmin(username: string, token: string, expiresAt: string | null): AuthResult {
    if (this.username === null) this.deps.services.connections.add('ws_v2_admin');
    this.username = username;
    this.token = token;
    // Admin connections hear everything unless they say otherwise.
    this.subscription ??= 'all';
    return {
      authenticated: true,
      username,
      token,
      expires_at: expiresAt,
      subscribed: this.subscription !== null,
      seq: this.deps.station.events.seq,
    };
  }

  private logout(): { logged_out: boolean } {
    const had = this.username !== null;
    if (this.token) this.deps.services.auth.revokeToken(this.token);
    if (had) this.deps.services.connections.remove('ws_v2_admin');
    this.username = null;
    this.token = null;
    return { logged_out: had };
  }

  // ------------------------------------------------------------------ built-in operations

  private builtin(operation: string, data: Record<string, unknown>): unknown {
    switch (operation) {
      case 'auth.logout':
        return this.logout();
      case 'events.subscribe':
        return this.subscribe(data);
      case 'events.unsubscribe':
        this.subscription = null;
        return { subscribed: false };
      case 'state.snapshot':
        return stateSnapshot(this.context(), this.username !== null, data);
      case 'system.ping':
        return { pong: true, server_time: this.now() };
      case 'system.heartbeat':
        return {
          status: 'ok',
          server_time: this.now(),
          uptime_s: Math.round((Date.now() - this.deps.services.startedAt) / 1000),
          seq: this.deps.station.events.seq,
        };
      case 'system.info':
        return this.info();
      default:
        throw new WsError('UNKNOWN_OPERATION', `Unknown operation: ${operation}`);
    }
  }

  private subscribe(data: Record<string, unknown>): SubscribeResult {
    const parsed = subscribeInputSchema.safeParse(data);
    if (!parsed.success) {
      throw new OpError(
        'VALIDATION_ERROR',
        `Invalid events.subscribe input: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    const { events, since, positions } = parsed.data;
    const unknown = (events ?? []).filter((e) => !EVENT_NAMES.has(e));
    if (unknown.length > 0) throw new OpError('VALIDATION_ERROR', `Unknown event: ${unknown.join(', ')}`);
    this.subscription = events ? new Set(events) : 'all';
    this.positions = positions === 'all' ? 'all' : new Set(positions ?? [DEFAULT_POSITION_ID]);
    const hub = this.deps.station.events;
    let replayed = 0;
    let snapshotRequired = false;
    if (since !== undefined && since !== null) {
      const missed = hub.since(since, this.username ? 'admin' : 'public');
      if (missed === null) snapshotRequired = true;
      else {
        // Missed events go out before the response, so a client knows the replay is complete when it arrives.
        for (const event of missed) {
          if (!this.wants(event)) continue;
          sendEvent(this.ws, JSON.stringify(v2EventFrame(event)), event.seq, 'ws_v2', this.deps);
          replayed += 1;
        }
      }
    }
    return {
      events: events ? [...events] : [...ALL_EVENTS],
      positions: this.positions === 'all' ? 'all' : [...this.positions],
      seq: hub.seq,
      replayed,
      snapshot_required: snapshotRequired,
    };
  }

  private info(): SystemInfo {
    const { limits, services } = this.deps;
    return {
      server: 'pileup-buster-desktop',
      server_version: services.version,
      protocol_version: PROTOCOL_VERSION,
      operations: [...new Set([...V2_BUILTINS.map((b) => b.name), ...operationNames()])].sort(),
      events: [...ALL_EVENTS],
      limits: {
        max_frame_bytes: limits.maxFrameBytes,
        rate_limit_per_s: limits.ratePerS,
        rate_limit_burst: limits.rateBurst,
        ping_interval_s: limits.pingIntervalMs / 1000,
        max_connections: limits.maxConnections,
      },
      authenticated: this.username !== null,
      server_time: this.now(),
    };
  }

  // ------------------------------------------------------------------ outgoing

  private wants(event: { name: StationEventName; position_id?: string }): boolean {
    const sub = this.subscription;
    if (sub === null) return false;
    if (audienceOf(event.name) === 'admin' && this.username === null) return false;
    if (!(sub === 'all' || sub.has(event.name))) return false;
    const position = event.position_id;
    return position === undefined || this.positions === 'all' || this.positions.has(position);
  }

  deliver(frames: EventFrames): void {
    if (this.wants(frames.event)) sendEvent(this.ws, frames.v2Text, frames.event.seq, 'ws_v2', this.deps);
  }

  private respond(id: RequestId | null, operation: string, data: unknown): void {
    const frame: ResponseFrame = {
      type: 'response',
      id,
      operation,
      success: true,
      data: data ?? null,
      error: null,
      error_code: null,
      timestamp: this.now(),
    };
    this.send(JSON.stringify(frame));
  }

  private fail(id: RequestId | null, operation: string, error: MappedError): void {
    const frame: ResponseFrame = {
      type: 'response',
      id,
      operation,
      success: false,
      data: null,
      error: error.message,
      error_code: error.code,
      ...(error.retry_after_s !== undefined ? { retry_after_s: error.retry_after_s } : {}),
      timestamp: this.now(),
    };
    this.send(JSON.stringify(frame));
  }

  private send(text: string): void {
    sendText(this.ws, text, this.deps.limits.maxBufferedBytes);
  }

  private now(): string {
    return new Date(this.deps.station.now()).toISOString();
  }

  closed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.username !== null) this.deps.services.connections.remove('ws_v2_admin');
    this.username = null;
  }
}

const idSchema = z.union([z.string().max(256), z.number().finite()]);

/** The request id of a frame, if it has a usable one (for replies to frames that fail validation). */
function idOf(raw: unknown): RequestId | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const parsed = idSchema.safeParse((raw as { id?: unknown }).id);
  return parsed.success ? parsed.data : null;
}

function operationOf(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const r = raw as { type?: unknown; operation?: unknown };
  if (r.type === 'auth') return 'auth';
  return typeof r.operation === 'string' ? r.operation.slice(0, 100) : '';
}
