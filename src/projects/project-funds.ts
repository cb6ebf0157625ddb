// Use cases of a project's funds and follow-up (domain.md §6): add a fund source with its budget,
// post a fund use (张榜公示), record spending from one source (never above its budget, never before a
// posting), milestones (planned, then reached), 督导验收 and the publication of its result.
// Each change in one transaction with its audit entry.
import type { Database } from '../db/database.ts';
import { conflict, FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan, yuanToFen } from '../kernel/money.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { acceptanceProblem, spendingProblem, type Problem } from './funds.rules.ts';
import { day } from './project-steps.ts';
import {
  acceptancesOf, fundsOf, insertAcceptance, insertFund, insertMilestone, insertPosting, insertSpending, milestonesOf,
  postingsOf, progressOf, projectById, publishAcceptance, setMilestoneDone, spendingOf, type Project,
} from './project.repository.ts';

async function projectOf(database: Database, id: string): Promise<Project> {
  const p = /^\d+$/.test(id) ? await projectById(database.db, Number(id)) : undefined;
  if (!p) throw notFound(`找不到项目 ${id}`, `project ${id} not found`);
  return p;
}

const refused = (p: Problem, project: number) =>
  p.code === 'USAGE' ? usageError(p.zh, p.en) : conflict(p.code, `项目 ${project}：${p.zh}`, `project ${project}: ${p.en}`);

function positiveFen(text: string, option: string): number {
  const fen = yuanToFen(text);
  if (fen <= 0) throw usageError(`${option} 金额应大于 0（元）`, `${option} must be more than 0 yuan`);
  return fen;
}

export async function addFund(database: Database, actor: Actor, o: { project: string; source: string; budget: string }) {
  const p = await projectOf(database, o.project);
  const source = o.source.trim();
  if (!source) throw usageError('--source 资金来源不能为空', '--source must not be empty');
  const budget = positiveFen(o.budget, '--budget');
  return database.db.transaction().execute(async (trx) => {
    if ((await fundsOf(trx, [p.id])).some((f) => f.source === source)) throw conflict('PROJECT_FUND_EXISTS', `项目 ${p.id} 已有资金来源“${source}”`, `project ${p.id} already has fund source "${source}"`);
    await insertFund(trx, { project_id: p.id, county_code: p.county_code, source, budget_fen: budget, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'project.fund', target: String(p.id), regions: [p.county_code], detail: { source, budgetYuan: fenToYuan(budget) } });
    const funds = await fundsOf(trx, [p.id]);
    return { ok: true, project: p.id, sources: funds.map((f) => ({ source: f.source, budget: fenToYuan(f.budget_fen) })), budget: fenToYuan(funds.reduce((s, f) => s + f.budget_fen, 0)) };
  });
}

export async function postFundUse(database: Database, actor: Actor, today: string, o: { project: string; source: string; date: string; amount: string; content: string }) {
  const p = await projectOf(database, o.project);
  const posted_on = day(o.date, '--date');
  if (posted_on > today) throw usageError('--date 公示日期晚于今天', '--date: the posting date is after today');
  const amount = positiveFen(o.amount, '--yuan');
  if (!o.content.trim()) throw usageError('--content 公示内容不能为空', '--content must not be empty');
  const funds = await fundsOf(database.db, [p.id]);
  if (!funds.some((f) => f.source === o.source)) throw conflict('PROJECT_FUND_UNKNOWN', `项目 ${p.id}：资金来源“${o.source}”不在该项目的预算中`, `project ${p.id}: fund source "${o.source}" is not in its budget`);
  const id = await database.db.transaction().execute(async (trx) => {
    const pid = await insertPosting(trx, { project_id: p.id, county_code: p.county_code, source: o.source, posted_on, amount_fen: amount, content: o.content.trim(), actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'project.post', target: String(p.id), regions: [p.county_code], detail: { posting: pid, source: o.source, postedOn: posted_on, yuan: fenToYuan(amount) } });
    return pid;
  });
  return { ok: true, project: p.id, posting: id, source: o.source, postedOn: posted_on, amount: fenToYuan(amount) };
}

export async function recordSpending(database: Database, actor: Actor, today: string, o: { project: string; source: string; date: string; amount: string; purpose: string }) {
  const p = await projectOf(database, o.project);
  const next = { spent_on: day(o.date, '--date'), amount_fen: yuanToFen(o.amount) };
  if (!o.purpose.trim()) throw usageError('--purpose 用途不能为空', '--purpose must not be empty');
  return database.db.transaction().execute(async (trx) => {
    const fund = (await fundsOf(trx, [p.id], true)).find((f) => f.source === o.source);
    const spent = (await spendingOf(trx, [p.id])).filter((s) => s.source === o.source).reduce((s, r) => s + r.amount_fen, 0);
    const postings = (await postingsOf(trx, [p.id])).filter((x) => x.source === o.source);
    const problem = spendingProblem(fund && { budgetFen: fund.budget_fen, spentFen: spent, postings }, o.source, next, today);
    if (problem) throw refused(problem, p.id);
    const id = await insertSpending(trx, { project_id: p.id, county_code: p.county_code, source: o.source, ...next, purpose: o.purpose.trim(), actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'project.spend', target: String(p.id), regions: [p.county_code], detail: { spending: id, source: o.source, spentOn: next.spent_on, yuan: fenToYuan(next.amount_fen) } });
    return { ok: true, project: p.id, spending: id, source: o.source, spent: fenToYuan(spent + next.amount_fen), remaining: fenToYuan(fund!.budget_fen - spent - next.amount_fen) };
  });
}

