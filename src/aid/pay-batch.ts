// Paying a batch: the payment file for the bank (full account numbers: for the bank only), the import
// of the bank's result (paid / failed with reason; rows it does not mention stay 待发放), the manual
// confirmation of single rows paid otherwise (cash with a receipt: a reason, audited per row), and the
// re-issue of failed rows as a new batch. Nothing is marked 已发放 without one of these proofs.
// A teacher batch pays to the teachers' own cards; its payment file shows card and ID numbers as the
// role sees them (full only when asked, an audited read), and each settled row settles its payable.
import type { Database } from '../db/database.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { writeTable } from '../files/write-table.ts';
import { openTable } from '../files/read-table.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { cellText } from '../kernel/values.ts';
import { maskStudentNo } from '../platform/privacy.rules.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { exportViewer, present } from '../platform/presenter.ts';
import { settlePayables, teacherPayAccounts } from '../schools/teacher-pay.ts';
import { batchLines, getBatch, insertBatch, insertBatchLines, updateBatch, updateLines, batchRegions, type BatchLine, type BatchRow } from './batch.repository.ts';
import { checkStep } from './batch-steps.ts';
import { PAY_DONE, PAY_FAILED, PAY_PENDING, settleFromBank, statusAfterPay, type BankResult } from './batch.rules.ts';
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

export const TEACHER_PAYFILE_HEADERS = ['序号', '批次行号', '收款人姓名', '收款账号', '开户行', '金额', '摘要', '身份证件号'];

export async function writePaymentFile(database: Database, id: number, o: { out: string; actor: Actor; full?: boolean }) {
  const b = await getBatch(database.db, id);
  if (b.status !== '已审批' && b.status !== '部分发放') throw new FuzhiError('AID_BATCH_STEP', `批次 ${id} 当前状态为“${b.status}”，只有已审批（或部分发放）的批次可以生成银行代发文件`, `batch ${id} is "${b.status}"; only an approved (or partly paid) batch gets a payment file`);
  const lines = (await batchLines(database.db, id)).filter((l) => l.pay_status === PAY_PENDING);
  if (b.payee_kind === 'teacher') return writeTeacherPaymentFile(database, b, lines, o);
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
  await recordAudit(database.db, { actor: o.actor.username, action: 'aid.batch.payfile', target: `batch ${id}`, regions: await batchRegions(database.db, id), detail: { rows: n, missing: missing.length, flagged: flagged.length } });
  return { rows: n, file: o.out, batch: id, missingAccount: missing.length, flagged: flagged.length, flags: flagged.slice(0, 50), missing: missing.slice(0, 50) };
}

/** The bank file of a teacher batch: each teacher's own card, masked unless the role asked for it in full. */
async function writeTeacherPaymentFile(database: Database, b: BatchRow, lines: BatchLine[], o: { out: string; actor: Actor; full?: boolean }) {
  const id = Number(b.id);
  const regions = await batchRegions(database.db, id);
  const v = await exportViewer(database.db, o.actor, { full: Boolean(o.full), fields: ['bankAccount', 'teacherIdNumber'], action: 'aid.batch.payfile', target: `batch ${id}`, regions });
  const accounts = await teacherPayAccounts(database.db, lines.map((l) => l.student_no));
  const missing: string[] = [];
  const rows: unknown[][] = [];
  for (const l of lines) {
    const a = accounts.get(l.student_no);
    if (!a) { missing.push(l.student_no); continue; }
    rows.push([rows.length + 1, l.id, a.holder_name, present(v, 'bankAccount', a.account_no) ?? '', a.bank_name ?? '', fenToYuan(l.amount_fen), `${b.period ?? ''}${l.item_name}`, present(v, 'teacherIdNumber', l.student_no) ?? '']);
  }
  const n = await writeTable(o.out, TEACHER_PAYFILE_HEADERS, rows, { sheetName: '代发明细', textColumns: [3, 7] });
  await recordAudit(database.db, { actor: o.actor.username, action: 'aid.batch.payfile', target: `batch ${id}`, regions, detail: { kind: 'teacher', rows: n, missing: missing.length, full: v.full } });
  return { rows: n, file: o.out, batch: id, full: v.full, missingAccount: missing.length, flagged: 0, flags: [], missing: missing.slice(0, 50).map((k) => present(v, 'teacherIdNumber', k) ?? '') };
}

