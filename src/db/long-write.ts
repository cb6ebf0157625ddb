// Long writers (an import, a match run) go one at a time. On SQLite the transaction's begin takes
// the main file's write lock and waits for it with timers (sqlite-driver.ts); on PostgreSQL, where
// rows lock one by one, a transaction-scoped advisory lock does the same. A second import waits,
// and says so, instead of failing or mixing its rows with the first one's.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import { dialectOf } from './dialect.ts';

const LONG_WRITE_LOCK = 727_501; // any fixed number: the one advisory lock of Fuzhi's long writers

/** Takes the long-writer lock in this transaction (released at commit or rollback). */
export async function takeLongWriteLock(trx: Transaction<DB>, onWait?: () => void): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LONG_WRITE_LOCK}) as ok`.execute(trx);
  if (got.rows[0]?.ok) return;
  onWait?.();
  await sql`select pg_advisory_xact_lock(${LONG_WRITE_LOCK})`.execute(trx);
}

/** What a command prints while it waits for another import or match. */
export function sayWaiting(): void {
  process.stderr.write('另一个导入或比对正在进行，等待其完成后继续… / another import or match is running; waiting for it to finish…\n');
}

/**
 * After a bulk write on PostgreSQL the planner's statistics are stale until autovacuum runs, and it
 * may then scan a 400k-row table for a lookup by key: refresh them at once (a fraction of a second).
 */
export async function refreshStatistics(db: Kysely<DB>, table: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`analyze ${sql.table(table)}`.execute(db);
}
