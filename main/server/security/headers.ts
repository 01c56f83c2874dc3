import type { IncomingMessage } from 'node:http';

/** A request header's value (the first, when it was sent more than once). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
