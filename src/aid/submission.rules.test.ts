import { describe, expect, it } from 'vitest';
import { nextSubmissionStatus, schoolsNotApproved, type SubmissionStatus, type SubmissionStep } from './submission.rules.ts';

describe('审核甄别上报 → 核准', () => {
  it.each([
    ['未上报', 'submit', null, '已上报'],
    ['已退回', 'submit', null, '已上报'],
    ['已上报', 'approve', null, '已核准'],
    ['已上报', 'return', '3 名学生家庭已稳定脱贫，请复核', '已退回'],
    ['已核准', 'return', '审计发现重复享受，重新甄别', '已退回'],
  ] as [SubmissionStatus, SubmissionStep, string | null, SubmissionStatus][])('%s —%s→ %s', (from, step, reason, to) => {
    expect(nextSubmissionStatus(from, step, reason)).toBe(to);
  });

  it.each([
    ['已上报', 'submit'],
    ['已核准', 'submit'],
    ['未上报', 'approve'],
    ['已核准', 'approve'],
    ['已退回', 'approve'],
    ['未上报', 'return'],
  ] as [SubmissionStatus, SubmissionStep][])('refuses %s —%s', (from, step) => {
    expect(() => nextSubmissionStatus(from, step, '理由')).toThrow(expect.objectContaining({ code: 'AID_SUBMISSION_STEP', status: 409 }));
  });

  it('needs a reason to return a list', () => {
    expect(() => nextSubmissionStatus('已上报', 'return', '  ')).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
  });

  it('lets a 公示 go ahead only when every school of the batch is approved, once the term uses sign-off', () => {
    expect(schoolsNotApproved(['A', 'B'], new Map())).toEqual([]);
    expect(schoolsNotApproved(['A', 'B'], new Map([['A', '已核准']]))).toEqual(['B']);
    expect(schoolsNotApproved(['A', 'B'], new Map([['A', '已核准'], ['B', '已退回']]))).toEqual(['B']);
    expect(schoolsNotApproved(['A', 'B'], new Map([['A', '已核准'], ['B', '已核准']]))).toEqual([]);
  });
});
