// 审核甄别上报 → 核准, pure: a school submits its term's list, the county approves it or returns it
// with a reason; a returned list may be submitted again, an approved one reopened only by the county
// (with a reason). Which step is legal from which status, and what a 公示 needs.
import { FuzhiError } from '../kernel/errors.ts';

export const SUBMISSION_STATUSES = ['未上报', '已上报', '已核准', '已退回'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export type SubmissionStep = 'submit' | 'approve' | 'return';

const NEXT: Record<SubmissionStep, Partial<Record<SubmissionStatus, SubmissionStatus>>> = {
  submit: { 未上报: '已上报', 已退回: '已上报' },
  approve: { 已上报: '已核准' },
  return: { 已上报: '已退回', 已核准: '已退回' },
};

const STEP_ZH: Record<SubmissionStep, string> = { submit: '上报', approve: '核准', return: '退回' };

/** The status after the step, or an error (409) naming why the step is not allowed now. */
export function nextSubmissionStatus(current: SubmissionStatus, step: SubmissionStep, reason: string | null): SubmissionStatus {
  const next = NEXT[step][current];
  if (!next) {
    throw new FuzhiError('AID_SUBMISSION_STEP', `当前状态为“${current}”，不能${STEP_ZH[step]}`, `status "${current}" does not allow "${step}"`, { status: 409 });
  }
  if (step === 'return' && !reason?.trim()) {
    throw new FuzhiError('REASON_REQUIRED', '退回须写明原因', 'returning a list needs a reason', { status: 400, exitCode: 2 });
  }
  return next;
}

/**
 * Schools of a batch whose lists the county has not approved: none when the term uses no sign-off
 * at all (the command-line workflow), else every school that is not 已核准.
 */
export function schoolsNotApproved(batchSchools: string[], approvals: Map<string, SubmissionStatus>): string[] {
  if (approvals.size === 0) return [];
  return batchSchools.filter((s) => approvals.get(s) !== '已核准');
}
