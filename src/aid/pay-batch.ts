// Paying a batch through the bank: the payment file (full account numbers: for the bank only), the
// import of the bank's result (paid / failed with reason) and the re-issue of failed rows as a new batch.
import type { Database } from '../db/database.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { writeTable } from '../files/write-table.ts';
import { openTable } from '../files/read-table.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { cellText } from '../kernel/values.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { batchLines, getBatch, insertBatch, insertBatchLines, updateBatch, updateLines } from './batch.repository.ts';
import { checkStep } from './batch-steps.ts';
import { accountsOf } from './recognition.repository.ts';
import { cardFlag } from './payment.rules.ts';

export const PAYFILE_HEADERS = ['序号', '批次行号', '收款人姓名', '收款账号', '开户行', '金额', '摘要', '学籍号'];

const RESULT_SPEC: TableSpec = {
  kind: 'bank-result',
  label: '银行发放结果',
  columns: [
    { key: 'line', header: '批次行号', aliases: ['行号'], required: true },
    { key: 'result', header: '结果', aliases: ['发放结果', '状态'], required: true },
    { key: 'reason', header: '失败原因', aliases: ['原因', '备注'], required: false },
  ],
};

export async function writePaymentFile(database: Database, id: number, o: { out: string; actor: Actor }) {
  const b = await getBatch(database.db, id);
  if (b.status !== '已审批') throw new FuzhiError('AID_BATCH_STEP', `批次 ${id} 当前状态为“${b.status}”，只有已审批的批次可以生成银行代发文件`, `batch ${id} is "${b.status}"; only an approved batch gets a payment file`);
  const lines = (await batchLines(database.db, id)).filter((l) => l.pay_status === '待发放');
  const accounts = await accountsOf(database.db, lines.map((l) => l.student_no));
  const missing: string[] = [];
  const flagged: { studentNo: string; reason: string }[] = [];
  const rows: unknown[][] = [];
  for (const l of lines) {
    const a = accounts.get(l.student_no);
    if (!a) { missing.push(l.student_no); continue; }
    const flag = cardFlag(l.name, a.holder_name, a.holder_relation);
    if (flag) flagged.push({ studentNo: l.student_no, reason: flag });
    rows.push([rows.length + 1, l.id, a.holder_name, a.account_no, a.bank_name ?? '', fenToYuan(l.amount_fen), `${b.school_year}学年${b.term}${l.item_name}`, l.student_no]);
  }
  const n = await writeTable(o.out, PAYFILE_HEADERS, rows, { sheetName: '代发明细', textColumns: [3, 7] });
  await recordAudit(database.db, { actor: o.actor.username, action: 'aid.batch.payfile', target: `batch ${id}`, detail: { rows: n, missing: missing.length, flagged: flagged.length } });
  return { rows: n, file: o.out, batch: id, missingAccount: missing.length, flagged: flagged.length, flags: flagged.slice(0, 50), missing: missing.slice(0, 50) };
}

async function readResults(file: string): Promise<Map<number, { ok: boolean; reason: string }>> {
  const t = await openTable(file, RESULT_SPEC);
  const out = new Map<number, { ok: boolean; reason: string }>();
  for await (const r of t.rows) {
    const line = Number(cellText(r.values.line));
    const result = cellText(r.values.result);
    if (!Number.isInteger(line) || !/^(成功|失败|已发放|发放失败)$/.test(result)) {
      throw new FuzhiError('AID_BANK_RESULT', `银行结果文件第 ${r.row} 行无法识别（结果须为 成功 或 失败）`, `bank result row ${r.row} not understood (result must be 成功 or 失败)`, { exitCode: 2, where: { file, row: r.row } });
    }
    out.set(line, { ok: /成功|已发放/.test(result), reason: cellText(r.values.reason) || '银行未说明原因' });
  }
  return out;
}

/** `batch pay ID --result FILE`: an approved batch becomes 已发放 with each line paid or failed. */
export async function payWithResult(database: Database, id: number, o: { file: string; actor: Actor; today: string }) {
  const results = await readResults(o.file);
  return database.db.transaction().execute(async (trx) => {
    const { batch, next } = await checkStep(trx, id, 'pay', o.today);
    const lines = await batchLines(trx, id);
    const paid = lines.filter((l) => results.get(l.id)?.ok === true).map((l) => l.id);
    await updateLines(trx, paid, { pay_status: '已发放', paid_at: o.today });
    let failed = 0;
    for (const l of lines) {
      const r = results.get(l.id);
      if (r?.ok) continue;
      failed += 1;
      await updateLines(trx, [l.id], { pay_status: '发放失败', fail_reason: r?.reason ?? '银行未返回结果' });
    }
    await updateBatch(trx, id, { status: next, paid_at: o.today, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.pay', target: `batch ${id}`, detail: { from: batch.status, paid: paid.length, failed, file: o.file } });
    return { ok: true, batch: id, status: next, paid: paid.length, failed };
  });
}

/** `batch reissue ID`: the failed lines of a paid batch go into a new, already approved batch (重发). */
export async function reissueFailed(database: Database, id: number, o: { actor: Actor }) {
  return database.db.transaction().execute(async (trx) => {
    const b = await getBatch(trx, id);
    const failed = (await batchLines(trx, id)).filter((l) => l.pay_status === '发放失败' && l.pay_key !== null);
    if (b.status !== '已发放' || failed.length === 0) {
      throw new FuzhiError('AID_REISSUE_NOTHING', `批次 ${id}（${b.status}）没有可重发的失败记录`, `batch ${id} (${b.status}) has no failed rows to re-issue`);
    }
    const at = nowIso();
    const amountFen = failed.reduce((a, l) => a + l.amount_fen, 0);
    await updateLines(trx, failed.map((l) => l.id), { pay_key: null });
    const newId = await insertBatch(trx, {
      school_year: b.school_year, term: b.term, item_code: b.item_code, status: '已审批', row_count: failed.length, amount_fen: amountFen,
      notice_days: b.notice_days, notice_start: b.notice_start, notice_end: b.notice_end, contact: b.contact, created_by: o.actor.username,
      created_at: at, updated_at: at, approved_by: b.approved_by, approved_at: b.approved_at, paid_at: null, cancel_reason: null, reissue_of: id,
    });
    await insertBatchLines(trx, failed.map(({ id: _id, ...l }, i) => ({ ...l, batch_id: newId, seq: i + 1, pay_status: '待发放', fail_reason: null, paid_at: null })));
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.reissue', target: `batch ${newId}`, detail: { from: id, rows: failed.length } });
    return { batch: newId, rows: failed.length, amount: fenToYuan(amountFen), status: '已审批', reissueOf: id };
  });
}
