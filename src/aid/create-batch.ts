// Use case `fuzhi batch create`: a disbursement batch (发放批次) for a term, optionally one item,
// from the entitlements not yet in a live batch. Its rows are copies: later registry changes or
// recomputed entitlements do not alter a batch already made (批次冻结).
import type { Database } from '../db/database.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { pendingReason, type AidTerm } from './policy.schema.ts';
import { findItem } from './policy.rules.ts';
import { policySetsOfYear } from './policy.repository.ts';
import { insertBatch, insertBatchLines, unbatchedEntitlements, batchRegions } from './batch.repository.ts';

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
      approved_by: null, approved_at: null, paid_at: null, cancel_reason: null, reissue_of: null,
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
