// Funds and follow-up of a project (domain.md §6), pure: spending per fund source never above that
// source's budget and never before its use was posted (张榜公示); milestones on time or late; 督导验收
// after completion; the period of a 季汇总 or 半年通报 and one project's line in it.
export const ACCEPTANCE_RESULTS = ['合格', '不合格'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];

export interface Problem {
  code: string;
  zh: string;
  en: string;
}

export interface FundState {
  budgetFen: number;
  spentFen: number; // recorded spending from this source so far
  postings: { posted_on: string; amount_fen: number }[];
}

const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

/** Why a spending from one source is refused, or null. 专款专用: a source's budget is its ceiling. */
export function spendingProblem(fund: FundState | undefined, source: string, next: { spent_on: string; amount_fen: number }, today: string): Problem | null {
  if (!fund) return { code: 'PROJECT_FUND_UNKNOWN', zh: `资金来源“${source}”不在该项目的预算中`, en: `fund source "${source}" is not in this project's budget` };
  if (next.amount_fen <= 0) return { code: 'PROJECT_SPENDING_AMOUNT', zh: '支出金额应大于 0', en: 'the amount must be more than 0' };
  if (next.spent_on > today) return { code: 'PROJECT_SPENDING_DATE', zh: '支出日期晚于今天', en: 'the spending date is after today' };
  const total = fund.spentFen + next.amount_fen;
  if (total > fund.budgetFen) {
    return {
      code: 'PROJECT_OVER_BUDGET',
      zh: `“${source}”预算 ${yuan(fund.budgetFen)} 元，已支出 ${yuan(fund.spentFen)} 元，本次 ${yuan(next.amount_fen)} 元将超出预算（专款专用）`,
      en: `"${source}" has a budget of ${yuan(fund.budgetFen)} yuan with ${yuan(fund.spentFen)} spent; ${yuan(next.amount_fen)} more would exceed it`,
    };
  }
  const posted = fund.postings.filter((p) => p.posted_on <= next.spent_on);
  if (posted.length === 0) {
    return { code: 'PROJECT_NOT_POSTED', zh: `“${source}”的资金使用尚未张榜公示（${next.spent_on} 及以前无公示），不能支出`, en: `the use of "${source}" was not posted on or before ${next.spent_on}: spending refused` };
  }
  const postedFen = posted.reduce((s, p) => s + p.amount_fen, 0);
  if (total > postedFen) {
    return {
      code: 'PROJECT_NOT_POSTED',
      zh: `“${source}”已公示使用 ${yuan(postedFen)} 元，累计支出将达 ${yuan(total)} 元，超出公示金额，请先张榜公示`,
      en: `"${source}" posted ${yuan(postedFen)} yuan of use; spending would reach ${yuan(total)}: post it first`,
    };
  }
  return null;
}

export type MilestoneState = '按期完成' | '逾期完成' | '逾期未完成' | '未到期';

export function milestoneState(m: { planned_on: string; actual_on: string | null }, asOf: string): MilestoneState {
  if (m.actual_on) return m.actual_on <= m.planned_on ? '按期完成' : '逾期完成';
  return asOf > m.planned_on ? '逾期未完成' : '未到期';
}

/** Why an acceptance (督导验收) is refused, or null: only a finished project, once it has passed. */
export function acceptanceProblem(o: { percent: number; lastResult: string | null; date: string; result: string; today: string }): Problem | null {
  if (!(ACCEPTANCE_RESULTS as readonly string[]).includes(o.result)) return { code: 'USAGE', zh: '验收结果应为 合格 或 不合格', en: 'the result must be 合格 or 不合格' };
  if (o.date > o.today) return { code: 'PROJECT_ACCEPTANCE_DATE', zh: '验收日期晚于今天', en: 'the acceptance date is after today' };
  if (o.percent < 100) return { code: 'PROJECT_NOT_FINISHED', zh: `项目进度 ${o.percent}%，完工后才能验收`, en: `the project is at ${o.percent}%: it can be accepted once finished` };
  if (o.lastResult === '合格') return { code: 'PROJECT_ACCEPTED', zh: '项目已验收合格', en: 'the project has already passed acceptance' };
  return null;
}

export interface Period {
  kind: '季汇总' | '半年通报';
  label: string; // 2026年第三季度 / 2026年下半年
  start: string;
  end: string;
  months: string[]; // YYYY-MM
}

