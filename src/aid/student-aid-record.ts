// One student's aid across the years, for the student file (一生一档): 认定, 应享资助, 发放.
// What other capabilities may ask of aid for one student; the caller has checked the scope.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { fenToYuan } from '../kernel/money.ts';
import { entitlementsOf, paymentsOf, recognitionsOf } from './student-aid.repository.ts';

export interface StudentAidRecord {
  recognitions: {
    schoolYear: number;
    status: string;
    tier: string | null;
    application: string;
    decisionReason: string | null;
    appliedAt: string;
    decidedAt: string | null;
    decidedBy: string | null;
  }[];
  entitlements: {
    schoolYear: number;
    term: string;
    schoolName: string;
    stage: string | null;
    grade: string | null;
    itemName: string;
    kind: string;
    amountYuan: number | null;
    cash: boolean;
    reason: string;
    basis: string;
    status: string;
    stopReason: string | null;
  }[];
  payments: {
    batchId: number;
    schoolYear: number;
    term: string;
    batchStatus: string;
    schoolName: string;
    itemName: string;
    amountYuan: number;
    payStatus: string;
    failReason: string | null;
    paidAt: string | null;
  }[];
}

export async function studentAidRecord(db: Kysely<DB>, studentNo: string): Promise<StudentAidRecord> {
  const [recognitions, entitlements, payments] = await Promise.all([recognitionsOf(db, studentNo), entitlementsOf(db, studentNo), paymentsOf(db, studentNo)]);
  return {
    recognitions: recognitions.map((r) => ({
      schoolYear: Number(r.school_year),
      status: r.status,
      tier: r.tier,
      application: r.application,
      decisionReason: r.decision_reason,
      appliedAt: r.applied_at,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
    })),
    entitlements: entitlements.map((e) => ({
      schoolYear: Number(e.school_year),
      term: e.term,
      schoolName: e.school_name,
      stage: e.stage,
      grade: e.grade,
      itemName: e.item_name,
      kind: e.kind,
      amountYuan: e.amount_fen === null ? null : fenToYuan(Number(e.amount_fen)),
      cash: Number(e.cash) === 1,
      reason: e.reason,
      basis: e.basis,
      status: e.status,
      stopReason: e.stop_reason,
    })),
    payments: payments.map((p) => ({
      batchId: Number(p.batch_id),
      schoolYear: Number(p.school_year),
      term: p.term,
      batchStatus: p.batch_status,
      schoolName: p.school_name,
      itemName: p.item_name,
      amountYuan: fenToYuan(Number(p.amount_fen)),
      payStatus: p.pay_status,
      failReason: p.fail_reason,
      paidAt: p.paid_at,
    })),
  };
}
