import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { headerOf } from '../../security/headers.js';
import { OpError, isOpError } from '../../util/errors.js';

/** Request headers are read the same way everywhere (security/headers.ts). */
export { headerOf };

/** Largest JSON body the API reads (the country-file import has its own, larger limit). */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * A request target's path (still percent-encoded) and query string. The absolute form (`http://host/path`),
 * which HTTP/1.1 servers must accept too, gives the same as the usual origin form (`/path`).
 */
export function requestTarget(req: IncomingMessage): { path: string; search: string } {
  let url = req.url ?? '/';
  if (!url.startsWith('/')) {
    const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
    if (authority) url = url.slice(authority[0].length);
    if (!url.startsWith('/')) url = `/${url}`;
  }
  const q = url.indexOf('?');
  return q < 0 ? { path: url, search: '' } : { path: url.slice(0, q), search: url.slice(q + 1) };
}

const resolvedAddresses = new WeakMap<IncomingMessage, string>();

/**
 * The caller's address, as rate limits, lockouts and connection caps count it: the peer of the connection, or
 * the address a trusted reverse proxy names in X-Forwarded-For (see {@link noteClientAddress}).
 */
export function clientAddress(req: IncomingMessage): string {
  return resolvedAddresses.get(req) ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * Works out a request's caller once, as it arrives (requests and WebSocket upgrades alike): X-Forwarded-For
 * counts only on a connection from a trusted proxy (security/trusted-proxy.ts).
 */
export function noteClientAddress(
  req: IncomingMessage,
  proxies: { clientOf(peer: string | undefined, forwardedFor: string | undefined): string },
): void {
  const forwarded = req.headers['x-forwarded-for'];
  const joined = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  resolvedAddresses.set(req, proxies.clientOf(req.socket.remoteAddress, joined));
}

/** Paths whose answers any web page may read: everything but the admin API and the metrics. */
export function isPublicPath(lowerPath: string): boolean {
  return !lowerPath.startsWith('/api/admin') && lowerPath !== '/metrics';
}

/**
 * Headers every answer carries. Public reads, SSE and registration are open to any origin, without
 * credentials; admin endpoints get no CORS headers, so browsers refuse cross-origin admin calls.
 */
export function setCommonHeaders(res: ServerResponse, lowerPath: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (isPublicPath(lowerPath)) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Cache-Control, Last-Event-ID');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

/**
 * CORS with credentials for the admin API, for a page of an allowed origin (security/access.ts): exactly that
 * origin, never `*`.
 */
export function setAdminCorsHeaders(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** Writes a whole answer with its length. */
export function sendBody(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value ?? null));
}

/** Writes an error in the original's shape, `{detail}`, plus the stable `code`. */
export function sendError(res: ServerResponse, err: OpError): void {
  const headers: OutgoingHttpHeaders = {};
  const retry = err.details?.retry_after_s;
  if (typeof retry === 'number') headers['Retry-After'] = String(retry);
  if (err.code === 'AUTH_REQUIRED' || err.code === 'INVALID_CREDENTIALS') {
    headers['WWW-Authenticate'] = 'Basic realm="Pileup Buster", charset="UTF-8"';
  }
  // A body that was refused unread is not read on: the connection closes after the answer.
  if (err.code === 'PAYLOAD_TOO_LARGE') headers.Connection = 'close';
  const body: Record<string, unknown> =
    err.code === 'VALIDATION_ERROR' && Array.isArray(err.details?.errors)
      ? { detail: err.details.errors, code: err.code, message: err.message }
      : { detail: err.message, code: err.code, ...(err.details ?? {}) };
  const text = JSON.stringify(body);
  res.writeHead(err.status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Answers a request that failed: typed errors keep their status and code; anything else is logged (with `what`
 * the request was) and answered 500 INTERNAL_ERROR. Every refusal is counted.
 */
export function answerFailure(
  res: ServerResponse,
  err: unknown,
  what: string,
  deps: {
    log: (level: 'error', message: string) => void;
    metrics?: { rejected(e: OpError): void } | undefined;
  },
): void {
  let e: OpError;
  if (isOpError(err)) e = err;
  else {
    deps.log('error', `${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    e = new OpError('INTERNAL_ERROR', 'Internal server error');
  }
  deps.metrics?.rejected(e);
  if (res.headersSent) res.end();
  else sendError(res, e);
}

function tooLarge(limit: number): OpError {
  return new OpError('PAYLOAD_TOO_LARGE', `Request body too large (limit ${limit} bytes)`);
}

/** Reads a request body of at most `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(headerOf(req, 'content-length'));
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: OpError | null): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(null);
    const onError = (): void => finish(new OpError('INVALID_REQUEST', 'The request body could not be read'));
    const onClose = (): void => {
      if (!req.complete) onError();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * The JSON body of a request, or undefined when it declares no JSON body (like express.json(): only
 * `application/json` is read, any JSON value is accepted, and an empty JSON body reads as `{}`).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const contentType = headerOf(req, 'content-type');
  if (contentType === undefined) return undefined;
  const [type = '', ...params] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return undefined;
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
  if (!hasBody) return undefined;
  for (const p of params) {
    const [key = '', value = ''] = p.split('=');
    if (key.trim().toLowerCase() !== 'charset') continue;
    const charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') {
      throw new OpError('INVALID_REQUEST', 'Unsupported request body encoding');
    }
  }
  const encoding = headerOf(req, 'content-encoding')?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== 'identity' && encoding !== '') {
    throw new OpError('INVALID_REQUEST', 'Unsupported request body encoding');
  }
  const raw = await readBody(req, limit);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new OpError('INVALID_JSON', 'Request body is not valid JSON');
  }
}
