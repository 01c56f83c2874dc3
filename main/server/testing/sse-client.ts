import http from 'node:http';

export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

export interface SseClient {
  frames: SseFrame[];
  /** Parsed `data` of the non-comment frames after `connected`. */
  events(): { id: string | null; event: string; data: unknown }[];
  /** Waits until the frames satisfy `predicate` (or the stream has ended and they never will). */
  waitFor(predicate: (frames: SseFrame[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
  status: number;
  /** True once the server ended the stream. */
  closed: boolean;
  headers: http.IncomingHttpHeaders;
}

/** A minimal SSE client for tests, reading frames as the server writes them. */
export function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const frames: SseFrame[] = [];
      const waiters = new Set<() => void>();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let idx: number;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          const frame: SseFrame = { id: null, event: 'message', data: '' };
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') frame.id = value;
            else if (field === 'event') frame.event = value;
            else if (field === 'data') frame.data += value;
            else continue;
            any = true;
          }
          if (any && (frame.data !== '' || frame.event !== 'message')) frames.push(frame);
        }
        for (const w of [...waiters]) w();
      });
      const client: SseClient = {
        frames,
        closed: false,
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: () =>
          frames
            .filter((f) => f.event !== 'connected')
            .map((f) => ({ id: f.id, event: f.event, data: JSON.parse(f.data) as unknown })),
        waitFor(predicate, timeoutMs = 5000) {
          return new Promise((ok, fail) => {
            if (predicate(frames)) {
              ok();
              return;
            }
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out; frames: ${frames.map((f) => f.event).join(',')}`));
            }, timeoutMs);
            const check = (): void => {
              if (predicate(frames)) {
                clearTimeout(timer);
                waiters.delete(check);
                ok();
              }
            };
            waiters.add(check);
          });
        },
        close: () => {
          req.destroy();
        },
      };
      const ended = (): void => {
        client.closed = true;
        for (const w of [...waiters]) w();
      };
      res.on('end', ended);
      res.on('close', ended);
      res.on('error', ended);
      resolve(client);
    });
    req.on('error', reject);
  });
}
