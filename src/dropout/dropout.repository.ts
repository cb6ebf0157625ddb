// SQL of the dropout capability: the people 四查三比对 compares (students, roster, registry
// children, absences), the cases with their events and proofs, and the scoped case list.
import { sortOf } from '../platform/list-sort.ts';
import { like } from '../platform/query.repository.ts';
import type { CaseListQuery } from './dropout.schema.ts';
import type { Kysely, Transaction, ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DropoutCaseTable } from '../db/dropout-schema.ts';
import { codeRange, studentScope, type DataScope } from '../platform/scope.ts';
import type { PersonRow } from '../registry/match.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface StudentRow extends PersonRow {
  name: string;
  status: string;
  stage: string | null;
  school_code: string;
  county_code: string;
  school_region: string | null;
}

export async function loadStudents(db: Db): Promise<StudentRow[]> {
  return db
    .selectFrom('students as s')
    .leftJoin('schools as sc', 'sc.code', 's.school_code')
    .select(['s.student_no as key', 's.name', 's.name_norm', 's.name_key', 's.sex', 's.birth_date', 's.id_number', 's.id_status', 's.id_raw', 's.hukou_region as region', 's.rev', 's.status', 's.stage', 's.school_code', 's.county_code', 'sc.region_code as school_region'])
    .execute();
}

export interface RosterRow extends PersonRow {
  name: string;
  county_code: string;
}

export async function loadRosterChildren(db: Db, bornFrom: string): Promise<RosterRow[]> {
  return db
    .selectFrom('roster_children')
    .select(['roster_key as key', 'name', 'name_norm', 'name_key', 'sex', 'birth_date', 'id_number', 'id_status', 'id_raw', 'hukou_region as region', 'rev', 'county_code'])
    .where('birth_date', '>=', bornFrom)
    .execute();
}

export interface RegistryChildRow extends RosterRow {
  list_kind: string;
  household_no: string;
}

/** Registry members born on or after bornFrom (the older ones cannot be of compulsory age). */
export async function loadRegistryChildren(db: Db, bornFrom: string): Promise<RegistryChildRow[]> {
  return db
    .selectFrom('members')
    .select(['member_id as key', 'name', 'name_norm', 'name_key', 'sex', 'birth_date', 'id_number', 'id_status', 'id_raw', 'village_code as region', 'rev', 'county_code', 'list_kind', 'household_no'])
    .where('birth_date', '>=', bornFrom)
    .execute();
}

export async function loadAbsences(db: Db, from: string, to: string): Promise<{ studentNo: string; date: string; kind: string }[]> {
  return db
    .selectFrom('attendance')
    .select(['student_no as studentNo', 'absence_date as date', 'kind'])
    .where('absence_date', '>=', from)
    .where('absence_date', '<=', to)
    .execute();
}

export type CaseRow = DropoutCaseTable;

export async function loadCases(db: Db): Promise<CaseRow[]> {
  return db.selectFrom('dropout_cases').selectAll().execute();
}

export async function findCase(db: Db, caseNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('dropout_cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
}

export async function insertCases(db: Db, rows: CaseRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('dropout_cases').values(rows.slice(i, i + 200)).execute();
}

export async function updateCase(db: Db, caseNo: string, patch: Partial<CaseRow>): Promise<void> {
  await db.updateTable('dropout_cases').set(patch).where('case_no', '=', caseNo).execute();
}

export type CaseEventRow = Omit<DB['dropout_case_events'], 'id'>;

export async function insertEvents(db: Db, rows: CaseEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('dropout_case_events').values(rows.slice(i, i + 500)).execute();
}

export async function caseEvents(db: Db, caseNo: string): Promise<(CaseEventRow & { id: number })[]> {
  return db.selectFrom('dropout_case_events').selectAll().where('case_no', '=', caseNo).orderBy('id').execute();
}

export async function insertProof(db: Db, row: Omit<DB['dropout_proofs'], 'id'>): Promise<void> {
  await db.insertInto('dropout_proofs').values(row).execute();
}

/** The proofs of a case without their content (for the case page). */
export async function proofListOf(db: Db, caseNo: string) {
  return db.selectFrom('dropout_proofs').select(['id', 'file_name', 'mime', 'size', 'actor', 'at']).where('case_no', '=', caseNo).orderBy('id').execute();
}

export async function proofOf(db: Db, caseNo: string, id: number) {
  return db.selectFrom('dropout_proofs').select(['file_name', 'mime', 'size', 'content', 'county_code']).where('case_no', '=', caseNo).where('id', '=', id).executeTakeFirst();
}

export async function proofsOf(db: Db, caseNo: string): Promise<{ file_name: string; mime: string; size: number; sha256: string; content: Buffer }[]> {
  return db.selectFrom('dropout_proofs').select(['file_name', 'mime', 'size', 'sha256', 'content']).where('case_no', '=', caseNo).orderBy('id').execute();
}

/**
 * The cases a scope sees: a county its county; a township (9-digit prefix) the cases of children
 * whose hukou lies in it; a school the cases of its students and those assigned to it.
 */
export function caseScope(scope: DataScope, alias = 'dropout_cases') {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    const col = (c: string) => eb.ref(`${alias}.${c}` as any);
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'school':
        return eb.or([eb(col('school_code'), '=', scope.schoolCode), eb(col('assigned_school'), '=', scope.schoolCode)]);
      case 'region':
        return scope.prefix.length <= 6 ? codeRange(eb, col('county_code'), scope.prefix) : codeRange(eb, col('township_code'), scope.prefix.slice(0, 9));
    }
  };
}

const CASE_SORT_COLUMNS = { caseNo: 'case_no', name: 'name', status: 'status', township: 'township_code', openedAt: 'opened_at' } as const;

