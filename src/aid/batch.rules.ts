// The life cycle of a disbursement batch (发放批次) as a pure state machine: 草稿 → 公示中 → 已审批 →
// (部分发放 →) 已发放, or 已撤销; each illegal step is refused with a message saying what to do instead.
// A row is paid only on evidence: the bank's 成功 or a manual confirmation with a reason. While some
// rows are still 待发放 the batch is 部分发放; it becomes 已发放 once every row is paid or failed.
import { FuzhiError } from '../kernel/errors.ts';

export const BATCH_STATUSES = ['草稿', '公示中', '已审批', '部分发放', '已发放', '已撤销'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export type BatchStep = 'notice' | 'approve' | 'pay' | 'cancel' | 'object';

export interface BatchState {
  id: number;
  status: BatchStatus;
  noticeEnd: string | null;
  openObjections: number;
}

const STEP_WORDS: Record<BatchStep, string> = { notice: '公示', approve: '审批', pay: '发放', cancel: '撤销', object: '提出异议' };

function refuse(code: string, zh: string, en: string): FuzhiError {
  return new FuzhiError(code, zh, en, { exitCode: 1, status: 409 });
}

/** Throws unless `step` is legal for the batch on `today` (YYYY-MM-DD); returns the new status. */
export function nextStatus(b: BatchState, step: BatchStep, today: string): BatchStatus {
  const at = `批次 ${b.id} 当前状态为“${b.status}”`;
  const atEn = `batch ${b.id} is "${b.status}"`;
  const wrong = (need: string, needEn: string) =>
    refuse('AID_BATCH_STEP', `${at}，不能${STEP_WORDS[step]}：${need}`, `${atEn}; cannot ${step}: ${needEn}`);
  switch (step) {
    case 'notice':
      if (b.status === '草稿' || b.status === '公示中') return '公示中';
      throw wrong('只有草稿批次可以公示', 'only a draft batch can be put on public notice');
    case 'object':
      if (b.status === '公示中') return b.status;
      throw wrong('只能在公示期间登记异议', 'objections are recorded only while the batch is on notice');
    case 'approve':
      if (b.status !== '公示中') throw wrong('须先公示（fuzhi batch notice）', 'it must be on public notice first (fuzhi batch notice)');
      if (b.noticeEnd && today <= b.noticeEnd) {
        throw refuse('AID_NOTICE_RUNNING', `${at}，公示期至 ${b.noticeEnd} 结束，${today} 尚不能审批`, `batch ${b.id}: the notice period runs until ${b.noticeEnd}; cannot approve on ${today}`);
      }
      if (b.openObjections > 0) {
        throw refuse('AID_OBJECTIONS_OPEN', `${at}，尚有 ${b.openObjections} 条异议未答复，不能审批`, `batch ${b.id} has ${b.openObjections} unanswered objection(s); cannot approve`);
      }
      return '已审批';
    case 'pay':
      // the status after paying depends on the rows left unpaid: see statusAfterPay
      if (b.status === '已审批' || b.status === '部分发放') return '已发放';
      if (b.status === '已发放') throw wrong('批次各行均已发放或发放失败（失败的用 fuzhi batch reissue 重发）', 'every row is already paid or failed (re-issue failed rows with fuzhi batch reissue)');
      throw wrong('须先审批（fuzhi batch approve）', 'it must be approved first (fuzhi batch approve)');
    case 'cancel':
      if (b.status === '草稿' || b.status === '公示中' || b.status === '已审批') return '已撤销';
      throw wrong('已发放、部分发放或已撤销的批次不能撤销', 'a paid, partly paid or cancelled batch cannot be cancelled');
  }
}

/** The last day of a notice of `days` working days starting `start` (weekends skipped; 公示 ≥ 5 个工作日). */
export function noticeEndDate(start: string, days: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  let counted = 0;
  for (;;) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) counted += 1;
    if (counted >= days) return d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

/** The last day to answer an objection: 3 working days after it was raised (答复时限). */
export function answerDue(raisedAt: string): string {
  const next = new Date(`${raisedAt}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return noticeEndDate(next.toISOString().slice(0, 10), 3);
}

export const PAY_PENDING = '待发放';
export const PAY_DONE = '已发放';
export const PAY_FAILED = '发放失败';

export interface PayLine {
  id: number;
  studentNo: string;
  payStatus: string;
}

export interface BankResult {
  ok: boolean;
  reason: string;
}

/**
 * What the bank's result file settles among the rows still 待发放: 成功 → paid, 失败 → failed; a row
 * the file does not mention (not in the payment file — e.g. no bank account — or not answered yet)
 * stays 待发放. Rows already paid or failed are left alone.
 */
export function settleFromBank(lines: PayLine[], results: Map<number, BankResult>) {
  const paid: number[] = [];
  const failed: { id: number; reason: string }[] = [];
  const unpaid: PayLine[] = [];
  for (const l of lines) {
    if (l.payStatus !== PAY_PENDING) continue;
    const r = results.get(l.id);
    if (!r) unpaid.push(l);
    else if (r.ok) paid.push(l.id);
    else failed.push({ id: l.id, reason: r.reason });
  }
  return { paid, failed, unpaid };
}

/** 已发放 once no row is 待发放 (failed rows are settled: they are re-issued); 部分发放 until then. */
export function statusAfterPay(payStatuses: string[]): '部分发放' | '已发放' {
  return payStatuses.some((s) => s === PAY_PENDING) ? '部分发放' : '已发放';
}
