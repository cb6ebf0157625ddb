// GET /api/dropout/cases: the case ledger within the reader's scope (a township its township).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { viewerOf } from '../platform/presenter.ts';
import { presentCase } from './case.presenter.ts';
import { CaseListQuery, type CaseList } from './dropout.schema.ts';
import { listCases } from './dropout.repository.ts';

export function dropoutRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/dropout/cases', async (request): Promise<CaseList> => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const q = CaseListQuery.parse(request.query);
    const { rows, total } = await listCases(db, scopeOf(actor), q.status, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
    return {
      items: rows.map((r) => {
        const p = presentCase(r, viewerOf(actor));
        return { caseNo: p.caseNo, name: p.name, status: p.status, township: p.township, sources: p.sources };
      }),
      total,
    };
  });
}
