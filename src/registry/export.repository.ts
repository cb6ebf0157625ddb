// SQL behind the match and unenrolled exports: streamed in pages by key, never the whole table at once.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface MatchExportRow {
  match_id: string;
  student_no: string;
  student_name: string;
  student_id_number: string | null;
  student_id_raw: string | null;
  school_code: string;
  student_status: string;
  household_no: string;
  list_kind: string;
  member_name: string;
  household_type: string | null;
  method: string;
  confidence: number;
  status: string;
  decision: string | null;
  decision_reason: string | null;
  /** When a person decided (ISO UTC), for the 复核时间 column. */
  decided_at: string | null;
  basis: string;
}

export async function* matchExportRows(db: Kysely<DB>, pageSize = 5000): AsyncGenerator<MatchExportRow> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('matches')
      .innerJoin('students', 'students.student_no', 'matches.student_no')
      .innerJoin('members', 'members.member_id', 'matches.member_id')
      .leftJoin('match_decisions', 'match_decisions.match_id', 'matches.match_id')
      .select([
        'matches.match_id',
        'matches.student_no',
        'students.name as student_name',
        'students.id_number as student_id_number',
        'students.id_raw as student_id_raw',
        'students.school_code',
        'students.status as student_status',
        'matches.household_no',
        'matches.list_kind',
        'members.name as member_name',
        'members.household_type',
        'matches.method',
        'matches.confidence',
        'matches.status',
        'match_decisions.decision',
        'match_decisions.reason as decision_reason',
        'match_decisions.at as decided_at',
        'matches.basis',
      ])
      .where('matches.match_id', '>', after)
      .orderBy('matches.match_id')
      .limit(pageSize)
      .execute();
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].match_id;
  }
}

export interface MemberForUnenrolled {
  member_id: string;
  list_kind: string;
  household_no: string;
  name: string;
  id_number: string | null;
  id_raw: string | null;
  birth_date: string | null;
  relation: string | null;
  village_code: string | null;
  household_type: string | null;
}

export async function membersForUnenrolled(db: Kysely<DB>): Promise<MemberForUnenrolled[]> {
  return db
    .selectFrom('members')
    .select(['member_id', 'list_kind', 'household_no', 'name', 'id_number', 'id_raw', 'birth_date', 'relation', 'village_code', 'household_type'])
    .orderBy('list_kind')
    .orderBy('household_no')
    .orderBy('member_id')
    .execute();
}

export interface MemberMatchState {
  member_id: string;
  status: string;
  decision: string | null;
  student_status: string;
}

/** Every pair of a member with its effective state and the matched student's 学籍状态. */
export async function memberMatchStates(db: Kysely<DB>): Promise<MemberMatchState[]> {
  return db
    .selectFrom('matches')
    .innerJoin('students', 'students.student_no', 'matches.student_no')
    .leftJoin('match_decisions', 'match_decisions.match_id', 'matches.match_id')
    .select(['matches.member_id', 'matches.status', 'match_decisions.decision', 'students.status as student_status'])
    .execute();
}

