/**
 * The API the preload exposes to the console as `window.pileupDesktop`.
 * Types only plus one validator; safe to import from the renderer (`import type`) and from tests.
 */

/** Global name under which the preload exposes the API. */
export const DESKTOP_API_KEY = 'pileupDesktop';

export interface DesktopConfig {
  /** Base URL of the local server, e.g. `http://127.0.0.1:8000` (no trailing slash). */
  serverUrl: string;
  /** Admin session token the server created for this desktop at start. */
  adminToken: string;
  /** The app's version (package.json). */
  appVersion: string;
}

export interface PileupDesktopApi extends Readonly<DesktopConfig> {
  /** Open an http(s) URL in the system browser. Resolves false when the URL was refused. */
  openExternal(url: string): Promise<boolean>;
}

/** Checks the shape of a config received over IPC; returns null for anything else. */
export function parseDesktopConfig(value: unknown): DesktopConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const { serverUrl, adminToken, appVersion } = record;
  if (typeof serverUrl !== 'string' || typeof adminToken !== 'string' || typeof appVersion !== 'string') {
    return null;
  }
  if (!/^https?:\/\//.test(serverUrl) || adminToken.length === 0) return null;
  return { serverUrl, adminToken, appVersion };
}
