// GET /api/care/children: a teacher the children assigned to them, a school its children, a
// region its schools' children; the 学籍号 masked unless the role reads full details (audited).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { today } from '../kernel/clock.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { fullViewer, viewerOf } from '../platform/presenter.ts';
import { scopeOf } from '../platform/scope.ts';
import { termOf, visitWindow } from './care.rules.ts';
import { listCareChildren, type CareScope } from './care.repository.ts';
import { CareListQuery, type CareList } from './care.schema.ts';
import { presentCareChild } from './export-care.ts';

export function careRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/care/children', async (request): Promise<CareList> => {
    const actor = actorOf(request);
    authorize(actor, 'care.read');
    const q = CareListQuery.parse(request.query);
    const scope: CareScope = actor.role === 'teacher' ? { kind: 'mentor', username: actor.username } : scopeOf(actor);
    const { schoolYear, term } = termOf(today());
    const { rows, total } = await listCareChildren(db, scope, visitWindow(schoolYear, term), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
    // masked, unless the user asks for full details (?full=1): authorised and audited first
    const v = q.full === '1' ? await fullViewer(db, actor, { fields: ['studentNo'], action: 'care.read-full', target: `/api/care/children page ${q.page}`, regions: [actor.regionCode] }) : viewerOf(actor);
    return {
      items: rows.map((r) => {
        const { lastVisit: _l, ...item } = presentCareChild(r, v);
        return item;
      }),
      total,
    };
  });
}
