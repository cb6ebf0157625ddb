// Read-only SQL for the student list and detail of the web app, always within the actor's scope.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';
import { effectiveStatus, offsetOf, statusRank } from '../platform/query.repository.ts';
import { dataStamp, readCacheOf } from '../platform/read-cache.ts';
import { normalizeName } from '../kernel/names.ts';
import { sortOf } from '../platform/list-sort.ts';
import type { StudentListQuery } from './student.schema.ts';

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
      // a name is found by its beginning (the surname first, as people type it), on the normalised
      // name and through an index within the county or school: a contains-search scans them all
      const name = normalizeName(text);
      q = q.where((eb) =>
        eb.or([eb.and([eb('students.name_norm', '>=', name), eb('students.name_norm', '<', `${name}\u{10FFFF}`)]), eb('students.student_no', '=', upper)]),
      );
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
  const count = async () => Number((await filtered(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // the total of a list of the scope is kept until the data changes (read-cache.ts); the order does not change it
  const total = await readCacheOf(db).get(`students|${JSON.stringify(scope)}|${JSON.stringify({ ...f, sort: undefined })}`, await dataStamp(db), count);
  // a column the user sorts by, else the school and 学籍号 (the order of the list's index)
  const sorted = f.sort ? sortOf(f.sort, 'studentNo') : null;
  const order = <Q extends SelectQueryBuilder<DB, 'students', object>>(q: Q): Q =>
    (sorted ? q.orderBy(SORT_COLUMNS[sorted.key], sorted.desc ? 'desc' : 'asc').orderBy('students.student_no') : q.orderBy('students.school_code').orderBy('students.student_no')) as Q;
  // the page's keys first, from the index alone (a deep page skips index entries, not rows), then their columns
  // a search's hits are few: found through the name index first and then sorted (materialised, so
  // that the planner does not walk the whole scope in display order looking for them)
  const keys =
    f.q && !sorted
      ? db
          .with((cte) => cte('hits').materialized(), () => filtered(db, scope, f).select(['students.student_no', 'students.school_code']))
          .selectFrom('hits')
          .select('hits.student_no')
          .orderBy('hits.school_code')
          .orderBy('hits.student_no')
          .limit(pageSize)
          .offset(offsetOf(page, pageSize))
      : order(filtered(db, scope, f)).select('students.student_no').limit(pageSize).offset(offsetOf(page, pageSize));
  const rows = await order(withColumns(db.selectFrom('students').where('students.student_no', 'in', keys), poverty))
    .execute();
  return { rows, total };
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
