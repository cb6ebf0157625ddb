// SQL of the list imports of the dropout and care capabilities (roster, attendance, care ledger):
// what is stored (natural key → row hash), the upsert, row history and the import log.
import type SQLite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { upsertByArrays } from '../db/bulk-upsert.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type ImportTableName = 'roster_children' | 'attendance' | 'care_children' | 'teachers';

export async function storedHashes(db: Db, table: ImportTableName, key: string): Promise<Map<string, string>> {
  const rows = (await db.selectFrom(table as any).select([`${key} as k`, 'row_hash'] as any).execute()) as { k: string; row_hash: string }[];
  return new Map(rows.map((r) => [r.k, r.row_hash]));
}

export async function rowsByKey(db: Db, table: ImportTableName, key: string, keys: string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = (await db.selectFrom(table as any).selectAll().where(key as any, 'in', keys.slice(i, i + 500)).execute()) as Record<string, unknown>[];
    for (const r of rows) out.set(String(r[key]), r);
  }
  return out;
}

export async function nextRev(db: Db, table: ImportTableName): Promise<number> {
  const r = (await db.selectFrom(table as any).select((eb: any) => eb.fn.max('rev').as('m')).executeTakeFirst()) as { m: number | null } | undefined;
  return Number(r?.m ?? 0) + 1;
}

export async function upsertRows(db: Db, sqlite: SQLite.Database | null, table: ImportTableName, key: string, columns: string[], rows: unknown[][]): Promise<void> {
  await upsertByArrays(db, sqlite, table, columns, rows, key, columns.filter((c) => c !== key && c !== 'created_at'));
}

export interface ImportHistoryRow {
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

export async function insertHistoryRows(db: Db, rows: ImportHistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('record_history').values(rows.slice(i, i + 500)).execute();
}

export async function insertImportLog(db: Db, row: DB['imports']): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

/** 学籍号 → county, school, name and ID of every student (to resolve the rows of absences and the care ledger). */
export async function studentDirectory(db: Db): Promise<{ student_no: string; county_code: string; school_code: string; name: string; id_number: string | null }[]> {
  return db.selectFrom('students').select(['student_no', 'county_code', 'school_code', 'name', 'id_number']).execute();
}
