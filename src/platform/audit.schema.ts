// The audit log as the API shows it (审计日志). Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from './api.schema.ts';
import { sortParam } from './list-sort.ts';

/** Columns the audit log sorts by; newest first when none is asked. */
export const AUDIT_SORTS = ['at', 'user', 'action'] as const;

export const AuditQuery = PageQuery.extend({
  /** an action or its family ('match.' for every match decision) */
  action: optionalText(40),
  user: optionalText(64),
  sort: sortParam(AUDIT_SORTS),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditItem = z.object({ at: z.string(), user: z.string(), action: z.string(), target: z.string(), detail: z.string().nullable() });
export type AuditItem = z.infer<typeof AuditItem>;
export const AuditList = pageOf(AuditItem);
export type AuditList = z.infer<typeof AuditList>;
