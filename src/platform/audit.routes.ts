// GET /api/audit (审计日志): administrators see everything, inspectors their region.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AuditQuery, type AuditList } from './audit.schema.ts';
import { listAuditInScope } from './audit.repository.ts';
import { actorOf } from './http.ts';
import { authorize } from './policy.ts';
import { scopeOf } from './scope.ts';

export function auditRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/audit', async (request): Promise<AuditList> => {
    const actor = actorOf(request);
    authorize(actor, 'audit.read');
    const { page, pageSize } = AuditQuery.parse(request.query);
    return listAuditInScope(db, scopeOf(actor), page, pageSize);
  });
}
