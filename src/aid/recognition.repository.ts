// SQL for recognitions (家庭经济困难学生认定) and the bank accounts aid is paid to.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AidBankAccountTable, AidRecognitionObjectionTable, AidRecognitionTable } from '../db/aid-schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';

export type RecognitionRow = Selectable<AidRecognitionTable>;

export async function getRecognition(db: Kysely<DB>, id: string): Promise<RecognitionRow | undefined> {
  return db.selectFrom('aid_recognitions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function putRecognition(db: Kysely<DB>, row: RecognitionRow): Promise<void> {
  await db.deleteFrom('aid_recognitions').where('id', '=', row.id).execute();
  await db.insertInto('aid_recognitions').values(row).execute();
}

export async function recognitionsOfYear(db: Kysely<DB>, schoolYear: number, scope: DataScope = { kind: 'all' }, status?: string): Promise<RecognitionRow[]> {
  let q = db.selectFrom('aid_recognitions').selectAll().where('school_year', '=', schoolYear).where(studentScope(scope, 'aid_recognitions'));
  if (status) q = q.where('status', '=', status);
  return q.orderBy('school_code').orderBy('student_no').execute();
}

export async function updateRecognitions(db: Kysely<DB>, ids: string[], set: Partial<RecognitionRow>): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.updateTable('aid_recognitions').set(set).where('id', 'in', ids.slice(i, i + 500)).execute();
}

export async function putAccounts(db: Kysely<DB>, rows: Selectable<AidBankAccountTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const part = rows.slice(i, i + 400);
    await db.deleteFrom('aid_bank_accounts').where('student_no', 'in', part.map((r) => r.student_no)).execute();
    await db.insertInto('aid_bank_accounts').values(part).execute();
  }
}

export async function accountsOf(db: Kysely<DB>, studentNos: string[]): Promise<Map<string, Selectable<AidBankAccountTable>>> {
  const out = new Map<string, Selectable<AidBankAccountTable>>();
  for (let i = 0; i < studentNos.length; i += 2000) {
    const rows = await db.selectFrom('aid_bank_accounts').selectAll().where('student_no', 'in', studentNos.slice(i, i + 2000)).execute();
    for (const r of rows) out.set(r.student_no, r);
  }
  return out;
}

/** One recognition when it lies in the scope (else undefined: the caller answers 404). */
export async function recognitionInScope(db: Kysely<DB>, id: string, scope: DataScope): Promise<RecognitionRow | undefined> {
  return db.selectFrom('aid_recognitions').selectAll().where('id', '=', id).where(studentScope(scope, 'aid_recognitions')).executeTakeFirst();
}

/** A page of a year's recognitions in the scope, by status or name. */
export async function recognitionsPage(db: Kysely<DB>, o: { schoolYear: number; status?: string; q?: string }, scope: DataScope, page: number, pageSize: number): Promise<{ rows: RecognitionRow[]; total: number }> {
  let q = db.selectFrom('aid_recognitions').where('school_year', '=', o.schoolYear).where(studentScope(scope, 'aid_recognitions'));
  if (o.status) q = q.where('status', '=', o.status);
  if (o.q) q = q.where('name', 'like', `%${o.q}%`);
  const [rows, n] = await Promise.all([
    q.selectAll().orderBy('school_code').orderBy('applied_at', 'desc').orderBy('student_no').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(n?.n ?? 0) };
}

export type RecognitionObjectionRow = Selectable<AidRecognitionObjectionTable>;

export async function insertRecognitionObjection(db: Kysely<DB>, row: Insertable<AidRecognitionObjectionTable>): Promise<number> {
  const r = await db.insertInto('aid_recognition_objections').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The objections to these recognitions, oldest first. */
export async function objectionsOfRecognitions(db: Kysely<DB>, ids: string[]): Promise<RecognitionObjectionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('aid_recognition_objections').selectAll().where('recognition_id', 'in', ids).orderBy('id').execute();
}

export async function recognitionObjectionInScope(db: Kysely<DB>, id: number, scope: DataScope): Promise<RecognitionObjectionRow | undefined> {
  return db.selectFrom('aid_recognition_objections').selectAll().where('id', '=', id).where(studentScope(scope, 'aid_recognition_objections')).executeTakeFirst();
}

export async function answerRecognitionObjectionRow(db: Kysely<DB>, id: number, set: { answer: string; outcome: string; answered_by: string; answered_at: string }): Promise<void> {
  await db.updateTable('aid_recognition_objections').set(set).where('id', '=', id).execute();
}
