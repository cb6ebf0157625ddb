// 我的任务 as the API shows it (GET /api/tasks). Shared with the web client.
import { z } from 'zod';

export const TaskItem = z.object({
  kind: z.enum(['case', 'absence', 'care']),
  title: z.string(),
  detail: z.string(),
  due: z.string(),
  level: z.enum(['urgent', 'due', 'later']),
  name: z.string(),
  /** the case to open (kind case) */
  caseNo: z.string().nullable(),
  /** opaque reference of the child (absence: the student; care: the cared child) */
  childId: z.string().nullable(),
});
export type TaskItem = z.infer<typeof TaskItem>;
export const TaskList = z.object({ items: z.array(TaskItem), total: z.number().int(), today: z.string() });
export type TaskList = z.infer<typeof TaskList>;
