// Use case `fuzhi batch create`: a disbursement batch (发放批次) for a term, optionally one item,
// from the entitlements not yet in a live batch. Its rows are copies: later registry changes or
// recomputed entitlements do not alter a batch already made (批次冻结). A teacher batch (payee_kind
// 'teacher') is made the same way from a period's teacher payables (乡镇补贴, 乡村教师生活补助,
// 新任乡村教师学费补偿) not yet paid nor in a live batch, and then goes the same way.
import type { Database } from '../db/database.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { pendingReason, type AidTerm } from './policy.schema.ts';
import { findItem } from './policy.rules.ts';
import { policySetsOfYear } from './policy.repository.ts';
import { insertBatch, insertBatchLines, unbatchedEntitlements, batchRegions, heldPayKeys } from './batch.repository.ts';
import { checkPeriod, payableKey, periodTerm, unpaidPayables } from '../schools/teacher-pay.ts';

export interface CreateBatchOptions {
  schoolYear: number;
  term: AidTerm;
  item?: string;
  actor: Actor;
}

/** Resolves --item (code or name) and refuses items that cannot be paid by a batch. */
async function resolveItem(database: Database, o: CreateBatchOptions): Promise<string | null> {
  if (!o.item) return null;
  const sets = await policySetsOfYear(database.db, o.schoolYear);
  if (sets.length === 0) throw new FuzhiError('AID_NO_POLICY', `${o.schoolYear} 学年尚无资助政策`, `no aid policy for ${o.schoolYear}`);
  const item = findItem(sets[0].policy, o.item);
  const blank = pendingReason(item);
  if (blank) throw new FuzhiError('AID_ITEM_PENDING', `“${item.name}”${blank}，不能发放：请先用 fuzhi policy set-amount 设定`, `"${item.name}" has no amount yet and cannot be paid: set it with fuzhi policy set-amount`);
  if (item.amount.per === 'actual') throw new FuzhiError('AID_ITEM_NOT_CASH', `“${item.name}”为据实减免或贷款项目，不通过发放批次支付`, `"${item.name}" is a waiver or loan, not paid through a batch`);
  return item.code;
}

export async function createBatch(database: Database, o: CreateBatchOptions) {
  const itemCode = await resolveItem(database, o);
  const at = nowIso();
  return database.db.transaction().execute(async (trx) => {
    const ents = await unbatchedEntitlements(trx, o.schoolYear, o.term, itemCode, scopeOf(o.actor));
    if (ents.length === 0) {
      throw new FuzhiError('AID_BATCH_EMPTY', `${o.schoolYear} 学年${o.term}学期${itemCode ? `“${o.item}”` : ''}没有尚未纳入批次的应享资助（先运行 fuzhi entitle）`, `no entitlements of ${o.schoolYear} ${o.term}${itemCode ? ` for ${o.item}` : ''} are left to batch (run fuzhi entitle first)`);
    }
    const amountFen = ents.reduce((a, e) => a + (e.amount_fen ?? 0), 0);
    const id = await insertBatch(trx, {
      school_year: o.schoolYear, term: o.term, item_code: itemCode, status: '草稿', row_count: ents.length, amount_fen: amountFen,
      notice_days: null, notice_start: null, notice_end: null, contact: null, created_by: o.actor.username, created_at: at, updated_at: at,
      approved_by: null, approved_at: null, paid_at: null, cancel_reason: null, reissue_of: null, payee_kind: 'student',
    });
    await insertBatchLines(trx, ents.map((e, i) => ({
      batch_id: id, seq: i + 1, entitlement_id: e.id, pay_key: e.id, county_code: e.county_code, payer_county: e.payer_county,
      student_no: e.student_no, name: e.name, school_code: e.school_code, school_name: e.school_name, stage: e.stage, grade: e.grade,
      item_code: e.item_code, item_name: e.item_name, amount_fen: e.amount_fen ?? 0, fund_source: e.fund_source, shares_json: e.shares_json,
      pay_status: '待发放', fail_reason: null, paid_at: null,
    })));
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.create', target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { schoolYear: o.schoolYear, term: o.term, item: itemCode, rows: ents.length, amountFen } });
    return { batch: id, rows: ents.length, amount: fenToYuan(amountFen), status: '草稿', schoolYear: o.schoolYear, term: o.term, item: itemCode };
  });
}

/** `fuzhi batch create --kind teacher --period P`: the period's teacher payables of the actor's scope not yet in a live batch. */
export async function createTeacherBatch(database: Database, o: { period: string; actor: Actor }) {
  const period = checkPeriod(o.period);
  const { schoolYear, term } = periodTerm(period);
  const at = nowIso();
  return database.db.transaction().execute(async (trx) => {
    const due = await unpaidPayables(trx, period, scopeOf(o.actor));
    const held = await heldPayKeys(trx, due.map((p) => payableKey(p.id)));
    const payables = due.filter((p) => !held.has(payableKey(p.id)));
    if (payables.length === 0) {
      throw new FuzhiError('AID_BATCH_EMPTY', `期间 ${period} 没有尚未发放且未纳入批次的教师补助（先生成：fuzhi teacher payables generate --month 年-月 或 --school-year 学年）`, `no teacher payables of ${period} are left unpaid outside a batch (generate them first: fuzhi teacher payables generate)`, { exitCode: 1, status: 409 });
    }
    const amountFen = payables.reduce((a, p) => a + p.amount_fen, 0);
    const id = await insertBatch(trx, {
      school_year: schoolYear, term, item_code: null, status: '草稿', row_count: payables.length, amount_fen: amountFen,
      notice_days: null, notice_start: null, notice_end: null, contact: null, created_by: o.actor.username, created_at: at, updated_at: at,
      approved_by: null, approved_at: null, paid_at: null, cancel_reason: null, reissue_of: null, payee_kind: 'teacher', period,
    });
    await insertBatchLines(trx, payables.map((p, i) => ({
      batch_id: id, seq: i + 1, entitlement_id: payableKey(p.id), pay_key: payableKey(p.id), county_code: p.county_code, payer_county: p.county_code,
      student_no: p.teacher_key, name: p.name, school_code: p.school_code, school_name: p.school_name, stage: null, grade: null,
      item_code: p.item, item_name: p.item, amount_fen: p.amount_fen, fund_source: p.item, shares_json: '{}',
      pay_status: '待发放', fail_reason: null, paid_at: null,
    })));
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.create', target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { kind: 'teacher', period, rows: payables.length, amountFen } });
    return { batch: id, kind: 'teacher', period, rows: payables.length, amount: fenToYuan(amountFen), status: '草稿', schoolYear, term };
  });
}
