// Disbursement batches and coverage as the API shows them (发放批次, 覆盖率). Shared with the web client.
import { sortParam } from '../platform/list-sort.ts';
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';

const Term = z.enum(['秋季', '春季']);

/** Columns the batch list sorts by; newest first when none is asked. */
export const BATCH_SORTS = ['id', 'status', 'amount', 'rows'] as const;
/** Whose rows a batch holds: students' aid (资助) or teachers' subsidies (教师补助). */
export const PAYEE_KINDS = ['student', 'teacher'] as const;
export const PayeeKind = z.enum(PAYEE_KINDS);
export const BatchListQuery = PageQuery.extend({ schoolYear: z.coerce.number().int().min(2000).max(2100).optional(), term: z.enum(['秋季', '春季', '全年']).optional(), kind: PayeeKind.optional(), sort: sortParam(BATCH_SORTS) });
export type BatchListQuery = z.infer<typeof BatchListQuery>;
/** A student batch: schoolYear and term (and an item); a teacher batch: kind 'teacher' and the payables' period (YYYY-MM or YYYY). */
export const CreateBatchBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('student'), schoolYear: z.coerce.number().int().min(2000).max(2100), term: Term, item: optionalText(64) }),
  z.object({ kind: z.literal('teacher'), period: z.string().trim().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '期间应为 年-月 或 学年 / period must be YYYY-MM or YYYY') }),
]);
/** The body as sent: without `kind` it is a student batch (as before teacher batches existed). */
export const CreateBatchInput = z.preprocess((v) => (v && typeof v === 'object' && !('kind' in v) ? { ...v, kind: 'student' } : v), CreateBatchBody);
export const BatchParams = z.object({ id: z.coerce.number().int().positive() });
/** A batch row's pay status as a filter: paid 已发放, unpaid 待发放, returned 发放失败 (the bank sent it back). */
export const PAY_FILTERS = { paid: '已发放', unpaid: '待发放', returned: '发放失败' } as const;
export type PayFilter = keyof typeof PAY_FILTERS;
/** Columns a batch's rows sort by; by 序号 when none is asked. */
export const BATCH_LINE_SORTS = ['seq', 'name', 'school', 'amount', 'status'] as const;
/**
 * A batch's rows: q (name or school contains, as before), name (a name's beginning), school (its
 * code), status (paid / unpaid / returned), sort and page.
 */
export const BatchLinesQuery = PageQuery.extend({
  q: optionalText(),
  name: optionalText(40),
  school: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().regex(/^\d{10}$/).optional()),
  status: z.enum(Object.keys(PAY_FILTERS) as [PayFilter, ...PayFilter[]]).optional(),
  sort: sortParam(BATCH_LINE_SORTS),
});
export type BatchLinesQuery = z.infer<typeof BatchLinesQuery>;
export const NoticeBody = z.object({ days: z.coerce.number().int().min(5).max(30).default(5), contact: optionalText(100) });
export const NoticeFileQuery = z.object({ format: z.enum(['pdf', 'xlsx']).default('pdf') });
export const ObjectionBody = z.object({ text: z.string().trim().min(1).max(500), studentNo: optionalText(40) });
export const AnswerBody = z.object({ text: z.string().trim().min(1).max(500) });
export const CancelBody = z.object({ reason: z.string().trim().min(1).max(200) });
export const PayFileQuery = z.object({ full: z.enum(['0', '1']).optional() });
export const BankResultQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const CoverageQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100), term: Term });

export const BatchItem = z.object({
  id: z.number(),
  schoolYear: z.number(),
  term: z.string(),
  item: z.string().nullable(),
  kind: PayeeKind,
  /** a teacher batch's payables period */
  period: z.string().nullable(),
  status: z.string(),
  rows: z.number(),
  amount: z.number(), // yuan
  noticeStart: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type BatchItem = z.infer<typeof BatchItem>;
export const BatchList = pageOf(BatchItem);
export type BatchList = z.infer<typeof BatchList>;

export const BatchLineItem = z.object({
  line: z.number(),
  seq: z.number(),
  studentNo: z.string(), // masked as the role sees it (a teacher batch: the teacher's ID number, masked)
  name: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  itemName: z.string(),
  amount: z.number(),
  payStatus: z.string(),
  failReason: z.string().nullable(),
});
export const ObjectionItem = z.object({ id: z.number(), text: z.string(), raisedAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable(), due: z.string().nullable() });
export type BatchLineItem = z.infer<typeof BatchLineItem>;
export const BatchLineList = pageOf(BatchLineItem);
export type BatchLineList = z.infer<typeof BatchLineList>;
export const BatchDetail = BatchItem.extend({
  lines: pageOf(BatchLineItem),
  objections: z.array(ObjectionItem),
  payCounts: z.record(z.string(), z.number()),
});
export type BatchDetail = z.infer<typeof BatchDetail>;

export const CoverageItem = z.object({
  level: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  countyCode: z.string(),
  itemName: z.string(),
  entitled: z.number(),
  batched: z.number(),
  paid: z.number(),
  rate: z.number().nullable(), // paid / entitled, 0..1
});
export const Coverage = z.object({ items: z.array(CoverageItem), entitled: z.number(), paid: z.number(), rate: z.number().nullable() });
export type Coverage = z.infer<typeof Coverage>;
