// The care children as the API shows them (GET /api/care/children). Shared with the web client.
import { z } from 'zod';
import { pageOf, PageQuery } from '../platform/api.schema.ts';

export const CareListQuery = PageQuery.extend({ full: z.enum(['0', '1']).optional() });
export const CareItem = z.object({
  studentNo: z.string(), // masked (a G-form 学籍号 carries the ID number) unless the role reads full details
  name: z.string(),
  schoolCode: z.string(),
  categories: z.array(z.string()),
  mentor: z.string().nullable(),
  visitsThisTerm: z.number().int(),
});
export const CareList = pageOf(CareItem);
export type CareList = z.infer<typeof CareList>;
