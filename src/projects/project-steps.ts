// Use cases of 项目台账: add a project, record a dispatch (月调度: progress, spending to date, note),
// and the project ledger (one line per project: status, budget against spending, this month's dispatch).
import type { Database } from '../db/database.ts';
import { parseDate } from '../kernel/dates.ts';
import { FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan, yuanToFen } from '../kernel/money.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { schoolsInScope } from '../platform/region.repository.ts';
import { dispatchProblem, PROJECT_KINDS, projectLine } from './project.rules.ts';
import { milestoneState } from './funds.rules.ts';
import { acceptancesOf, allProjects, fundsOf, insertFund, milestonesOf, postingsOf, spendingOf, type Project, insertProgress, insertProject, progressOf, projectById, schoolNames, schoolOf } from './project.repository.ts';

export function day(text: string, option: string): string {
  const d = parseDate(text);
  if (!d.date || d.precision !== 'day') throw usageError(`${option} 日期“${text}”无法识别（应为 年-月-日）`, `${option} date "${text}" not recognised`);
  return d.date;
}

export async function addProject(database: Database, actor: Actor, o: { school: string; name: string; kind: string; budget: string; fund: string; end?: string }) {
  if (!(PROJECT_KINDS as readonly string[]).includes(o.kind)) throw usageError(`项目类别应为 ${PROJECT_KINDS.join('、')} 之一`, `project kind must be one of ${PROJECT_KINDS.join(', ')}`);
  const budget = yuanToFen(o.budget);
  if (budget <= 0) throw usageError('--budget 预算应大于 0（元）', '--budget must be more than 0 yuan');
  const school = await schoolOf(database.db, o.school);
  if (!school) throw notFound(`学校 ${o.school} 不在已导入的学校名单中`, `school ${o.school} is not in the imported school list`);
  const end = o.end ? day(o.end, '--end') : null;
  const id = await database.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const pid = await insertProject(trx, { county_code: school.county_code, school_code: o.school, name: o.name, kind: o.kind, fund_source: o.fund, budget_fen: budget, planned_end: end, actor: actor.username, at });
    await insertFund(trx, { project_id: pid, county_code: school.county_code, source: o.fund, budget_fen: budget, actor: actor.username, at });
    await recordAudit(trx, { actor: actor.username, action: 'project.add', target: String(pid), regions: [school.county_code], detail: { school: o.school, name: o.name, budgetYuan: fenToYuan(budget) } });
    return pid;
  });
  return { ok: true, project: id, budget: fenToYuan(budget) };
}

export async function dispatchProject(database: Database, actor: Actor, today: string, o: { project: string; date: string; percent: string; spent: string; note: string }) {
  const p = await projectById(database.db, Number(o.project));
  if (!p) throw notFound(`找不到项目 ${o.project}`, `project ${o.project} not found`);
  const next = { report_date: day(o.date, '--date'), percent: Number(o.percent), spent_fen: yuanToFen(o.spent), note: o.note };
  const previous = (await progressOf(database.db, [p.id])).at(-1) ?? null;
  const problem = dispatchProblem(previous, next, today);
  if (problem) throw new FuzhiError('PROJECT_DISPATCH', `项目 ${p.id} 调度未登记：${problem}`, `dispatch of project ${p.id} refused: ${problem}`);
  await database.db.transaction().execute(async (trx) => {
    const id = await insertProgress(trx, { project_id: p.id, county_code: p.county_code, ...next, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'project.dispatch', target: String(p.id), regions: [p.county_code], detail: { id, ...next } });
  });
  const line = projectLine(p.budget_fen, [next], today);
  return { ok: true, project: p.id, status: line.status, percent: next.percent, overBudget: line.overBudget };
}

export const PROJECT_HEADERS = ['项目编号', '学校标识码', '学校名称', '项目名称', '类别', '资金来源', '预算（元）', '累计支出（元）', '进度', '状态', '计划完工', '最近调度', '调度情况', '本月已调度', '超预算', '已公示（元）', '已登记支出（元）', '里程碑', '验收结果', '验收结果公布'];

export async function listProjects(database: Database, o: { out: string; today: string; actor: Actor }) {
  const mine = await schoolsInScope(database.db, scopeOf(o.actor));
  const projects = (await allProjects(database.db)).filter((p) => mine(p.school_code));
  const progress = await progressOf(database.db);
  const names = await schoolNames(database.db);
  const [funds, postings, spending, milestones, acceptances] = await Promise.all([fundsOf(database.db), postingsOf(database.db), spendingOf(database.db), milestonesOf(database.db), acceptancesOf(database.db)]);
  const of = <T extends { project_id: number }>(rows: T[], id: number) => rows.filter((r) => r.project_id === id);
  const sum = (rows: { amount_fen: number }[]) => rows.reduce((t, r) => t + r.amount_fen, 0);
  const lines = projects.map((p) => ({ p, l: projectLine(p.budget_fen, of(progress, p.id), o.today) }));
  const followUp = (p: Project) => {
    const last = of(acceptances, p.id).at(-1);
    return [
      fenToYuan(sum(of(postings, p.id))),
      fenToYuan(sum(of(spending, p.id))),
      of(milestones, p.id).map((m) => `${m.name}（计划 ${m.planned_on}）${milestoneState(m, o.today)}`).join('；'),
      last ? `${last.result}（${last.accepted_on}）` : '未验收',
      last?.published_on ?? (last ? '未公布' : ''),
    ];
  };
  const n = await writeTable(
    o.out,
    PROJECT_HEADERS,
    lines.map(({ p, l }) => [p.id, p.school_code, names.get(p.school_code) ?? '', p.name, p.kind, of(funds, p.id).map((f) => `${f.source} ${fenToYuan(f.budget_fen)}`).join('；') || p.fund_source, fenToYuan(p.budget_fen), fenToYuan(l.spentFen), `${l.percent}%`, l.status, p.planned_end ?? '', l.lastDate ?? '', l.lastNote, l.dispatchedThisMonth ? '是' : '否', l.overBudget ? '是' : '否', ...followUp(p)]),
    { sheetName: '项目台账', textColumns: [1] },
  );
  await recordAudit(database.db, { actor: o.actor.username, action: 'project.list', target: o.out, detail: { rows: n } });
  return {
    rows: n, out: o.out,
    budget: fenToYuan(projects.reduce((s, p) => s + p.budget_fen, 0)),
    spent: fenToYuan(lines.reduce((s, x) => s + x.l.spentFen, 0)),
    notDispatchedThisMonth: lines.filter((x) => !x.l.dispatchedThisMonth && x.l.status !== '完工').map((x) => x.p.id),
    overBudget: lines.filter((x) => x.l.overBudget).map((x) => x.p.id),
  };
}
