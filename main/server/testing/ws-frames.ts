/**
 * The frames a `ws` client socket receives, kept from the moment it is created, for tests: a frame that arrives
 * before the test waits for it (an event sent just before, or in the same TCP read as, the response the test
 * awaited first) is still found.
 */
import type { WebSocket } from 'ws';

export type JsonFrame = Record<string, unknown>;

const framesOf = new WeakMap<WebSocket, JsonFrame[]>();
const waitersOf = new WeakMap<WebSocket, Set<() => void>>();

/** Starts collecting the socket's text frames (parsed JSON); returns the socket. */
export function collectFrames(ws: WebSocket): WebSocket {
  const frames: JsonFrame[] = [];
  const waiters = new Set<() => void>();
  framesOf.set(ws, frames);
  waitersOf.set(ws, waiters);
  ws.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString('utf8')) as JsonFrame);
    for (const w of [...waiters]) w();
  });
  return ws;
}

/** The first frame (received so far or later) that matches; each frame is handed out once. */
export function nextFrame(
  ws: WebSocket,
  pred: (f: JsonFrame) => boolean,
  timeoutMs = 5000,
): Promise<JsonFrame> {
  const frames = framesOf.get(ws);
  const waiters = waitersOf.get(ws);
  if (!frames || !waiters) throw new Error('nextFrame needs a socket passed to collectFrames');
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const i = frames.findIndex(pred);
      if (i < 0) return;
      const [frame] = frames.splice(i, 1);
      clearTimeout(timer);
      waiters.delete(check);
      resolve(frame!);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no matching WebSocket frame within ${timeoutMs} ms`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}
