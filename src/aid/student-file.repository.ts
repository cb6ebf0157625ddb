// SQL of one student's file (一生一档) on the registry side: the pairs with the lists and their
// decisions, the members of the matched households and the record's history. The student row
// itself is read within the viewer's scope first (platform/student.repository findStudent); every
// query here is keyed by that student, so it cannot leave the scope.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { effectiveStatus } from '../platform/query.repository.ts';

export async function matchesWithDecisions(db: Kysely<DB>, studentNo: string) {
  return db
    .selectFrom('matches as m')
    .leftJoin('match_decisions as d', 'd.match_id', 'm.match_id')
    .leftJoin('members as mem', 'mem.member_id', 'm.member_id')
    .select([
      'm.match_id',
      'm.list_kind',
      'm.household_no',
      'm.member_id',
      'm.method',
      'm.confidence',
      'm.basis',
      'm.updated_at',
      'd.decision',
      'd.level',
      'd.reason',
      'd.actor',
      'd.at',
      'mem.name as member_name',
      'mem.relation as member_relation',
    ])
    .select(() => effectiveStatus().as('status'))
    .where('m.student_no', '=', studentNo)
    .orderBy('m.confidence', 'desc')
    .orderBy('m.match_id')
    .execute();
}

export async function decisionHistoryOf(db: Kysely<DB>, matchIds: string[]) {
  if (matchIds.length === 0) return [];
  return db
    .selectFrom('match_decision_history')
    .select(['match_id', 'decision', 'level', 'reason', 'actor', 'at'])
    .where('match_id', 'in', matchIds)
    .orderBy('id')
    .execute();
}

/** The members of the given households (a household is a list kind and a 户编号). */
export async function membersOfHouseholds(db: Kysely<DB>, households: { listKind: string; householdNo: string }[]) {
  if (households.length === 0) return [];
  return db
    .selectFrom('members')
    .select([
      'member_id',
      'list_kind',
      'household_no',
      'name',
      'relation',
      'sex',
      'birth_date',
      'id_number',
      'id_raw',
      'household_type',
      'year_identified',
      'year_exited',
    ])
    .where((eb) => eb.or(households.map((h) => eb.and([eb('list_kind', '=', h.listKind), eb('household_no', '=', h.householdNo)]))))
    .orderBy('list_kind')
    .orderBy('household_no')
    .orderBy('member_key')
    .execute();
}

/** What changed in the student's 学籍 record, import after import (kept across years and schools). */
export async function recordHistoryOf(db: Kysely<DB>, studentNo: string) {
  return db
    .selectFrom('record_history')
    .select(['id', 'action', 'before_json', 'after_json', 'import_id', 'actor', 'at'])
    .where('table_name', '=', 'students')
    .where('record_key', '=', studentNo)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}
