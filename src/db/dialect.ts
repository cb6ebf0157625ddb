// Small helpers for the few places where SQLite and PostgreSQL differ.
import { PostgresAdapter } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Anything with Kysely's executor (a Kysely instance or a transaction), whatever its tables. */
interface HasExecutor {
  getExecutor(): { adapter: unknown };
}

export function dialectOf(db: HasExecutor): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An auto-incrementing integer key: INTEGER PRIMARY KEY on SQLite, bigserial on PostgreSQL. */
export function autoId(db: HasExecutor): 'integer' | 'bigserial' {
  return dialectOf(db) === 'postgres' ? 'bigserial' : 'integer';
}
