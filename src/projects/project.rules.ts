// 项目台账 (全面改薄): project kinds, what a dispatch (月调度) may say, and a project's ledger line —
// status from progress, spending against budget (专款专用: over budget is flagged), and whether this
// month's dispatch is in. Pure. 周转房 ≤ 35 ㎡ a unit and the other rules of domain.md §6 are the bureau's.
export const PROJECT_KINDS = ['教学楼', '宿舍', '食堂', '运动场', '周转房', '幼儿园', '设备', '其他'] as const;

export type ProjectStatus = '未开工' | '在建' | '完工';

export interface Dispatch {
  report_date: string;
  percent: number;
  spent_fen: number;
  note: string;
}

/** Why a new dispatch is refused, or null: progress and spending only go forward, dates too. */
export function dispatchProblem(previous: Dispatch | null, next: Dispatch, today: string): string | null {
  if (!Number.isInteger(next.percent) || next.percent < 0 || next.percent > 100) return '进度应为 0–100 的整数';
  if (next.spent_fen < 0) return '已支出金额不能为负';
  if (next.report_date > today) return '调度日期晚于今天';
  if (previous) {
    if (next.report_date < previous.report_date) return `调度日期早于上次调度（${previous.report_date}）`;
    if (next.percent < previous.percent) return `进度不能低于上次调度的 ${previous.percent}%`;
    if (next.spent_fen < previous.spent_fen) return '累计支出不能少于上次调度';
  }
  return null;
}

export interface ProjectLine {
  status: ProjectStatus;
  percent: number;
  spentFen: number;
  overBudget: boolean;
  dispatchedThisMonth: boolean;
  lastDate: string | null;
  lastNote: string;
}

export function projectLine(budgetFen: number, dispatches: Dispatch[], today: string): ProjectLine {
  const last = [...dispatches].sort((a, b) => a.report_date.localeCompare(b.report_date)).at(-1) ?? null;
  const percent = last?.percent ?? 0;
  return {
    status: percent >= 100 ? '完工' : percent > 0 ? '在建' : '未开工',
    percent,
    spentFen: last?.spent_fen ?? 0,
    overBudget: (last?.spent_fen ?? 0) > budgetFen,
    dispatchedThisMonth: last !== null && last.report_date.slice(0, 7) === today.slice(0, 7),
    lastDate: last?.report_date ?? null,
    lastNote: last?.note ?? '',
  };
}
