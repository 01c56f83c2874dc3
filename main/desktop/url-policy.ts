/** Which URLs the desktop shell lets the window load, and which it hands to the system browser. */

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** http(s) URLs may be opened in the system browser; everything else (file:, javascript:, custom schemes) is refused. */
export function isExternalAllowed(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** True when `url` belongs to the app's own origin (the local server). */
export function isSameOrigin(url: string, appOrigin: string): boolean {
  const parsed = parseUrl(url);
  const app = parseUrl(appOrigin);
  return parsed !== null && app !== null && parsed.origin === app.origin;
}

/**
 * The URL the window and the preload use to reach the local server: a wildcard bind address
 * (0.0.0.0, ::) is not a destination, so it becomes the loopback address.
 */
export function localServerUrl(port: number, host: string): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '' || host === '[::]';
  if (wildcard) return `http://127.0.0.1:${port}`;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${bracketed}:${port}`;
}