const QUARTER = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** 2026-Q3 → the third quarter; 2026-H2 → the second half-year; null when not understood. */
export function parsePeriod(text: string): Period | null {
  const m = /^(\d{4})-(Q([1-4])|H([12]))$/i.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const quarter = m[3] ? Number(m[3]) : null;
  const firstMonth = quarter ? (quarter - 1) * 3 + 1 : Number(m[4]) === 1 ? 1 : 7;
  const count = quarter ? 3 : 6;
  const months = Array.from({ length: count }, (_, i) => `${year}-${String(firstMonth + i).padStart(2, '0')}`);
  const lastMonth = firstMonth + count - 1;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    kind: quarter ? '季汇总' : '半年通报',
    label: quarter ? `${year}年${QUARTER[quarter - 1]}` : `${year}年${Number(m[4]) === 1 ? '上' : '下'}半年`,
    start: `${months[0]}-01`,
    end: `${months.at(-1)}-${String(lastDay).padStart(2, '0')}`,
    months,
  };
}

export interface PeriodInput {
  dispatches: { report_date: string; percent: number }[];
  spending: { spent_on: string; amount_fen: number; source: string }[];
  milestones: { name: string; planned_on: string; actual_on: string | null }[];
  acceptances: { accepted_on: string; result: string; published_on: string | null }[];
}

export interface PeriodLine {
  percentAtStart: number;
  percentAtEnd: number;
  dispatchCount: number;
  missingMonths: string[]; // months of the period that have ended (or this month) without a dispatch
  spentInPeriodFen: number;
  spentBySource: Map<string, number>;
  milestonesDue: { name: string; planned_on: string; state: MilestoneState }[];
  acceptance: string; // 未验收 / 合格（2026-09-20，已公布 2026-09-25）…
  behind: string[]; // what the 通报 names
}

/** One project's line in a quarterly summary or half-year bulletin, built from its dispatches. */
export function periodLine(period: Period, x: PeriodInput, today: string): PeriodLine {
  const asOf = today < period.end ? today : period.end;
  const before = x.dispatches.filter((d) => d.report_date < period.start);
  const upTo = x.dispatches.filter((d) => d.report_date <= period.end);
  const inPeriod = x.dispatches.filter((d) => d.report_date >= period.start && d.report_date <= period.end);
  const percentAtStart = before.reduce((p, d) => Math.max(p, d.percent), 0);
  const percentAtEnd = upTo.reduce((p, d) => Math.max(p, d.percent), 0);
  const finishedBefore = percentAtStart >= 100;
  const dispatched = new Set(inPeriod.map((d) => d.report_date.slice(0, 7)));
  const missingMonths = finishedBefore ? [] : period.months.filter((m) => m <= asOf.slice(0, 7) && !dispatched.has(m));
  const spent = x.spending.filter((s) => s.spent_on >= period.start && s.spent_on <= period.end);
  const spentBySource = new Map<string, number>();
  for (const s of spent) spentBySource.set(s.source, (spentBySource.get(s.source) ?? 0) + s.amount_fen);
  const milestonesDue = x.milestones
    .filter((m) => m.planned_on >= period.start && m.planned_on <= period.end)
    .map((m) => ({ name: m.name, planned_on: m.planned_on, state: milestoneState({ planned_on: m.planned_on, actual_on: m.actual_on && m.actual_on <= asOf ? m.actual_on : null }, asOf) }));
  const last = x.acceptances.filter((a) => a.accepted_on <= period.end).sort((a, b) => a.accepted_on.localeCompare(b.accepted_on)).at(-1);
  const acceptance = last ? `${last.result}（${last.accepted_on}${last.published_on && last.published_on <= period.end ? `，已公布 ${last.published_on}` : '，未公布'}）` : '未验收';
  const behind = [
    ...(missingMonths.length ? [`缺月调度：${missingMonths.join('、')}`] : []),
    ...milestonesDue.filter((m) => m.state === '逾期未完成' || m.state === '逾期完成').map((m) => `${m.name}${m.state}（计划 ${m.planned_on}）`),
    ...(last && !(last.published_on && last.published_on <= period.end) ? ['验收结果未公布'] : []),
    ...(last?.result === '不合格' ? ['验收不合格'] : []),
  ];
  return { percentAtStart, percentAtEnd, dispatchCount: inPeriod.length, missingMonths, spentInPeriodFen: spent.reduce((s, r) => s + r.amount_fen, 0), spentBySource, milestonesDue, acceptance, behind };
}
