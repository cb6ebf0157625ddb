// The schools capability's tables (teacher roster, school pairings and their activities), the projects
// capability's (construction and equipment projects, their monthly dispatch), and the
// indicators capability's entered values (with evidence, who and when). county_code on every table; no triggers.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  let teachers = db.schema.createTable('teachers').addColumn('teacher_key', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'school_code', 'name', 'id_status', 'row_hash', 'created_at', 'updated_at']) teachers = teachers.addColumn(col, 'text', (c) => c.notNull());
  for (const col of ['id_raw', 'id_number', 'education', 'title', 'start_month']) teachers = teachers.addColumn(col, 'text');
  await teachers
    .addColumn('village', 'integer', (c) => c.notNull())
    .addColumn('years_taught', 'integer')
    .addColumn('training_hours', 'real')
    .addColumn('standard_hours', 'real')
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teachers_school').on('teachers').columns(['county_code', 'school_code']).execute();

  await db.schema
    .createTable('school_pairings')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('helper_code', 'text', (c) => c.notNull())
    .addColumn('helped_code', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('school_pairings_pair', ['helper_code', 'helped_code'])
    .execute();

  await db.schema
    .createTable('pairing_activities')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('pairing_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('activity_date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pairing_activities_pairing').on('pairing_activities').columns(['pairing_id', 'activity_date']).execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('school_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fund_source', 'text', (c) => c.notNull())
    .addColumn('budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('planned_end', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('project_progress')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('spent_fen', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_progress_project').on('project_progress').columns(['project_id', 'report_date']).execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_values_year').on('indicator_values').columns(['school_year', 'indicator']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['indicator_values', 'project_progress', 'projects', 'pairing_activities', 'school_pairings', 'teachers']) await db.schema.dropTable(t).ifExists().execute();
}
