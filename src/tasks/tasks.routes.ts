// GET /api/tasks: 我的任务 of the signed-in user (tasks.service.ts), within their scope.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { today } from '../kernel/clock.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import type { TaskList } from './tasks.schema.ts';
import { tasksOf } from './tasks.service.ts';

export function taskRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/tasks', async (request): Promise<TaskList> => {
    const actor = actorOf(request);
    authorize(actor, 'task.read');
    return tasksOf(db, actor, refKeyOf(request), today());
  });
}
