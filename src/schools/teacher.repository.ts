// SQL of the teacher pages (GET /api/teachers…): the roster, moves and payables within a data scope.
// A school sees its own teachers, a township or county those of its region (scope.ts); a move is seen
// where it leaves from or arrives at.
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TeacherTable } from '../db/schools-schema.ts';
import { sortOf } from '../platform/list-sort.ts';
import { like } from '../platform/query.repository.ts';
import { codeRange, studentScope, type DataScope } from '../platform/scope.ts';
import { MIN_CONTINUING_HOURS, MIN_STANDARD_HOURS } from './teacher.rules.ts';
import type { Move, Payable } from './teacher-moves.repository.ts';
import type { MoveListQuery, PayableListQuery, TeacherListQuery } from './teacher.schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Page = { offset: number; limit: number };

/** The roster rows a scope sees: the same clause as students (county_code, school_code). */
const teacherScope = (scope: DataScope) => studentScope(scope, 'teachers');

const TEACHER_SORT_COLUMNS = {
  name: 'teachers.name',
  school: 'teachers.school_code',
  hours: 'teachers.training_hours',
  standardHours: 'teachers.standard_hours',
  years: 'teachers.start_month',
} as const;

export type TeacherRow = TeacherTable & { school_name: string };

export async function listTeachers(db: Db, scope: DataScope, page: Page | undefined, f: TeacherListQuery): Promise<{ rows: TeacherRow[]; total: number }> {
  let base = db.selectFrom('teachers').innerJoin('schools', 'schools.code', 'teachers.school_code').where(teacherScope(scope));
  if (f.q) base = base.where(like('teachers.name', f.q, 'contains'));
  if (f.school) base = base.where('teachers.school_code', '=', f.school);
  if (f.village) base = base.where('teachers.village', '=', Number(f.village));
  if (f.title) base = base.where(like('teachers.title', f.title, 'contains'));
  // 甘洛 二(四)4: ≥ 80 学时 a year, of which ≥ 24 规范性 (total hours count when not split out)
  if (f.below === 'continuing') base = base.where(sql<SqlBool>`coalesce(teachers.training_hours, 0) < ${MIN_CONTINUING_HOURS}`);
  if (f.below === 'standard') base = base.where(sql<SqlBool>`coalesce(teachers.standard_hours, teachers.training_hours, 0) < ${MIN_STANDARD_HOURS}`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let q = base
    .selectAll('teachers')
    .select('schools.name as school_name')
    .$call((qb) => {
      if (!f.sort) return qb.orderBy('teachers.school_code').orderBy('teachers.name');
      const { key, desc } = sortOf(f.sort, 'school');
      // years of service grow as the start month goes back
      const d = key === 'years' ? !desc : desc;
      return qb.orderBy(TEACHER_SORT_COLUMNS[key], d ? 'desc' : 'asc');
    })
    .orderBy('teachers.teacher_key');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return { rows: rows.map(numeric), total: Number(total.n) };
}

function numeric<T extends TeacherRow>(r: T): T {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { ...r, village: Number(r.village), years_taught: n(r.years_taught), training_hours: n(r.training_hours), standard_hours: n(r.standard_hours) };
}

/** Every teacher the scope sees, with the school's name (training, rotation, honours). */
export async function teachersInScope(db: Db, scope: DataScope): Promise<TeacherRow[]> {
  const rows = await db
    .selectFrom('teachers')
    .innerJoin('schools', 'schools.code', 'teachers.school_code')
    .where(teacherScope(scope))
    .selectAll('teachers')
    .select('schools.name as school_name')
    .orderBy('teachers.school_code')
    .orderBy('teachers.name')
    .orderBy('teachers.teacher_key')
    .execute();
  return rows.map(numeric);
}

export async function teacherInScope(db: Db, scope: DataScope, key: string): Promise<TeacherRow | undefined> {
  const r = await db
    .selectFrom('teachers')
    .innerJoin('schools', 'schools.code', 'teachers.school_code')
    .where(teacherScope(scope))
    .where('teachers.teacher_key', '=', key)
    .selectAll('teachers')
    .select('schools.name as school_name')
    .executeTakeFirst();
  return r ? numeric(r) : undefined;
}

/** A school column whose school lies in the scope. */
function schoolIn(eb: ExpressionBuilder<DB, any>, column: string, scope: DataScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'none':
      return eb.lit(false);
    case 'school':
      return eb(eb.ref(column as any), '=', scope.schoolCode);
    case 'region':
      return eb(eb.ref(column as any), 'in', eb.selectFrom('schools').select('code').where((e) => codeRange(e, e.ref(scope.prefix.length <= 6 ? 'county_code' : 'region_code'), scope.prefix)));
  }
}

