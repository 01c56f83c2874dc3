/** HTTPS (and HTTP) requests for tests: a chosen local address, Host header, SNI and trusted certificate. */
import http from 'node:http';
import https from 'node:https';

export interface CallOptions {
  port: number;
  /** Certificate to trust; omit for plain HTTP. */
  ca?: string;
  /** SNI and default Host. */
  servername?: string;
  host?: string;
  localAddress?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface CallResult {
  status: number;
  body: unknown;
  text: string;
  headers: http.IncomingHttpHeaders;
}

export function call(method: string, path: string, o: CallOptions): Promise<CallResult> {
  const payload = o.body === undefined ? undefined : Buffer.from(JSON.stringify(o.body));
  const headers: Record<string, string | number> = { ...o.headers };
  headers.Host = o.host ?? `${o.servername ?? '127.0.0.1'}:${o.port}`;
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  const options: https.RequestOptions = {
    host: '127.0.0.1',
    port: o.port,
    path,
    method,
    headers,
    agent: false,
    ...(o.localAddress ? { localAddress: o.localAddress } : {}),
    ...(o.ca ? { ca: o.ca, servername: o.servername ?? 'localhost' } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (o.ca ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body, text, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.end(payload);
  });
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  /** Waits until the received text matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  close(): void;
}

/** Opens an event stream (SSE) and collects what arrives. */
export function openSse(path: string, o: CallOptions): Promise<SseStream> {
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...o.headers };
  headers.Host = o.host ?? `${o.servername ?? '127.0.0.1'}:${o.port}`;
  const options: https.RequestOptions = {
    host: '127.0.0.1',
    port: o.port,
    path,
    headers,
    agent: false,
    ...(o.localAddress ? { localAddress: o.localAddress } : {}),
    ...(o.ca ? { ca: o.ca, servername: o.servername ?? 'localhost' } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (o.ca ? https : http).get(options, (res) => {
      let received = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        received += c;
        for (const w of [...waiters]) w();
      });
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => received,
        waitFor: (pattern, timeoutMs = 5000) =>
          new Promise((ok, fail) => {
            const check = (): void => {
              const m = pattern.exec(received);
              if (m) {
                waiters.delete(check);
                clearTimeout(timer);
                ok(m);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`stream did not show ${String(pattern)} within ${timeoutMs} ms:\n${received}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
