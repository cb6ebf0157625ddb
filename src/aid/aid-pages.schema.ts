// The aid pages as the API shows them: 政策设置 (policy set, items, amount history), 资助名单
// (entitlements of a term), 困难认定 (recognitions) and 资助台账 (ledger by fund source). Shared
// with the web client, so the two cannot drift.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';
import { AID_KINDS, FUND_SOURCES, LIST_KINDS, TIERS } from './policy.schema.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
const Term = z.enum(['秋季', '春季']);

/** Columns the policy items sort by (the set's own order when none is asked). */
export const POLICY_ITEM_SORTS = ['code', 'name', 'kind', 'yuan', 'fundSource'] as const;
export const PolicyQuery = z.object({ schoolYear: Year, region: optionalText(12), sort: sortParam(POLICY_ITEM_SORTS), format: z.enum(['json', 'xlsx']).optional() });
export const PresetNames = ['wuhan', 'huangmei', 'rizhao', 'dingxi'] as const;
export const PolicyBuildBody = z.object({ schoolYear: Year, preset: z.enum(PresetNames).nullable(), name: optionalText(60), region: optionalText(12) });

/** An item as the console sends it: yuan, stages in any spelling (checked by policy-item.rules.ts), shares in percent. */
export const ItemBody = z.object({
  schoolYear: Year,
  region: optionalText(12),
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(AID_KINDS),
  stages: z.array(z.string().trim().min(1).max(20)).max(10),
  per: z.enum(['year', 'term', 'day', 'once', 'actual']),
  yuan: z.number().nullable(),
  lists: z.array(z.enum(LIST_KINDS)).optional(),
  householdTypes: z.array(z.string().trim().min(1).max(20)).nullish(),
  tiers: z.array(z.enum(TIERS)).optional(),
  boardingOnly: z.boolean().optional(),
  schoolTypes: z.array(z.string().trim().min(1).max(20)).nullish(),
  location: z.enum(['any', 'local', 'out-of-area']).optional(),
  fundSource: z.enum(FUND_SOURCES).optional(),
  shares: z.object({ 中央: z.number().optional(), 省: z.number().optional(), 市: z.number().optional(), 县: z.number().optional() }).optional(),
  outOfAreaPayer: z.enum(['school', 'home-county']).optional(),
  basis: z.string().trim().max(200),
  reason: optionalText(200),
});
export type ItemBody = z.infer<typeof ItemBody>;
export const ItemParams = z.object({ code: z.string().min(1).max(40) });
export const RetireBody = z.object({ schoolYear: Year, region: optionalText(12), reason: z.string().trim().min(1).max(200) });
export const DeadlineBody = z.object({ schoolYear: Year, region: optionalText(12), term: Term, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), reason: optionalText(200) });

export const PolicyItemView = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  stages: z.array(z.string()),
  per: z.string(),
  yuan: z.number().nullable(),
  amount: z.string(), // 1000 元/年, 据实, 待填写
  conditions: z.object({
    lists: z.array(z.string()),
    householdTypes: z.array(z.string()).nullable(),
    tiers: z.array(z.string()),
    boardingOnly: z.boolean(),
    schoolTypes: z.array(z.string()).nullable(),
    location: z.string(),
    schoolCodes: z.array(z.string()).nullable(),
  }),
  fundSource: z.string(),
  shares: z.record(z.string(), z.number()),
  outOfAreaPayer: z.string(),
  basis: z.string(),
  pending: z.string().nullable(),
  retired: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
  amountHistory: z.array(z.object({ version: z.number(), amount: z.string(), actor: z.string(), at: z.string(), reason: z.string().nullable() })),
});
export type PolicyItemView = z.infer<typeof PolicyItemView>;

export const PolicyView = z.object({
  exists: z.boolean(),
  /** whether this user may change the set shown (a county changes its own region's set) */
  editable: z.boolean(),
  schoolYear: z.number(),
  regionCode: z.string().nullable(),
  /** the region's name (the code when it has none) */
  regionName: z.string().nullable(),
  name: z.string().nullable(),
  preset: z.string().nullable(),
  version: z.number(),
  deadlines: z.object({ 秋季: z.string().optional(), 春季: z.string().optional() }),
  items: z.array(PolicyItemView),
  history: z.array(z.object({ version: z.number(), change: z.string(), reason: z.string().nullable(), actor: z.string(), at: z.string() })),
});
export type PolicyView = z.infer<typeof PolicyView>;

/** The policy's items as a table: paged and sorted on the server, filtered by name/code, kind and state. */
export const PolicyItemsQuery = PageQuery.extend({
  schoolYear: Year,
  region: optionalText(12),
  sort: sortParam(POLICY_ITEM_SORTS),
  q: optionalText(40),
  kind: z.enum(AID_KINDS).optional(),
  state: z.enum(['active', 'pending', 'retired']).optional(),
});
export type PolicyItemsQuery = z.infer<typeof PolicyItemsQuery>;
export const PolicyItemList = pageOf(PolicyItemView);
export type PolicyItemList = z.infer<typeof PolicyItemList>;
/** The set's 修改记录, newest first, paged. */
export const PolicyHistoryQuery = PageQuery.extend({ schoolYear: Year, region: optionalText(12) });
export type PolicyHistoryQuery = z.infer<typeof PolicyHistoryQuery>;
export const PolicyChange = PolicyView.shape.history.element;
export type PolicyChange = z.infer<typeof PolicyChange>;
export const PolicyHistoryList = pageOf(PolicyChange);

