import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import { isOriginalPublicEvent, type AnyStationEvent } from '../../../../shared/protocol/events.js';
import type { Station } from '../../domain/station.js';
import type { ConnectionLimiter } from '../../security/connection-limit.js';
import type { ConnectionRegistry } from '../connections.js';
import { OpError } from '../../util/errors.js';
import { clientAddress } from './http-io.js';
import {
  parsePositionSelection,
  positionSnapshotFrames,
  positionSseFrame,
  positionsStreamsCarry,
  selectionCovers,
  selectionWants,
  type PositionSelection,
} from './sse-positions.js';

/** Where the hub reports deliveries and dropped readers (the server's metrics). */
export interface SseDeliveryMetrics {
  delivered(transport: 'sse', seq: number): void;
  dropped(transport: 'sse'): void;
}

export const SSE_KEEPALIVE_MS = 15_000;
const KEEPALIVE = Buffer.from(': keepalive\n\n', 'utf8');
/** A client whose unsent data passes this is dropped: it has stopped reading. */
export const SSE_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How often every stream's unsent data is checked, between events too. */
export const SSE_SWEEP_MS = 1_000;
/** A stream with unsent data that the peer has not taken for this long is dropped (it has stopped reading). */
export const SSE_STALL_MS = 10_000;

export interface SseOptions {
  metrics?: SseDeliveryMetrics | undefined;
  /** Caps streams in total and per client address. */
  limiter?: ConnectionLimiter | undefined;
  maxBufferedBytes?: number;
}

/** One SSE frame: `id`, `event` and the original's envelope {type, data, timestamp} on one data line. */
export function sseFrame(event: AnyStationEvent): string {
  const envelope = JSON.stringify({ type: event.name, data: event.data, timestamp: event.timestamp });
  return `id: ${event.seq}\nevent: ${event.name}\ndata: ${envelope}\n\n`;
}

/**
 * The SSE stream at /api/events/stream: public events only, each serialised once and written to every client.
 * Reconnecting clients send Last-Event-ID and get what they missed from the replay buffer, or the current state
 * as a fresh set of state events when it is too old. Plain streams are the original's (the default position);
 * streams opened with `?positions=` also follow those operating positions (sse-positions.ts).
 */
export class SseHub {
  /** The plain streams (the original's). */
  private readonly clients = new Set<ServerResponse>();
  /** The streams that follow operating positions, with the positions each follows. */
  private readonly scoped = new Map<ServerResponse, PositionSelection>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;
  private readonly sweeper: NodeJS.Timeout;
  /** Per stream: the bytes its peer had taken when last seen moving, and when. */
  private readonly progress = new Map<ServerResponse, { written: number; since: number }>();
  dropped = 0;
  private readonly maxBuffered: number;

  constructor(
    private readonly station: Station,
    private readonly connections: ConnectionRegistry,
    private readonly options: SseOptions = {},
  ) {
    this.maxBuffered = options.maxBufferedBytes ?? SSE_MAX_BUFFERED_BYTES;
    this.unsubscribe = station.events.subscribe((event) => {
      if (this.scoped.size > 0) this.broadcastScoped(event);
      if (!isOriginalPublicEvent(event) || this.clients.size === 0) return;
      this.broadcast(Buffer.from(sseFrame(event), 'utf8'), event.seq);
    });
    this.keepalive = setInterval(() => {
      this.broadcast(KEEPALIVE);
      this.broadcast(KEEPALIVE, undefined, this.scoped.keys());
    }, SSE_KEEPALIVE_MS);
    this.keepalive.unref();
    this.sweeper = setInterval(() => this.sweep(), SSE_SWEEP_MS);
    this.sweeper.unref();
  }

  get size(): number {
    return this.clients.size + this.scoped.size;
  }

  /** Every open stream, plain and following positions. */
  private *streams(): Iterable<ServerResponse> {
    yield* this.clients;
    yield* this.scoped.keys();
  }

  handle(req: IncomingMessage, res: ServerResponse, query: ParsedUrlQuery): void {
    const selection = parsePositionSelection(query);
    const slot = this.options.limiter?.acquire(clientAddress(req));
    if (slot && !slot.ok) {
      throw new OpError(
        'TOO_MANY_CONNECTIONS',
        slot.scope === 'address'
          ? `Too many event streams from your address (limit ${slot.limit})`
          : `The server has too many event streams open (limit ${slot.limit}); try again later`,
        { scope: slot.scope, limit: slot.limit, retry_after_s: 10 },
      );
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    // A stream ends with its connection, so it needs no chunked framing: each event is then one plain write,
    // which makes the fan-out to thousands of subscribers cheaper.
    (res as unknown as { useChunkedEncodingByDefault: boolean }).useChunkedEncodingByDefault = false;
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);

    let out = 'retry: 3000\nevent: connected\ndata: {"message":"SSE connection established"}\n\n';
    const lastId = parseLastEventId(req, query);
    if (lastId !== null) {
      out += this.replay(lastId, this.maxBuffered - Buffer.byteLength(out), selection);
    }
    res.write(out);

    if (selection === null) this.clients.add(res);
    else this.scoped.set(res, selection);
    this.connections.add('sse');
    const done = (): void => {
      if (slot?.ok) slot.release();
      this.progress.delete(res);
      if (this.forget(res)) this.connections.remove('sse');
    };
    res.on('close', done);
    res.on('error', done);
  }

