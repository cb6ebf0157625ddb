// Sessions, login attempts and the audit log move to the ops store (decision 0004): on SQLite an
// attached file of their own, so that logins and audited reads go on while an import holds the
// main file's write lock; on PostgreSQL they stay in the one database. Audit entries gain the
// regions they concern (an inspector sees what happened in the scope), and ID numbers already
// written into audit targets or details are masked.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { redactIds } from '../../platform/privacy.rules.ts';
import { WRITE_LOCK_TABLE } from '../sqlite-driver.ts';

async function tableIn(db: Kysely<any>, schema: 'main' | 'ops', name: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.raw(schema)}.sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`create table if not exists main.${sql.raw(WRITE_LOCK_TABLE)} (id integer primary key)`.execute(db);
  await sql`create table if not exists ops.audit_log (
    id integer primary key, at text not null, actor text not null, action text not null, target text not null,
    detail_json text, county_code text, region_codes text)`.execute(db);
  await sql`create table if not exists ops.sessions (
    token_hash text primary key, username text not null, created_at text not null, expires_at text not null)`.execute(db);
  if (await tableIn(db, 'main', 'audit_log')) {
    await sql`insert into ops.audit_log (id, at, actor, action, target, detail_json, county_code, region_codes)
      select id, at, actor, action, target, detail_json, county_code,
             case when county_code is null then null else ' ' || county_code || ' ' end
      from main.audit_log`.execute(db);
    await sql`drop table main.audit_log`.execute(db);
  }
  if (await tableIn(db, 'main', 'sessions')) {
    await sql`insert into ops.sessions select token_hash, username, created_at, expires_at from main.sessions`.execute(db);
    await sql`drop table main.sessions`.execute(db);
  }
  await sql`create table if not exists ops.login_attempts (
    key text primary key, failures integer not null, locked_until text, updated_at text not null)`.execute(db);
  await sql`create index if not exists ops.audit_log_actor on audit_log (actor, id)`.execute(db);
  await sql`create index if not exists ops.sessions_user on sessions (username)`.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column if not exists region_codes text`.execute(db);
  await sql`update audit_log set region_codes = ' ' || county_code || ' ' where county_code is not null and region_codes is null`.execute(db);
  await sql`create table if not exists login_attempts (key text primary key, failures integer not null, locked_until text, updated_at text not null)`.execute(db);
  await sql`create index if not exists audit_log_actor on audit_log (actor, id)`.execute(db);
  await sql`create index if not exists sessions_user on sessions (username)`.execute(db);
}

/** Audit entries written before the presenter may hold a G-form 学籍号 or an ID number. */
async function maskStoredIds(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('audit_log').select(['id', 'target', 'detail_json']).execute();
  for (const r of rows as { id: number; target: string; detail_json: string | null }[]) {
    const target = redactIds(r.target);
    const detail = r.detail_json === null ? null : redactIds(r.detail_json);
    if (target !== r.target || detail !== r.detail_json) {
      await db.updateTable('audit_log').set({ target, detail_json: detail }).where('id', '=', r.id).execute();
    }
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await upPostgres(db);
  else await upSqlite(db);
  await maskStoredIds(db);
}

/** Back to the previous schema as far as queries see it; on SQLite the ops file stays (up reuses it). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').ifExists().execute();
  if (dialectOf(db) === 'postgres') {
    await sql`drop index if exists audit_log_actor`.execute(db);
    await sql`drop index if exists sessions_user`.execute(db);
    await sql`alter table audit_log drop column if exists region_codes`.execute(db);
  }
}