async function readResults(file: string): Promise<Map<number, BankResult>> {
  const t = await openTable(file, RESULT_SPEC);
  const out = new Map<number, BankResult>();
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

export interface PayOptions {
  actor: Actor;
  today: string;
  /** the bank's result file (批次行号, 结果, 失败原因) */
  result?: string;
  /** 学籍号 of rows paid otherwise (cash with a receipt), with `reason` */
  confirm?: string[];
  reason?: string;
}

/** `batch pay ID --result FILE | --confirm 学籍号,… --reason R`: refused without one of the two proofs. */
export async function payBatch(database: Database, id: number, o: PayOptions) {
  if (o.result && o.confirm) throw usageError('--result 与 --confirm 请分两次执行', 'give --result and --confirm in two separate commands');
  if (o.result) return payWithResult(database, id, { ...o, file: o.result });
  if (o.confirm) return payByConfirmation(database, id, { ...o, studentNos: o.confirm });
  await checkStep(database.db, id, 'pay', o.today); // a batch not yet approved says so first
  throw new FuzhiError(
    'AID_PAY_EVIDENCE',
    `批次 ${id} 未发放任何记录：须导入银行发放结果（--result FILE），或逐人确认已发放（--confirm 学籍号[,学籍号…] --reason 原因，如现金发放有签收凭证）`,
    `batch ${id}: nothing marked paid — a bank result (--result FILE) or a per-row confirmation (--confirm STUDENT_NO[,…] --reason R, e.g. cash paid with a receipt) is needed`,
  );
}

/** Rows left 待发放: how many, and the first 50 学籍号 masked as exports mask them. */
function unpaidSummary(unpaid: { student_no: string }[]) {
  return { unpaid: unpaid.length, unpaidStudents: unpaid.slice(0, 50).map((l) => maskStudentNo(l.student_no)) };
}

/** `batch pay ID --result FILE`: rows the bank says 成功 are paid, 失败 failed; the rest stay 待发放. */
export async function payWithResult(database: Database, id: number, o: { file: string; actor: Actor; today: string }) {
  const results = await readResults(o.file);
  return database.db.transaction().execute(async (trx) => {
    const { batch } = await checkStep(trx, id, 'pay', o.today);
    const lines = await batchLines(trx, id);
    const settled = settleFromBank(lines.map((l) => ({ id: l.id, studentNo: l.student_no, payStatus: l.pay_status })), results);
    await updateLines(trx, settled.paid, { pay_status: PAY_DONE, paid_at: o.today });
    for (const f of settled.failed) await updateLines(trx, [f.id], { pay_status: PAY_FAILED, fail_reason: f.reason });
    if (batch.payee_kind === 'teacher') {
      const keyOf = new Map(lines.map((l) => [l.id, l.pay_key ?? '']));
      await settlePayables(trx, o.actor, [
        ...settled.paid.map((lid) => ({ key: keyOf.get(lid)!, status: PAY_DONE, on: o.today, note: `发放批次 ${id} 银行发放结果` })),
        ...settled.failed.map((f) => ({ key: keyOf.get(f.id)!, status: PAY_FAILED, on: o.today, note: f.reason })),
      ]);
    }
    const unpaidIds = new Set(settled.unpaid.map((l) => l.id));
    const unpaid = lines.filter((l) => unpaidIds.has(l.id));
    const status = statusAfterPay(lines.map((l) => (unpaidIds.has(l.id) ? PAY_PENDING : PAY_DONE)));
    await updateBatch(trx, id, { status, paid_at: o.today, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.pay', target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { from: batch.status, to: status, paid: settled.paid.length, failed: settled.failed.length, unpaid: unpaid.length, file: o.file } });
    return { ok: true, batch: id, status, paid: settled.paid.length, failed: settled.failed.length, ...unpaidSummary(unpaid) };
  });
}

/** 学籍号 as typed (comma, 、 or space separated), normalised as stored. */
export function parseStudentNos(text: string): string[] {
  return [...new Set(text.split(/[,，、\s]+/).map((x) => x.trim().toUpperCase()).filter(Boolean))];
}

/**
 * `batch pay ID --confirm 学籍号,… --reason R`: those students' unpaid or failed rows were paid
 * another way (cash with a signed receipt); each row gets its own audit record with the reason.
 */
export async function payByConfirmation(database: Database, id: number, o: { studentNos: string[]; reason?: string; actor: Actor; today: string }) {
  const reason = o.reason?.trim();
  if (!reason) throw usageError('逐人确认发放须写明原因（--reason，如“现金发放，有签收单”）', 'a manual confirmation needs a reason (--reason, e.g. "cash paid, receipt signed")');
  if (o.studentNos.length === 0) throw usageError('--confirm 须列出学籍号', '--confirm needs one or more 学籍号');
  return database.db.transaction().execute(async (trx) => {
    const { batch } = await checkStep(trx, id, 'pay', o.today);
    const lines = await batchLines(trx, id);
    const wanted = new Set(o.studentNos);
    const rows = lines.filter((l) => wanted.has(l.student_no) && (l.pay_status === PAY_PENDING || (l.pay_status === PAY_FAILED && l.pay_key !== null)));
    const found = new Set(rows.map((l) => l.student_no));
    const missing = o.studentNos.filter((no) => !found.has(no));
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).join('、');
      throw new FuzhiError('AID_CONFIRM_UNKNOWN', `批次 ${id} 中没有这些学籍号的待发放或发放失败记录：${shown}（共 ${missing.length} 个），未作任何更改`, `batch ${id} has no unpaid or failed row for: ${shown} (${missing.length} in all); nothing changed`);
    }
    await updateLines(trx, rows.map((l) => l.id), { pay_status: PAY_DONE, paid_at: o.today, fail_reason: null });
    if (batch.payee_kind === 'teacher') await settlePayables(trx, o.actor, rows.map((l) => ({ key: l.pay_key ?? '', status: PAY_DONE, on: o.today, note: reason })));
    for (const l of rows) {
      await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.pay.confirm', target: `batch ${id} row ${l.id}`, detail: { studentNo: l.student_no, item: l.item_code, amountFen: l.amount_fen, before: l.pay_status, reason }, countyCode: l.county_code });
    }
    const confirmed = new Set(rows.map((l) => l.id));
    const after = lines.map((l) => (confirmed.has(l.id) ? PAY_DONE : l.pay_status));
    const status = statusAfterPay(after);
    await updateBatch(trx, id, { status, paid_at: o.today, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.pay', target: `batch ${id}`, regions: await batchRegions(trx, id), detail: { from: batch.status, to: status, confirmed: rows.length, reason } });
    return { ok: true, batch: id, status, confirmed: rows.length, ...unpaidSummary(lines.filter((l, i) => after[i] === PAY_PENDING)) };
  });
}

/** `batch reissue ID`: the failed lines of a paid batch go into a new, already approved batch (重发). */
export async function reissueFailed(database: Database, id: number, o: { actor: Actor }) {
  return database.db.transaction().execute(async (trx) => {
    const b = await getBatch(trx, id);
    const failed = (await batchLines(trx, id)).filter((l) => l.pay_status === PAY_FAILED && l.pay_key !== null);
    if ((b.status !== '已发放' && b.status !== '部分发放') || failed.length === 0) {
      throw new FuzhiError('AID_REISSUE_NOTHING', `批次 ${id}（${b.status}）没有可重发的失败记录`, `batch ${id} (${b.status}) has no failed rows to re-issue`);
    }
    const at = nowIso();
    const amountFen = failed.reduce((a, l) => a + l.amount_fen, 0);
    await updateLines(trx, failed.map((l) => l.id), { pay_key: null });
    const newId = await insertBatch(trx, {
      school_year: b.school_year, term: b.term, item_code: b.item_code, status: '已审批', row_count: failed.length, amount_fen: amountFen,
      notice_days: b.notice_days, notice_start: b.notice_start, notice_end: b.notice_end, contact: b.contact, created_by: o.actor.username,
      created_at: at, updated_at: at, approved_by: b.approved_by, approved_at: b.approved_at, paid_at: null, cancel_reason: null, reissue_of: id,
      payee_kind: b.payee_kind, period: b.period,
    });
    await insertBatchLines(trx, failed.map(({ id: _id, ...l }, i) => ({ ...l, batch_id: newId, seq: i + 1, pay_status: PAY_PENDING, fail_reason: null, paid_at: null })));
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.batch.reissue', target: `batch ${newId}`, regions: await batchRegions(trx, newId), detail: { from: id, rows: failed.length } });
    return { batch: newId, rows: failed.length, amount: fenToYuan(amountFen), status: '已审批', reissueOf: id };
  });
}
