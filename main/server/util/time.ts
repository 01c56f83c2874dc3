/** The one clock of the server. Tests replace it to move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** ISO 8601 UTC with `Z`, milliseconds included. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

export function parseIsoMs(iso: string): number {
  return Date.parse(iso);
}
