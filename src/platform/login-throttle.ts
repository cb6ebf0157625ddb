// Slows repeated failed logins, per user name and client address, in memory: from the 3rd failure
// each answer is delayed (growing), and after 10 failures the pair is locked for 15 minutes.

export interface ThrottleOptions {
  freeFailures?: number; // failures answered at full speed
  baseDelayMs?: number; // first delay, doubled with each further failure
  maxDelayMs?: number;
  lockAfter?: number; // failures that lock the pair
  lockMs?: number;
  forgetMs?: number; // an idle pair is forgotten after this long
  now?: () => number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastAt: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly o: Required<ThrottleOptions>;

  constructor(opts: ThrottleOptions = {}) {
    this.o = {
      freeFailures: 2,
      baseDelayMs: 250,
      maxDelayMs: 4000,
      lockAfter: 10,
      lockMs: 15 * 60_000,
      forgetMs: 60 * 60_000,
      now: () => Date.now(),
      ...opts,
    };
  }

  static key(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  /** Milliseconds the pair stays locked (0 when not locked). */
  lockedFor(key: string): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    return Math.max(0, e.lockedUntil - this.o.now());
  }

  /** How long to wait before answering this attempt. */
  delayFor(key: string): number {
    const e = this.entries.get(key);
    if (!e || e.failures < this.o.freeFailures) return 0;
    return Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (e.failures - this.o.freeFailures));
  }

  fail(key: string): void {
    const now = this.o.now();
    this.prune(now);
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, lastAt: now };
    e.failures += 1;
    e.lastAt = now;
    if (e.failures >= this.o.lockAfter) e.lockedUntil = now + this.o.lockMs;
    this.entries.set(key, e);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    if (this.entries.size < 10_000) return;
    for (const [k, e] of this.entries) {
      if (now - e.lastAt > this.o.forgetMs && e.lockedUntil <= now) this.entries.delete(k);
    }
  }
}
