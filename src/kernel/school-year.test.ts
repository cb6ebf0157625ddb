import { describe, it, expect } from 'vitest';
import { FuzhiError } from './errors.ts';
import { ageBand, parseSchoolYear, parseTerm, schoolYearOf, schoolYearStart, termDates } from './school-year.ts';

describe('school year', () => {
  it('starts on 1 September', () => {
    expect(schoolYearStart(2025)).toBe('2025-09-01');
  });

  it.each([
    ['2025-09-01', 2025],
    ['2025-12-31', 2025],
    ['2026-01-15', 2025], // 秋季 term runs into January
    ['2026-06-30', 2025],
    ['2026-08-31', 2025],
  ])('%s belongs to %i', (date, year) => {
    expect(schoolYearOf(date)).toBe(year);
  });

  it.each([
    ['2025', 2025],
    ['2025-2026', 2025],
    ['2025—2026', 2025],
    ['2025~2026学年', 2025],
    ['2025学年', 2025],
    ['2025学年度', 2025],
    [' ２０２５ ', 2025],
  ])('parseSchoolYear(%s) → %i', (input, year) => {
    expect(parseSchoolYear(input)).toBe(year);
  });

  it.each(['', '25', '2025-2027', '2025年秋', 'next year'])('parseSchoolYear(%s) is a usage error', (input) => {
    try {
      parseSchoolYear(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FuzhiError);
      const err = e as FuzhiError;
      expect(err.exitCode).toBe(2);
      expect(err.messageZh).toContain('学年');
      expect(err.messageEn).toContain('school year');
    }
  });
});

describe('terms', () => {
  it.each([
    ['秋季', '秋季'],
    ['秋', '秋季'],
    ['秋季学期', '秋季'],
    ['autumn', '秋季'],
    ['Fall', '秋季'],
    ['1', '秋季'],
    ['春季', '春季'],
    ['春', '春季'],
    ['spring', '春季'],
    ['2', '春季'],
    [' ２ ', '春季'],
  ])('parseTerm(%s) → %s', (input, term) => {
    expect(parseTerm(input)).toBe(term);
  });

  it.each(['', '夏季', '3', 'winter'])('parseTerm(%s) is a usage error', (input) => {
    expect(() => parseTerm(input)).toThrow(FuzhiError);
    expect(() => parseTerm(input)).toThrow(/学期/);
  });

  it.each([
    [2025, '秋季', '2025-09-01', '2026-01-31'],
    [2025, '春季', '2026-03-01', '2026-07-31'],
  ] as const)('%i %s runs %s – %s', (year, term, start, end) => {
    expect(termDates(year, term)).toEqual({ start, end });
  });
});

describe('ageBand (age on 1 September)', () => {
  it.each([
    [2, null],
    [3, '学前'],
    [5, '学前'],
    [6, '义务教育'],
    [14, '义务教育'],
    [15, '高中阶段'],
    [17, '高中阶段'],
    [18, null],
    [-1, null],
  ])('%i → %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });
});
