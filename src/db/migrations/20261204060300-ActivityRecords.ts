// One full activity record (domain.md §5, seed 002 篇1–5): pairing_activities gains the plan — the
// school that holds it, goal, start and end, place, organisers and their duties, participants and
// attendance, the steps, safety and contingency arrangements — and may belong to one school alone
// (pairing_id becomes nullable: ALTER on PostgreSQL, a rebuild of the table on SQLite, rows and ids
// kept). Existing rows get the helped school of their pairing. activity_attachments keeps the files
// (blob: bytea on PostgreSQL). county_code on both tables; no triggers.
import { sql, type Kysely } from 'kysely';
import { autoId, dialectOf } from '../dialect.ts';

const NEW_TEXT = ['school_code', 'goal', 'start_at', 'end_at', 'place', 'participants', 'arrangements', 'safety', 'organisers_json'];
const NEW_INT = ['expected_count', 'present_count'];

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table pairing_activities alter column pairing_id drop not null`.execute(db);
    for (const c of NEW_TEXT) await db.schema.alterTable('pairing_activities').addColumn(c, 'text').execute();
    for (const c of NEW_INT) await db.schema.alterTable('pairing_activities').addColumn(c, 'integer').execute();
  } else {
    let t = db.schema
      .createTable('pairing_activities_new')
      .addColumn('id', autoId(db), (c) => c.primaryKey())
      .addColumn('pairing_id', 'integer')
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('activity_date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull());
    for (const c of NEW_TEXT) t = t.addColumn(c, 'text');
    for (const c of NEW_INT) t = t.addColumn(c, 'integer');
    await t.execute();
    await sql`insert into pairing_activities_new (id, pairing_id, county_code, kind, activity_date, title, summary, actor, at)
      select id, pairing_id, county_code, kind, activity_date, title, summary, actor, at from pairing_activities`.execute(db);
    await db.schema.dropTable('pairing_activities').execute();
    await db.schema.alterTable('pairing_activities_new').renameTo('pairing_activities').execute();
    await db.schema.createIndex('pairing_activities_pairing').on('pairing_activities').columns(['pairing_id', 'activity_date']).execute();
  }
  await sql`update pairing_activities set school_code = (select p.helped_code from school_pairings p where p.id = pairing_activities.pairing_id) where school_code is null`.execute(db);
  await db.schema.createIndex('pairing_activities_county').on('pairing_activities').columns(['county_code', 'activity_date']).execute();
  await db.schema.createIndex('pairing_activities_school').on('pairing_activities').columns(['school_code', 'activity_date']).execute();

  await db.schema
    .createTable('activity_attachments')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', dialectOf(db) === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_attachments_activity').on('activity_attachments').column('activity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activity_attachments').ifExists().execute();
}
