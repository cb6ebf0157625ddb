// 学年 and 学期: a school year is named by the year it starts (2025 = 2025–2026 学年), aid is paid per
// 秋季/春季 term, and ages for 学段 are taken on 1 September (入学年龄 "当年 8 月 31 日前满 6 周岁").
import { usageError } from './errors.ts';
import { toHalfWidth } from './values.ts';

export type Term = '秋季' | '春季';
export type AgeBand = '学前' | '义务教育' | '高中阶段' | null;

export function schoolYearStart(year: number): string {
  return `${year}-09-01`;
}

export function schoolYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? y : y - 1;
}

const SCHOOL_YEAR = /^(\d{4})(?:\s*[-—–~～/至到]\s*(\d{4}))?\s*(?:学年(?:度)?)?$/;

export function parseSchoolYear(input: string): number {
  const s = toHalfWidth(String(input)).trim();
  const m = SCHOOL_YEAR.exec(s);
  const start = m ? Number(m[1]) : NaN;
  const valid = m !== null && start >= 1900 && start <= 2098 && (m[2] === undefined || Number(m[2]) === start + 1);
  if (!valid) {
    throw usageError(
      `学年“${s}”无法识别：请写作 2025、2025-2026 或 2025学年`,
      `school year "${s}" not understood: write 2025, 2025-2026 or 2025学年`,
    );
  }
  return start;
}

const TERMS: Record<string, Term> = {
  秋季: '秋季', 秋: '秋季', 秋季学期: '秋季', 秋学期: '秋季', autumn: '秋季', fall: '秋季', '1': '秋季',
  春季: '春季', 春: '春季', 春季学期: '春季', 春学期: '春季', spring: '春季', '2': '春季',
};

export function parseTerm(input: string): Term {
  const s = toHalfWidth(String(input)).trim();
  const term = TERMS[s.toLowerCase()];
  if (!term) {
    throw usageError(`学期“${s}”无法识别：请写作 秋季 或 春季`, `term "${s}" not understood: write 秋季/autumn or 春季/spring`);
  }
  return term;
}

/** 秋季 runs into the next calendar year; 春季 belongs to the school year that began the autumn before. */
export function termDates(year: number, term: Term): { start: string; end: string } {
  return term === '秋季'
    ? { start: `${year}-09-01`, end: `${year + 1}-01-31` }
    : { start: `${year + 1}-03-01`, end: `${year + 1}-07-31` };
}

/** Age on 1 September → 学前 3–5, 义务教育 6–14 (义务教育法: 六周岁入学, nine years), 高中阶段 15–17. */
export function ageBand(age: number): AgeBand {
  if (age >= 3 && age <= 5) return '学前';
  if (age >= 6 && age <= 14) return '义务教育';
  if (age >= 15 && age <= 17) return '高中阶段';
  return null;
}
