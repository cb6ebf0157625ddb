// Project dispatches only go forward; the ledger line says status, spending against budget and
// whether this month's dispatch is in.
import { describe, expect, it } from 'vitest';
import { dispatchProblem, projectLine } from './project.rules.ts';

const d = (report_date: string, percent: number, spent_fen: number) => ({ report_date, percent, spent_fen, note: '按计划' });

describe('a dispatch', () => {
  it.each([
    [null, d('2026-03-01', 10, 100), null],
    [d('2026-03-01', 10, 100), d('2026-04-01', 30, 500), null],
    [d('2026-03-01', 30, 100), d('2026-04-01', 20, 500), '进度不能低于上次调度的 30%'],
    [d('2026-03-01', 10, 500), d('2026-04-01', 20, 100), '累计支出不能少于上次调度'],
    [d('2026-03-01', 10, 100), d('2026-02-01', 20, 100), '调度日期早于上次调度（2026-03-01）'],
    [null, d('2026-05-01', 10, 100), '调度日期晚于今天'],
    [null, d('2026-03-01', 101, 100), '进度应为 0–100 的整数'],
    [null, d('2026-03-01', 10, -1), '已支出金额不能为负'],
  ])('after %o: %o → %s', (prev, next, problem) => expect(dispatchProblem(prev, next, '2026-04-10')).toBe(problem));
});

describe('a ledger line', () => {
  it.each([
    [[], { status: '未开工', percent: 0, overBudget: false, dispatchedThisMonth: false }],
    [[d('2026-03-01', 10, 100), d('2026-04-02', 40, 900)], { status: '在建', percent: 40, spentFen: 900, overBudget: false, dispatchedThisMonth: true }],
    [[d('2026-03-01', 100, 1200)], { status: '完工', overBudget: true, dispatchedThisMonth: false, lastDate: '2026-03-01' }],
  ])('%o', (dispatches, expected) => expect(projectLine(1000, dispatches, '2026-04-10')).toMatchObject(expected));
});
