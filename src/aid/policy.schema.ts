// Aid policies as data: a policy set (one per region and school year) and its aid items, validated
// by zod when a preset is installed or an item edited. The entitlement rules read only these values.
import { z } from 'zod';
import { STAGES, type Stage } from '../kernel/stage.ts';

export { STAGES, type Stage };
export const AID_KINDS = ['减免', '补助', '助学金', '奖学金', '贷款', '应急救助'] as const;
export const LIST_KINDS = ['建档立卡', '低保', '特困', '孤儿', '残疾'] as const;
export const TIERS = ['特别困难', '比较困难', '一般困难'] as const;
export const FUND_LEVELS = ['中央', '省', '市', '县'] as const;
export const FUND_SOURCES = ['财政资金', '学生资助基金', '社会捐助'] as const;
export const TERMS = ['秋季', '春季'] as const;

export type AidKind = (typeof AID_KINDS)[number];
export type ListKind = (typeof LIST_KINDS)[number];
export type Tier = (typeof TIERS)[number];
export type AidTerm = (typeof TERMS)[number];

const fen = z.number().int().nonnegative();

/**
 * How much an item pays. `fen: null` is 待填写: the seed leaves the amount blank (武汉 篇一 "20xx元"),
 * so the item is installed but never paid until someone sets it. `actual` is 据实: a waiver at
 * the real fee (免学费) or a loan, recorded as an entitlement but not paid in cash by a batch.
 */
export const AmountSchema = z.discriminatedUnion('per', [
  z.object({ per: z.literal('year'), fen: fen.nullable(), termFen: z.object({ 秋季: fen, 春季: fen }).partial().optional() }),
  z.object({ per: z.literal('term'), fen: fen.nullable() }),
  z.object({ per: z.literal('day'), fen: fen.nullable() }),
  z.object({ per: z.literal('once'), fen: fen.nullable() }),
  z.object({ per: z.literal('actual'), capFen: fen.optional() }),
]);
export type Amount = z.infer<typeof AmountSchema>;

export const ConditionsSchema = z.object({
  /** Lists whose members qualify (any of them). */
  lists: z.array(z.enum(LIST_KINDS)).default([...LIST_KINDS]),
  /** 建档立卡 household types that qualify; absent = every type. */
  householdTypes: z.array(z.string().min(1)).optional(),
  /** Recognised tiers (家庭经济困难学生认定) that qualify; listed students count as 特别困难. */
  tiers: z.array(z.enum(TIERS)).default(['特别困难']),
  boardingOnly: z.boolean().default(false),
  schoolTypes: z.array(z.string().min(1)).optional(),
  /** 本地就读 / 外地就读 (hukou county versus school county). */
  location: z.enum(['any', 'local', 'out-of-area']).default('any'),
  /** Only these schools (e.g. 实行校车接送学校); an empty list means the list is still 待填写. */
  schoolCodes: z.array(z.string().regex(/^\d{10}$/)).optional(),
  /** 学籍状态 that qualify: 在读 by default. */
  statuses: z.array(z.string().min(1)).default(['在读']),
});

export const FundingSchema = z
  .object({
    source: z.enum(FUND_SOURCES).default('财政资金'),
    /** Shares by level of government in percent, summing to 100 (定西 篇3: 省:县 = 6:4). */
    shares: z.partialRecord(z.enum(FUND_LEVELS), z.number().int().min(0).max(100)).default({}),
  })
  .refine((f) => Object.keys(f.shares).length === 0 || Object.values(f.shares).reduce((a, b) => a + (b ?? 0), 0) === 100, {
    message: '各级分担比例之和必须为 100 / funding shares must sum to 100',
  });

export const AidItemSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/, '项目代码只能含小写字母、数字和连字符 / item code: a-z, 0-9, -'),
  name: z.string().min(1),
  kind: z.enum(AID_KINDS),
  stages: z.array(z.enum(STAGES)).min(1),
  amount: AmountSchema,
  conditions: ConditionsSchema.default(ConditionsSchema.parse({})),
  funding: FundingSchema.default({ source: '财政资金', shares: {} }),
  /** Who pays an out-of-area student: the school's own channel, or the home county to the family (日照 篇6). */
  outOfAreaPayer: z.enum(['school', 'home-county']).default('school'),
  /** 依据: the document and passage, shown with every entitlement it produces. */
  basis: z.string().min(4),
  /** 停止执行: a retired item stays in the set (and its history) but produces no entitlement. */
  retired: z.object({ at: z.string(), by: z.string(), reason: z.string().min(1) }).optional(),
});
export type AidItem = z.infer<typeof AidItemSchema>;
export type AidItemInput = z.input<typeof AidItemSchema>;

export const PolicySetSchema = z
  .object({
    name: z.string().min(1),
    preset: z.string().nullable().default(null),
    /** GB/T 2260 prefix of the region the set applies to; null = every student in this database. */
    regionCode: z.string().regex(/^\d{2,12}$/).nullable().default(null),
    schoolYear: z.number().int().min(2000).max(2100),
    /** 同一学段继续享受 (黄梅 篇二); 'keep' pays exited households as long as they are listed. */
    exitedHouseholds: z.enum(['same-stage', 'keep']).default('same-stage'),
    /** After this date a term's entitlements are locked (名单锁定). */
    deadlines: z.object({ 秋季: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), 春季: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).partial().default({}),
    items: z.array(AidItemSchema),
  })
  .refine((p) => new Set(p.items.map((i) => i.code)).size === p.items.length, { message: '资助项目代码重复 / duplicate item codes' });
export type PolicySet = z.infer<typeof PolicySetSchema>;
export type PolicySetInput = z.input<typeof PolicySetSchema>;

/** Whether an item pays cash that a disbursement batch can carry (a known amount, not 据实). */
export function isCashItem(item: AidItem): boolean {
  return item.amount.per !== 'actual';
}

/** 待填写: an amount (or a school list) the seed leaves blank, which must be set before paying. */
export function pendingReason(item: AidItem): string | null {
  if (item.amount.per !== 'actual' && item.amount.per !== 'once' && item.amount.fen === null) return '金额待填写';
  if (item.conditions.schoolCodes && item.conditions.schoolCodes.length === 0) return '适用学校名单待填写';
  return null;
}
