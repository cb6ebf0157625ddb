// SQL for the three lists: what is stored (natural key → content hash), upserts in chunks,
// row history and the import log. The only place in registry/ that writes list tables.
import type SQLite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type pg from 'pg';
import { upsertByArrays } from '../db/bulk-upsert.ts';
import { copyUpsert } from '../db/pg-copy.ts';
import type { DB } from '../db/schema.ts';
import { dialectOf } from '../db/dialect.ts';

export type ListTable = 'schools' | 'students' | 'members';
export const KEY_COLUMN = { schools: 'code', students: 'student_no', members: 'member_id' } as const;

type Db = Kysely<DB> | Transaction<DB>;

export async function loadSchoolCounties(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['code', 'county_code']).execute();
  return new Map(rows.map((r) => [r.code, r.county_code]));
}

/** 学校标识码 → 办学类型, for inferring a missing 学段 at import. */
export async function loadSchoolTypes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['code', 'school_type']).execute();
  return new Map(rows.map((r) => [r.code, r.school_type]));
}

/** Natural key → row hash of what is stored (members: one list only). */
export async function loadStoredHashes(db: Db, table: ListTable, listKind?: string): Promise<Map<string, string>> {
  const key = KEY_COLUMN[table];
  let q = db.selectFrom(table as 'students').select([`${key} as k` as 'student_no', 'row_hash']);
  if (table === 'members' && listKind) q = q.where('list_kind' as any, '=', listKind);
  const rows = (await q.execute()) as unknown as { k: string; row_hash: string }[];
  const map = new Map<string, string>();
  for (const r of rows) map.set(r.k, r.row_hash);
  return map;
}

export async function loadRowsByKey(db: Db, table: ListTable, keys: string[]): Promise<Map<string, Record<string, unknown>>> {
  const key = KEY_COLUMN[table];
  const out = new Map<string, Record<string, unknown>>();
  if (keys.length === 0) return out;
  const rows = (await db.selectFrom(table as 'students').selectAll().where(key as 'student_no', 'in', keys).execute()) as Record<string, unknown>[];
  for (const r of rows) out.set(r[key] as string, r);
  return out;
}

/** Max rows per multi-row statement: SQLite allows 32766 bound values, PostgreSQL 65535. */
export function chunkSize(db: Db, columns: number): number {
  const limit = dialectOf(db) === 'postgres' ? 65000 : 32000;
  return Math.max(1, Math.min(2000, Math.floor(limit / columns)));
}

/**
 * Inserts new rows and overwrites changed ones (history is written separately), created_at kept.
 * Rows are value arrays in `columns` order; on SQLite pass the raw handle (db/bulk-upsert.ts).
 */
export async function upsertValues(db: Db, table: ListTable, columns: string[], rows: unknown[][], sqlite?: SQLite.Database | null, copy?: { trx: Transaction<DB>; client: pg.PoolClient; fresh?: boolean } | null): Promise<void> {
  const key = KEY_COLUMN[table];
  const updatable = columns.filter((c) => c !== key && c !== 'created_at');
  // PostgreSQL with the transaction's own connection: COPY into a staging table, one upsert from it
  if (copy) await copyUpsert(copy.trx, copy.client, table, columns, rows, key, updatable, copy.fresh);
  else await upsertByArrays(db, sqlite, table, columns, rows, key, updatable);
}

export interface HistoryRow {
  table_name: string;
  record_key: string;
  county_code: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  import_id: string | null;
  actor: string;
  at: string;
}

export async function insertHistory(db: Db, rows: HistoryRow[]): Promise<void> {
  const size = chunkSize(db, 9);
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto('record_history').values(rows.slice(i, i + size)).execute();
  }
}

export async function historyOf(db: Db, table: ListTable, key: string): Promise<HistoryRow[]> {
  return db
    .selectFrom('record_history')
    .select(['table_name', 'record_key', 'county_code', 'action', 'before_json', 'after_json', 'import_id', 'actor', 'at'])
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .orderBy('id')
    .execute();
}

export async function readMeta(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeMeta(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The data revision: raised by every import that changes something; matching remembers the last it saw. */
export async function currentRev(db: Db): Promise<number> {
  return Number((await readMeta(db, 'data_rev')) ?? '0');
}

export async function insertImport(db: Db, row: DB['imports'] extends infer T ? { [K in keyof T]: T[K] } : never): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}
