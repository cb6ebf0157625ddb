// Read-only SQL for the review queue: match pairs joined with both sides, within the actor's scope.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { matchScope, type DataScope } from '../platform/scope.ts';
import { effectiveStatus, like, offsetOf } from '../platform/query.repository.ts';
import type { MatchStatus } from './match-status.rules.ts';
import type { MatchListQuery } from './match.schema.ts';
import { sortOf } from '../platform/list-sort.ts';

export interface MatchFilter {
  status?: MatchStatus;
  q?: string;
  sort?: MatchListQuery['sort'];
}

const SORT_COLUMNS = { confidence: 'm.confidence', studentName: 'students.name', school: 'students.school_code', memberName: 'members.name', household: 'm.household_no' } as const;

function scoped(db: Kysely<DB>, scope: DataScope, q?: string) {
  let query = db
    .selectFrom('matches as m')
    .innerJoin('students', 'students.student_no', 'm.student_no')
    .innerJoin('members', 'members.member_id', 'm.member_id')
    .leftJoin('match_decisions as d', 'd.match_id', 'm.match_id')
    .where(matchScope(scope, 'students', 'members'));
  if (q) {
    const upper = q.toUpperCase();
    query = query.where((eb) =>
      eb.or([
        like('students.name', q, 'contains'),
        like('members.name', q, 'contains'),
        like('m.student_no', upper, 'prefix'),
        like('m.household_no', q, 'prefix'),
      ]),
    );
  }
  return query;
}

export async function countMatchesByStatus(db: Kysely<DB>, scope: DataScope, q?: string): Promise<Record<string, number>> {
  const rows = await scoped(db, scope, q)
    .select((eb) => [effectiveStatus().as('status'), eb.fn.countAll<number>().as('n')])
    .groupBy(effectiveStatus())
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function listMatches(db: Kysely<DB>, scope: DataScope, f: MatchFilter, page: number, pageSize: number) {
  let query = scoped(db, scope, f.q);
  if (f.status) query = query.where(effectiveStatus(), '=', f.status);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('schools', 'schools.code', 'students.school_code')
    .select([
      'm.match_id',
      'm.method',
      'm.confidence',
      'm.basis',
      'm.list_kind',
      'm.household_no',
      'm.student_no',
      'm.member_id',
      'students.name as student_name',
      'students.birth_date as student_birth_date',
      'students.id_number as student_id_number',
      'students.school_code',
      'schools.name as school_name',
      'members.name as member_name',
      'members.birth_date as member_birth_date',
      'members.id_number as member_id_number',
      'members.household_type',
      'members.village_code',
      'd.actor as decided_by',
      'd.at as decided_at',
      'd.level as decided_level',
      'd.reason',
    ])
    .select(effectiveStatus().as('status'))
    .$call((qb) => {
      const { key, desc } = sortOf(f.sort, 'confidence', true);
      return qb.orderBy(SORT_COLUMNS[key], desc ? 'desc' : 'asc');
    })
    .orderBy('m.match_id')
    .limit(pageSize)
    .offset(offsetOf(page, pageSize))
    .execute();
  return { rows, total: Number(total.n) };
}
