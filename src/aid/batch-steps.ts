// Use cases that move a batch on — approve, cancel — and record and answer objections; the legality
// of each step is decided by batch.rules.ts, here only read, write and audit. Paying needs proof per
// row and lives in pay-batch.ts.
import type { Database } from '../db/database.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { answerDue, nextStatus, type BatchStatus, type BatchStep } from './batch.rules.ts';
import { answerObjection, getBatch, getObjection, insertObjection, openObjections, updateBatch, updateBatchLines, batchRegions } from './batch.repository.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface StepOptions {
  actor: Actor;
  today: string;
  reason?: string;
}

/** Loads the batch and checks that `step` is legal today; returns the batch and its next status. */
export async function checkStep(db: Kysely<DB>, id: number, step: BatchStep, today: string) {
  const b = await getBatch(db, id);
  const open = await openObjections(db, id);
  const next = nextStatus({ id, status: b.status as BatchStatus, noticeEnd: b.notice_end, openObjections: open }, step, today);
  return { batch: b, next };
}

export async function moveBatch(database: Database, id: number, step: 'approve' | 'cancel', o: StepOptions) {
  if (step === 'cancel' && !o.reason) throw usageError('撤销批次须写明原因（--reason）', 'cancelling a batch needs a reason (--reason)');
  return database.db.transaction().execute(async (trx) => {
    const { batch, next } = await checkStep(trx, id, step, o.today);
    const at = nowIso();
    if (step === 'approve') await updateBatch(trx, id, { status: next, approved_by: o.actor.username, approved_at: o.today, updated_at: at });
    if (step === 'cancel') {
      await updateBatch(trx, id, { status: next, cancel_reason: o.reason ?? null, updated_at: at });
      // releasing the pay keys lets the same entitlements go into a new batch
      await updateBatchLines(trx, id, { pay_key: null, pay_status: '已撤销' });
    }
    await recordAudit(trx, { actor: o.actor.username, action: `aid.batch.${step}`, target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { from: batch.status, to: next, reason: o.reason, today: o.today } });
    return { ok: true, batch: id, status: next, previous: batch.status, rows: batch.row_count };
  });
}

export async function raiseObjection(database: Database, id: number, o: StepOptions & { text: string; studentNo?: string }) {
  return database.db.transaction().execute(async (trx) => {
    await checkStep(trx, id, 'object', o.today);
    const objection = await insertObjection(trx, { batch_id: id, student_no: o.studentNo ?? null, content: o.text, raised_by: o.actor.username, raised_at: o.today, answer: null, answered_by: null, answered_at: null });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.object', target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { objection, studentNo: o.studentNo } });
    return { ok: true, batch: id, objection, open: await openObjections(trx, id) };
  });
}

export async function answer(database: Database, objectionId: number, o: StepOptions & { text: string }) {
  return database.db.transaction().execute(async (trx) => {
    const obj = await getObjection(trx, objectionId);
    if (obj.answered_at) throw new FuzhiError('AID_OBJECTION_ANSWERED', `异议 ${objectionId} 已于 ${obj.answered_at} 答复`, `objection ${objectionId} was answered on ${obj.answered_at}`);
    await answerObjection(trx, objectionId, o.text, o.actor.username, o.today);
    const due = answerDue(obj.raised_at);
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.answer', target: `batch ${obj.batch_id}`, regions: await batchRegions(trx, obj.batch_id), detail: { objection: objectionId, due, late: o.today > due } });
    return { ok: true, batch: obj.batch_id, objection: objectionId, due, late: o.today > due, open: await openObjections(trx, obj.batch_id) };
  });
}
