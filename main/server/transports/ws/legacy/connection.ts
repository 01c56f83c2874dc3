/**
 * One Protocol A (`/api/ws`) connection. Messages are handled strictly one after another, as in the original, and
 * broadcasts that arise while a message is being handled are held back until its reply has gone out, so the
 * requester sees `success` before the `queue_update` / `qso_update` it caused.
 */
import type { WebSocket } from 'ws';
import { TokenBucket } from '../rate-limit.js';
import {
  opContext,
  rawLength,
  rawText,
  sendEvent,
  sendText,
  type EventFrames,
  type HubConnection,
  type TextPayload,
  type WsDeps,
} from '../shared.js';
import { runOperation } from '../../../operations/table.js';
import { isOpError } from '../../../util/errors.js';
import { classify, type Classified, type LegacyMessage } from './classify.js';
import {
  authResponseFrame,
  errorFrame,
  pongFrame,
  successFrame,
  welcomeFrame,
  type LegacyFrame,
} from './frames.js';
import { LEGACY_ADMIN, LEGACY_PUBLIC, legacyErrorOf, type LegacyCall, type LegacyEntry } from './table.js';

export interface LegacyShared {
  deps: WsDeps;
  /** Sends a frame to every Protocol A connection. */
  broadcast(frame: LegacyFrame): void;
}

