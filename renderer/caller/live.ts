/**
 * Keeps the page's state live: an EventSource on /api/events/stream plus a snapshot from /api/public/state
 * each time the stream (re)opens. The browser retries by itself (sending Last-Event-ID); when it gives up
 * (the source is CLOSED), this module reopens it with backoff. The state already shown is never dropped.
 */
import type { PublicState } from './state.js';
import type { Action } from './state.js';
import { PUBLIC_EVENTS } from '../../shared/protocol/events.js';
import { DEFAULT_POSITION_ID } from '../../shared/protocol/positions.js';
import { parseEventMessage, parsePositionEnvelope } from './wire.js';
import { STATION_STREAM_URL, eventSeq } from './relay.js';

/** The part of the browser's EventSource this module uses ('open' and 'error' listeners ignore their event). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LiveDeps {
  openSource: (url: string) => EventSourceLike;
  fetchState: (signal: AbortSignal) => Promise<PublicState>;
  dispatch: (action: Action) => void;
  /** Called with the raw body of each `caller_left` message (not part of the station's state). */
  onCallerLeft?: (raw: string) => void;
  /** Called each time a fresh snapshot was applied (the stream (re)opened). */
  onSnapshot?: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  /** Where the event stream is (the relay's, when the station has one); asked once, before the first open. */
  streamUrl?: () => Promise<string>;
  /**
   * At a camp of several operating positions (a stream opened with `?positions=`): every event of the stream,
   * for the camp reducer. Those of a position other than the default one, and `position_update`, go there
   * only; the default position's and the station's go to `dispatch` too, as on the plain stream.
   */
  onPositionEvent?: (event: PositionEventMessage) => void;
}

/** An event as a positions stream carries it (`position_id` in the envelope when it concerns a position). */
export interface PositionEventMessage {
  /** Null: the station as a whole (the worked list). */
  positionId: string | null;
  name: string;
  seq: number | null;
  data: unknown;
  /** The message body as received (a `caller_left` notice is read by departure.ts). */
  raw: string;
}

export const STREAM_URL = STATION_STREAM_URL;
const CLOSED = 2;

/** 1 s, 2 s, 4 s ... capped at 15 s, with up to 30 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 + 0.3 * random()));
}

/** Starts the live connection; returns a function that stops it. */
export function startLive(deps: LiveDeps): () => void {
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const random = deps.random ?? Math.random;
  let source: EventSourceLike | null = null;
  let attempts = 0;
  let timer: unknown = null;
  let snapshotAbort: AbortController | null = null;
  let stopped = false;

  const schedule = (fn: () => void): void => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(
      () => {
        timer = null;
        if (!stopped) fn();
      },
      backoffMs(attempts++, random),
    );
  };

  const loadSnapshot = (): void => {
    snapshotAbort?.abort();
    const abort = new AbortController();
    snapshotAbort = abort;
    deps.dispatch({ type: 'snapshot_requested' });
    deps.fetchState(abort.signal).then(
      (state) => {
        if (abort.signal.aborted || stopped) return;
        attempts = 0;
        deps.dispatch({ type: 'snapshot', state });
        deps.dispatch({ type: 'connection', connection: 'live' });
        deps.onSnapshot?.();
      },
      () => {
        if (abort.signal.aborted || stopped) return;
        deps.dispatch({ type: 'snapshot_failed' });
        deps.dispatch({ type: 'connection', connection: 'interrupted' });
        schedule(reopen);
      },
    );
  };

  let streamUrl: string | null = deps.streamUrl ? null : STREAM_URL;

  const open = (): void => {
    if (streamUrl === null) {
      const resolve = deps.streamUrl ?? (() => Promise.resolve(STREAM_URL));
      resolve()
        .catch(() => STREAM_URL)
        .then((url) => {
          streamUrl = url;
          if (!stopped && source === null) open();
        })
        .catch(() => undefined);
      return;
    }
    const es = deps.openSource(streamUrl);
    source = es;
    /** Hands the message to onPositionEvent; true when it is another position's (not the default one's). */
    const toPosition = (name: string, message: MessageEvent<string>): boolean => {
      if (!deps.onPositionEvent) return false;
      const envelope = parsePositionEnvelope(message.data);
      if (!envelope) return false;
      deps.onPositionEvent({
        positionId: envelope.positionId,
        name,
        seq: eventSeq(message.lastEventId, message.data),
        data: envelope.data,
        raw: message.data,
      });
      const id = envelope.positionId;
      return name === 'position_update' || (id !== null && id !== DEFAULT_POSITION_ID);
    };
    for (const name of PUBLIC_EVENTS) {
      if (name === 'caller_left') continue; // a notice, not state: onCallerLeft below
      es.addEventListener(name, (message) => {
        if (source !== es || toPosition(name, message)) return;
        const event = parseEventMessage(name, message.data);
        if (!event) return;
        deps.dispatch({ type: 'event', seq: eventSeq(message.lastEventId, message.data), event });
      });
    }
    es.addEventListener('caller_left', (message) => {
      if (source === es && !toPosition('caller_left', message)) deps.onCallerLeft?.(message.data);
    });
    if (deps.onPositionEvent) {
      es.addEventListener('position_update', (message) => {
        if (source === es) toPosition('position_update', message);
      });
    }
    es.addEventListener('open', () => {
      if (source === es) loadSnapshot();
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      deps.dispatch({ type: 'connection', connection: 'interrupted' });
      if (es.readyState === CLOSED) schedule(reopen);
    });
  };

  function reopen(): void {
    source?.close();
    source = null;
    open();
  }

  open();
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    snapshotAbort?.abort();
    source?.close();
    source = null;
  };
}
