// SQL of one student's aid record for the student file (一生一档): 认定, 应享资助 and 发放 rows,
// every school year. Keyed by a 学籍号 the caller has already found within the viewer's scope.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function recognitionsOf(db: Kysely<DB>, studentNo: string) {
  return db
    .selectFrom('aid_recognitions')
    .select(['school_year', 'status', 'tier', 'application', 'decision_reason', 'applied_at', 'decided_at', 'decided_by', 'school_code'])
    .where('student_no', '=', studentNo)
    .orderBy('school_year', 'desc')
    .execute();
}

export async function entitlementsOf(db: Kysely<DB>, studentNo: string) {
  return db
    .selectFrom('aid_entitlements')
    .select(['school_year', 'term', 'school_name', 'stage', 'grade', 'item_name', 'kind', 'amount_fen', 'cash', 'reason', 'basis', 'status', 'stop_reason'])
    .where('student_no', '=', studentNo)
    .orderBy('school_year', 'desc')
    .orderBy('term')
    .orderBy('item_code')
    .execute();
}

export async function paymentsOf(db: Kysely<DB>, studentNo: string) {
  return db
    .selectFrom('aid_batch_rows as r')
    .innerJoin('aid_batches as b', 'b.id', 'r.batch_id')
    .select([
      'r.batch_id',
      'b.school_year',
      'b.term',
      'b.status as batch_status',
      'r.school_name',
      'r.item_name',
      'r.amount_fen',
      'r.pay_status',
      'r.fail_reason',
      'r.paid_at',
    ])
    .where('r.student_no', '=', studentNo)
    .where('b.payee_kind', '=', 'student')
    .orderBy('b.school_year', 'desc')
    .orderBy('r.batch_id', 'desc')
    .execute();
}
