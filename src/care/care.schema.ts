// The care children as the API shows them (GET /api/care/children, GET /api/care/children/:id) and
// the visit a teacher logs (POST /api/care/children/:id/visits). Shared with the web client.
import { sortParam } from '../platform/list-sort.ts';
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';
import { VISIT_KINDS } from './care.columns.ts';

/** Columns the list of cared children sorts by. */
export const CARE_SORTS = ['name', 'school', 'mentor'] as const;

export const CareListQuery = PageQuery.extend({ full: z.enum(['0', '1']).optional(), q: optionalText(), sort: sortParam(CARE_SORTS) });
export type CareListQuery = z.infer<typeof CareListQuery>;
export const CareItem = z.object({
  /** opaque reference for URLs (a G-form 学籍号 is the ID number: never in a URL) */
  id: z.string(),
  studentNo: z.string(), // masked (a G-form 学籍号 carries the ID number) unless the role reads full details
  name: z.string(),
  schoolCode: z.string(),
  categories: z.array(z.string()),
  mentor: z.string().nullable(),
  visitsThisTerm: z.number().int(),
});
export const CareList = pageOf(CareItem);
export type CareList = z.infer<typeof CareList>;
export type CareItem = z.infer<typeof CareItem>;

export const CareParams = z.object({ id: z.string().trim().min(1).max(200) });

export const CareVisitRecord = z.object({ date: z.string(), kind: z.string(), by: z.string(), note: z.string() });

export const CareChildDetail = CareItem.extend({
  schoolName: z.string().nullable(),
  mentorKind: z.string().nullable(),
  parentsWorkPlace: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianRelation: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  health: z.string().nullable(),
  boarding: z.boolean().nullable(),
  lastVisit: z.string().nullable(),
  visits: z.array(CareVisitRecord),
});
export type CareChildDetail = z.infer<typeof CareChildDetail>;

export const CareVisitBody = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 年-月-日'),
  kind: z.enum(VISIT_KINDS),
  note: z.string().trim().min(1).max(1000),
  /** the teacher who visited: a teacher logs their own visit; a school or county user names the teacher (default the mentor) */
  by: z.string().trim().max(64).optional(),
});
export type CareVisitBody = z.infer<typeof CareVisitBody>;
export const CareVisitAnswer = z.object({ ok: z.literal(true), date: z.string(), kind: z.string() });
export type CareVisitAnswer = z.infer<typeof CareVisitAnswer>;
