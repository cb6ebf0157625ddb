// The teacher roster and pairing rules as tables: one roster row in, a record or its reasons out;
// service years and honours; the report's figures; pairing minimums per period; 结对率.
import { describe, expect, it } from 'vitest';
import { id } from '../registry/test-people.ts';
import { educationRank, honourDue, normalizeTeacherRow, qualificationStage, serviceYears, teacherFigures } from './teacher.rules.ts';
import { pairingLine, pairingRate, shouldBePaired } from './pairing.rules.ts';

const ID = id('51343319800101002');
const county = (code: string) => (code === '2151343301' ? '513433' : undefined);
const row = (over: Record<string, unknown> = {}) => ({ name: '阿苏木呷', idNumber: ID, schoolCode: '2151343301', education: '本科', title: '一级教师', village: '是', startMonth: '1995-09', hours: '90', ...over });

describe('teacher roster row', () => {
  it('keeps a good row, keyed by ID number, in the school’s county', () => {
    const n = normalizeTeacherRow(row(), county);
    expect(n.ok && n.record).toMatchObject({ teacher_key: ID, county_code: '513433', village: 1, start_month: '1995-09', training_hours: 90 });
  });
  it.each([
    [{ schoolCode: '9999999999' }, '学校标识码'],
    [{ name: '' }, '姓名'],
    [{ hours: '很多' }, '本年度培训学时'],
    [{ village: '也许' }, '是否乡村教师'],
    [{ startMonth: '去年' }, '参加工作年月'],
  ])('rejects %o at %s', (over, column) => {
    const n = normalizeTeacherRow(row(over), county);
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.errors.map((e) => e.column)).toContain(column);
  });
  it('knows a teacher without a usable ID by name and school, with a warning', () => {
    const n = normalizeTeacherRow(row({ idNumber: '5.13433E+17' }), county);
    expect(n.ok && n.record.teacher_key).toBe('阿苏木呷|2151343301');
    expect(n.warnings).toHaveLength(1);
  });
});

describe('service years and long-service honours (counted at 教师节 of the school year)', () => {
  it.each([
    ['1995-09', null, 2025, 30, 30],
    ['1995-10', null, 2025, 29, null],
    ['2000-08', null, 2025, 25, 25],
    ['2005-03', null, 2025, 20, 20],
    [null, 24, 2025, 24, null],
    [null, null, 2025, null, null],
  ])('started %s (任教年限 %s) in %i: %s years, honour %s', (start, years, sy, expected, honour) => {
    expect(serviceYears({ start_month: start, years_taught: years }, sy)).toBe(expected);
    expect(honourDue({ start_month: start, years_taught: years }, sy)).toBe(honour);
  });
});

describe('teacher figures', () => {
  it('counts ≥ 80 学时, ≥ 24 规范性学时, village teachers trained and honours due', () => {
    const t = (hours: number | null, village: number, standard: number | null = null, start: string | null = '2010-01') => ({ training_hours: hours, standard_hours: standard, village, start_month: start, years_taught: null });
    const f = teacherFigures([t(90, 1, null, '1995-09'), t(0, 1), t(30, 0, 12), t(24, 0), t(null, 1)], 2025);
    expect(f).toEqual({ teachers: 5, continuingMet: 1, standardMet: 2, village: 3, villageTrained: 1, honoursDue: 1 });
  });
  it.each([
    ['研究生', 4], ['大学本科', 3], ['大专', 2], ['专科', 2], ['中专', 1], ['高中', 1], [null, 0],
  ] as const)('学历 %s ranks %i', (e, r) => expect(educationRank(e)).toBe(r));
  it.each([
    ['小学', '小学'], ['教学点', '小学'], ['幼儿园', '小学'], ['初级中学', '初中'], ['九年一贯制学校', '初中'], ['高级中学', null], ['中等职业学校', null],
  ] as const)('%s → %s target', (type, stage) => expect(qualificationStage(type)).toBe(stage));
});

describe('pairing minimums per period (school year 2025)', () => {
  const a = (kind: string, activity_date: string) => ({ kind, activity_date });
  it.each([
    ['in October nothing is late yet', [], '2025-10-15', []],
    ['after the autumn term without 联合教研', [], '2026-03-10', ['2025年秋季学期 联合教研 0/1']],
    ['after the autumn term with one', [a('联合教研', '2025-11-02')], '2026-03-10', []],
    ['after the year: spring 联合教研, 挂职 and 课题 missing', [a('联合教研', '2025-11-02')], '2026-09-10', ['2026年春季学期 联合教研 0/1', '2025学年 挂职 0/1', '2025学年 课题 0/1']],
    ['after the year with everything', [a('联合教研', '2025-11-02'), a('联合教研', '2026-04-01'), a('挂职', '2026-05-01'), a('课题', '2025-12-01')], '2026-09-10', []],
    ['activities of another year do not count', [a('联合教研', '2024-11-02')], '2026-03-10', ['2025年秋季学期 联合教研 0/1']],
  ] as const)('%s', (_label, acts, today, behind) => {
    expect(pairingLine([...acts], 2025, today).behind).toEqual(behind);
  });
  it('owes nothing for a period that ended before the pairing began', () => {
    expect(pairingLine([], 2025, '2026-09-10', '2026-03-10').behind).toEqual(['2026年春季学期 联合教研 0/1', '2025学年 挂职 0/1', '2025学年 课题 0/1']);
    expect(pairingLine([], 2025, '2026-03-11', '2026-03-10').behind).toEqual([]);
    expect(pairingLine([], 2025, '2026-03-11', '2025-09-01').behind).toEqual(['2025年秋季学期 联合教研 0/1']);
  });
  it('counts activities per kind', () => {
    expect(pairingLine([a('送课下乡', '2025-10-01'), a('送课下乡', '2025-12-01'), a('家访', '2026-01-01')], 2025, '2026-01-02').counts).toMatchObject({ 送课下乡: 2, 家访: 1, 挂职: 0 });
  });
});

describe('结对率', () => {
  const schools = [
    { code: 'A', school_type: '小学', urban_rural: '乡村' },
    { code: 'B', school_type: '教学点', urban_rural: '村庄' },
    { code: 'C', school_type: '初级中学', urban_rural: '镇乡结合区' },
    { code: 'D', school_type: '小学', urban_rural: '城区' },
    { code: 'E', school_type: '幼儿园', urban_rural: '乡村' },
  ];
  it('counts rural 中小学 and 教学点 only', () => {
    expect(schools.filter(shouldBePaired).map((s) => s.code)).toEqual(['A', 'B', 'C']);
    expect(pairingRate(schools, new Set(['A', 'D']))).toEqual({ numerator: 1, denominator: 3 });
  });
});