/** Whether both schools are in the scope (the destination, and the school left when there is one). */
export async function schoolsInScope(db: Db, scope: DataScope, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('schools').select('code').where('code', 'in', codes).where((eb) => schoolIn(eb, 'schools.code', scope)).execute();
  return new Set(rows.map((r) => r.code));
}

export type MoveRow = Move & { name: string | null; id_number: string | null; id_raw: string | null; from_name: string | null; to_name: string | null };

function moveQuery(db: Db, scope: DataScope, f: { schoolYear?: number; kind?: string }) {
  let q = db
    .selectFrom('teacher_moves')
    .where((eb) => eb.or([schoolIn(eb, 'teacher_moves.from_school', scope), schoolIn(eb, 'teacher_moves.to_school', scope)]));
  if (f.schoolYear !== undefined) q = q.where('teacher_moves.school_year', '=', f.schoolYear);
  if (f.kind) q = q.where('teacher_moves.kind', '=', f.kind);
  return q;
}

export async function listMoves(db: Db, scope: DataScope, page: Page | undefined, f: Pick<MoveListQuery, 'schoolYear' | 'kind'>): Promise<{ rows: MoveRow[]; total: number }> {
  const base = moveQuery(db, scope, f);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let q = base
    .leftJoin('teachers', 'teachers.teacher_key', 'teacher_moves.teacher_key')
    .leftJoin('schools as fs', 'fs.code', 'teacher_moves.from_school')
    .leftJoin('schools as ts', 'ts.code', 'teacher_moves.to_school')
    .selectAll('teacher_moves')
    .select(['teachers.name', 'teachers.id_number', 'teachers.id_raw', 'fs.name as from_name', 'ts.name as to_name'])
    .orderBy('teacher_moves.start_on', 'desc')
    .orderBy('teacher_moves.id', 'desc');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id), school_year: Number(r.school_year), backbone: Number(r.backbone) })), total: Number(total.n) };
}

/** The moves that count for the rotation of the scope: those leaving its schools, and 特岗 hires into them. */
export async function rotationMoves(db: Db, scope: DataScope): Promise<Move[]> {
  const rows = await db
    .selectFrom('teacher_moves')
    .selectAll()
    .where((eb) => eb.or([schoolIn(eb, 'teacher_moves.from_school', scope), eb.and([eb('teacher_moves.kind', '=', '特岗'), schoolIn(eb, 'teacher_moves.to_school', scope)])]))
    .orderBy('start_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), school_year: Number(r.school_year), backbone: Number(r.backbone) }));
}

export type PayableRow = Payable & { name: string | null; id_number: string | null; id_raw: string | null; school_name: string | null };

function payableQuery(db: Db, scope: DataScope, f: Pick<PayableListQuery, 'period' | 'status'>) {
  let q = db.selectFrom('teacher_payables').where(studentScope(scope, 'teacher_payables'));
  if (f.period) q = q.where('teacher_payables.period', '=', f.period);
  if (f.status) q = q.where('teacher_payables.status', '=', f.status);
  return q;
}

export async function listPayables(db: Db, scope: DataScope, page: Page | undefined, f: Pick<PayableListQuery, 'period' | 'status'>): Promise<{ rows: PayableRow[]; total: number; amounts: Record<string, number> }> {
  const base = payableQuery(db, scope, f);
  const sums = await base.select(['teacher_payables.status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('teacher_payables.amount_fen').as('fen')]).groupBy('teacher_payables.status').execute();
  let q = base
    .leftJoin('teachers', 'teachers.teacher_key', 'teacher_payables.teacher_key')
    .leftJoin('schools', 'schools.code', 'teacher_payables.school_code')
    .selectAll('teacher_payables')
    .select(['teachers.name', 'teachers.id_number', 'teachers.id_raw', 'schools.name as school_name'])
    .orderBy('teacher_payables.period', 'desc')
    .orderBy('teacher_payables.school_code')
    .orderBy('teacher_payables.teacher_key')
    .orderBy('teacher_payables.item')
    .orderBy('teacher_payables.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return {
    rows: rows.map((r) => ({ ...r, id: Number(r.id), amount_fen: Number(r.amount_fen) })),
    total: sums.reduce((s, r) => s + Number(r.n), 0),
    amounts: Object.fromEntries(sums.map((r) => [r.status, Number(r.fen ?? 0)])),
  };
}
