// 我的任务 as the API shows it (GET /api/tasks). Shared with the web client.
import { z } from 'zod';
import { PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';

export const TASK_KINDS = ['case', 'absence', 'care'] as const;
export const TASK_LEVELS = ['urgent', 'due', 'later'] as const;

export const TaskItem = z.object({
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  detail: z.string(),
  due: z.string(),
  level: z.enum(TASK_LEVELS),
  name: z.string(),
  /** the case to open (kind case) */
  caseNo: z.string().nullable(),
  /** opaque reference of the child (absence: the student; care: the cared child) */
  childId: z.string().nullable(),
});
export type TaskItem = z.infer<typeof TaskItem>;

/** Columns 我的任务 sorts by; most pressing first (level, then due) when none is asked. */
export const TASK_SORTS = ['level', 'due', 'kind', 'name'] as const;
export const TaskListQuery = PageQuery.extend({ kind: z.enum(TASK_KINDS).optional(), level: z.enum(TASK_LEVELS).optional(), sort: sortParam(TASK_SORTS) });
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/** total: the tasks the filters leave; urgent: how many of all the user's tasks are urgent. */
export const TaskList = z.object({ items: z.array(TaskItem), total: z.number().int(), urgent: z.number().int(), today: z.string() });
export type TaskList = z.infer<typeof TaskList>;
