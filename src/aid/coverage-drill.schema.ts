// 应助尽助 coverage drill-down as the API shows it: one level (county → township → school → the
// entitled students of one school) with the rows of the level below. Shared with the web client.
import { z } from 'zod';

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
