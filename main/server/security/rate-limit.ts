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

/**
 * Failed-login throttling per client address: after `maxFailures` failures within `windowMs` the address is
 * locked out, for a period that doubles with each lockout up to `maxLockMs`. A success clears the record.
 */
export class FailureThrottle {
  private readonly records = new Map<string, { failures: number[]; lockedUntil: number; lockouts: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 60_000,
    private readonly baseLockMs = 30_000,
    private readonly maxLockMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the address must still wait, 0 when it may try. */
  blockedFor(address: string): number {
    const r = this.records.get(address);
    if (!r) return 0;
    return Math.max(0, r.lockedUntil - this.now());
  }

  fail(address: string): void {
    const now = this.now();
    const r = this.records.get(address) ?? { failures: [], lockedUntil: 0, lockouts: 0 };
    r.failures = r.failures.filter((t) => now - t < this.windowMs);
    r.failures.push(now);
    if (r.failures.length >= this.maxFailures) {
      r.lockedUntil = now + Math.min(this.maxLockMs, this.baseLockMs * 2 ** r.lockouts);
      r.lockouts += 1;
      r.failures = [];
    }
    this.records.set(address, r);
    if (this.records.size > 10_000) {
      for (const [key, rec] of this.records) {
        if (rec.lockedUntil < now && rec.failures.every((t) => now - t >= this.windowMs))
          this.records.delete(key);
      }
    }
  }

  succeed(address: string): void {
    this.records.delete(address);
  }
}
