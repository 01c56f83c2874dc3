/**
 * Pieces both WebSocket protocols use: the dependencies they get from the server, the per-event frame cache,
 * sending with back-pressure, and error mapping.
 */
import { WebSocket } from 'ws';
import type { AnyStationEvent } from '../../../../shared/protocol/events.js';
import type { Station } from '../../domain/station.js';
import type { OpContext, Transport } from '../../operations/define.js';
import type { Services } from '../../services.js';
import { isOpError } from '../../util/errors.js';
import { legacyEventFrame, v2EventFrame } from './event-frames.js';
import type { WsLimits } from './limits.js';

export type WsLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface WsDeps {
  station: Station;
  services: Services;
  limits: WsLimits;
  log: WsLog;
}

/** One event's wire text per protocol, computed at most once however many connections receive it. */
export class EventFrames {
  private v2: Buffer | undefined;
  private legacy: Buffer | null | undefined;

  constructor(readonly event: AnyStationEvent) {}

  /** The protocol-v2 event frame as UTF-8, encoded once for every connection. */
  get v2Text(): Buffer {
    this.v2 ??= Buffer.from(JSON.stringify(v2EventFrame(this.event)), 'utf8');
    return this.v2;
  }

  /** The original protocol's frame as UTF-8, or null when that protocol has no such event. */
  get legacyText(): Buffer | null {
    if (this.legacy === undefined) {
      const frame = legacyEventFrame(this.event);
      this.legacy = frame ? Buffer.from(JSON.stringify(frame), 'utf8') : null;
    }
    return this.legacy;
  }
}

/** A text message's payload: a string, or its UTF-8 bytes when one payload goes to many connections. */
export type TextPayload = string | Buffer;

/** What the hub needs from a connection of either protocol. */
export interface HubConnection {
  readonly ws: WebSocket;
  /** Set by pong; cleared when a ping is sent. */
  alive: boolean;
  deliver(frames: EventFrames): void;
  closed(): void;
}

export type SendResult = 'sent' | 'dropped' | 'closed';

/**
 * Sends text unless the socket is closing. A peer whose unsent output exceeds `maxBuffered` is not reading:
 * it is dropped rather than letting the server buffer without bound.
 */
export function sendText(ws: WebSocket, text: TextPayload, maxBuffered: number): SendResult {
  if (ws.readyState !== WebSocket.OPEN) return 'closed';
  if (ws.bufferedAmount > maxBuffered) {
    ws.terminate();
    return 'dropped';
  }
  ws.send(text, { binary: false });
  return 'sent';
}

/** Sends an event frame and reports the delivery (or the drop of a slow reader) to the metrics. */
export function sendEvent(
  ws: WebSocket,
  text: TextPayload,
  seq: number,
  transport: 'ws_v2' | 'ws_legacy',
  deps: WsDeps,
): void {
  const result = sendText(ws, text, deps.limits.maxBufferedBytes);
  if (result === 'sent') deps.services.metrics.delivered(transport, seq);
  else if (result === 'dropped') deps.services.metrics.dropped(transport);
}

/** An error of the WebSocket adapters themselves, with codes the operations table does not use. */
export class WsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'WsError';
  }
}

export interface MappedError {
  code: string;
  message: string;
  retry_after_s?: number;
}

/** An error from an operation as (code, human message); unexpected errors become INTERNAL_ERROR. */
export function mapError(err: unknown, log: WsLog, where: string, deps?: WsDeps): MappedError {
  if (err instanceof WsError) {
    return {
      code: err.code,
      message: err.message,
      ...(err.retryAfterS !== undefined ? { retry_after_s: err.retryAfterS } : {}),
    };
  }
  if (isOpError(err)) {
    deps?.services.metrics.rejected(err);
    const retry = err.details?.retry_after_s;
    return {
      code: err.code,
      message: err.message,
      ...(typeof retry === 'number' ? { retry_after_s: retry } : {}),
    };
  }
  log('error', `${where} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { code: 'INTERNAL_ERROR', message: 'Internal server error' };
}

export function opContext(
  deps: WsDeps,
  transport: Transport,
  who: { username: string | null; address: string },
  actor?: string,
): OpContext {
  return {
    station: deps.station,
    services: deps.services,
    actor: actor ?? who.username ?? 'anonymous',
    isAdmin: who.username !== null,
    clientAddress: who.address,
    transport,
  };
}

/** The byte length of a received message (ws hands over a Buffer, an array of Buffers or an ArrayBuffer). */
export function rawLength(data: Buffer | ArrayBuffer | Buffer[]): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

export function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
