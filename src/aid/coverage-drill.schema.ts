// 应助尽助 coverage drill-down as the API shows it: one level (county → township → school → the
// entitled students of one school) with the rows of the level below. Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';

export const DRILL_LEVELS = ['county', 'township', 'school'] as const;
export type DrillLevel = (typeof DRILL_LEVELS)[number];

export const CoverageDrillQuery = z.object({
  schoolYear: z.coerce.number().int().min(2000).max(2100),
  term: z.enum(['秋季', '春季']),
  level: z.enum(DRILL_LEVELS).optional(),
  code: z.string().regex(/^\d{6,12}$/).optional(),
});

export const DrillFigures = z.object({ entitled: z.number(), batched: z.number(), paid: z.number(), rate: z.number().nullable() });
export type DrillFigures = z.infer<typeof DrillFigures>;

export const DrillRow = DrillFigures.extend({ level: z.enum(DRILL_LEVELS), code: z.string(), name: z.string() });
export type DrillRow = z.infer<typeof DrillRow>;

export const DrillStudent = z.object({ studentNo: z.string(), name: z.string(), itemName: z.string(), batched: z.boolean(), paid: z.boolean(), payStatus: z.string() });
export type DrillStudent = z.infer<typeof DrillStudent>;

export const CoverageDrill = z.object({
  level: z.enum(DRILL_LEVELS),
  code: z.string(),
  name: z.string(),
  /** the levels above, from the highest the user may see, each a link back up */
  trail: z.array(z.object({ level: z.enum(DRILL_LEVELS), code: z.string(), name: z.string() })),
  total: DrillFigures,
  /** the level below (townships of a county, schools of a township); empty at a school */
  rows: z.array(DrillRow),
  /** at a school: its entitled students, unpaid first */
  students: z.array(DrillStudent),
});
export type CoverageDrill = z.infer<typeof CoverageDrill>;

/** Columns the table of the level below sorts by; lowest rate first when none is asked. */
export const DRILL_ROW_SORTS = ['name', 'entitled', 'batched', 'paid', 'rate'] as const;
/** The table of the level below a county or township: the node, a name filter, sort and page. */
export const DrillRowsQuery = CoverageDrillQuery.merge(PageQuery).extend({ q: optionalText(40), sort: sortParam(DRILL_ROW_SORTS) });
export type DrillRowsQuery = z.infer<typeof DrillRowsQuery>;
export const DrillRowList = pageOf(DrillRow);
export type DrillRowList = z.infer<typeof DrillRowList>;

/** The students of a school by pay state: paid 已发放, batched 在批次中未发放, unbatched 未纳入批次. */
export const DRILL_STUDENT_STATES = ['paid', 'batched', 'unbatched'] as const;
/** Columns a school's students sort by; unpaid first when none is asked. */
export const DRILL_STUDENT_SORTS = ['name', 'item', 'status'] as const;
/** A school's entitled students: the school, a name's beginning, a pay state, sort and page. */
export const DrillStudentsQuery = PageQuery.extend({
  schoolYear: CoverageDrillQuery.shape.schoolYear,
  term: CoverageDrillQuery.shape.term,
  code: z.string().regex(/^\d{10}$/).optional(),
  q: optionalText(40),
  state: z.enum(DRILL_STUDENT_STATES).optional(),
  sort: sortParam(DRILL_STUDENT_SORTS),
});
export type DrillStudentsQuery = z.infer<typeof DrillStudentsQuery>;
export const DrillStudentList = pageOf(DrillStudent);
export type DrillStudentList = z.infer<typeof DrillStudentList>;
