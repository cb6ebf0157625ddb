// Who counts as a school-age child on the school year's start, and the grown-ups a match may skip.
import { describe, expect, it } from 'vitest';
import { bornBeforeSchoolAge, isSchoolAgeChild } from './unenrolled.rules.ts';

const ON = '2025-09-01';

describe('school age on 2025-09-01', () => {
  const cases: [birth: string | null, relation: string | null, schoolAge: boolean][] = [
    ['2022-09-01', '之子', true], // just 3
    ['2022-09-02', '之子', false], // 3 tomorrow
    ['2008-09-02', '之女', true], // 16
    ['2007-09-02', '之女', true], // still 17
    ['2007-09-01', '之女', false], // 18 today
    [null, '之孙女', true], // unknown birth date, children's generation: listed, marked
    [null, '户主', false],
  ];
  for (const [birth, relation, expected] of cases) {
    it(`${birth ?? '出生日期缺失'} ${relation}: ${expected ? 'school age' : 'not school age'}`, () => {
      expect(isSchoolAgeChild(birth, relation, ON)).toBe(expected);
    });
  }

  it('nobody born before bornBeforeSchoolAge is of school age', () => {
    const before = bornBeforeSchoolAge(ON);
    expect(before).toBe('2006-09-01');
    expect(isSchoolAgeChild('2006-08-31', '之子', ON)).toBe(false);
    expect(before < '2007-09-02').toBe(true); // the oldest school-age birth date lies after it
  });
});
