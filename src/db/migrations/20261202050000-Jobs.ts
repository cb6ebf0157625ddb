// Long work started from the browser (an import, a match, entitlements) runs as a persisted job: a
// row with its progress, result and error, in the ops store so that progress is written while the
// job itself holds the main file's write lock (decision 0005).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

const COLUMNS = sql.raw(`
  id text primary key, kind text not null, params_json text not null, file_name text, status text not null,
  progress real not null, message text, result_json text, error_json text, errors_file text, warnings_file text,
  actor text not null, region_code text, pid integer,
  created_at text not null, started_at text, finished_at text`);

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create table if not exists jobs (${COLUMNS})`.execute(db);
    await sql`create index if not exists jobs_created on jobs (created_at)`.execute(db);
  } else {
    await sql`create table if not exists ops.jobs (${COLUMNS})`.execute(db);
    await sql`create index if not exists ops.jobs_created on jobs (created_at)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').ifExists().execute();
}
