// GET /api/supervision: 通报 / 约谈 / 问责 and the checks, as the user's scope sees them (read-only;
// records are entered with `fuzhi supervision record|check`).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { supervisionInScope } from './supervision.repository.ts';
import { SupervisionQuery, type SupervisionList } from './supervision.schema.ts';

export function supervisionRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/supervision', async (request): Promise<SupervisionList> => {
    const actor = actorOf(request);
    authorize(actor, 'supervision.read');
    const q = SupervisionQuery.parse(request.query);
    const rows = await supervisionInScope(db, scopeOf(actor), q.schoolYear);
    const items = rows.map((r) => ({ id: r.id, schoolYear: r.school_year, subject: r.subject, subjectName: r.subject_name, kind: r.kind, matter: r.matter, date: r.record_date, finding: r.finding, result: r.result }));
    return { items, total: items.length };
  });
}
