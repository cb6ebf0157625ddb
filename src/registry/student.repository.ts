// Read-only SQL for the student list and detail of the web app, always within the actor's scope.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';
import { sortOf } from '../platform/list-sort.ts';
import type { StudentListQuery } from './student.schema.ts';
import { effectiveStatus, like, offsetOf, statusRank } from '../platform/query.repository.ts';

export interface StudentFilter {
  q?: string;
  /** a role that sees numbers masked finds a student by the whole 学籍号 or ID, never by a prefix */
  exactNumbers?: boolean;
  schoolCode?: string;
  status?: string;
  sort?: StudentListQuery['sort'];
}

const SORT_COLUMNS = {
  studentNo: 'students.student_no',
  name: 'students.name',
  school: 'students.school_code',
  stage: 'students.stage',
  grade: 'students.grade',
  status: 'students.status',
} as const;

export interface StudentRow {
  student_no: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  school_code: string;
  school_name: string | null;
  stage: string | null;
  grade: string | null;
  status: string;
  boarding: number;
  id_number: string | null;
  id_raw: string | null;
  id_status: string;
  match_rank: number | null;
}

function filtered(db: Kysely<DB>, scope: DataScope, f: StudentFilter): SelectQueryBuilder<DB, 'students', object> {
  let q = db.selectFrom('students').where(studentScope(scope, 'students'));
  if (f.schoolCode) q = q.where('students.school_code', '=', f.schoolCode);
  if (f.status) q = q.where('students.status', '=', f.status);
  const text = f.q;
  if (text) {
    const upper = text.toUpperCase();
    if (/^[0-9A-Z]{6,}$/.test(upper)) {
      // a 学籍号 or an ID number: found through the indexes (a prefix as a range), never by a scan
      q = q.where((eb) =>
        eb.or([
          // a whole number is looked up as it is; a shorter one as a prefix (a range on the key),
          // for the roles that see numbers in full
          f.exactNumbers || upper.length >= 18
            ? eb('students.student_no', '=', upper)
            : eb.and([eb('students.student_no', '>=', upper), eb('students.student_no', '<', `${upper}\u{10FFFF}`)]),
          eb('students.id_number', '=', upper),
        ]),
      );
    } else {
      q = q.where((eb) => eb.or([like('students.name', text, 'contains'), eb('students.student_no', '=', upper)]));
    }
  }
  return q;
}

function withColumns(q: SelectQueryBuilder<DB, 'students', object>, poverty = true) {
  const base = q
    .leftJoin('schools', 'schools.code', 'students.school_code')
    .select([
      'students.student_no',
      'students.name',
      'students.sex',
      'students.birth_date',
      'students.school_code',
      'schools.name as school_name',
      'students.stage',
      'students.grade',
      'students.status',
      'students.boarding',
      'students.id_number',
      'students.id_raw',
      'students.id_status',
    ]);
  // a role that may not see poverty status does not even have it computed
  if (!poverty) return base.select(sql<number | null>`null`.as('match_rank'));
  return base.select((eb) =>
      eb
        .selectFrom('matches as m')
        .leftJoin('match_decisions as d', 'd.match_id', 'm.match_id')
        .whereRef('m.student_no', '=', 'students.student_no')
        .select((e) => e.fn.max(statusRank(effectiveStatus())).as('r'))
        .as('match_rank'),
    );
}

export async function listStudents(
  db: Kysely<DB>,
  scope: DataScope,
  f: StudentFilter,
  page: number,
  pageSize: number,
  poverty = true,
): Promise<{ rows: StudentRow[]; total: number }> {
  const total = await filtered(db, scope, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await withColumns(filtered(db, scope, f), poverty)
    .$call((q) => {
      if (!f.sort) return q.orderBy('students.school_code').orderBy('students.student_no');
      const { key, desc } = sortOf(f.sort, 'studentNo');
      return q.orderBy(SORT_COLUMNS[key], desc ? 'desc' : 'asc').orderBy('students.student_no');
    })
    .limit(pageSize)
    .offset(offsetOf(page, pageSize))
    .execute();
  return { rows, total: Number(total.n) };
}

export interface StudentDetailRow extends StudentRow {
  ethnicity: string | null;
  hukou_region: string | null;
  county_code: string;
  school_region: string | null;
}

export async function findStudent(db: Kysely<DB>, scope: DataScope, studentNo: string): Promise<StudentDetailRow | undefined> {
  const row = await withColumns(db.selectFrom('students').where(studentScope(scope, 'students')).where('students.student_no', '=', studentNo))
    .select(['students.ethnicity', 'students.hukou_region', 'students.county_code', 'schools.region_code as school_region'])
    .executeTakeFirst();
  return row;
}

export async function matchesOfStudent(db: Kysely<DB>, studentNo: string) {
  return db
    .selectFrom('matches as m')
    .leftJoin('match_decisions as d', 'd.match_id', 'm.match_id')
    .select(['m.match_id', 'm.list_kind', 'm.household_no', 'm.method', 'm.confidence'])
    .select(() => effectiveStatus().as('status'))
    .where('m.student_no', '=', studentNo)
    .orderBy('m.confidence', 'desc')
    .execute();
}

export async function listSchools(db: Kysely<DB>, scope: DataScope): Promise<{ code: string; name: string }[]> {
  let q = db.selectFrom('schools').select(['code', 'name']);
  if (scope.kind === 'school') q = q.where('code', '=', scope.schoolCode);
  else if (scope.kind === 'region') q = q.where('region_code', 'like', `${scope.prefix}%`);
  else if (scope.kind === 'none') return [];
  return q.orderBy('code').limit(2000).execute();
}
