// The dropout case list as the API shows it (GET /api/dropout/cases). Shared with the web client.
import { sortParam } from '../platform/list-sort.ts';
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';

/** Columns the case ledger sorts by. */
export const CASE_SORTS = ['caseNo', 'name', 'status', 'township', 'openedAt'] as const;

export const CaseListQuery = PageQuery.extend({ status: optionalText(8), q: optionalText(), sort: sortParam(CASE_SORTS) });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseItem = z.object({
  caseNo: z.string(),
  name: z.string(),
  status: z.string(),
  township: z.string(), // 9-digit township code of the child's hukou
  townshipName: z.string(), // its name (the regions table), or the code when it has none
  sources: z.string(),
});
export const CaseList = pageOf(CaseItem);
export type CaseList = z.infer<typeof CaseList>;
