/**
 * Who may use the admin API from where, beyond same-origin browsers and credentialed scripts:
 *
 * - `allowed_origins`: web pages served from these origins (e.g. the original Pileup Buster web app on its own
 *   host) get CORS with credentials for the admin API: exactly these origins, nothing else. Default: none.
 * - `unauthenticated_logging_direct`: `POST /api/admin/qso/logging-direct` without credentials, as the original
 *   allowed, for loggers on this machine only: the connection must come from loopback and carry no Origin or
 *   Sec-Fetch-Site header, so no browser page can use it. Default: off.
 */
import type { IncomingMessage } from 'node:http';
import { ConfigError } from '../util/config-error.js';

export interface AccessSettings {
  /** Origins (`scheme://host[:port]`, normalised) whose pages may call the admin API with credentials. */
  allowedOrigins: string[];
  unauthenticatedLoggingDirect: boolean;
}

export const MAX_ALLOWED_ORIGINS = 50;

/** `https://Example.org:443/` -> `https://example.org`; throws ConfigError for anything that is not an origin. */
export function normalizeOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigError(
      `allowed origin "${text}" is not a URL (write it as https://host or http://host:port)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`allowed origin "${text}" must start with http:// or https://`);
  }
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== ''
  ) {
    throw new ConfigError(`allowed origin "${text}" must be an origin only (no path, query or credentials)`);
  }
  return url.origin;
}

/** The ALLOWED_ORIGINS variable: comma-separated origins; empty means none. */
export function parseAllowedOrigins(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return normalizeOrigins(list);
}

export function normalizeOrigins(list: readonly string[]): string[] {
  if (list.length > MAX_ALLOWED_ORIGINS) {
    throw new ConfigError(`at most ${MAX_ALLOWED_ORIGINS} allowed origins`);
  }
  return [...new Set(list.map(normalizeOrigin))];
}

/**
 * The request's Origin header when it is one of the allowed origins, else null. Browsers send the origin
 * serialised exactly as `URL.origin` writes it, which is how the list is normalised.
 */
export function allowedOriginOf(req: IncomingMessage, access: AccessSettings | undefined): string | null {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !access) return null;
  return access.allowedOrigins.includes(origin) ? origin : null;
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * A request that a logger on this machine sent: from loopback, with nothing a browser page would add, and not
 * passed on by a reverse proxy on this machine (a proxy's connection is loopback too, but carries a caller from
 * anywhere: any forwarding header refuses it).
 */
export function isLocalLoggerRequest(req: IncomingMessage): boolean {
  return (
    isLoopbackAddress(req.socket.remoteAddress) &&
    req.headers['x-forwarded-for'] === undefined &&
    req.headers.forwarded === undefined &&
    req.headers['x-real-ip'] === undefined &&
    req.headers.origin === undefined &&
    req.headers['sec-fetch-site'] === undefined &&
    req.headers.authorization === undefined
  );
}
