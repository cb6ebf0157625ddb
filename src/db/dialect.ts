// Small helpers for the few places where SQLite and PostgreSQL differ.
import { PostgresAdapter, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An auto-incrementing integer key: INTEGER PRIMARY KEY on SQLite, bigserial on PostgreSQL. */
export function autoId(db: Kysely<any>): 'integer' | 'bigserial' {
  return dialectOf(db) === 'postgres' ? 'bigserial' : 'integer';
}
