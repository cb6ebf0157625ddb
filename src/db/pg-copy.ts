// PostgreSQL bulk writes through COPY (pg-copy-streams): rows go as one text stream into a
// temporary staging table, then one set-based upsert moves them into the table. COPY needs the raw
// connection of the transaction, which Kysely keeps to itself: withPgTransaction runs a Kysely
// transaction on one pooled connection it holds, and hands out both.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from './schema.ts';

/** Runs `fn` in one transaction on one connection of `pool`, with that connection for COPY. */
export async function withPgTransaction<T>(pool: pg.Pool, fn: (trx: Transaction<DB>, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Kysely "releases" this connection after the transaction; the real release is ours, below
  const held = { query: client.query.bind(client), release: () => undefined } as unknown as pg.PoolClient;
  const one = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: () => Promise.resolve(held), end: () => Promise.resolve() } }) });
  let failed = false;
  try {
    return await one.transaction().execute((trx) => fn(trx, client));
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await one.destroy();
    // a connection whose COPY broke off is not given back to the pool
    client.release(failed ? true : undefined);
  }
}

/** A value in COPY's text format. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

const LINES_PER_CHUNK = 500;

function* copyLines(rows: readonly unknown[][]): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let line = '';
    for (let k = 0; k < r.length; k++) line += (k === 0 ? '' : '\t') + copyText(r[k]);
    chunk += `${line}\n`;
    if ((i + 1) % LINES_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Inserts rows (value arrays in `columns` order) through COPY into a staging table of this
 * transaction, then into `table`: new keys inserted, existing ones updated in their `updatable`
 * columns when the row hash differs. The staging table is emptied after each call and dropped at
 * commit. Returns the number of rows inserted or changed. `fresh` rows skip the staging table.
 */
export async function copyUpsert(
  trx: Transaction<DB>,
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  key: string,
  updatable: readonly string[],
  /** None of the rows' keys is stored yet (a first import; keys unique in the file): COPY straight into the table. */
  fresh = false,
): Promise<number> {
  if (rows.length === 0) return 0;
  if (fresh) {
    // a key stored after all fails the COPY with a unique violation, and the transaction with it
    await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
    return rows.length;
  }
  const stage = `fuzhi_stage_${table}`;
  await sql.raw(`create temporary table if not exists ${stage} (like ${table} including defaults) on commit drop`).execute(trx);
  await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy ${stage} (${columns.join(', ')}) from stdin`)));
  const changed = columns.includes('row_hash') ? ` where ${table}.row_hash is distinct from excluded.row_hash` : '';
  const r = await sql
    .raw(`insert into ${table} (${columns.join(', ')}) select ${columns.join(', ')} from ${stage} on conflict (${key}) do update set ${updatable.map((c) => `${c} = excluded.${c}`).join(', ')}${changed}`)
    .execute(trx);
  await sql.raw(`truncate ${stage}`).execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * PostgreSQL's twin of deferIndexesOfEmptyTable (bulk-upsert.ts): on an empty table, the non-unique
 * indexes are dropped before a first import copies its rows in, and the returned function builds
 * them again, all in the caller's transaction (a rollback brings them back). Building the roster's
 * six secondary indexes once from the copied rows costs far less server CPU than keeping each of
 * them in order row by row, which on a small machine competes with the import itself.
 * The price: DROP INDEX holds the table exclusively until the import commits, so a read of that
 * table waits for the first import. So the caller names the tables that must be empty too
 * (`alsoEmpty`): an import defers only while nothing could be shown yet — the registry's first list
 * is not deferred once the roster holds students, whose pages read the lists. Later imports, into a
 * table that holds rows, drop nothing and never make readers wait.
 */
export async function deferPgIndexesOfEmptyTable(trx: Transaction<DB>, table: string, o: { alsoEmpty?: readonly string[] } = {}): Promise<() => Promise<void>> {
  for (const t of [table, ...(o.alsoEmpty ?? [])]) {
    const some = await sql`select 1 from ${sql.table(t)} limit 1`.execute(trx);
    if (some.rows.length > 0) return () => Promise.resolve();
  }
  const indexes = await sql<{ name: string; schema: string; definition: string }>`
    select i.relname as name, n.nspname as schema, pg_get_indexdef(i.oid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
    where x.indrelid = ${table}::regclass and not x.indisunique and not x.indisprimary
    order by i.relname`.execute(trx);
  for (const i of indexes.rows) await sql`drop index ${sql.id(i.schema, i.name)}`.execute(trx);
  return async () => {
    if (indexes.rows.length === 0) return;
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    for (const i of indexes.rows) await sql.raw(i.definition).execute(trx);
  };
}
