/**
 * Failed-login throttling that cannot be raced. Every attempt is counted when it starts, before the slow check:
 * a key (client address and browser context, see {@link throttleKey}) may have at most `maxFailures` failures
 * and checks in flight together within `windowMs`; further attempts are refused at once, without checking.
 * When the failures reach `maxFailures` the key is locked out for a period that doubles with each lockout up
 * to `maxLockMs`. A success clears the record only when no other attempt of that key ran alongside it, so a
 * right password at the end of a burst does not wipe the burst's failures.
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
  now?: () => number;
}

export const DEFAULT_LOGIN_THROTTLE: Omit<LoginThrottleOptions, 'now'> = {
  maxFailures: 5,
  windowMs: 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};

interface KeyRecord {
  failures: number[];
  inFlight: number;
  lockedUntil: number;
  lockouts: number;
  /** Attempts begun so far: tells a success whether another attempt started while it ran. */
  started: number;
}

/** One counted attempt: settle it exactly once with the check's outcome. */
export interface LoginAttempt {
  fail(): void;
  succeed(): void;
  /** The check did not happen (e.g. the hashing queue was full): the attempt does not count. */
  cancel(): void;
}

export type AttemptStart = { ok: true; attempt: LoginAttempt } | { ok: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly records = new Map<string, KeyRecord>();
  private readonly now: () => number;

  constructor(private readonly opts: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds the key must still wait, 0 when it may try now. */
  blockedFor(key: string): number {
    const r = this.records.get(key);
    if (!r) return 0;
    const now = this.now();
    if (r.lockedUntil > now) return r.lockedUntil - now;
    this.expire(r, now);
    if (r.failures.length + r.inFlight < this.opts.maxFailures) return 0;
    // the budget is taken by checks still running (or failures that have not aged out yet)
    const oldest = r.failures[0];
    return oldest === undefined ? 1000 : Math.max(1000, oldest + this.opts.windowMs - now);
  }

  /** Counts an attempt before its check; refused when the key is locked or its budget is taken. */
  begin(key: string): AttemptStart {
    const wait = this.blockedFor(key);
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    const r = this.records.get(key) ?? { failures: [], inFlight: 0, lockedUntil: 0, lockouts: 0, started: 0 };
    this.records.set(key, r);
    const ranAlone = r.inFlight === 0;
    r.inFlight += 1;
    r.started += 1;
    const startedAs = r.started;
    const failuresBefore = r.failures.length;
    let settled = false;
    const settle = (): void => {
      settled = true;
      r.inFlight -= 1;
    };
    return {
      ok: true,
      attempt: {
        fail: () => {
          if (settled) return;
          settle();
          this.recordFailure(r);
        },
        succeed: () => {
          if (settled) return;
          settle();
          // Only a success that ran alone (none before it still running, none started after it) with no
          // failure recorded meanwhile clears the record: parallel failures stay counted.
          const alone = ranAlone && r.started === startedAs && r.failures.length === failuresBefore;
          if (alone && r.lockedUntil <= this.now()) {
            r.failures = [];
            r.lockouts = 0;
          }
          this.forgetIfIdle(key, r);
        },
        cancel: () => {
          if (settled) return;
          settle();
          this.forgetIfIdle(key, r);
        },
      },
    };
  }

  /** Counts a failure of a check that needs no slot (a cheap one, e.g. a session token). */
  failNow(key: string): void {
    const r = this.records.get(key) ?? { failures: [], inFlight: 0, lockedUntil: 0, lockouts: 0, started: 0 };
    this.records.set(key, r);
    this.recordFailure(r);
  }

  private recordFailure(r: KeyRecord): void {
    const now = this.now();
    this.expire(r, now);
    r.failures.push(now);
    if (r.failures.length >= this.opts.maxFailures) {
      r.lockedUntil = Math.max(
        r.lockedUntil,
        now + Math.min(this.opts.maxLockMs, this.opts.baseLockMs * 2 ** r.lockouts),
      );
      r.lockouts += 1;
      r.failures = [];
    }
    this.sweep(now);
  }

  private expire(r: KeyRecord, now: number): void {
    while (r.failures.length > 0 && now - r.failures[0]! >= this.opts.windowMs) r.failures.shift();
  }

  private forgetIfIdle(key: string, r: KeyRecord): void {
    if (r.inFlight === 0 && r.failures.length === 0 && r.lockedUntil <= this.now() && r.lockouts === 0) {
      this.records.delete(key);
    }
  }

  private sweep(now: number): void {
    if (this.records.size <= 10_000) return;
    for (const [key, r] of this.records) {
      this.expire(r, now);
      // a key keeps its lockout count for the longest lockout, so waiting it out does not reset the doubling
      if (r.inFlight === 0 && r.failures.length === 0 && r.lockedUntil + this.opts.maxLockMs < now) {
        this.records.delete(key);
      }
    }
  }
}

/**
 * The key failed logins are counted under: the client address, and for requests a browser page made, the
 * page's origin. A hostile page on another site (or a rebound domain) then cannot use up the budget of the
 * operator's console (its own origin) or of a logger on the same machine (no Origin at all).
 */
export function throttleKey(address: string, browserContext: string | undefined): string {
  return browserContext === undefined || browserContext === '' ? address : `${address} ${browserContext}`;
}

/** The browser context of a request from its headers: the Origin, else Sec-Fetch-Site, else none. */
export function browserContextOf(headers: {
  origin?: string | undefined;
  secFetchSite?: string | undefined;
}): string | undefined {
  if (headers.origin !== undefined && headers.origin !== '') return `origin=${headers.origin.toLowerCase()}`;
  if (headers.secFetchSite !== undefined && headers.secFetchSite !== 'none')
    return `site=${headers.secFetchSite.toLowerCase()}`;
  return undefined;
}
