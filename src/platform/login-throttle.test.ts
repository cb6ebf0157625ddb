import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('answers the first failures at once, then slows with a growing delay, then locks for a while', () => {
    let now = 0;
    const t = new LoginThrottle({ now: () => now });
    const k = LoginThrottle.key('Admin', '10.0.0.1');
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      delays.push(t.delayFor(k));
      t.fail(k);
    }
    expect(delays).toEqual([0, 0, 250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(t.lockedFor(k)).toBe(0);
    t.fail(k);
    expect(t.lockedFor(k)).toBe(15 * 60_000);
    now += 15 * 60_000;
    expect(t.lockedFor(k)).toBe(0);
  });

  it('keeps user names and addresses apart, and forgets a pair after success', () => {
    const t = new LoginThrottle({ lockAfter: 2 });
    const a = LoginThrottle.key('admin', '10.0.0.1');
    t.fail(a);
    t.fail(a);
    expect(t.lockedFor(a)).toBeGreaterThan(0);
    expect(t.lockedFor(LoginThrottle.key('admin', '10.0.0.2'))).toBe(0);
    expect(t.lockedFor(LoginThrottle.key('ADMIN', '10.0.0.1'))).toBeGreaterThan(0);
    t.succeed(a);
    expect(t.lockedFor(a)).toBe(0);
  });
});
