// The review queue as the command line shows it: pairs waiting for a person, both sides side by side.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { present, presentId, type Viewer } from '../platform/presenter.ts';

export interface ReviewItem {
  matchId: string;
  studentNo: string;
  studentName: string;
  studentBirth: string | null;
  studentId: string;
  listKind: string;
  householdNo: string;
  memberName: string;
  memberBirth: string | null;
  memberId: string;
  method: string;
  confidence: number;
  basis: string;
}

export async function listReviewQueue(db: Kysely<DB>, limit: number, v: Viewer): Promise<{ items: ReviewItem[]; total: number }> {
  const base = db
    .selectFrom('matches')
    .leftJoin('match_decisions', 'match_decisions.match_id', 'matches.match_id')
    .where('matches.status', '=', 'review')
    .where('match_decisions.match_id', 'is', null);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('students', 'students.student_no', 'matches.student_no')
    .innerJoin('members', 'members.member_id', 'matches.member_id')
    .select([
      'matches.match_id',
      'matches.student_no',
      'students.name as sname',
      'students.birth_date as sbirth',
      'students.id_number as sid',
      'students.id_raw as sraw',
      'matches.list_kind',
      'matches.household_no',
      'members.name as mname',
      'members.birth_date as mbirth',
      'members.id_number as mid',
      'members.id_raw as mraw',
      'matches.method',
      'matches.confidence',
      'matches.basis',
    ])
    .orderBy('matches.confidence', 'desc')
    .orderBy('matches.match_id')
    .limit(limit)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      matchId: r.match_id,
      studentNo: present(v, 'studentNo', r.student_no) ?? '',
      studentName: r.sname,
      studentBirth: r.sbirth,
      studentId: presentId(v, 'idNumber', { id_number: r.sid, id_raw: r.sraw }) ?? '',
      listKind: r.list_kind,
      householdNo: r.household_no,
      memberName: r.mname,
      memberBirth: r.mbirth,
      memberId: presentId(v, 'idNumber', { id_number: r.mid, id_raw: r.mraw }) ?? '',
      method: r.method,
      confidence: r.confidence,
      basis: r.basis,
    })),
  };
}
