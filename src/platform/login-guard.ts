// The login guard: every attempt is counted BEFORE the password is checked, by one atomic upsert
// per account and per address, so that a hundred parallel tries cannot slip past the lock (a
// check-then-count race), and a success resets only the account it proved. Counters live in the
// ops store, writable while an import holds the main file (decision 0004).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { accountKey, addressKey, DEFAULT_LOGIN_LIMITS, delayBefore, mayTry, type LoginLimits } from './login-guard.rules.ts';

export interface Attempt {
  allowed: boolean;
  /** How long to wait before checking the password (slows guessing). */
  delayMs: number;
  /** Milliseconds until the lock ends, when refused. */
  lockedForMs: number;
}

export class LoginGuard {
  readonly limits: LoginLimits;
  constructor(
    limits: Partial<LoginLimits> = {},
    private readonly now: () => number = () => Date.now(),
  ) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  /** Counts one attempt on a key atomically; returns the count with this one and the lock. */
  private async count(db: Kysely<DB>, key: string, lockAfter: number): Promise<{ n: number; lockedUntil: string | null }> {
    const now = new Date(this.now()).toISOString();
    const forgetBefore = new Date(this.now() - this.limits.forgetMs).toISOString();
    const lockUntil = new Date(this.now() + this.limits.lockMs).toISOString();
    const t = sql.ref('login_attempts');
    const r = await sql<{ failures: number; locked_until: string | null }>`
      insert into login_attempts (key, failures, locked_until, updated_at)
      values (${key}, 1, ${lockAfter <= 1 ? lockUntil : null}, ${now})
      on conflict (key) do update set
        failures = case
          when ${t}.locked_until is not null and ${t}.locked_until <= ${now} then 1
          when ${t}.locked_until is null and ${t}.updated_at < ${forgetBefore} then 1
          else ${t}.failures + 1 end,
        locked_until = case
          when ${t}.locked_until is not null and ${t}.locked_until <= ${now} then null
          when ${t}.locked_until is not null then ${t}.locked_until
          when ${t}.updated_at >= ${forgetBefore} and ${t}.failures + 1 >= ${lockAfter} then ${lockUntil}
          else null end,
        updated_at = ${now}
      returning failures, locked_until`.execute(db);
    const row = r.rows[0];
    return { n: Number(row.failures), lockedUntil: row.locked_until };
  }

  /** Counts an attempt for the account and the address; refused while either is locked. */
  async attempt(db: Kysely<DB>, username: string, ip: string): Promise<Attempt> {
    const nowIso = new Date(this.now()).toISOString();
    const account = await this.count(db, accountKey(username), this.limits.accountLockAfter);
    const address = await this.count(db, addressKey(ip), this.limits.addressLockAfter);
    const allowed =
      mayTry(account.n, this.limits.accountLockAfter) && mayTry(address.n, this.limits.addressLockAfter);
    const until = [account.lockedUntil, address.lockedUntil].filter((u): u is string => u !== null && u > nowIso).sort().pop();
    return {
      allowed,
      delayMs: allowed ? delayBefore(account.n - 1, this.limits) : 0,
      lockedForMs: allowed ? 0 : Math.max(1000, until ? Date.parse(until) - this.now() : this.limits.lockMs),
    };
  }

  /**
   * A right password: the account's count starts again, and the address gets back the attempt
   * this login reserved (an office behind one address logs in all day); its failures stay.
   */
  async succeeded(db: Kysely<DB>, username: string, ip?: string): Promise<void> {
    await db.deleteFrom('login_attempts').where('key', '=', accountKey(username)).execute();
    if (ip !== undefined) {
      await db
        .updateTable('login_attempts')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('key', '=', addressKey(ip))
        .where('failures', '>', 0)
        .where('locked_until', 'is', null)
        .execute();
    }
  }

  /** An administrator lifts a lock (reset-password, enable). */
  async clear(db: Kysely<DB>, username: string): Promise<void> {
    await this.succeeded(db, username);
  }
}
