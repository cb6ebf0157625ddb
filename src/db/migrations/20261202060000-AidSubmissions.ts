// 审核甄别上报 and 核准: a school submits its students' entitlements of a term, the county approves
// them or returns them with a reason; every step is kept. Keyed by school and term, with county_code.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aid_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // `${school_year}|${term}|${school_code}`
    .addColumn('school_year', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('school_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('students', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('aid_submissions_term').on('aid_submissions').columns(['school_year', 'term', 'county_code']).execute();
  await db.schema
    .createTable('aid_submission_steps')
    .addColumn('id', autoId(db), (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull()) // submit | approve | return
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('aid_submission_steps_of').on('aid_submission_steps').column('submission_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aid_submission_steps').ifExists().execute();
  await db.schema.dropTable('aid_submissions').ifExists().execute();
}
