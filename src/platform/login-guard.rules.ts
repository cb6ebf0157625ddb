// How repeated failed logins are slowed and locked, per account and per client address: the
// numbers and the arithmetic, pure. The counting itself is atomic in the database (login-guard.ts).

export interface LoginLimits {
  freeFailures: number; // attempts answered at full speed
  baseDelayMs: number; // first delay, doubled with each further failure
  maxDelayMs: number;
  accountLockAfter: number; // attempts that lock an account
  addressLockAfter: number; // attempts that lock a client address (many accounts tried)
  lockMs: number;
  forgetMs: number; // an idle counter starts again after this long
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freeFailures: 2,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  accountLockAfter: 10,
  addressLockAfter: 30,
  lockMs: 15 * 60_000,
  forgetMs: 60 * 60_000,
};

/** The wait before checking a password, from the attempts counted before this one. */
export function delayBefore(previous: number, l: LoginLimits): number {
  if (previous < l.freeFailures) return 0;
  return Math.min(l.maxDelayMs, l.baseDelayMs * 2 ** (previous - l.freeFailures));
}

/**
 * Whether an attempt, counted as the n-th (this one included), may still be checked: the count
 * starts again only when a lock has ended or the counter was idle, so past the limit is locked.
 */
export function mayTry(n: number, lockAfter: number): boolean {
  return n <= lockAfter;
}

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;
