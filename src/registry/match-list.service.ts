// The review queue (比对复核) as the API shows it: both sides of each pair, IDs masked.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { MATCH_STATUS_LABELS, type MatchStatus } from './match-status.rules.ts';
import type { MatchList, MatchListQuery } from './match.schema.ts';
import { countMatchesByStatus, listMatches } from './match-list.repository.ts';
import { loadRefKey, sealRef } from '../platform/opaque-ref.ts';
import { present, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';

/** The kind of a pair's opaque reference: its key holds the 学籍号, which in the G-form is the ID number. */
export const MATCH_REF = 'm';

export async function matchList(db: Kysely<DB>, actor: Actor, query: MatchListQuery): Promise<MatchList> {
  const scope = scopeOf(actor);
  const key = await loadRefKey(db);
  const v = viewerOf(actor);
  const [{ rows, total }, counts] = await Promise.all([
    listMatches(db, scope, { status: query.status, q: query.q, sort: query.sort }, query.page, query.pageSize),
    countMatchesByStatus(db, scope, query.q),
  ]);
  return {
    total,
    counts: { review: counts.review ?? 0, auto: counts.auto ?? 0, confirmed: counts.confirmed ?? 0, rejected: counts.rejected ?? 0 },
    items: rows.map((r) => {
      const status = r.status as MatchStatus;
      return {
        matchId: sealRef(key, MATCH_REF, r.match_id),
        status,
        statusLabel: MATCH_STATUS_LABELS[status] ?? r.status,
        method: r.method,
        confidence: Number(r.confidence),
        basis: r.basis,
        studentNo: present(v, 'studentNo', r.student_no) ?? '',
        studentName: r.student_name,
        studentBirthDate: r.student_birth_date,
        studentIdNumber: present(v, 'idNumber', r.student_id_number),
        schoolCode: r.school_code,
        schoolName: r.school_name,
        memberId: r.member_id,
        memberName: r.member_name,
        memberBirthDate: r.member_birth_date,
        memberIdNumber: present(v, 'idNumber', r.member_id_number),
        listKind: r.list_kind,
        householdNo: present(v, 'household', r.household_no) ?? '',
        householdType: present(v, 'poverty', r.household_type),
        villageCode: r.village_code,
        decidedBy: r.decided_by,
        decidedAt: r.decided_at,
        decidedLevel: r.decided_level === 'school' || r.decided_level === 'county' ? r.decided_level : null,
        reason: r.reason,
      };
    }),
  };
}
