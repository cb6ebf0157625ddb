// Read-only SQL for the overview (概览): counts within the actor's scope.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { memberScope, studentScope, type DataScope } from '../platform/scope.ts';
import { effectiveStatus } from '../platform/query.repository.ts';

export async function countStudents(db: Kysely<DB>, scope: DataScope): Promise<number> {
  const r = await db
    .selectFrom('students')
    .where(studentScope(scope))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Registry persons (a person on several lists counts once, by ID number when known), their
 * households, and those born in (bornAfter, bornOnOrBefore] — the ages 3–17 window.
 */
export async function countMembers(
  db: Kysely<DB>,
  scope: DataScope,
  bornAfter: string,
  bornOnOrBefore: string,
): Promise<{ members: number; households: number; children: number }> {
  const person = sql`coalesce(members.id_number, members.member_id)`;
  const r = await db
    .selectFrom('members')
    .where(memberScope(scope))
    .select([
      sql<number>`count(distinct ${person})`.as('members'),
      sql<number>`count(distinct members.list_kind || '|' || members.household_no)`.as('households'),
      sql<number>`count(distinct case when members.birth_date > ${bornAfter} and members.birth_date <= ${bornOnOrBefore} then ${person} end)`.as(
        'children',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { members: Number(r.members), households: Number(r.households), children: Number(r.children) };
}

export async function countMatches(db: Kysely<DB>, scope: DataScope): Promise<Record<string, number>> {
  // The pairs of the scope: for a region, those whose student or whose registry member lies in it —
  // two index searches united (an OR over the join would read every pair of the city).
  const byStudent = db.selectFrom('matches as m').innerJoin('students', 'students.student_no', 'm.student_no').where(studentScope(scope)).select('m.match_id');
  const ids =
    scope.kind === 'region'
      ? byStudent.union(db.selectFrom('matches as m').innerJoin('members', 'members.member_id', 'm.member_id').where(memberScope(scope)).select('m.match_id'))
      : byStudent;
  const rows = await db
    .selectFrom(ids.as('u'))
    .innerJoin('matches as m', 'm.match_id', 'u.match_id')
    .leftJoin('match_decisions as d', 'd.match_id', 'm.match_id')
    // a pair whose student or member is gone (a pair is kept with both sides) is not counted
    .where((eb) => eb.exists(eb.selectFrom('students').select('students.student_no').whereRef('students.student_no', '=', 'm.student_no')))
    .where((eb) => eb.exists(eb.selectFrom('members').select('members.member_id').whereRef('members.member_id', '=', 'm.member_id')))
    .select((eb) => [effectiveStatus().as('status'), eb.fn.countAll<number>().as('n')])
    .groupBy(effectiveStatus())
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Per school of the scope: students, students matched (auto or confirmed), pairs awaiting review. */
export async function schoolFigures(
  db: Kysely<DB>,
  scope: DataScope,
): Promise<{ code: string; name: string | null; students: number; matched: number; review: number }[]> {
  const students = await db
    .selectFrom('students')
    .leftJoin('schools', 'schools.code', 'students.school_code')
    .where(studentScope(scope))
    .select((eb) => ['students.school_code', 'schools.name', eb.fn.countAll<number>().as('n')])
    .groupBy(['students.school_code', 'schools.name'])
    .execute();
  const status = effectiveStatus();
  const matches = await db
    .selectFrom('matches as m')
    .innerJoin('students', 'students.student_no', 'm.student_no')
    .leftJoin('match_decisions as d', 'd.match_id', 'm.match_id')
    .where(studentScope(scope))
    .select([
      'students.school_code',
      sql<number>`count(distinct case when ${status} in ('auto', 'confirmed') then m.student_no end)`.as('matched'),
      sql<number>`count(case when ${status} = 'review' then 1 end)`.as('review'),
    ])
    .groupBy('students.school_code')
    .execute();
  const byCode = new Map(matches.map((m) => [m.school_code, m]));
  return students.map((s) => ({
    code: s.school_code,
    name: s.name,
    students: Number(s.n),
    matched: Number(byCode.get(s.school_code)?.matched ?? 0),
    review: Number(byCode.get(s.school_code)?.review ?? 0),
  }));
}
