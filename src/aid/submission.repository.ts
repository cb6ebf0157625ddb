// SQL for 审核甄别上报 / 核准: the submissions of a term with each school's entitlement figures, the
// steps taken, and what a batch's 公示 needs to know.
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AidSubmissionStepTable, AidSubmissionTable } from '../db/aid-schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';

export type SubmissionRow = Selectable<AidSubmissionTable>;

/** Per school in scope: students with active cash entitlements of the term and their amount. */
export async function entitledBySchool(db: Kysely<DB>, schoolYear: number, term: string, scope: DataScope) {
  return db
    .selectFrom('aid_entitlements as e')
    .select((eb) => ['e.school_code', 'e.school_name', 'e.county_code', eb.fn.count<number>('e.student_no').distinct().as('students'), eb.fn.sum<number>('e.amount_fen').as('fen')])
    .where('e.school_year', '=', schoolYear)
    .where('e.term', '=', term)
    .where('e.status', '=', 'active')
    .where('e.cash', '=', 1)
    .where(studentScope(scope, 'e'))
    .groupBy(['e.school_code', 'e.school_name', 'e.county_code'])
    .orderBy('e.school_code')
    .execute();
}

export async function submissionsOfTerm(db: Kysely<DB>, schoolYear: number, term: string): Promise<SubmissionRow[]> {
  return db.selectFrom('aid_submissions').selectAll().where('school_year', '=', schoolYear).where('term', '=', term).execute();
}

export async function findSubmission(db: Kysely<DB>, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('aid_submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function saveSubmission(db: Kysely<DB>, row: SubmissionRow, exists: boolean): Promise<void> {
  if (exists) await db.updateTable('aid_submissions').set(row).where('id', '=', row.id).execute();
  else await db.insertInto('aid_submissions').values(row).execute();
}

export async function insertStep(db: Kysely<DB>, step: Omit<AidSubmissionStepTable, 'id'>): Promise<void> {
  await db.insertInto('aid_submission_steps').values(step).execute();
}

export async function stepsOf(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('aid_submission_steps').selectAll().where('submission_id', 'in', ids).orderBy('id').execute();
}

/** The schools with rows in a batch. */
export async function schoolsOfBatch(db: Kysely<DB>, batchId: number): Promise<string[]> {
  const rows = await db.selectFrom('aid_batch_rows').select('school_code').distinct().where('batch_id', '=', batchId).execute();
  return rows.map((r) => r.school_code);
}
