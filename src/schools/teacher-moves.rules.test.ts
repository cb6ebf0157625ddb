// Teacher moves and payables as a county checks them: 支教 of at least a year, the rotation rate of
// eligible teachers with its backbone share (Liangshan 5%, elsewhere 10%), rural subsidies of a month
// and the tuition refund in years 2–5 of service.
import { describe, expect, it } from 'vitest';
import { monthlyPayables, moveProblem, rotationFigures, tuitionRefund } from './teacher-moves.rules.ts';

describe('a move', () => {
  it.each([
    [{ kind: '交流轮岗', from_school: 'A', to_school: 'B', start_on: '2025-09-01', end_on: null }, null],
    [{ kind: '交流轮岗', from_school: 'A', to_school: 'A', start_on: '2025-09-01', end_on: null }, '原学校与交流学校相同'],
    [{ kind: '交流轮岗', from_school: null, to_school: 'B', start_on: '2025-09-01', end_on: null }, '交流轮岗须给出原学校（--from）'],
    [{ kind: '支教', from_school: 'A', to_school: 'B', start_on: '2025-09-01', end_on: '2026-09-01' }, null],
    [{ kind: '支教', from_school: 'A', to_school: 'B', start_on: '2025-09-01', end_on: '2026-07-15' }, '支教时间不少于一年（2025-09-01 起至少到 2026-09-01）'],
    [{ kind: '支教', from_school: 'A', to_school: 'B', start_on: '2025-09-01', end_on: null }, '支教须给出结束日期（--end），时间不少于一年'],
    [{ kind: '特岗', from_school: null, to_school: 'B', start_on: '2025-09-01', end_on: null }, null],
    [{ kind: '特岗', from_school: 'A', to_school: 'B', start_on: '2025-09-01', end_on: null }, '特岗招聘没有原学校（不要给 --from）'],
    [{ kind: '跟岗', from_school: 'A', to_school: 'B', start_on: '2025-09-01', end_on: null }, '类型应为 交流轮岗、支教、特岗 之一'],
  ])('%o → %s', (m, zh) => expect(moveProblem(m)?.zh ?? null).toBe(zh));
});

describe('rotation of a school year', () => {
  const t = (key: string, school: string, start: string, title: string | null = null) => ({ teacher_key: key, school_code: school, title, start_month: start, years_taught: null });
  // ten eligible teachers at A (≥ 6 years by 2025), two at B; one new teacher at A
  const teachers = [...Array.from({ length: 10 }, (_, i) => t(`a${i}`, 'A', '2010-09')), t('b0', 'B', '2000-09'), t('b1', 'B', '2020-09'), t('n0', 'A', '2024-09'), t('h0', 'B', '2015-09')];
  const move = (key: string, from: string | null, kind = '交流轮岗', backbone = 0, school_year = 2025) => ({ teacher_key: key, kind, school_year, from_school: from, backbone });

  it('counts each eligible teacher who left once, at the school left, with the backbone share', () => {
    const f = rotationFigures(teachers, [move('a0', 'A', '交流轮岗', 1), move('a0', 'A', '支教', 1), move('a1', 'A'), move('h0', null, '特岗'), move('a2', 'A', '交流轮岗', 0, 2024)], 2025, '513433');
    expect(f).toMatchObject({ eligible: 11, rotated: 2, backbone: 1, rate: 18.2, backboneShare: 50, target: 5, meets: true });
    expect(f.bySchool).toEqual([{ school: 'A', eligible: 10, rotated: 2, backbone: 1 }, { school: 'B', eligible: 1, rotated: 0, backbone: 0 }]);
  });

  const hire = move('h0', null, '特岗'); // a 特岗 hire is not due to rotate
  it('holds a county outside Liangshan to 10% and the backbone share to 30%', () => {
    expect(rotationFigures(teachers, [hire, move('a0', 'A')], 2025, '420100')).toMatchObject({ rate: 9.1, target: 10, meets: false });
    expect(rotationFigures(teachers, [hire, move('a0', 'A'), move('a1', 'A')], 2025, '420100')).toMatchObject({ rate: 18.2, backboneShare: 0, meets: false });
    expect(rotationFigures(teachers, [], 2025, '420100')).toMatchObject({ eligible: 12, rate: 0, backboneShare: null, meets: false });
  });
});

describe('payables', () => {
  it.each([
    [1, '乡村', ['乡镇工作补贴', 30_000, '乡村教师生活补助', 50_000]],
    [0, '镇区', ['乡镇工作补贴', 30_000]],
    [0, '城区', []],
    [1, '城区', ['乡镇工作补贴', 30_000, '乡村教师生活补助', 50_000]],
  ])('village teacher %i in a %s school', (village, ur, expected) => {
    expect(monthlyPayables({ village }, ur, '2026-03').flatMap((i) => [i.item, i.amount_fen])).toEqual(expected);
  });
  it.each([
    ['2025-08', 1, null], // first year: not yet
    ['2024-08', 1, 500_000], // second year
    ['2021-08', 1, 500_000], // fifth year: the fourth refund
    ['2020-08', 1, null], // sixth year: done
    ['2023-08', 0, null], // not a village teacher
  ])('started %s, village %i → %s', (start, village, fen) => {
    expect(tuitionRefund({ village, start_month: start, years_taught: null }, 2025)?.amount_fen ?? null).toBe(fen);
  });
});
