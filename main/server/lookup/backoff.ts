/**
 * Backoff for a failing online service: after each consecutive failure the service is skipped for
 * twice as long (from `baseMs` up to `maxMs`); a success resets it. While it is skipped, lookups
 * answer at once with what is known offline, so registrations are never slowed.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  now?: () => number;
}

export class Backoff {
  private failures = 0;
  private until = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly now: () => number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 5_000;
    this.maxMs = options.maxMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** True while the service should be skipped. */
  active(): boolean {
    return this.now() < this.until;
  }

  /** When the skip period ends (epoch ms), or null when not backing off. */
  untilMs(): number | null {
    return this.active() ? this.until : null;
  }

  /** Records a failure; `minMs` lets an authentication failure start with a longer pause. */
  failure(minMs = 0): number {
    this.failures += 1;
    const delay = Math.min(this.maxMs, Math.max(minMs, this.baseMs * 2 ** (this.failures - 1)));
    this.until = this.now() + delay;
    return delay;
  }

  success(): void {
    this.failures = 0;
    this.until = 0;
  }

  reset(): void {
    this.success();
  }
}
