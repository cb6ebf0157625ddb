// 结对帮扶 and 遍访 as the API shows them: the pairings a user sees (GET /api/care/pairings), one
// household with its visits, a visit logged (POST …/visits) and the coverage report. Shared with the web client.
import { z } from 'zod';
import { pageOf, PageQuery } from '../platform/api.schema.ts';
import { HOUSEHOLD_VISIT_KINDS } from './pairing.rules.ts';

export const PairingItem = z.object({
  /** opaque reference for URLs */
  id: z.string(),
  /** 户编号, as the role may see it (a teacher: not sent) */
  household: z.string().nullable(),
  headName: z.string(),
  township: z.string(),
  /** the township's name (the regions table), or its code when it has none */
  townshipName: z.string(),
  helper: z.string(),
  helperRole: z.string(),
  schoolCode: z.string().nullable(),
  visitsThisTerm: z.number().int(),
  lastVisit: z.string().nullable(),
});
export type PairingItem = z.infer<typeof PairingItem>;
export const PairingList = pageOf(PairingItem);
export type PairingList = z.infer<typeof PairingList>;
export const PairingListQuery = PageQuery;
export const PairingParams = z.object({ id: z.string().trim().min(1).max(200) });

export const PairingDetail = PairingItem.extend({
  /** the household's children (names and birth dates: whom the helper visits) */
  children: z.array(z.object({ name: z.string(), birthDate: z.string().nullable() })),
  visits: z.array(z.object({ date: z.string(), kind: z.string(), by: z.string(), note: z.string() })),
});
export type PairingDetail = z.infer<typeof PairingDetail>;

export const HouseholdVisitBody = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 年-月-日'),
  kind: z.enum(HOUSEHOLD_VISIT_KINDS),
  note: z.string().trim().min(1).max(1000),
});
export type HouseholdVisitBody = z.infer<typeof HouseholdVisitBody>;
export const HouseholdVisitAnswer = z.object({ ok: z.literal(true), date: z.string(), kind: z.string() });
export type HouseholdVisitAnswer = z.infer<typeof HouseholdVisitAnswer>;

export const VisitCoverageQuery = z.object({
  schoolYear: z.coerce.number().int().min(2000).max(2100).optional(),
  term: z.enum(['秋季', '春季']).optional(),
});
export const VisitCoverageLine = z.object({
  level: z.enum(['学校', '乡镇']),
  code: z.string(),
  name: z.string(),
  households: z.number().int(),
  paired: z.number().int(),
  visited: z.number().int(),
  coverage: z.number().nullable(),
  leftBehind: z.number().int(),
  leftBehindVisited: z.number().int(),
  leftBehindCoverage: z.number().nullable(),
});
export const VisitCoverage = z.object({ schoolYear: z.number().int(), term: z.string(), lines: z.array(VisitCoverageLine) });
export type VisitCoverage = z.infer<typeof VisitCoverage>;
