// The dropout case list as the API shows it (GET /api/dropout/cases). Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';

export const CaseListQuery = PageQuery.extend({ status: optionalText(8) });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseItem = z.object({
  caseNo: z.string(),
  name: z.string(),
  status: z.string(),
  township: z.string(), // 9-digit township code of the child's hukou
  sources: z.string(),
});
export const CaseList = pageOf(CaseItem);
export type CaseList = z.infer<typeof CaseList>;
