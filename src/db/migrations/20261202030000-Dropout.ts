// The dropout capability's tables (控辍保学): the township roster, absences, cases with their
// history and proof files (a blob column: bytea on PostgreSQL, blob on SQLite). county_code on
// every table; no triggers.
import type { Kysely } from 'kysely';
import { autoId, dialectOf } from '../dialect.ts';

function imported<T extends { addColumn: (...a: any[]) => T }>(t: T): T {
  return t
    .addColumn('row_hash', 'text', (c: any) => c.notNull())
    .addColumn('rev', 'integer', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  let roster = db.schema.createTable('roster_children').addColumn('roster_key', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'name', 'name_norm', 'name_key', 'id_status']) roster = roster.addColumn(col, 'text', (c) => c.notNull());
  for (const col of ['sex', 'id_raw', 'id_number', 'birth_date', 'hukou_region', 'address', 'guardian_name', 'guardian_phone']) roster = roster.addColumn(col, 'text');
  await imported(roster).execute();
  await db.schema.createIndex('roster_children_county').on('roster_children').columns(['county_code', 'roster_key']).execute();

  await imported(
    db.schema
      .createTable('attendance')
      .addColumn('record_key', 'text', (c) => c.primaryKey())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('student_no', 'text', (c) => c.notNull())
      .addColumn('absence_date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text'),
  ).execute();
  await db.schema.createIndex('attendance_student').on('attendance').columns(['student_no', 'absence_date']).execute();

  let cases = db.schema.createTable('dropout_cases').addColumn('case_no', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'person_key', 'name', 'sources', 'basis', 'status', 'opened_at', 'updated_at']) cases = cases.addColumn(col, 'text', (c) => c.notNull());
  cases = cases.addColumn('school_year', 'integer', (c) => c.notNull());
  for (const col of ['id_number', 'id_raw', 'birth_date', 'sex', 'hukou_region', 'township_code', 'student_no', 'school_code', 'category', 'note', 'assigned_school', 'township_user', 'village_cadre', 'last_visit', 'outcome', 'outcome_date']) {
    cases = cases.addColumn(col, 'text');
  }
  await cases.execute();
  await db.schema.createIndex('dropout_cases_person').on('dropout_cases').columns(['county_code', 'person_key']).unique().execute();
  await db.schema.createIndex('dropout_cases_status').on('dropout_cases').columns(['county_code', 'status']).execute();

  await db.schema
    .createTable('dropout_case_events')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('event_date', 'text')
    .addColumn('detail_json', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dropout_case_events_case').on('dropout_case_events').columns(['case_no', 'id']).execute();

  await db.schema
    .createTable('dropout_proofs')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', dialectOf(db) === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dropout_proofs_case').on('dropout_proofs').column('case_no').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['dropout_proofs', 'dropout_case_events', 'dropout_cases', 'attendance', 'roster_children']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
