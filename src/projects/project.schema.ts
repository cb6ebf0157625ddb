// 项目台账 over HTTP: the ledger lines of the user's scope and a spending from one fund source.
// Shared with the web client.
import { z } from 'zod';

export const ProjectFundLine = z.object({ source: z.string(), budget: z.number(), spent: z.number(), posted: z.number() });
export const ProjectItem = z.object({
  id: z.number().int(),
  schoolCode: z.string(),
  schoolName: z.string(),
  name: z.string(),
  kind: z.string(),
  budget: z.number(),
  percent: z.number().int(),
  status: z.string(),
  plannedEnd: z.string().nullable(),
  lastDispatch: z.string().nullable(),
  dispatchedThisMonth: z.boolean(),
  funds: z.array(ProjectFundLine),
  acceptance: z.string(),
});
export type ProjectItem = z.infer<typeof ProjectItem>;
export const ProjectList = z.object({ items: z.array(ProjectItem), total: z.number().int() });
export type ProjectList = z.infer<typeof ProjectList>;

export const ProjectParams = z.object({ id: z.coerce.number().int().positive() });
export const ProjectSpendingBody = z.object({
  source: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  yuan: z.union([z.number().positive(), z.string().min(1)]),
  purpose: z.string().min(1).max(200),
});
export const ProjectSpendingAnswer = z.object({ ok: z.literal(true), project: z.number(), spending: z.number(), source: z.string(), spent: z.number(), remaining: z.number() });
export type ProjectSpendingAnswer = z.infer<typeof ProjectSpendingAnswer>;
