// The audit log as the API shows it (审计日志). Shared with the web client.
import { z } from 'zod';
import { pageOf, PageQuery } from './api.schema.ts';

export const AuditQuery = PageQuery;

export const AuditItem = z.object({ at: z.string(), user: z.string(), action: z.string(), target: z.string(), detail: z.string().nullable() });
export const AuditList = pageOf(AuditItem);
export type AuditList = z.infer<typeof AuditList>;
