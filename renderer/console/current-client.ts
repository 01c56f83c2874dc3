/** Holds the one connected client of this console page, and the server's origin for the few plain HTTP calls. */
import type { ConsoleClient } from './client.js';

let current: ConsoleClient | null = null;
let serverUrl: string | null = null;

export function getClient(): ConsoleClient | null {
  return current;
}

export function setClient(client: ConsoleClient | null, baseUrl: string | null = null): void {
  current = client;
  serverUrl = client ? baseUrl : null;
}

/** The server's http(s) origin (the page's own, or the desktop's server), or null before the console started. */
export function getServerUrl(): string | null {
  return serverUrl;
}