export async function listCases(
  db: Db,
  scope: DataScope,
  status: string | undefined,
  page?: { offset: number; limit: number },
  f: { q?: string; sort?: CaseListQuery['sort'] } = {},
): Promise<{ rows: CaseRow[]; total: number }> {
  let q = db.selectFrom('dropout_cases').where(caseScope(scope));
  if (status) q = q.where('status', '=', status);
  const text = f.q;
  if (text) q = q.where((eb) => eb.or([like('name', text, 'contains'), eb('case_no', '=', text.toUpperCase())]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { key, desc } = sortOf(f.sort, 'caseNo');
  let rows = q.selectAll().orderBy(CASE_SORT_COLUMNS[key], desc ? 'desc' : 'asc').orderBy('case_no');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  return { rows: await rows.execute(), total: Number(total.n) };
}

export async function schoolNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The names of the given schools (codes without a school row are left out). */
export async function namesOfSchools(db: Db, codes: readonly string[]): Promise<Record<string, string>> {
  const wanted = [...new Set(codes.filter((c) => c !== ''))];
  if (wanted.length === 0) return {};
  const rows = await db.selectFrom('schools').select(['code', 'name']).where('code', 'in', wanted).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/** Students in school (在读) per school, and per township of the school, for 巩固率. */
export async function enrolledBySchool(db: Db): Promise<{ school_code: string; region_code: string | null; n: number }[]> {
  const rows = await db
    .selectFrom('students as s')
    .leftJoin('schools as sc', 'sc.code', 's.school_code')
    .select(['s.school_code', 'sc.region_code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.status', 'in', ['在读', '休学'])
    .groupBy(['s.school_code', 'sc.region_code'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** One case, only when the scope sees it (another township's or school's case is "not found"). */
export async function findCaseInScope(db: Db, scope: DataScope, caseNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('dropout_cases').selectAll().where('case_no', '=', caseNo).where(caseScope(scope)).executeTakeFirst();
}

/** The open cases of a scope (待核查, 劝返中): the work still to do. */
export async function openCasesInScope(db: Db, scope: DataScope, limit = 500): Promise<CaseRow[]> {
  return db.selectFrom('dropout_cases').selectAll().where(caseScope(scope)).where('status', 'in', ['待核查', '劝返中']).orderBy('case_no').limit(limit).execute();
}

/** Unexplained absences (旷课, 无故缺勤) on or after a date of the given students. */
export async function unexplainedAbsences(db: Db, studentNos: string[], from: string): Promise<{ studentNo: string; date: string }[]> {
  if (studentNos.length === 0) return [];
  return db
    .selectFrom('attendance')
    .select(['student_no as studentNo', 'absence_date as date'])
    .where('student_no', 'in', studentNos)
    .where('absence_date', '>=', from)
    .where('kind', 'in', ['旷课', '无故缺勤'])
    .orderBy('absence_date')
    .execute();
}

/** Students of a scope with unexplained absences on or after a date (early warning), with each absence. */
export async function absencesInScope(db: Db, scope: DataScope, from: string, limit = 5000): Promise<{ studentNo: string; name: string; schoolCode: string; date: string }[]> {
  return db
    .selectFrom('attendance as a')
    .innerJoin('students', 'students.student_no', 'a.student_no')
    .select(['a.student_no as studentNo', 'students.name', 'students.school_code as schoolCode', 'a.absence_date as date'])
    .where(studentScope(scope))
    .where('a.absence_date', '>=', from)
    .where('a.kind', 'in', ['旷课', '无故缺勤'])
    .orderBy('a.student_no')
    .orderBy('a.absence_date')
    .limit(limit)
    .execute();
}

/** 三统一: the three sources as the reconciliation reads them. */
export async function reconcileSources(db: Db, bornFrom: string) {
  const cases = await db.selectFrom('dropout_cases').select(['case_no', 'status', 'category', 'name', 'id_number', 'birth_date', 'student_no', 'township_code']).orderBy('case_no').execute();
  const students = await db
    .selectFrom('students as s')
    .leftJoin('schools as sc', 'sc.code', 's.school_code')
    .select(['s.student_no', 's.status', 's.stage', 's.name', 's.id_number', 's.birth_date', 's.school_code', 'sc.region_code'])
    .execute();
  const registry = await db
    .selectFrom('members')
    .select(['member_id', 'household_no', 'name', 'id_number', 'birth_date', 'village_code'])
    .where('list_kind', '=', '建档立卡')
    .where('birth_date', '>=', bornFrom)
    .orderBy('member_id')
    .execute();
  const matches = await db.selectFrom('matches').select(['match_id', 'member_id', 'student_no', 'status']).where('list_kind', '=', '建档立卡').execute();
  const decisions = await db.selectFrom('match_decisions').select(['match_id', 'decision', 'at']).orderBy('at').execute();
  return { cases, students, registry, matches, decisions };
}

/** The history events of the cases a scope sees within [start, end] (the 四个一 period figures). */
export async function caseEventsBetween(db: Db, scope: DataScope, start: string, end: string) {
  return db
    .selectFrom('dropout_case_events as e')
    .innerJoin('dropout_cases', 'dropout_cases.case_no', 'e.case_no')
    .select(['e.case_no', 'e.action', 'e.to_status', 'e.event_date', 'e.at', 'dropout_cases.township_code', 'dropout_cases.school_code', 'dropout_cases.assigned_school'])
    .where(caseScope(scope))
    .where((eb) => eb.or([eb.and([eb('e.event_date', '>=', start), eb('e.event_date', '<=', end)]), eb.and([eb('e.event_date', 'is', null), eb('e.at', '>=', start), eb('e.at', '<=', `${end}T23:59:59.999Z`)])]))
    .orderBy('e.id')
    .execute();
}
