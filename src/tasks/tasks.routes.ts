// GET /api/tasks: 我的任务 of the signed-in user (tasks.service.ts), within their scope.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { today } from '../kernel/clock.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { TaskListQuery, type TaskItem } from './tasks.schema.ts';
import { tasksOf } from './tasks.service.ts';

const LEVEL_ZH: Record<TaskItem['level'], string> = { urgent: '紧急', due: '近期', later: '待办' };
const KIND_ZH: Record<TaskItem['kind'], string> = { case: '控辍保学案件', absence: '缺勤预警', care: '关爱走访' };

/** 我的任务.xlsx: the tasks as the list shows them (a name, never an ID number, rides on a task). */
const TASK_EXPORT: ListSpec<TaskItem> = {
  name: '我的任务',
  columns: [
    { header: '紧急程度', value: (t) => LEVEL_ZH[t.level] },
    { header: '类别', value: (t) => KIND_ZH[t.kind] },
    { header: '任务', value: (t) => t.title },
    { header: '说明', value: (t) => t.detail },
    { header: '期限', value: (t) => t.due, text: true },
    { header: '姓名', value: (t) => t.name },
    { header: '案件编号', value: (t) => t.caseNo, text: true },
  ],
};

export function taskRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/tasks', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'task.read');
    const day = today();
    return answerList(request, reply, db, TaskListQuery.parse(request.query), (q) => tasksOf(db, actor, refKeyOf(request), day, q), TASK_EXPORT);
  });
}
