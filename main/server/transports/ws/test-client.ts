/**
 * A raw WebSocket test client: records every text frame as parsed JSON and waits for frames by predicate.
 * For integration tests of both protocols (not shipped code).
 */
import { WebSocket } from 'ws';

export type Frame = Record<string, unknown>;

export class RawClient {
  readonly frames: Frame[] = [];
  /** Every frame received, in order (never consumed). */
  readonly log: Frame[] = [];
  private cursor = 0;
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closeCode: number | null = null;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
      this.frames.push(frame);
      this.log.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  static open(url: string, path: string): Promise<RawClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(frame: Frame | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (after those already taken) matching `pred`, waiting for it if needed. */
  next(pred: (f: Frame) => boolean = () => true, timeoutMs = 5000): Promise<Frame> {
    for (let i = this.cursor; i < this.frames.length; i += 1) {
      const f = this.frames[i]!;
      if (pred(f)) {
        this.frames.splice(i, 1);
        return Promise.resolve(f);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          const i = this.frames.indexOf(f);
          if (i >= 0) this.frames.splice(i, 1);
          resolve(f);
        },
      });
    });
  }

  /** Frames received and not yet taken. */
  pending(): Frame[] {
    return this.frames.slice(this.cursor);
  }

  close(): void {
    this.ws.close();
  }
}

/** Opens a connection and expects the handshake to be refused; resolves with the HTTP status. */
export function refusedStatus(url: string, path: string): Promise<number> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('handshake was accepted'));
    });
    ws.once('error', () => undefined);
  });
}
