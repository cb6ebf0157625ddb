// SQL of the care capability: the children of the ledger with mentor and visits, mentors, visits,
// the teacher accounts of a school. Data scope is applied here (careScope).
import { sortOf } from '../platform/list-sort.ts';
import { like } from '../platform/query.repository.ts';
import type { CareListQuery } from './care.schema.ts';
import type { ExpressionBuilder, Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DataScope } from '../platform/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Who sees which care children: a teacher the children they mentor, a school its children, a region its schools' children. */
export type CareScope = DataScope | { kind: 'mentor'; username: string };

function careScope(scope: CareScope) {
  return (eb: ExpressionBuilder<DB, 'care_children' | 'care_mentors'>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'mentor':
        return eb('care_mentors.mentor', '=', scope.username);
      case 'school':
        return eb('care_children.school_code', '=', scope.schoolCode);
      case 'region':
        return scope.prefix.length <= 6
          ? eb('care_children.county_code', 'like', `${scope.prefix}%`)
          : eb('care_children.school_code', 'in', eb.selectFrom('schools').select('code').where('region_code', 'like', `${scope.prefix}%`));
    }
  };
}

export interface CareChildRow {
  student_no: string;
  name: string;
  school_code: string;
  categories: string;
  mentor: string | null;
  mentor_kind: string | null;
  visits: number;
  last_visit: string | null;
}

/** The care children of a scope with mentor, visits within [from, to] and the latest visit ever. */
const CARE_SORT_COLUMNS = { name: 'care_children.name', school: 'care_children.school_code', mentor: 'care_mentors.mentor' } as const;

export async function listCareChildren(
  db: Db,
  scope: CareScope,
  window: { start: string; end: string },
  page?: { offset: number; limit: number },
  f: { q?: string; sort?: CareListQuery['sort'] } = {},
): Promise<{ rows: CareChildRow[]; total: number }> {
  let base = db.selectFrom('care_children').leftJoin('care_mentors', 'care_mentors.student_no', 'care_children.student_no').where(careScope(scope));
  if (f.q) base = base.where(like('care_children.name', f.q, 'contains'));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let q = base
    .select(['care_children.student_no', 'care_children.name', 'care_children.school_code', 'care_children.categories', 'care_mentors.mentor', 'care_mentors.kind as mentor_kind'])
    .select((eb) =>
      eb
        .selectFrom('care_visits as v')
        .whereRef('v.student_no', '=', 'care_children.student_no')
        .where('v.visit_date', '>=', window.start)
        .where('v.visit_date', '<=', window.end)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('visits'),
    )
    .select((eb) => eb.selectFrom('care_visits as w').whereRef('w.student_no', '=', 'care_children.student_no').select((e) => e.fn.max('w.visit_date').as('d')).as('last_visit'))
    .$call((qb) => {
      if (!f.sort) return qb.orderBy('care_children.school_code');
      const { key, desc } = sortOf(f.sort, 'school');
      return qb.orderBy(CARE_SORT_COLUMNS[key], desc ? 'desc' : 'asc');
    })
    .orderBy('care_children.student_no');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return { rows: rows.map((r) => ({ ...r, visits: Number(r.visits ?? 0), last_visit: r.last_visit ?? null })), total: Number(total.n) };
}

export async function findCareChild(db: Db, studentNo: string) {
  return db.selectFrom('care_children').selectAll().where('student_no', '=', studentNo).executeTakeFirst();
}

export async function findUser(db: Db, username: string) {
  return db.selectFrom('users').select(['username', 'role', 'school_code', 'region_code', 'display_name']).where('username', '=', username).where('disabled', '=', 0).executeTakeFirst();
}

export async function upsertMentor(db: Db, row: DB['care_mentors']): Promise<void> {
  await db
    .insertInto('care_mentors')
    .values(row)
    .onConflict((oc) => oc.column('student_no').doUpdateSet({ mentor: row.mentor, kind: row.kind, assigned_by: row.assigned_by, assigned_at: row.assigned_at, school_code: row.school_code }))
    .execute();
}

export async function findMentor(db: Db, studentNo: string) {
  return db.selectFrom('care_mentors').selectAll().where('student_no', '=', studentNo).executeTakeFirst();
}

export async function insertVisit(db: Db, row: Omit<DB['care_visits'], 'id'>): Promise<void> {
  await db.insertInto('care_visits').values(row).execute();
}

/** What civil affairs receives: the ledger joined with the 学籍 facts and the school name. */
export async function careExchangeRows(db: Db) {
  return db
    .selectFrom('care_children as c')
    .leftJoin('students as s', 's.student_no', 'c.student_no')
    .leftJoin('schools as sc', 'sc.code', 'c.school_code')
    .leftJoin('care_mentors as m', 'm.student_no', 'c.student_no')
    .select(['c.name', 's.sex', 's.id_number', 's.id_raw', 's.birth_date', 's.hukou_region', 'c.categories', 'c.guardian_name', 'c.guardian_relation', 'c.guardian_phone', 'c.parents_work_place', 'c.health', 'sc.name as school_name', 's.stage', 's.grade', 'm.mentor'])
    .orderBy('c.school_code')
    .orderBy('c.student_no')
    .execute();
}

export async function schoolNameMap(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** One care child with its mentor, only when the scope sees it (a teacher: only the children they mentor). */
export async function findCareChildInScope(db: Db, scope: CareScope, studentNo: string) {
  return db
    .selectFrom('care_children')
    .leftJoin('care_mentors', 'care_mentors.student_no', 'care_children.student_no')
    .leftJoin('schools', 'schools.code', 'care_children.school_code')
    .selectAll('care_children')
    .select(['care_mentors.mentor', 'care_mentors.kind as mentor_kind', 'schools.name as school_name'])
    .where('care_children.student_no', '=', studentNo)
    .where(careScope(scope))
    .executeTakeFirst();
}

export async function visitsOf(db: Db, studentNo: string) {
  return db.selectFrom('care_visits').select(['visit_date', 'kind', 'by_user', 'note']).where('student_no', '=', studentNo).orderBy('visit_date', 'desc').orderBy('id', 'desc').execute();
}
