import { describe, expect, it } from 'vitest';
import { levelsOfRole, reportsDue } from './rhythm.rules.ts';

describe('四个一 reporting rhythm', () => {
  it.each([
    ['学校', '2026-12-03', [['2026-12', '2027-01-05', '进行中'], ['2026-11', '2026-12-05', '待报送'], ['2026-10', '2026-11-05', '已过截止日']]],
    ['学校', '2026-01-06', [['2026-01', '2026-02-05', '进行中'], ['2025-12', '2026-01-05', '已过截止日'], ['2025-11', '2025-12-05', '已过截止日']]],
    ['县', '2026-10-08', [['2026Q4', '2027-01-10', '进行中'], ['2026Q3', '2026-10-10', '待报送'], ['2026Q2', '2026-07-10', '已过截止日']]],
    ['县', '2026-02-01', [['2026Q1', '2026-04-10', '进行中'], ['2025Q4', '2026-01-10', '已过截止日'], ['2025Q3', '2025-10-10', '已过截止日']]],
    // a term is named by its school year: 2024春季 is March–July 2025
    ['市', '2026-02-10', [['2025秋季', '2026-02-15', '待报送'], ['2024春季', '2025-08-15', '已过截止日'], ['2024秋季', '2025-02-15', '已过截止日']]],
    ['市', '2026-08-20', [['2025春季', '2026-08-15', '已过截止日'], ['2025秋季', '2026-02-15', '已过截止日'], ['2024春季', '2025-08-15', '已过截止日']]],
    ['省', '2026-09-10', [['2026学年', '2027-09-30', '进行中'], ['2025学年', '2026-09-30', '待报送'], ['2024学年', '2025-09-30', '已过截止日']]],
  ] as const)('%s on %s', (level, today, expected) => {
    expect(reportsDue(level, today).map((p) => [p.period, p.due, p.status])).toEqual(expected);
  });

  it('a month ends on its last day, leap years included', () => {
    expect(reportsDue('学校', '2028-03-01', 2)[1]).toMatchObject({ period: '2028-02', start: '2028-02-01', end: '2028-02-29' });
  });

  it('gives each role the levels it files or oversees', () => {
    expect(levelsOfRole('school')).toEqual(['学校']);
    expect(levelsOfRole('township')).toEqual(['学校', '县']);
    expect(levelsOfRole('teacher')).toEqual([]);
  });
});
