// 指标考核 over HTTP: the queries and answers of /api/indicators…. Shared with the web client.
import { z } from 'zod';
import { PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';

const SchoolYear = z.coerce.number().int().min(2000).max(2100);

export const IndicatorsQuery = z.object({
  schoolYear: SchoolYear.optional(),
  /** a region inside the caller's scope (6, 9 or 12 digits) */
  region: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/).optional(),
});

export const IndicatorCode = z.object({ code: z.string().regex(/^[a-z-]{2,64}$/) });

export const BREAKDOWN_LEVELS = ['township', 'school'] as const;
export const BREAKDOWN_SORTS = ['code', 'actual'] as const;
export const BreakdownQuery = PageQuery.extend({
  schoolYear: SchoolYear.optional(),
  level: z.enum(BREAKDOWN_LEVELS).default('township'),
  sort: sortParam(BREAKDOWN_SORTS),
});
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

/** POST /api/inspection-pack */
export const PackBody = z.object({ schoolYear: SchoolYear.optional() });

export const TrendQuery = z.object({ schoolYear: SchoolYear.optional(), years: z.coerce.number().int().min(1).max(10).default(3) });

export const EnterValue = z.object({
  schoolYear: SchoolYear,
  value: z.coerce.number(),
  evidence: z.string().trim().min(2, '须写明证据（文件、统计表或来源）').max(500),
});

const Fraction = z.object({ numerator: z.number(), denominator: z.number() });

export const IndicatorItem = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  /** 口径: numerator ÷ denominator */
  caliber: z.string(),
  numeratorText: z.string(),
  denominatorText: z.string(),
  source: z.string(),
  /** 政策依据 */
  basis: z.string(),
  target: z.object({ op: z.enum(['>=', '<=']), value: z.number(), note: z.string().nullable(), text: z.string() }),
  /** computed from data (true) or entered with evidence (false) */
  computed: z.boolean(),
  fraction: Fraction.nullable(),
  actual: z.number().nullable(),
  actualText: z.string(),
  met: z.boolean().nullable(),
  verdict: z.enum(['是', '否', '无数据', '未填报']),
  dataSource: z.string(),
  /** the latest entry (id: the entry evidence files are kept with) */
  entry: z.object({ id: z.number(), value: z.number(), evidence: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type IndicatorItem = z.infer<typeof IndicatorItem>;

export const IndicatorList = z.object({ schoolYear: z.number().int(), items: z.array(IndicatorItem) });
export type IndicatorList = z.infer<typeof IndicatorList>;

export const BreakdownRow = z.object({
  /** 9-digit township or 10-digit school code */
  code: z.string(),
  name: z.string(),
  target: z.number(),
  targetText: z.string(),
  actual: z.number().nullable(),
  actualText: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  met: z.boolean().nullable(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;
export const BreakdownPage = z.object({ items: z.array(BreakdownRow), total: z.number().int() });
export type BreakdownPage = z.infer<typeof BreakdownPage>;

export const IndicatorTrend = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.number(),
  points: z.array(z.object({ period: z.string(), schoolYear: z.number().int(), term: z.enum(['秋季', '春季']).nullable(), actual: z.number().nullable() })),
});
export type IndicatorTrend = z.infer<typeof IndicatorTrend>;

export const EnteredValue = z.object({ ok: z.literal(true), id: z.number(), indicator: z.string(), name: z.string(), schoolYear: z.number(), value: z.number(), by: z.string(), at: z.string() });
export type EnteredValue = z.infer<typeof EnteredValue>;

/** POST /api/indicators/:code/values/:id/evidence?fileName= (the file as the raw body) */
export const EvidenceParams = z.object({ code: z.string().regex(/^[a-z-]{2,64}$/), id: z.coerce.number().int().positive() });
export const EvidenceQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const EvidenceListQuery = z.object({ schoolYear: SchoolYear.optional() });
export const EvidenceId = z.object({ id: z.coerce.number().int().positive() });

export const EvidenceItem = z.object({ id: z.number(), valueId: z.number(), indicator: z.string(), schoolYear: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), by: z.string(), at: z.string() });
export type EvidenceItem = z.infer<typeof EvidenceItem>;
export const EvidenceListAnswer = z.object({ items: z.array(EvidenceItem) });
export type EvidenceListAnswer = z.infer<typeof EvidenceListAnswer>;
