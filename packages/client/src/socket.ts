/**
 * The small part of the WebSocket API the SDK uses. Both the browser's `WebSocket` and the `ws` package's
 * `WebSocket` fit it, so the SDK runs in the browser and in Node (pass `ws` as `WebSocket` there).
 */
export interface MessageEventLike {
  data: unknown;
}

export interface CloseEventLike {
  code: number;
  reason: string;
}

/** A handler property typed loosely enough (bivariant) that the DOM's and `ws`'s event types both fit. */
type Handler<E> = { bivarianceHack(ev: E): void }['bivarianceHack'];

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<MessageEventLike> | null;
  onclose: Handler<CloseEventLike> | null;
  onerror: Handler<unknown> | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** WebSocket readyState value for an open socket (same in browsers and `ws`). */
export const OPEN = 1;

/**
 * The protocol v2 URL for a server base URL: `http://host:8000` → `ws://host:8000/ws/connect`,
 * `https://…` → `wss://…`. A `ws:`/`wss:` URL with a path is returned unchanged.
 */
export function v2UrlFor(base: string): string {
  const url = new URL(base);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/ws/connect';
    return url.toString();
  }
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = '/ws/connect';
  url.search = '';
  url.hash = '';
  return url.toString();
}
