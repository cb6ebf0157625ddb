// GET /api/audit (审计日志): administrators see everything, inspectors their region.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AuditQuery, type AuditItem } from './audit.schema.ts';
import { shanghaiDateTime } from '../kernel/dates.ts';
import { answerList, type ListSpec } from './list-export.ts';
import { listAuditInScope } from './audit.repository.ts';
import { actorOf } from './http.ts';
import { authorize } from './policy.ts';
import { scopeOf } from './scope.ts';

/** 审计日志.xlsx: targets and details masked again on the way out, as in the list. */
const AUDIT_EXPORT: ListSpec<AuditItem> = {
  name: '审计日志',
  columns: [
    { header: '时间', value: (a) => shanghaiDateTime(a.at), text: true },
    { header: '用户', value: (a) => a.user },
    { header: '操作', value: (a) => a.action },
    { header: '对象', value: (a) => a.target },
    { header: '详情', value: (a) => a.detail },
  ],
};

export function auditRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/audit', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'audit.read');
    return answerList(request, reply, db, AuditQuery.parse(request.query), (q) => listAuditInScope(db, scopeOf(actor), q.page, q.pageSize, { action: q.action, actor: q.user, sort: q.sort }), AUDIT_EXPORT);
  });
}
