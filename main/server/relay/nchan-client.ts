/**
 * One publish to an nchan publisher location: `POST` of the message body, the SSE event name in
 * `X-EventSource-Event` (nchan writes it as the `event:` line), JSON asked for in return so that nchan says
 * how many subscribers the channel has.
 */
import http from 'node:http';
import https from 'node:https';

export interface PublishResult {
  /** nchan's answer: 201 (subscribers got it) or 202 (queued, nobody listening). */
  status: number;
  subscribers: number | null;
  /** Bytes of the request as sent (headers and body), for the uplink figures. */
  bytesSent: number;
}

export type Publish = (eventName: string, body: string) => Promise<PublishResult>;

export class PublishError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

export interface NchanTarget {
  publishUrl: string;
  secretHeader?: string | undefined;
  secret?: string | undefined;
  timeoutMs?: number;
}

/** A publish function over one keep-alive connection (one message in flight at a time). */
export function nchanPublisher(target: NchanTarget): { publish: Publish; close(): void } {
  const url = new URL(target.publishUrl);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 1 })
    : new http.Agent({ keepAlive: true, maxSockets: 1 });
  const timeoutMs = target.timeoutMs ?? 5000;

  const publish: Publish = (eventName, body) =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(body, 'utf8');
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/json',
        'Content-Length': payload.length,
        Accept: 'application/json',
        'X-EventSource-Event': eventName,
      };
      if (target.secretHeader && target.secret) headers[target.secretHeader] = target.secret;
      const request = (secure ? https : http).request(
        url,
        { method: 'POST', agent, headers, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              reject(new PublishError(`the relay answered HTTP ${status}`, status));
              return;
            }
            let subscribers: number | null = null;
            try {
              const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              const n = (parsed as { subscribers?: unknown } | null)?.subscribers;
              if (typeof n === 'number' && Number.isFinite(n)) subscribers = n;
            } catch {
              // an answer without the figure: fine
            }
            resolve({ status, subscribers, bytesSent: headerBytes(headers, url) + payload.length });
          });
          res.on('error', (err) => reject(new PublishError(err.message, null)));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (err) => reject(new PublishError(err.message, null)));
      request.end(payload);
    });

  return { publish, close: () => agent.destroy() };
}

/** About what the request line and headers take on the wire. */
function headerBytes(headers: Record<string, string | number>, url: URL): number {
  let n = `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n`
    .length;
  for (const [k, v] of Object.entries(headers)) n += k.length + String(v).length + 4;
  return n + 2;
}