export const EntitlementQuery = PageQuery.extend({
  schoolYear: Year,
  term: Term,
  school: optionalText(10),
  item: optionalText(40),
  stage: optionalText(20),
  q: optionalText(40),
  status: z.enum(['active', 'stopped']).default('active'),
  /** xlsx: the same filtered list as a workbook (every page, at most EXPORT_LIMIT rows) */
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const ENTITLEMENT_EXPORT_LIMIT = 50_000;
export const EntitlementItem = z.object({
  studentNo: z.string(), // masked as the role sees it
  name: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  stage: z.string().nullable(),
  grade: z.string().nullable(),
  itemCode: z.string(),
  itemName: z.string(),
  kind: z.string(),
  amount: z.number().nullable(), // yuan for the term; null for 据实
  reason: z.string(),
  basis: z.string(),
  status: z.string(),
  stopReason: z.string().nullable(),
});
export const EntitlementList = pageOf(EntitlementItem).extend({ amount: z.number() });
export type EntitlementList = z.infer<typeof EntitlementList>;
export type EntitlementItem = z.infer<typeof EntitlementItem>;
export const ComputeBody = z.object({ schoolYear: Year, term: Term });

export const RecognitionQuery = PageQuery.extend({ schoolYear: Year, status: optionalText(10), q: optionalText(40) });
/** A 困难认定 as both the 认定 page and the student's file (一生一档) show it. */
export const RecognitionFields = z.object({
  status: z.string(),
  tier: z.string().nullable(),
  application: z.string(),
  decisionReason: z.string().nullable(),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export const RecognitionItem = z.object({
  id: z.string(), // opaque reference
  studentNo: z.string(),
  name: z.string(),
  schoolCode: z.string(),
  ...RecognitionFields.shape,
  noticeEnd: z.string().nullable(),
  filedAt: z.string().nullable(),
  objections: z.array(z.object({ id: z.number(), text: z.string(), raisedBy: z.string(), raisedAt: z.string(), answer: z.string().nullable(), outcome: z.string().nullable() })),
});
export const RecognitionList = pageOf(RecognitionItem);
export type RecognitionList = z.infer<typeof RecognitionList>;
export type RecognitionItem = z.infer<typeof RecognitionItem>;
export const ListedQuery = PageQuery.extend({ q: optionalText(40) });
export const ListedItem = z.object({ studentNo: z.string(), name: z.string(), schoolName: z.string(), lists: z.array(z.string()), tier: z.literal('特别困难'), basis: z.string() });
export const ListedList = pageOf(ListedItem);
export type ListedList = z.infer<typeof ListedList>;
export const ApplyBody = z.object({ schoolYear: Year, studentNo: z.string().trim().min(2).max(40), application: z.string().trim().min(2).max(500) });
export const DecideBody = z.object({ tier: z.enum([...TIERS, '不认定']), reason: optionalText(300) });
export const RecognitionParams = z.object({ id: z.string().min(3).max(200) });
export const RecognitionObjectionBody = z.object({ text: z.string().trim().min(2).max(500) });
export const RecognitionAnswerBody = z.object({ text: z.string().trim().min(2).max(500), outcome: z.enum(['keep', 'reopen']) });
export const ObjectionParams = z.object({ id: z.coerce.number().int().positive() });
export const YearBody = z.object({ schoolYear: Year, days: z.coerce.number().int().min(5).max(30).optional() });

/** Columns the ledger's tables sort by; by source / school code when none is asked. */
export const LEDGER_SORTS = ['name', 'count', 'amount'] as const;
/** The ledger; with format=xlsx the table named by `table` (source or school), sorted as shown. */
export const LedgerQuery = z.object({ schoolYear: Year, term: Term.optional(), sort: sortParam(LEDGER_SORTS), format: z.enum(['json', 'xlsx']).optional(), table: z.enum(['source', 'school']).default('school') });
const Levels = z.object({ 中央: z.number(), 省: z.number(), 市: z.number(), 县: z.number(), 未分担: z.number() });
export const LedgerView = z.object({
  payments: z.number(),
  amount: z.number(),
  byLevel: Levels,
  bySource: z.array(z.object({ fundSource: z.string(), itemName: z.string(), count: z.number(), amount: z.number(), byLevel: Levels })),
  bySchool: z.array(z.object({ schoolCode: z.string(), schoolName: z.string(), count: z.number(), amount: z.number(), byLevel: Levels })),
});
export type LedgerView = z.infer<typeof LedgerView>;
/** One of the ledger's tables (GET /api/aid/ledger/sources, /api/aid/ledger/schools): paged, sorted, filtered by name. */
export const LedgerTableQuery = PageQuery.extend({ schoolYear: Year, term: Term.optional(), sort: sortParam(LEDGER_SORTS), q: optionalText(40) });
export type LedgerTableQuery = z.infer<typeof LedgerTableQuery>;
export type LedgerSourceRow = LedgerView['bySource'][number];
export type LedgerSchoolRow = LedgerView['bySchool'][number];
export const LedgerSourceList = pageOf(LedgerView.shape.bySource.element);
export const LedgerSchoolList = pageOf(LedgerView.shape.bySchool.element);
export const SupervisionQuery = z.object({ schoolYear: Year, term: Term.optional(), format: z.enum(['xlsx', 'csv']).default('xlsx') });
