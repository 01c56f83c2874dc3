/** Holds the one connected client of this console page. */
import type { ConsoleClient } from './client.js';

let current: ConsoleClient | null = null;

export function getClient(): ConsoleClient | null {
  return current;
}

export function setClient(client: ConsoleClient | null): void {
  current = client;
}
