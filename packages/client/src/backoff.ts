/** Reconnect delays: exponential growth, a cap, and jitter so that many clients do not reconnect in step. */
export interface BackoffOptions {
  /** First delay in ms (default 500). */
  initialDelayMs?: number;
  /** Largest delay in ms (default 30 000). */
  maxDelayMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Fraction of the delay that is randomised, 0..1 (default 0.5). */
  jitter?: number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based). With jitter j the result lies in
 * [base·(1−j), base], where base = min(max, initial·factor^attempt).
 */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const initial = opts.initialDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 30_000;
  const factor = opts.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.5));
  const base = Math.min(max, initial * Math.pow(factor, Math.max(0, attempt)));
  return Math.round(base * (1 - jitter * random()));
}
