// The care capability's tables (留守儿童与困境儿童关爱): the care ledger, mentors, visits.
// county_code on every table; no triggers.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  let children = db.schema.createTable('care_children').addColumn('student_no', 'text', (c) => c.primaryKey());
  for (const col of ['county_code', 'school_code', 'name', 'categories', 'row_hash', 'created_at', 'updated_at']) children = children.addColumn(col, 'text', (c) => c.notNull());
  for (const col of ['parents_work_place', 'guardian_name', 'guardian_relation', 'guardian_phone', 'health']) children = children.addColumn(col, 'text');
  await children.addColumn('boarding', 'integer').addColumn('rev', 'integer', (c) => c.notNull()).execute();
  await db.schema.createIndex('care_children_school').on('care_children').columns(['county_code', 'school_code']).execute();

  await db.schema
    .createTable('care_mentors')
    .addColumn('student_no', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('school_code', 'text', (c) => c.notNull())
    .addColumn('mentor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_mentors_mentor').on('care_mentors').column('mentor').execute();

  await db.schema
    .createTable('care_visits')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('student_no', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('school_code', 'text', (c) => c.notNull())
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_visits_student').on('care_visits').columns(['student_no', 'visit_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['care_visits', 'care_mentors', 'care_children']) await db.schema.dropTable(t).ifExists().execute();
}
