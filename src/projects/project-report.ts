// 季汇总 and 半年通报 of the project ledger, generated from the dispatches (月调度), spending per fund
// source, milestones and 督导验收 of the period: one line per project with what the bulletin names.
import type { Database } from '../db/database.ts';
import { usageError } from '../kernel/errors.ts';
import { fenToYuan } from '../kernel/money.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { schoolsInScope } from '../platform/region.repository.ts';
import { parsePeriod, periodLine } from './funds.rules.ts';
import { acceptancesOf, allProjects, fundsOf, milestonesOf, progressOf, schoolNames, spendingOf } from './project.repository.ts';

export const PROJECT_REPORT_HEADERS = [
  '项目编号', '学校标识码', '学校名称', '项目名称', '类别', '资金来源及预算', '预算（元）', '期初进度', '期末进度', '本期调度次数', '缺报月份',
  '本期支出（元）', '本期支出按来源', '累计登记支出（元）', '本期里程碑', '验收情况', '需通报事项',
];

const fmt = (fen: number) => String(fenToYuan(fen));

export async function reportProjects(database: Database, o: { period: string; out: string; today: string; actor: Actor }) {
  const period = parsePeriod(o.period);
  if (!period) throw usageError(`--period “${o.period}”无法识别（应为 2026-Q3 季度或 2026-H2 半年）`, `--period "${o.period}" not understood (2026-Q3 for a quarter, 2026-H2 for a half-year)`);
  if (period.start > o.today) throw usageError(`${period.label}尚未开始`, `${o.period} has not begun`);
  const db = database.db;
  const [projects, progress, funds, spending, milestones, acceptances, names] = await Promise.all([
    allProjects(db), progressOf(db), fundsOf(db), spendingOf(db), milestonesOf(db), acceptancesOf(db), schoolNames(db),
  ]);
  // a project entered after the period, with no dispatch in or before it, is not in its bulletin
  const mine = await schoolsInScope(db, scopeOf(o.actor));
  const inScope = projects.filter((p) => mine(p.school_code)).filter((p) => p.at.slice(0, 10) <= period.end || progress.some((d) => d.project_id === p.id && d.report_date <= period.end));
  const of = <T extends { project_id: number }>(rows: T[], id: number) => rows.filter((r) => r.project_id === id);
  const lines = inScope.map((p) => ({
    p,
    funds: of(funds, p.id),
    spentTotal: of(spending, p.id).filter((s) => s.spent_on <= period.end).reduce((s, r) => s + r.amount_fen, 0),
    l: periodLine(period, { dispatches: of(progress, p.id), spending: of(spending, p.id), milestones: of(milestones, p.id), acceptances: of(acceptances, p.id) }, o.today),
  }));
  const n = await writeTable(
    o.out,
    PROJECT_REPORT_HEADERS,
    lines.map(({ p, funds: f, spentTotal, l }) => [
      p.id, p.school_code, names.get(p.school_code) ?? '', p.name, p.kind,
      f.map((x) => `${x.source} ${fmt(x.budget_fen)}`).join('；'), fenToYuan(p.budget_fen),
      `${l.percentAtStart}%`, `${l.percentAtEnd}%`, l.dispatchCount, l.missingMonths.join('、'),
      fenToYuan(l.spentInPeriodFen), [...l.spentBySource].map(([s, v]) => `${s} ${fmt(v)}`).join('；'), fenToYuan(spentTotal),
      l.milestonesDue.map((m) => `${m.name}（${m.planned_on}）${m.state}`).join('；'), l.acceptance, l.behind.join('；'),
    ]),
    { sheetName: `${period.label}${period.kind}`, textColumns: [1] },
  );
  await recordAudit(db, { actor: o.actor.username, action: 'project.report', target: o.out, detail: { period: o.period, rows: n } });
  return {
    rows: n, out: o.out, period: o.period, kind: period.kind, title: `${period.label}项目${period.kind}`,
    spent: fenToYuan(lines.reduce((s, x) => s + x.l.spentInPeriodFen, 0)),
    behind: lines.filter((x) => x.l.behind.length > 0).map((x) => x.p.id),
  };
}
