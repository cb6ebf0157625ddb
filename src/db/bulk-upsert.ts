// Bulk upsert of value arrays, the fastest way each driver allows (measured on the 100k bench):
// SQLite — one prepared statement run per row with its arguments spread, on the connection of the
// caller's transaction (multi-row VALUES and json_each were slower); PostgreSQL — one array per
// column and unnest(), so that a statement carries a few dozen parameters for thousands of rows
// instead of one parameter per value (the parameters, not the rows, are what costs).
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const ROWS_PER_STATEMENT = 5000;
const typeCache = new Map<string, Map<string, string>>();

/** Column → SQL type of a table (for the casts of the arrays); the same for every schema our migrations made. */
async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  let types = typeCache.get(table);
  if (!types) {
    const { rows } = await db.executeQuery<{ column_name: string; data_type: string }>(
      CompiledQuery.raw('select column_name, data_type from information_schema.columns where table_name = $1 and table_schema = current_schema()', [table]),
    );
    const numeric = new Set(['integer', 'bigint', 'real', 'double precision']);
    types = new Map(rows.map((r) => [r.column_name, numeric.has(r.data_type) ? r.data_type : 'text']));
    typeCache.set(table, types);
  }
  return types;
}

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function sqliteStatement(handle: SQLite.Database, text: string): SQLite.Statement {
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = handle.prepare(text)));
  return stmt;
}

/**
 * Inserts rows (value arrays in `columns` order); on a conflict on `key` sets the `updatable`
 * columns. Pass the better-sqlite3 handle on SQLite (Database.sqlite), null on PostgreSQL.
 */
export async function upsertByArrays(
  db: Db,
  sqlite: SQLite.Database | null | undefined,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  key: string,
  updatable: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const onConflict = `on conflict (${key}) do update set ${updatable.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  if (sqlite) {
    const stmt = sqliteStatement(sqlite, `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) ${onConflict}`);
    for (const r of rows) stmt.run(...r);
    return;
  }
  const types = await columnTypes(db, table);
  const text =
    `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, k) => `$${k + 1}::${types.get(c) ?? 'text'}[]`).join(', ')}) ${onConflict}`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await db.executeQuery(CompiledQuery.raw(text, columns.map((_, k) => chunk.map((r) => r[k]))));
  }
}

/**
 * SQLite, a first import into an empty table: its non-unique indexes are dropped before the rows go
 * in, and the returned function builds them again, both in the caller's transaction (a rollback
 * brings them back; readers keep seeing the committed schema). Building an index once from the
 * sorted rows is cheaper than keeping every b-tree in order row by row (students carry seven).
 * On a table that holds rows nothing is dropped and the function does nothing.
 */
export function deferIndexesOfEmptyTable(sqlite: SQLite.Database, table: string): () => void {
  if (sqlite.prepare(`select 1 from "${table}" limit 1`).get() !== undefined) return () => {};
  const indexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null and upper(sql) not like 'CREATE UNIQUE%'")
    .all(table) as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`drop index "${i.name}"`);
  return () => {
    for (const i of indexes) sqlite.exec(i.sql);
  };
}
