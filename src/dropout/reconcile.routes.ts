// GET /api/dropout/reconcile?schoolYear=: the 三统一 differences within the reader's scope (masked).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { schoolYearOf } from '../kernel/school-year.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { viewerOf } from '../platform/presenter.ts';
import { presentDifference, reconcileDifferences } from './reconcile.ts';
import { countByKind } from './reconcile.rules.ts';

export const ReconcileQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100).optional() });

export function reconcileRoutes(app: FastifyInstance, database: Database): void {
  app.get('/api/dropout/reconcile', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const q = ReconcileQuery.parse(request.query);
    const schoolYear = q.schoolYear ?? schoolYearOf(today());
    const diffs = await reconcileDifferences(database, schoolYear, actor);
    const v = viewerOf(actor);
    return { schoolYear, counts: countByKind(diffs), items: diffs.map((d) => presentDifference(d, v)), total: diffs.length };
  });
}
