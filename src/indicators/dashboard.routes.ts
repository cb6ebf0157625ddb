// GET /api/dashboard (概览) for the actor's scope.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Dashboard } from './dashboard.schema.ts';
import { dashboardOf } from './dashboard.service.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { dataStamp, readCacheOf } from '../platform/read-cache.ts';
import { today } from '../kernel/clock.ts';

export function dashboardRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/dashboard', async (request): Promise<Dashboard> => {
    const actor = actorOf(request);
    authorize(actor, 'dashboard.read');
    const scope = scopeOf(actor);
    // one computation per scope until the counted data changes (read-cache.ts); the date is part of the key (ages, school year)
    return readCacheOf(db).get(`dashboard|${JSON.stringify(scope)}|${today()}`, await dataStamp(db), () => dashboardOf(db, scope));
  });
}
