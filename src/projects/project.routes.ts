// GET /api/projects (项目台账 of the user's scope: a school its own projects, a county or inspector its
// region) and POST /api/projects/:id/spending (the county records a spending from one fund source;
// refused 409 before its 张榜公示 or above that source's budget). Outside scope → 404.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { fenToYuan } from '../kernel/money.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { recordSpending } from './project-funds.ts';
import { projectLine } from './project.rules.ts';
import { acceptancesOf, fundsOf, postingsOf, progressOf, projectsInScope, spendingOf } from './project.repository.ts';
import { ProjectParams, ProjectSpendingBody, type ProjectList, type ProjectSpendingAnswer } from './project.schema.ts';

export function projectRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  app.get('/api/projects', async (request): Promise<ProjectList> => {
    const actor = actorOf(request);
    authorize(actor, 'project.read');
    const projects = await projectsInScope(db, scopeOf(actor));
    const ids = projects.map((p) => p.id);
    const [progress, funds, postings, spending, acceptances] = await Promise.all([progressOf(db, ids), fundsOf(db, ids), postingsOf(db, ids), spendingOf(db, ids), acceptancesOf(db, ids)]);
    const d = today();
    const items = projects.map((p) => {
      const l = projectLine(p.budget_fen, progress.filter((x) => x.project_id === p.id), d);
      const sum = (rows: { project_id: number; source: string; amount_fen: number }[], source: string) => fenToYuan(rows.filter((r) => r.project_id === p.id && r.source === source).reduce((s, r) => s + r.amount_fen, 0));
      const last = acceptances.filter((a) => a.project_id === p.id).at(-1);
      return {
        id: p.id, schoolCode: p.school_code, schoolName: p.school_name, name: p.name, kind: p.kind, budget: fenToYuan(p.budget_fen), percent: l.percent, status: l.status,
        plannedEnd: p.planned_end, lastDispatch: l.lastDate, dispatchedThisMonth: l.dispatchedThisMonth,
        funds: funds.filter((f) => f.project_id === p.id).map((f) => ({ source: f.source, budget: fenToYuan(f.budget_fen), spent: sum(spending, f.source), posted: sum(postings, f.source) })),
        acceptance: last ? `${last.result}（${last.accepted_on}${last.published_on ? `，${last.published_on} 公布` : '，未公布'}）` : '未验收',
      };
    });
    return { items, total: items.length };
  });

  app.post('/api/projects/:id/spending', async (request): Promise<ProjectSpendingAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'project.manage');
    const { id } = ProjectParams.parse(request.params);
    const body = ProjectSpendingBody.parse(request.body ?? {});
    if (!(await projectsInScope(db, scopeOf(actor))).some((p) => p.id === id)) throw notFound(`找不到项目 ${id}`, `project ${id} not found`);
    const r = await recordSpending(database, actor, today(), { project: String(id), source: body.source, date: body.date, amount: String(body.yuan), purpose: body.purpose });
    return { ok: true, project: r.project, spending: r.spending, source: r.source, spent: r.spent, remaining: r.remaining };
  });
}
