// GET /api/care/pairings: the household pairings a user sees (a teacher only their own, a school its
// staff's, a township its households'); GET /api/care/pairings/:id and POST …/:id/visits: one
// household and its visits (`id` is an opaque reference; outside scope → 404);
// GET /api/care/visit-coverage: the 遍访 coverage per school and township of a term.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { openRef, sealRef } from '../platform/opaque-ref.ts';
import { authorize } from '../platform/policy.ts';
import { present, presentText, viewerOf, type Viewer } from '../platform/presenter.ts';
import type { Actor } from '../platform/scope.ts';
import { regionNames, type RegionNames } from '../platform/region.repository.ts';
import { termOf, visitWindow } from './care.rules.ts';
import { headNames, logHouseholdVisit, pairingScopeOf, visitCoverageOf } from './pairing-steps.ts';
import { findHousehold, findPairingInScope, householdVisitsOf, listPairings, type PairingRow } from './pairing.repository.ts';
import { HELPER_ROLE_LABEL, type HelperRole } from './pairing.rules.ts';
import { HouseholdVisitBody, PairingListQuery, PairingParams, VisitCoverageQuery, type HouseholdVisitAnswer, type PairingDetail, type PairingItem, type PairingList, type VisitCoverage } from './pairing.schema.ts';

export const HOUSEHOLD_REF = 'h';

function item(r: PairingRow, v: Viewer, id: string, headName: string, names: RegionNames): PairingItem {
  return {
    id,
    household: present(v, 'household', r.household_no),
    headName,
    township: r.township_code,
    townshipName: names.label(r.township_code),
    helper: r.helper_name,
    helperRole: HELPER_ROLE_LABEL[r.helper_role as HelperRole] ?? r.helper_role,
    schoolCode: r.school_code,
    visitsThisTerm: r.visits,
    lastVisit: r.last_visit,
  };
}

export function pairingRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  const window = () => {
    const { schoolYear, term } = termOf(today());
    return visitWindow(schoolYear, term);
  };
  /** The pairing behind the reference, within the user's scope; anything else is the same 404. */
  const pairingOf = async (request: FastifyRequest, actor: Actor) => {
    const { id } = PairingParams.parse(request.params);
    const no = openRef(refKeyOf(request), HOUSEHOLD_REF, id);
    const p = no ? await findPairingInScope(db, pairingScopeOf(actor), no) : undefined;
    if (!p) throw notFound('结对户不存在或不在您的帮扶范围内', 'no such paired household within your scope');
    return { id, p };
  };

  app.get('/api/care/pairings', async (request): Promise<PairingList> => {
    const actor = actorOf(request);
    authorize(actor, 'pairing.read');
    const q = PairingListQuery.parse(request.query);
    const { rows, total } = await listPairings(db, pairingScopeOf(actor), window(), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
    const heads = await headNames(database, rows.map((r) => r.household_no));
    const v = viewerOf(actor);
    const key = refKeyOf(request);
    const names = await regionNames(db, rows.map((r) => r.township_code));
    return { items: rows.map((r) => item(r, v, sealRef(key, HOUSEHOLD_REF, r.household_no), heads.get(r.household_no) ?? '', names)), total };
  });

  app.get('/api/care/pairings/:id', async (request): Promise<PairingDetail> => {
    const actor = actorOf(request);
    authorize(actor, 'pairing.read');
    const { id, p } = await pairingOf(request, actor);
    const h = await findHousehold(db, p.household_no);
    const visits = await householdVisitsOf(db, p.household_no);
    const w = window();
    const row: PairingRow = { ...p, visits: visits.filter((x) => x.visit_date >= w.start && x.visit_date <= w.end).length, last_visit: visits[0]?.visit_date ?? null };
    const children = (h?.members ?? []).filter((m) => m.relation !== '户主' && m.birth_date !== null && m.birth_date > `${Number(today().slice(0, 4)) - 18}${today().slice(4)}`);
    return {
      ...item(row, viewerOf(actor), id, h?.headName ?? '', await regionNames(db, [p.township_code])),
      children: children.map((m) => ({ name: m.name, birthDate: m.birth_date })),
      visits: visits.map((x) => ({ date: x.visit_date, kind: x.kind, by: x.by_name, note: presentText(x.note) })),
    };
  });

  app.post('/api/care/pairings/:id/visits', async (request): Promise<HouseholdVisitAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'pairing.visit');
    const body = HouseholdVisitBody.parse(request.body ?? {});
    const { p } = await pairingOf(request, actor);
    // a teacher or school leader logs their own visit; a township or county user logs the helper's
    const by = actor.role === 'teacher' || actor.role === 'school' ? actor.username : undefined;
    const r = await logHouseholdVisit(database, actor, today(), p.household_no, { ...body, by });
    return { ok: true, date: r.date, kind: r.kind };
  });

  app.get('/api/care/visit-coverage', async (request): Promise<VisitCoverage> => {
    const actor = actorOf(request);
    authorize(actor, 'pairing.report');
    const q = VisitCoverageQuery.parse(request.query);
    const now = termOf(today());
    const schoolYear = q.schoolYear ?? now.schoolYear;
    const term = q.term ?? now.term;
    const lines = await visitCoverageOf(database, { schoolYear, term, actor });
    return { schoolYear, term, lines };
  });
}