export class LegacyConnection implements HubConnection {
  alive = true;
  /** The user this connection authenticated as (its own auth_request), for `updated_by`. */
  private username: string | null = null;
  private token: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private busy = false;
  private held: { text: TextPayload; seq: number | null }[] = [];
  private readonly bucket: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    private readonly address: string,
    private readonly shared: LegacyShared,
    /** Failed logins of this connection count under this key (address and browser origin). */
    private readonly authKey: string = address,
  ) {
    this.bucket = new TokenBucket(shared.deps.limits.ratePerS, shared.deps.limits.rateBurst);
    this.sendFrame(welcomeFrame(this.now()));
  }

  private get deps(): WsDeps {
    return this.shared.deps;
  }

  onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (isBinary) {
      // The original drops the connection on a binary frame; say why first.
      this.sendFrame(
        errorFrame('unknown', 'INVALID_FORMAT', 'Binary frames are not supported: send JSON text'),
      );
      this.ws.close(1003, 'Binary frames are not supported');
      return;
    }
    if (rawLength(data) > this.deps.limits.maxFrameBytes) {
      this.sendFrame(
        errorFrame(
          'unknown',
          'MESSAGE_TOO_LARGE',
          `Message too large: the limit is ${this.deps.limits.maxFrameBytes} bytes`,
        ),
      );
      return;
    }
    const text = rawText(data);
    this.chain = this.chain
      .then(() => this.process(text))
      .catch((err: unknown) => {
        this.deps.log(
          'error',
          `ws-legacy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        this.sendFrame(errorFrame('unknown', 'SYSTEM_ERROR', 'Internal server error'));
        this.release();
      });
  }

  private async process(text: string): Promise<void> {
    const c = classify(text);
    const waitMs = this.bucket.take();
    if (waitMs > 0) {
      const id = c.kind === 'reply' || c.kind === 'ping' ? 'unknown' : c.requestId;
      this.sendFrame(
        errorFrame(id, 'RATE_LIMITED', `Too many messages: at most ${this.deps.limits.ratePerS} per second`),
      );
      return;
    }
    this.busy = true;
    try {
      this.sendFrame(await this.reply(c));
    } finally {
      this.release();
    }
  }

  private async reply(c: Classified): Promise<LegacyFrame> {
    switch (c.kind) {
      case 'reply':
        return c.frame;
      case 'ping':
        return pongFrame(this.now());
      case 'auth':
        return this.auth(c.requestId, c.msg);
      case 'admin': {
        if (c.token === null) {
          return errorFrame(c.requestId, 'AUTH_REQUIRED', 'Session token is required for admin operations');
        }
        // a valid token is always accepted; wrong ones are counted, and refused past the limit
        let identity;
        try {
          identity = this.deps.services.auth.verifySessionToken(c.token, this.authKey);
        } catch (err) {
          if (isOpError(err) && err.code === 'RATE_LIMITED') {
            this.deps.services.metrics.rejected(err);
            return errorFrame(c.requestId, 'RATE_LIMITED', err.message);
          }
          return errorFrame(c.requestId, 'SESSION_EXPIRED', 'Session expired or invalid');
        }
        const entry = LEGACY_ADMIN[c.type];
        if (!entry || !Object.hasOwn(LEGACY_ADMIN, c.type)) {
          return errorFrame(c.requestId, 'INVALID_REQUEST', `Unknown admin message type: ${c.type}`);
        }
        // `updated_by` names the user only when this connection authenticated itself (as the original).
        return this.run(entry, c.requestId, c.msg, identity.username, this.username ?? 'websocket-admin');
      }
      case 'public': {
        const entry = LEGACY_PUBLIC[c.type];
        if (!entry || !Object.hasOwn(LEGACY_PUBLIC, c.type)) {
          return errorFrame(c.requestId, 'INVALID_REQUEST', `Unknown message type: ${c.type}`);
        }
        return this.run(entry, c.requestId, c.msg, null, 'anonymous');
      }
    }
  }

  private async run(
    entry: LegacyEntry,
    requestId: string,
    msg: LegacyMessage,
    admin: string | null,
    actor: string,
  ): Promise<LegacyFrame> {
    const ctx = opContext(this.deps, 'ws-legacy', { username: admin, address: this.address }, actor);
    const call: LegacyCall = {
      run: (operation, input) => runOperation(operation, ctx, input),
      station: this.deps.station,
      broadcast: (frame) => this.shared.broadcast(frame),
      logout: (token) => this.logout(token),
      now: () => this.now(),
    };
    try {
      const r = await entry.handle(msg, call);
      return successFrame(requestId, r.message, r.data);
    } catch (err) {
      if (isOpError(err)) this.deps.services.metrics.rejected(err);
      const mapped = legacyErrorOf(err, entry.failure);
      if (mapped) return errorFrame(requestId, mapped.code, mapped.message);
      this.deps.log(
        'error',
        `ws-legacy ${String(msg.type)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return errorFrame(requestId, 'SYSTEM_ERROR', entry.failure);
    }
  }

  private async auth(requestId: string, msg: LegacyMessage): Promise<LegacyFrame> {
    const { username, password } = msg;
    if (!username || !password) {
      return errorFrame(requestId, 'INVALID_REQUEST', 'Username and password are required');
    }
    if (typeof username !== 'string' || typeof password !== 'string')
      return authResponseFrame(requestId, null);
    const auth = this.deps.services.auth;
    try {
      const identity = await auth.verifyPassword(username, password, this.authKey);
      const granted = auth.createToken();
      this.username = identity.username;
      this.token = granted.token;
      return authResponseFrame(requestId, granted);
    } catch (err) {
      if (isOpError(err) && err.code === 'RATE_LIMITED') {
        return { ...authResponseFrame(requestId, null), message: err.message };
      }
      if (isOpError(err)) return authResponseFrame(requestId, null);
      throw err;
    }
  }

  private logout(token: string | null): boolean {
    const target = token ?? this.token;
    if (target === null) return false;
    const revoked = this.deps.services.auth.revokeToken(target);
    if (target === this.token) {
      this.token = null;
      this.username = null;
    }
    return revoked;
  }

  // ------------------------------------------------------------------ outgoing

  deliver(frames: EventFrames): void {
    const text = frames.legacyText;
    if (text !== null) this.sendBroadcast(text, frames.event.seq);
  }

  /** A broadcast (with the seq of the event behind it, if any): held back while a request is being answered. */
  sendBroadcast(text: TextPayload, seq: number | null = null): void {
    if (this.busy) this.held.push({ text, seq });
    else this.emit(text, seq);
  }

  private emit(text: TextPayload, seq: number | null): void {
    if (seq === null) sendText(this.ws, text, this.deps.limits.maxBufferedBytes);
    else sendEvent(this.ws, text, seq, 'ws_legacy', this.deps);
  }

  private release(): void {
    this.busy = false;
    const held = this.held;
    this.held = [];
    for (const h of held) this.emit(h.text, h.seq);
  }

  private sendFrame(frame: LegacyFrame): void {
    sendText(this.ws, JSON.stringify(frame), this.deps.limits.maxBufferedBytes);
  }

  private now(): string {
    return new Date(this.deps.station.now()).toISOString();
  }

  closed(): void {
    this.held = [];
  }
}
