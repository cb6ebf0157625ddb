// The dropout report's figures, pure: cases by status per township and per school, 劝返 done, and
// 巩固率 as the share of children kept in school: 在校 / (在校 + 仍在劝返的辍学儿童).
//
// Which 巩固率 this is: the seeds set targets without a formula — seed 001 篇一 (凉山州 2017 甘洛
// 教育扶贫专项实施方案: "九年义务教育阶段巩固率达到75%以上") and seed 002 ("贫困地区义务教育巩固率
// 达到98%以上"). The statistical definition (九年义务教育巩固率 = this year's grade-9 enrolment ÷ the
// same cohort's grade-1 enrolment nine years earlier) needs nine years of 学籍 history, which a county
// importing this year's roll does not have. So the report uses the ledger approximation above: of the
// children who should be in school, the share who are (在读) rather than confirmed out (劝返中). The
// column header says so (RETENTION_HEADER); the indicator 九年义务教育巩固率 (src/indicators) takes the
// statistical value entered with evidence.
import { CASE_STATUSES } from './case.rules.ts';

/** Outcomes that count as 劝返 done: back in school, taught at home, transferred. */
export const RETURNED: readonly string[] = ['已复学', '送教上门', '已转学'];

export interface ReportLine {
  level: '乡镇' | '学校';
  code: string;
  byStatus: Record<string, number>;
  total: number;
  returned: number;
  enrolled: number;
  retention: number | null; // 0..1
}

export function reportLine(level: ReportLine['level'], code: string, statuses: readonly string[], enrolled: number): ReportLine {
  const byStatus: Record<string, number> = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0]));
  for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
  const out = byStatus['劝返中'];
  const returned = RETURNED.reduce((n, s) => n + byStatus[s], 0);
  return { level, code, byStatus, total: statuses.length, returned, enrolled, retention: enrolled + out === 0 ? null : enrolled / (enrolled + out) };
}

/** The report column names its definition, so nobody reads it as the cohort ratio. */
export const RETENTION_HEADER = '巩固率（在校口径：在读÷(在读+劝返中)）';

export function percent(x: number | null): string {
  return x === null ? '' : `${(Math.floor(x * 10000) / 100).toFixed(2)}%`;
}
