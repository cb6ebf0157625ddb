// A project's funds and follow-up as a bureau checks them: spending per source within its budget and
// after its posting, milestones on time or late, acceptance after completion, the periods of the
// 季汇总 and 半年通报 and what the bulletin names.
import { describe, expect, it } from 'vitest';
import { acceptanceProblem, milestoneState, parsePeriod, periodLine, spendingProblem } from './funds.rules.ts';

const fund = (budgetFen: number, spentFen: number, postings: [string, number][]) => ({ budgetFen, spentFen, postings: postings.map(([posted_on, amount_fen]) => ({ posted_on, amount_fen })) });

describe('spending from one fund source', () => {
  it.each([
    ['within budget, after the posting', fund(100_000, 0, [['2026-03-01', 50_000]]), '2026-03-02', 50_000, null],
    ['posted the same day', fund(100_000, 0, [['2026-03-02', 50_000]]), '2026-03-02', 10_000, null],
    ['before any posting', fund(100_000, 0, [['2026-03-05', 50_000]]), '2026-03-02', 10_000, 'PROJECT_NOT_POSTED'],
    ['more than was posted', fund(100_000, 40_000, [['2026-03-01', 50_000]]), '2026-03-02', 20_000, 'PROJECT_NOT_POSTED'],
    ['exactly the budget', fund(100_000, 60_000, [['2026-03-01', 100_000]]), '2026-03-02', 40_000, null],
    ['one fen over the budget', fund(100_000, 60_000, [['2026-03-01', 200_000]]), '2026-03-02', 40_001, 'PROJECT_OVER_BUDGET'],
    ['nothing', fund(100_000, 0, [['2026-03-01', 50_000]]), '2026-03-02', 0, 'PROJECT_SPENDING_AMOUNT'],
    ['tomorrow', fund(100_000, 0, [['2026-03-01', 50_000]]), '2026-04-11', 10, 'PROJECT_SPENDING_DATE'],
    ['a source the project does not have', undefined, '2026-03-02', 10, 'PROJECT_FUND_UNKNOWN'],
  ])('%s', (_, f, spent_on, amount_fen, code) => {
    expect(spendingProblem(f, '县级配套', { spent_on, amount_fen }, '2026-04-10')?.code ?? null).toBe(code);
  });

  it('says in both languages what the source has and what would be exceeded', () => {
    const p = spendingProblem(fund(100_000, 60_000, [['2026-03-01', 200_000]]), '中央专项', { spent_on: '2026-03-02', amount_fen: 50_000 }, '2026-04-10')!;
    expect(p.zh).toBe('“中央专项”预算 1000 元，已支出 600 元，本次 500 元将超出预算（专款专用）');
    expect(p.en).toMatch(/budget of 1000 yuan with 600 spent/);
  });
});

describe('milestones and acceptance', () => {
  it.each([
    [{ planned_on: '2026-05-01', actual_on: '2026-04-30' }, '按期完成'],
    [{ planned_on: '2026-05-01', actual_on: '2026-05-02' }, '逾期完成'],
    [{ planned_on: '2026-05-01', actual_on: null }, '逾期未完成'],
    [{ planned_on: '2026-06-01', actual_on: null }, '未到期'],
  ])('%o → %s', (m, state) => expect(milestoneState(m, '2026-05-10')).toBe(state));

  it.each([
    [{ percent: 100, lastResult: null, result: '合格' }, null],
    [{ percent: 100, lastResult: '不合格', result: '合格' }, null],
    [{ percent: 90, lastResult: null, result: '合格' }, 'PROJECT_NOT_FINISHED'],
    [{ percent: 100, lastResult: '合格', result: '合格' }, 'PROJECT_ACCEPTED'],
    [{ percent: 100, lastResult: null, result: '基本合格' }, 'USAGE'],
  ])('%o → %s', (o, code) => expect(acceptanceProblem({ ...o, date: '2026-05-01', today: '2026-05-10' })?.code ?? null).toBe(code));
});

describe('periods of the 季汇总 and 半年通报', () => {
  it.each([
    ['2026-Q3', { kind: '季汇总', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30', months: ['2026-07', '2026-08', '2026-09'] }],
    ['2026-Q1', { kind: '季汇总', start: '2026-01-01', end: '2026-03-31' }],
    ['2028-Q1', { end: '2028-03-31' }],
    ['2026-H2', { kind: '半年通报', label: '2026年下半年', start: '2026-07-01', end: '2026-12-31' }],
    ['2026-H1', { label: '2026年上半年', start: '2026-01-01', end: '2026-06-30' }],
  ])('%s', (text, expected) => expect(parsePeriod(text)).toMatchObject(expected));
  it.each(['2026-Q5', '2026Q3', '2026-H3', '三季度'])('%s is not a period', (text) => expect(parsePeriod(text)).toBeNull());

  it('names the months without a dispatch, late milestones and an unpublished result', () => {
    const q3 = parsePeriod('2026-Q3')!;
    const line = periodLine(q3, {
      dispatches: [{ report_date: '2026-06-05', percent: 20 }, { report_date: '2026-07-05', percent: 40 }, { report_date: '2026-09-03', percent: 100 }],
      spending: [{ spent_on: '2026-06-30', amount_fen: 100, source: 'A' }, { spent_on: '2026-07-10', amount_fen: 200, source: 'A' }, { spent_on: '2026-08-10', amount_fen: 300, source: 'B' }],
      milestones: [{ name: '主体封顶', planned_on: '2026-08-01', actual_on: '2026-08-20' }, { name: '竣工', planned_on: '2026-09-15', actual_on: null }, { name: '交付', planned_on: '2026-12-01', actual_on: null }],
      acceptances: [{ accepted_on: '2026-09-20', result: '合格', published_on: null }],
    }, '2026-10-08');
    expect(line).toMatchObject({ percentAtStart: 20, percentAtEnd: 100, dispatchCount: 2, missingMonths: ['2026-08'], spentInPeriodFen: 500, acceptance: '合格（2026-09-20，未公布）' });
    expect([...line.spentBySource]).toEqual([['A', 200], ['B', 300]]);
    expect(line.behind).toEqual(['缺月调度：2026-08', '主体封顶逾期完成（计划 2026-08-01）', '竣工逾期未完成（计划 2026-09-15）', '验收结果未公布']);
  });

  it('asks no dispatch of months still to come nor of a project finished before the period', () => {
    const q4 = parsePeriod('2026-Q4')!;
    expect(periodLine(q4, { dispatches: [{ report_date: '2026-10-03', percent: 50 }], spending: [], milestones: [], acceptances: [] }, '2026-11-02').missingMonths).toEqual(['2026-11']);
    expect(periodLine(q4, { dispatches: [{ report_date: '2026-08-03', percent: 100 }], spending: [], milestones: [], acceptances: [] }, '2026-12-30').behind).toEqual([]);
  });
});
