import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.js';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const clock = fakeClock();
    const b = new TokenBucket(10, 3, clock.now);
    expect([b.take(), b.take(), b.take()]).toEqual([0, 0, 0]);
    expect(b.take()).toBe(100);
    clock.advance(100);
    expect(b.take()).toBe(0);
    expect(b.take()).toBeGreaterThan(0);
  });
});
