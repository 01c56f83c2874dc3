import { describe, expect, it } from 'vitest';
import { browserContextOf, LoginThrottle, throttleKey } from './login-throttle.js';

const make = (now: { t: number }) =>
  new LoginThrottle({
    maxFailures: 3,
    windowMs: 60_000,
    baseLockMs: 30_000,
    maxLockMs: 120_000,
    now: () => now.t,
  });

describe('LoginThrottle', () => {
  it('counts attempts before their check: in-flight checks use the budget', () => {
    const clock = { t: 0 };
    const th = make(clock);
    const a = th.begin('k');
    const b = th.begin('k');
    const c = th.begin('k');
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    const d = th.begin('k');
    expect(d).toMatchObject({ ok: false });
    expect(th.begin('other').ok).toBe(true);
  });

  it('a success that ran beside failures does not wipe them; the lockout then holds', () => {
    const clock = { t: 0 };
    const th = make(clock);
    const attempts = [th.begin('k'), th.begin('k'), th.begin('k')];
    if (!attempts.every((a) => a.ok)) throw new Error('refused');
    const [x, y, z] = attempts.map((a) => (a.ok ? a.attempt : null));
    x!.fail();
    z!.succeed();
    y!.fail();
    expect(th.blockedFor('k')).toBe(0); // two failures, one slot free
    const w = th.begin('k');
    if (!w.ok) throw new Error('refused');
    w.attempt.fail();
    expect(th.blockedFor('k')).toBe(30_000);
    clock.t += 30_000;
    // the next lockout doubles
    for (let i = 0; i < 3; i += 1) {
      const s = th.begin('k');
      if (!s.ok) throw new Error('refused');
      s.attempt.fail();
    }
    expect(th.blockedFor('k')).toBe(60_000);
  });

  it('a success alone clears the failures; a cancelled attempt does not count', () => {
    const clock = { t: 0 };
    const th = make(clock);
    for (let i = 0; i < 2; i += 1) {
      const s = th.begin('k');
      if (s.ok) s.attempt.fail();
    }
    const ok = th.begin('k');
    if (!ok.ok) throw new Error('refused');
    ok.attempt.succeed();
    for (let i = 0; i < 2; i += 1) {
      const s = th.begin('k');
      if (s.ok) s.attempt.cancel();
    }
    for (let i = 0; i < 2; i += 1) {
      const s = th.begin('k');
      if (s.ok) s.attempt.fail();
    }
    expect(th.blockedFor('k')).toBe(0);
  });

  it('failures age out of the window', () => {
    const clock = { t: 0 };
    const th = make(clock);
    th.failNow('k');
    th.failNow('k');
    clock.t += 60_000;
    th.failNow('k');
    expect(th.blockedFor('k')).toBe(0);
  });
});

describe('throttle keys', () => {
  it('keep browser pages of different origins apart from each other and from clients without Origin', () => {
    const direct = throttleKey('127.0.0.1', browserContextOf({}));
    const page = throttleKey('127.0.0.1', browserContextOf({ origin: 'http://evil.example' }));
    const own = throttleKey('127.0.0.1', browserContextOf({ origin: 'HTTP://127.0.0.1:8000' }));
    expect(new Set([direct, page, own]).size).toBe(3);
    expect(direct).toBe('127.0.0.1');
    expect(browserContextOf({ secFetchSite: 'none' })).toBeUndefined();
  });
});
