// The dropout report's figures, pure: cases by status per township and per school, 劝返 done, and
// 巩固率 as the share of children kept in school: 在校 / (在校 + 仍在劝返的辍学儿童).
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

export function percent(x: number | null): string {
  return x === null ? '' : `${(Math.floor(x * 10000) / 100).toFixed(2)}%`;
}
