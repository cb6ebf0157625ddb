import { describe, expect, it } from 'vitest';
import { coverageBySchool, parseCategories, termOf, visitWindow } from './care.rules.ts';

describe('care rules', () => {
  it.each<[string, string[], string[]]>([
    ['留守儿童', ['留守儿童'], []],
    ['残疾、留守儿童', ['留守儿童', '残疾'], []],
    ['孤儿，困境儿童 / 随迁子女', ['孤儿', '随迁子女', '困境儿童'], []],
    ['留守', [], ['留守']],
  ])('categories of %s', (text, categories, unknown) => {
    expect(parseCategories(text)).toEqual({ categories, unknown });
  });

  it.each<[string, number, string]>([
    ['2025-09-01', 2025, '秋季'],
    ['2026-01-20', 2025, '秋季'],
    ['2026-02-28', 2025, '秋季'],
    ['2026-03-01', 2025, '春季'],
    ['2026-08-31', 2025, '春季'],
  ])('%s is in %i %s', (date, schoolYear, term) => {
    expect(termOf(date)).toEqual({ schoolYear, term });
    const w = visitWindow(schoolYear, term as '秋季' | '春季');
    expect(date >= w.start && date <= w.end).toBe(true);
  });

  it('counts each child once per school; visited means at least one visit in the term', () => {
    const lines = coverageBySchool([
      { studentNo: 'A', schoolCode: 'S1', mentored: true, visitsInTerm: 2 },
      { studentNo: 'A', schoolCode: 'S1', mentored: true, visitsInTerm: 2 },
      { studentNo: 'B', schoolCode: 'S1', mentored: true, visitsInTerm: 0 },
      { studentNo: 'C', schoolCode: 'S1', mentored: false, visitsInTerm: 1 },
      { studentNo: 'D', schoolCode: 'S0', mentored: false, visitsInTerm: 0 },
    ]);
    expect(lines).toEqual([
      { schoolCode: 'S0', children: 1, mentored: 0, visited: 0, coverage: 0 },
      { schoolCode: 'S1', children: 3, mentored: 2, visited: 2, coverage: 2 / 3 },
    ]);
  });
});
