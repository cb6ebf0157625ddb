// The work on one dropout case over HTTP: GET /api/dropout/cases/:caseNo (detail with history and
// visits) and POST …/close|confirm|assign|visit|return calling the use cases of case-steps.ts. A
// case outside the user's scope (another township's, another school's) is 404; a step the status
// does not allow is 409 with the Chinese message, and nothing changes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { today } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { presentDeep, presentText, viewerOf } from '../platform/presenter.ts';
import { scopeOf } from '../platform/scope.ts';
import { presentCase } from './case.presenter.ts';
import { allowedSteps } from './case.rules.ts';
import { assignCase, closeCase, confirmCase, returnCase, visitCase, type StepAnswer } from './case-steps.ts';
import { AssignBody, CaseParams, CloseBody, ConfirmBody, ReturnBody, VisitBody, type CaseDetail, type CaseEvent } from './case-work.schema.ts';
import { caseEvents, findCaseInScope, namesOfSchools, type CaseRow } from './dropout.repository.ts';
import { regionNames } from '../platform/region.repository.ts';

const ACTION_LABELS: Record<string, string> = { open: '立案', source: '新增线索', close: '核查排除', confirm: '确认辍学', assign: '指定责任人', visit: '走访', return: '劝返结果' };

function detailOf(json: string | null): Record<string, unknown> {
  try {
    const v: unknown = json ? JSON.parse(json) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? presentDeep(v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The case of the URL within the user's scope; another township's or school's case is 404. */
export async function caseOf(db: Kysely<DB>, request: FastifyRequest): Promise<CaseRow> {
  const actor = actorOf(request);
  const { caseNo } = CaseParams.parse(request.params);
  const c = await findCaseInScope(db, scopeOf(actor), caseNo.toUpperCase());
  if (!c) throw notFound(`案件 ${caseNo} 不存在或不在您的管辖范围内`, `no case ${caseNo} within your scope`);
  return c;
}

export async function caseDetail(db: Kysely<DB>, c: CaseRow, role: Parameters<typeof viewerOf>[0]): Promise<CaseDetail> {
  const p = presentCase(c, viewerOf(role));
  const events = await caseEvents(db, c.case_no);
  const history: CaseEvent[] = events.map((e) => ({
    action: e.action,
    actionLabel: ACTION_LABELS[e.action] ?? e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    date: e.event_date,
    actor: e.actor,
    at: e.at,
    detail: detailOf(e.detail_json),
  }));
  const visits = history
    .filter((e) => e.action === 'visit')
    .map((e) => ({ date: e.date, by: str(e.detail.by) ?? '', note: str(e.detail.note) ?? '', next: str(e.detail.next), actor: e.actor }));
  const names = await regionNames(db, [p.hukouRegion, p.township]);
  const schoolCodes = [p.schoolCode, c.assigned_school ?? '', ...history.map((e) => str(e.detail.school) ?? '')];
  return {
    ...p,
    schoolNames: await namesOfSchools(db, schoolCodes),
    hukouRegionName: names.label(p.hukouRegion),
    townshipName: names.label(p.township),
    // free text typed by people may hold an ID number: the presenter masks it
    basis: presentText(p.basis),
    assignedSchool: c.assigned_school,
    townshipUser: c.township_user,
    villageCadre: c.village_cadre,
    allowedSteps: allowedSteps(c.status),
    history,
    visits,
  };
}

export function caseWorkRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  app.get('/api/dropout/cases/:caseNo', async (request): Promise<CaseDetail> => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    return caseDetail(db, await caseOf(db, request), actor);
  });

  /** Each step: policy, body, scope (404 outside it), then the use case (409 when the status refuses). */
  const step = <B>(name: string, parse: (body: unknown) => B, run: (ctx: { actor: ReturnType<typeof actorOf>; today: string }, caseNo: string, body: B) => Promise<StepAnswer>) => {
    app.post(`/api/dropout/cases/:caseNo/${name}`, async (request): Promise<StepAnswer> => {
      const actor = actorOf(request);
      authorize(actor, 'dropout.work');
      const body = parse(request.body ?? {});
      const c = await caseOf(db, request);
      return run({ actor, today: today() }, c.case_no, body);
    });
  };
  step('close', (b) => CloseBody.parse(b), (ctx, no, b) => closeCase(database, ctx, no, b));
  step('confirm', (b) => ConfirmBody.parse(b), (ctx, no, b) => confirmCase(database, ctx, no, b.note));
  step('assign', (b) => AssignBody.parse(b), (ctx, no, b) => assignCase(database, ctx, no, b));
  step('visit', (b) => VisitBody.parse(b), (ctx, no, b) => visitCase(database, ctx, no, b));
  step('return', (b) => ReturnBody.parse(b), (ctx, no, b) => returnCase(database, ctx, no, b));
}