/** --planned adds a milestone; --done records the day it was reached (once). */
export async function recordMilestone(database: Database, actor: Actor, today: string, o: { project: string; name: string; planned?: string; done?: string }) {
  const p = await projectOf(database, o.project);
  const name = o.name.trim();
  if (!name) throw usageError('--name 里程碑名称不能为空', '--name must not be empty');
  if (Boolean(o.planned) === Boolean(o.done)) throw usageError('请给出 --planned（新增里程碑）或 --done（已完成日期）其中之一', 'give either --planned (a new milestone) or --done (the day it was reached)');
  return database.db.transaction().execute(async (trx) => {
    const existing = (await milestonesOf(trx, [p.id])).find((m) => m.name === name);
    const at = nowIso();
    if (o.planned) {
      if (existing) throw conflict('PROJECT_MILESTONE_EXISTS', `项目 ${p.id} 已有里程碑“${name}”（计划 ${existing.planned_on}）`, `project ${p.id} already has milestone "${name}"`);
      const planned_on = day(o.planned, '--planned');
      await insertMilestone(trx, { project_id: p.id, county_code: p.county_code, name, planned_on, actual_on: null, actor: actor.username, at });
      await recordAudit(trx, { actor: actor.username, action: 'project.milestone', target: String(p.id), regions: [p.county_code], detail: { name, plannedOn: planned_on } });
      return { ok: true, project: p.id, milestone: name, planned: planned_on };
    }
    if (!existing) throw notFound(`项目 ${p.id} 没有里程碑“${name}”`, `project ${p.id} has no milestone "${name}"`);
    if (existing.actual_on) throw conflict('PROJECT_MILESTONE_DONE', `里程碑“${name}”已于 ${existing.actual_on} 完成`, `milestone "${name}" was reached on ${existing.actual_on}`);
    const actual = day(o.done!, '--done');
    if (actual > today) throw usageError('--done 完成日期晚于今天', '--done is after today');
    await setMilestoneDone(trx, existing.id, actual, actor.username, at);
    await recordAudit(trx, { actor: actor.username, action: 'project.milestone', target: String(p.id), regions: [p.county_code], detail: { name, actualOn: actual } });
    return { ok: true, project: p.id, milestone: name, planned: existing.planned_on, done: actual, late: actual > existing.planned_on };
  });
}

export async function acceptProject(database: Database, actor: Actor, today: string, o: { project: string; date: string; result: string; findings?: string; published?: string }) {
  const p = await projectOf(database, o.project);
  const date = day(o.date, '--date');
  const published = o.published ? day(o.published, '--published') : null;
  if (published && (published < date || published > today)) throw usageError('--published 公布日期应在验收日期之后、今天之前', '--published must be between the acceptance date and today');
  return database.db.transaction().execute(async (trx) => {
    const percent = (await progressOf(trx, [p.id])).reduce((m, d) => Math.max(m, d.percent), 0);
    const lastResult = (await acceptancesOf(trx, [p.id])).at(-1)?.result ?? null;
    const problem = acceptanceProblem({ percent, lastResult, date, result: o.result, today });
    if (problem) throw refused(problem, p.id);
    const id = await insertAcceptance(trx, { project_id: p.id, county_code: p.county_code, accepted_on: date, result: o.result, findings: o.findings?.trim() ?? '', published_on: published, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'project.accept', target: String(p.id), regions: [p.county_code], detail: { acceptance: id, date, result: o.result, published } });
    return { ok: true, project: p.id, acceptance: id, result: o.result, published };
  });
}

export async function publishAcceptanceResult(database: Database, actor: Actor, today: string, o: { project: string; date: string }) {
  const p = await projectOf(database, o.project);
  const date = day(o.date, '--date');
  return database.db.transaction().execute(async (trx) => {
    const last = (await acceptancesOf(trx, [p.id])).at(-1);
    if (!last) throw new FuzhiError('PROJECT_NOT_ACCEPTED', `项目 ${p.id} 尚未验收，没有可公布的结果`, `project ${p.id} has no acceptance to publish`, { status: 409 });
    if (last.published_on) throw conflict('PROJECT_PUBLISHED', `验收结果已于 ${last.published_on} 公布`, `the result was published on ${last.published_on}`);
    if (date < last.accepted_on || date > today) throw usageError('--date 公布日期应在验收日期之后、今天之前', '--date must be between the acceptance date and today');
    await publishAcceptance(trx, last.id, date);
    await recordAudit(trx, { actor: actor.username, action: 'project.publish', target: String(p.id), regions: [p.county_code], detail: { acceptance: last.id, date } });
    return { ok: true, project: p.id, acceptance: last.id, result: last.result, published: date };
  });
}
