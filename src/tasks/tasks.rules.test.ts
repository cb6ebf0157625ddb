import { describe, expect, it } from 'vitest';
import { absenceStreak, absenceTask, caseTask, careTask, sortTasks, type OpenCase } from './tasks.rules.ts';

describe('absence streak (school days in a row, weekends skipped)', () => {
  it.each([
    ['no absence', [], '2025-10-10', null],
    ['one day', ['2025-10-09'], '2025-10-09', { days: 1, from: '2025-10-09', last: '2025-10-09' }],
    ['two days', ['2025-10-08', '2025-10-09'], '2025-10-10', { days: 2, from: '2025-10-08', last: '2025-10-09' }],
    ['Friday then Monday', ['2025-10-09', '2025-10-10', '2025-10-13'], '2025-10-13', { days: 3, from: '2025-10-09', last: '2025-10-13' }],
    ['a gap breaks the run', ['2025-10-06', '2025-10-08', '2025-10-09'], '2025-10-09', { days: 2, from: '2025-10-08', last: '2025-10-09' }],
    ['duplicates counted once', ['2025-10-09', '2025-10-09'], '2025-10-09', { days: 1, from: '2025-10-09', last: '2025-10-09' }],
    ['stale: last absence 8 days ago', ['2025-10-01'], '2025-10-09', null],
    ['future dates ignored', ['2025-10-20'], '2025-10-09', null],
  ])('%s', (_label, dates, today, expected) => {
    expect(absenceStreak(dates, today)).toEqual(expected);
  });
});

describe('absence rule: day 1 home visit, day 2 plan with the village, day 3+ formal report', () => {
  it.each([
    [['2025-10-09'], '学校当日家访', 'due'],
    [['2025-10-08', '2025-10-09'], '会同村委制定劝返方案', 'urgent'],
    [['2025-10-07', '2025-10-08', '2025-10-09'], '书面报告乡镇和教育局', 'urgent'],
    [['2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09'], '书面报告乡镇和教育局', 'urgent'],
  ])('%j → %s', (dates, title, level) => {
    const t = absenceTask('张三', absenceStreak(dates, '2025-10-09')!);
    expect(t).toMatchObject({ kind: 'absence', title, level, due: '2025-10-09' });
    expect(t.detail).toContain('张三');
  });
});

describe('next step of an open case', () => {
  const c = (status: string, openedOn: string, lastVisit: string | null = null): OpenCase => ({ caseNo: 'KC51343300001', name: '儿童1', status, openedOn, lastVisit });
  it.each([
    ['待核查 opened today: verify within 15 days', c('待核查', '2025-10-01'), '2025-10-01', { title: '入户核查', due: '2025-10-16', level: 'later' }],
    ['待核查 past 15 days: urgent', c('待核查', '2025-09-01'), '2025-10-01', { title: '入户核查', due: '2025-09-16', level: 'urgent' }],
    ['劝返中 never visited: 30 days from opening', c('劝返中', '2025-09-01'), '2025-09-29', { title: '劝返走访', due: '2025-10-01', level: 'due' }],
    ['劝返中 visited lately', c('劝返中', '2025-09-01', '2025-09-25'), '2025-10-01', { title: '劝返走访', due: '2025-10-25', level: 'later' }],
    ['已复学: nothing to do', c('已复学', '2025-09-01'), '2025-10-01', null],
  ])('%s', (_label, open, today, expected) => {
    const t = caseTask(open, null, today);
    if (expected === null) expect(t).toBeNull();
    else expect(t).toMatchObject({ kind: 'case', ...expected });
  });

  it('an absence streak of the case’s child comes first', () => {
    const t = caseTask(c('劝返中', '2025-09-01', '2025-09-25'), absenceStreak(['2025-10-08', '2025-10-09'], '2025-10-09'), '2025-10-09');
    expect(t).toMatchObject({ kind: 'case', title: '会同村委制定劝返方案', level: 'urgent' });
    expect(t?.detail).toContain('KC51343300001');
  });
});

describe('care visit coverage', () => {
  it.each([
    ['visited this term', { visitsThisTerm: 1, lastVisit: '2025-10-01' }, '2025-10-09', null],
    ['never visited, term ends in months', { visitsThisTerm: 0, lastVisit: null }, '2025-10-09', { level: 'later', detail: '李四：本学期尚未走访（从未走访）' }],
    ['visited last term, term ends within 30 days', { visitsThisTerm: 0, lastVisit: '2025-05-01' }, '2026-02-10', { level: 'due', detail: '李四：本学期尚未走访（最近走访 2025-05-01）' }],
  ])('%s', (_label, child, today, expected) => {
    const t = careTask({ name: '李四', ...child }, '2026-02-28', today);
    if (expected === null) expect(t).toBeNull();
    else expect(t).toMatchObject({ kind: 'care', title: '本学期走访', due: '2026-02-28', ...expected });
  });

  it('sorts the most pressing first', () => {
    const mk = (level: 'urgent' | 'due' | 'later', due: string) => ({ kind: 'care' as const, title: '', detail: '', level, due });
    expect(sortTasks([mk('later', '2025-01-01'), mk('urgent', '2025-02-01'), mk('urgent', '2025-01-15'), mk('due', '2025-01-01')]).map((t) => `${t.level} ${t.due}`)).toEqual([
      'urgent 2025-01-15',
      'urgent 2025-02-01',
      'due 2025-01-01',
      'later 2025-01-01',
    ]);
  });
});
