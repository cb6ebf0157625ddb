// The indicator formulas as tables a county officer would check by hand: age windows on 1 September,
// who counts as in school, rates, targets, and that every domain.md §7 target is defined with a source.
import { describe, expect, it } from 'vitest';
import { id } from '../registry/test-people.ts';
import { actualText, checkEnteredValue, enrolment, INDICATORS, indicatorByCodeOrName, meetsTarget, percentOf, studentIdOf, targetText, verdictOf } from './indicators.rules.ts';

const child = (birth: string, k: number) => ({ id_number: id(`513433${birth.replaceAll('-', '')}${String(k).padStart(3, '0')}`), birth_date: birth });

describe('enrolment by age window (ages on 1 September 2025)', () => {
  const roster = [
    child('2019-09-01', 1), // 6 on 2025-09-01: primary
    child('2019-09-02', 2), // 5: preschool
    child('2013-09-02', 3), // 11: primary
    child('2013-09-01', 4), // 12: junior
    child('2010-09-02', 5), // 14: junior
    child('2010-09-01', 6), // 15: senior window
    { id_number: null, birth_date: null }, // age unknown: in neither count
    { id_number: null, birth_date: '2016-01-01' }, // 9, no ID: counted, cannot be matched
  ];
  const students = [
    { id_number: roster[0].id_number, student_no: 'J1', status: '在读' },
    { id_number: null, student_no: `G${roster[2].id_number}`, status: '休学' }, // the G-form carries the ID
    { id_number: roster[3].id_number, student_no: 'J3', status: '辍学' }, // not in school
    { id_number: roster[4].id_number, student_no: 'J4', status: '在读' },
  ];
  it.each([
    ['preschool', 0, 1],
    ['primary', 2, 3],
    ['junior', 1, 2],
    ['senior', 0, 1],
  ] as const)('%s: %i of %i in school', (window, numerator, denominator) => {
    expect(enrolment(roster, students, 2025, window)).toEqual({ numerator, denominator });
  });
  it('takes the age from the ID number when the roster has no birth date', () => {
    const c = { id_number: id('51343320150302001'), birth_date: null };
    expect(enrolment([c], [], 2025, 'primary')).toEqual({ numerator: 0, denominator: 1 });
  });
  it('knows a student by the ID inside a G-form 学籍号', () => {
    expect(studentIdOf({ id_number: null, student_no: `G${id('51343320150302001')}` })).toBe(id('51343320150302001'));
    expect(studentIdOf({ id_number: null, student_no: 'J5134330001' })).toBeNull();
  });
});

describe('rates and targets', () => {
  it.each([
    [{ numerator: 3, denominator: 5 }, 60],
    [{ numerator: 2, denominator: 3 }, 66.7],
    [{ numerator: 0, denominator: 0 }, null],
  ])('%o → %s', (f, pct) => expect(percentOf(f)).toBe(pct));

  const primary = indicatorByCodeOrName('小学入学率')!;
  const computers = indicatorByCodeOrName('students-per-computer')!;
  it.each([
    [primary, 99, true],
    [primary, 98.9, false],
    [computers, 7, true],
    [computers, 7.5, false],
    [primary, null, null],
  ] as const)('%s at %s meets: %s', (d, v, ok) => expect(meetsTarget(d, v)).toBe(ok));
  it('says whether a missing value is missing data or not yet entered', () => {
    expect(verdictOf(primary, null)).toBe('无数据');
    expect(verdictOf(computers, null)).toBe('未填报');
    expect(verdictOf(primary, 100)).toBe('是');
  });
  it('writes targets and values as a report does', () => {
    expect(targetText(primary)).toBe('≥99%');
    expect(targetText(computers)).toBe('≤7 人/台（7:1）');
    expect(targetText(indicatorByCodeOrName('preschool-enrolment')!, false)).toBe('≥85%');
    expect(actualText(primary, 66.7)).toBe('66.7%');
    expect(actualText(computers, 6.5)).toBe('6.5 人/台');
  });
  it.each([
    [primary, 101, '百分比应在 0–100 之间'],
    [computers, 0, '比值应大于 0'],
    [computers, Number.NaN, '不是数字'],
    [computers, 6.5, null],
  ] as const)('entered value check', (d, v, msg) => expect(checkEnteredValue(d, v)).toBe(msg));
});

describe('every target of domain.md §7 is defined, with 口径 and a policy source', () => {
  it.each([
    ['学前三年毛入园率', '≥85%', '甘洛县《2017年度教育扶贫专项实施方案》'],
    ['小学入学率', '≥99%', '99%'],
    ['初中入学率', '≥97%', '97%'],
    ['九年义务教育巩固率', '≥75%', '98%'],
    ['高中阶段毛入学率', '≥90%', '武汉市教育局《教育精准扶贫工作计划》'],
    ['未升入普通高中的初中毕业生进入中职比例', '≥60%', '《'],
    ['学生机比', '≤7 人/台', '《领域说明》'],
    ['小学（含幼儿园）教师专科以上学历比例', '≥80%', '80%'],
    ['初中教师本科以上学历比例', '≥60%', '60%'],
    ['网络学习空间教师实名注册率', '≥100%', '《'],
    ['网络学习空间学生（初中以上）实名注册率', '≥60%', '60%'],
    ['资助覆盖率（应助尽助）', '≥100%', '日照市教育局《教育精准扶贫实施方案》'],
    ['关爱对象走访覆盖率', '≥100%', '遍访全覆盖'],
    ['乡村中小学结对率', '≥100%', '结对率达到100%'],
    ['乡村教师培训率', '≥85%', '《'],
    ['教师继续教育学时达标率（每年≥80学时）', '≥100%', '80学时'],
  ])('%s: %s', (name, target, cited) => {
    const d = indicatorByCodeOrName(name)!;
    expect(d).toBeDefined();
    expect(targetText(d, false)).toBe(target);
    expect(d.basis).toContain(cited);
    expect(d.basis).toMatch(/《.+》/);
    expect(d.numerator.length).toBeGreaterThan(2);
    expect(d.denominator.length).toBeGreaterThan(2);
  });
  it('has unique codes', () => expect(new Set(INDICATORS.map((d) => d.code)).size).toBe(INDICATORS.length));
});
