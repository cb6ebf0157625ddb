// GET /api/dashboard (概览) for the actor's scope.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Dashboard } from './dashboard.schema.ts';
import { dashboardOf } from './dashboard.service.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';

export function dashboardRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/dashboard', async (request): Promise<Dashboard> => {
    const actor = actorOf(request);
    authorize(actor, 'dashboard.read');
    return dashboardOf(db, scopeOf(actor));
  });
}
