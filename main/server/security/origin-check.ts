import type { IncomingMessage } from 'node:http';
import { headerOf } from './headers.js';
import { browserContextOf, throttleKey } from './login-throttle.js';

/**
 * Whether a browser sent this request on behalf of another site (cross-site request forgery). Browsers attach
 * credentials they have cached for the server (a Basic login typed into the browser's prompt) to form posts
 * from any page, and such "simple" requests skip CORS preflight. They also say where a request comes from:
 * `Sec-Fetch-Site` (modern browsers) and `Origin` (on every POST/DELETE). Requests without either (curl,
 * scripts, loggers, the original's clients) are not from a browser page and pass.
 */
export function isCrossSite(req: IncomingMessage): boolean {
  const get = (name: string): string | undefined => headerOf(req, name);
  const site = get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = get('origin');
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host.toLowerCase() !== (get('host') ?? '').toLowerCase();
  } catch {
    return true;
  }
}

/** The key failed logins of this request are counted under (see login-throttle.ts): address + browser context. */
export function loginThrottleKey(req: IncomingMessage, address: string): string {
  return throttleKey(
    address,
    browserContextOf({ origin: headerOf(req, 'origin'), secFetchSite: headerOf(req, 'sec-fetch-site') }),
  );
}

/** An origin as compared here: lower case, without a trailing slash. */
export function normaliseOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

/**
 * Whether a WebSocket upgrade may go ahead. Browsers always send `Origin` on a WebSocket handshake and let any
 * page open a socket to any server, so without this check a page on another site could talk to the server
 * with the operator's browser (and from the operator's address). Allowed: no Origin (loggers, scripts, the
 * SDK in Node), the server's own origin (Origin host equals the Host header), and the configured allow-list.
 * `Origin: null` (sandboxed frames, file pages) is refused unless it is listed.
 */
export function isAllowedWebSocketOrigin(req: IncomingMessage, allowList: readonly string[]): boolean {
  const origin = headerOf(req, 'origin');
  if (origin === undefined) return true;
  const normalised = normaliseOrigin(origin);
  if (allowList.some((o) => normaliseOrigin(o) === normalised)) return true;
  if (normalised === 'null') return false;
  try {
    return new URL(normalised).host === (headerOf(req, 'host') ?? '').toLowerCase();
  } catch {
    return false;
  }
}