  /** Ends every open stream; clients reconnect by themselves (used when the server moves to a new address). */
  disconnectAll(): void {
    for (const res of this.streams()) res.end();
  }

  /** Forgets a stream; whether it was open. */
  private forget(res: ServerResponse): boolean {
    return this.clients.delete(res) || this.scoped.delete(res);
  }

  /** Ends every stream and stops listening to the Station (shutdown). */
  close(): void {
    clearInterval(this.keepalive);
    clearInterval(this.sweeper);
    this.unsubscribe();
    this.disconnectAll();
    this.clients.clear();
    this.scoped.clear();
  }

  /**
   * What a reconnecting stream missed since `lastId`, at most `bound` bytes: a longer replay (or one no
   * longer in the buffer) becomes the current state instead, which says the same in a few frames.
   */
  private replay(lastId: number, bound: number, selection: PositionSelection | null): string {
    const snapshot = (): string =>
      selection === null ? this.snapshotFrames() : positionSnapshotFrames(this.station, selection);
    const missed = this.station.events.since(lastId, 'public');
    if (!missed) return snapshot();
    let out = '';
    let bytes = 0;
    for (const e of missed) {
      if (selection === null ? !isOriginalPublicEvent(e) : !selectionWants(selection, e)) continue;
      const frame = selection === null ? sseFrame(e) : positionSseFrame(e);
      bytes += Buffer.byteLength(frame);
      if (bytes > bound) return snapshot();
      out += frame;
    }
    return out;
  }

  /** Drops streams over the bound, and streams whose peer has taken none of their unsent data for a while. */
  private sweep(): void {
    const now = Date.now();
    for (const res of this.streams()) {
      const socket = res.socket;
      if (!socket) continue;
      const pending = res.writableLength;
      // what the peer has taken so far (bytesWritten counts what still waits in the socket too)
      const taken = socket.bytesWritten - socket.writableLength;
      const seen = this.progress.get(res);
      if (pending > this.maxBuffered) this.drop(res);
      else if (pending === 0 || !seen || seen.written !== taken) {
        this.progress.set(res, { written: taken, since: now });
      } else if (now - seen.since >= SSE_STALL_MS) this.drop(res);
    }
  }

  private drop(res: ServerResponse): void {
    this.dropped += 1;
    this.forget(res);
    this.progress.delete(res);
    this.connections.remove('sse');
    this.options.metrics?.dropped('sse');
    res.destroy();
  }

  private snapshotFrames(): string {
    const seq = this.station.events.seq;
    const timestamp = new Date(this.station.now()).toISOString();
    let out = '';
    for (const [name, data] of Object.entries(this.station.snapshotEvents('public'))) {
      out += `id: ${seq}\nevent: ${name}\ndata: ${JSON.stringify({ type: name, data, timestamp })}\n\n`;
    }
    return out;
  }

  /** An event to the streams that follow positions and want it, encoded once for all of them. */
  private broadcastScoped(event: AnyStationEvent): void {
    // admin events (the QSO log, bans, settings) reach no stream: no walk over every caller page for them
    if (!positionsStreamsCarry(event)) return;
    let frame: Buffer | null = null;
    const targets: ServerResponse[] = [];
    for (const [res, selection] of this.scoped) {
      if (!selectionCovers(selection, event)) continue;
      frame ??= Buffer.from(positionSseFrame(event), 'utf8');
      targets.push(res);
    }
    if (frame) this.broadcast(frame, event.seq, targets);
  }

  /**
   * Writes one frame, encoded once, to every stream. It goes straight to each connection's socket: the
   * stream's headers are out and it has no chunked framing, so an event is its bytes as they are, and the
   * response's own write path (corking the socket until the next tick, per stream) is skipped.
   */
  private broadcast(frame: Buffer, seq?: number, targets: Iterable<ServerResponse> = this.clients): void {
    const metrics = this.options.metrics;
    for (const res of targets) {
      const socket = res.socket;
      if (!socket) continue; // closed: its 'close' handler forgets it
      // (a response's writableLength counts what waits in its socket too)
      if (res.writableLength > this.maxBuffered) {
        this.drop(res);
        continue;
      }
      socket.write(frame);
      if (seq !== undefined) metrics?.delivered('sse', seq);
    }
  }
}

function parseLastEventId(req: IncomingMessage, query: ParsedUrlQuery): number | null {
  const header = req.headers['last-event-id'];
  const fromQuery = typeof query.last_event_id === 'string' ? query.last_event_id : undefined;
  const raw = (Array.isArray(header) ? header[0] : header) ?? fromQuery;
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
