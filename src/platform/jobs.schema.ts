// Persisted jobs (imports and match runs from the browser) as the API shows them. Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from './api.schema.ts';
import { sortParam } from './list-sort.ts';

export const JOB_STATUS_LABELS: Record<string, string> = { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' };
export const JOB_LIST_LABELS: Record<string, string> = { schools: '学校名单', students: '学籍名单', households: '困难家庭名单', teachers: '教师花名册' };

export const ImportJobQuery = z.object({
  list: z.enum(['schools', 'students', 'households', 'teachers']),
  listKind: optionalText(8),
  fileName: z.string().trim().min(1).max(200),
});

export const MatchJobBody = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100) });

/** Columns the job list sorts by; newest first when none is asked. */
export const JOB_SORTS = ['createdAt', 'status', 'actor'] as const;

export const JobListQuery = PageQuery.extend({
  kind: z.enum(['import', 'match', 'inspection']).optional(),
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  sort: sortParam(JOB_SORTS),
});
export type JobListQuery = z.infer<typeof JobListQuery>;
export const JobParams = z.object({ id: z.string().uuid() });

export const JobItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(), // 导入 学籍名单 / 比对
  fileName: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  statusLabel: z.string(),
  progress: z.number(),
  message: z.string().nullable(),
  result: z
    .object({
      inserted: z.number().optional(),
      updated: z.number().optional(),
      unchanged: z.number().optional(),
      rejected: z.number().optional(),
      warnings: z.number().optional(),
      rows: z.number().optional(),
      auto: z.number().optional(),
      review: z.number().optional(),
      unmatched: z.number().optional(),
      /** the inspection pack: its files and its indicators met, not met, without data */
      files: z.number().optional(),
      met: z.number().optional(),
      notMet: z.number().optional(),
      noData: z.number().optional(),
    })
    .passthrough()
    .nullable(),
  error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
  hasErrorsFile: z.boolean(),
  actor: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobItem = z.infer<typeof JobItem>;
export const JobList = pageOf(JobItem);
export type JobList = z.infer<typeof JobList>;
