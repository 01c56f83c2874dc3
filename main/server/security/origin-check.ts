import type { IncomingMessage } from 'node:http';
import { headerOf } from '../transports/http/http-io.js';

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
