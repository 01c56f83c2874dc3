/**
 * A token bucket per key (client address, callsign...): `capacity` requests, refilled evenly over `windowMs`.
 * Idle buckets are forgotten so the map stays small.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  setCapacity(capacity: number): void {
    this.capacity = capacity;
  }

  get limit(): number {
    return this.capacity;
  }

  /** Takes one token for `key`. Returns 0 when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    if (this.capacity <= 0) return 0; // 0 = unlimited
    const now = this.now();
    const rate = this.capacity / this.windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updated: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updated) * rate);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      this.sweep(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.ceil((1 - bucket.tokens) / rate);
  }

  private sweep(now: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [key, b] of this.buckets) if (now - b.updated > this.windowMs) this.buckets.delete(key);
  }
}
