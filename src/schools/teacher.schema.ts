// 教师队伍 over HTTP: the roster, training, rotation, moves (交流轮岗 / 支教 / 特岗), payables and
// long-service honours as the API shows them. Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';
import { MOVE_KINDS } from './teacher-moves.rules.ts';

const schoolYear = z.coerce.number().int().min(2000).max(2100).optional();

/** Columns the roster sorts by. */
export const TEACHER_SORTS = ['name', 'school', 'hours', 'standardHours', 'years'] as const;

export const TeacherListQuery = PageQuery.extend({
  q: optionalText(),
  school: optionalText(10),
  /** 乡村教师: 1 yes, 0 no */
  village: z.enum(['0', '1']).optional(),
  title: optionalText(),
  /** continuing: below 80 学时; standard: below 24 规范性学时 */
  below: z.enum(['continuing', 'standard']).optional(),
  full: z.enum(['0', '1']).optional(),
  sort: sortParam(TEACHER_SORTS),
});
export type TeacherListQuery = z.infer<typeof TeacherListQuery>;

export const TeacherItem = z.object({
  /** opaque reference (the teacher key is an ID number: never in a URL) */
  id: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(), // masked unless the role reads full details
  schoolCode: z.string(),
  schoolName: z.string(),
  education: z.string().nullable(),
  title: z.string().nullable(),
  village: z.boolean(),
  startMonth: z.string().nullable(),
  years: z.number().nullable(),
  trainingHours: z.number().nullable(),
  standardHours: z.number().nullable(),
  continuingMet: z.boolean(),
  standardMet: z.boolean(),
});
export type TeacherItem = z.infer<typeof TeacherItem>;
export const TeacherList = pageOf(TeacherItem);
export type TeacherList = z.infer<typeof TeacherList>;

export const SchoolYearQuery = z.object({ schoolYear });

export const TrainingSchool = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  teachers: z.number().int(),
  continuingMet: z.number().int(),
  standardMet: z.number().int(),
  village: z.number().int(),
  villageTrained: z.number().int(),
  /** % of the school's 乡村教师 trained this year; null without village teachers */
  villageRate: z.number().nullable(),
  /** below the ≥ 85% target */
  behind: z.boolean(),
});
export const TrainingReport = z.object({
  schoolYear: z.number().int(),
  minContinuing: z.number(),
  minStandard: z.number(),
  villageTarget: z.number(),
  totals: TrainingSchool.omit({ schoolCode: true, schoolName: true }),
  schools: z.array(TrainingSchool),
});
export type TrainingReport = z.infer<typeof TrainingReport>;

export const RotationSchool = z.object({
  schoolCode: z.string(),
  schoolName: z.string(),
  county: z.string(),
  eligible: z.number().int(),
  rotated: z.number().int(),
  backbone: z.number().int(),
  rate: z.number().nullable(),
  target: z.number(),
  behind: z.boolean(),
});
export const RotationCounty = z.object({
  county: z.string(),
  eligible: z.number().int(),
  rotated: z.number().int(),
  backbone: z.number().int(),
  rate: z.number().nullable(),
  backboneShare: z.number().nullable(),
  target: z.number(),
  meets: z.boolean(),
});
export const RotationReport = z.object({
  schoolYear: z.number().int(),
  backboneTarget: z.number(),
  counties: z.array(RotationCounty),
  schools: z.array(RotationSchool),
  /** codes of the schools below the county's target */
  behind: z.array(z.string()),
  supportTeaching: z.number().int(),
  specialPostHires: z.number().int(),
});
export type RotationReport = z.infer<typeof RotationReport>;

export const MoveListQuery = PageQuery.extend({ schoolYear, kind: z.enum(MOVE_KINDS).optional() });
export type MoveListQuery = z.infer<typeof MoveListQuery>;
export const MoveItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  fromSchool: z.string().nullable(),
  fromName: z.string().nullable(),
  toSchool: z.string(),
  toName: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  schoolYear: z.number().int(),
  backbone: z.boolean(),
  note: z.string(),
});
export type MoveItem = z.infer<typeof MoveItem>;
export const MoveList = pageOf(MoveItem);
export type MoveList = z.infer<typeof MoveList>;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 年-月-日');
export const MoveBody = z.object({
  /** the teacher: the roster's opaque reference (or an ID number, for scripts) */
  teacher: z.string().trim().min(1).max(200),
  kind: z.enum(MOVE_KINDS),
  from: optionalText(10),
  to: z.string().trim().regex(/^\d{10}$/, '学校标识码应为 10 位数字'),
  start: date,
  end: z.preprocess((v) => (v === '' || v === null ? undefined : v), date.optional()),
  schoolYear: z.coerce.number().int().min(2000).max(2100),
  note: optionalText(500),
});
export type MoveBody = z.infer<typeof MoveBody>;
export const MoveAnswer = z.object({ ok: z.literal(true), move: z.number().int(), teacher: z.string(), kind: z.string(), backbone: z.boolean() });
export type MoveAnswer = z.infer<typeof MoveAnswer>;

export const PayableListQuery = PageQuery.extend({
  period: z.string().trim().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '期间应为 年-月（每月补贴）或 学年（学费补偿）').optional(),
  status: z.enum(['待发放', '已发放', '发放失败']).optional(),
});
export type PayableListQuery = z.infer<typeof PayableListQuery>;
export const PayableItem = z.object({
  id: z.number().int(),
  schoolCode: z.string(),
  schoolName: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  item: z.string(),
  period: z.string(),
  amount: z.number(),
  status: z.string(),
  paidOn: z.string().nullable(),
  payNote: z.string().nullable(),
  basis: z.string(),
});
export type PayableItem = z.infer<typeof PayableItem>;
export const PayableList = pageOf(PayableItem).extend({
  /** yuan of the whole filtered list by status */
  amounts: z.object({ due: z.number(), paid: z.number(), failed: z.number() }),
});
export type PayableList = z.infer<typeof PayableList>;

export const HonourItem = z.object({
  name: z.string(),
  idNumber: z.string().nullable(),
  schoolCode: z.string(),
  schoolName: z.string(),
  startMonth: z.string().nullable(),
  years: z.number().int(),
  honour: z.number().int(),
});
export const HonourList = z.object({ schoolYear: z.number().int(), items: z.array(HonourItem), total: z.number().int() });
export type HonourList = z.infer<typeof HonourList>;

/** POST /api/teachers/payables/generate: the monthly subsidies of a month, or the tuition refunds of a school year. */
export const PayableGenerateBody = z.object({
  month: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 年-月，如 2026-03 / the month is year-month, e.g. 2026-03').optional(),
  schoolYear: z.number().int().min(2000).max(2100).optional(),
});
export const PayableGenerateAnswer = z.object({ ok: z.literal(true), period: z.string(), due: z.number().int(), created: z.number().int(), existing: z.number().int(), amount: z.number() });
export type PayableGenerateAnswer = z.infer<typeof PayableGenerateAnswer>;

/**
 * POST /api/teachers/payables/pay (refused since teacher batches: 409 TEACHER_PAY_BY_BATCH; payables
 * are paid through POST /api/aid/batches {kind:'teacher'}): the body it used to take, kept for clients.
 */
export const PayablePayBody = z
  .object({
    ids: z.array(z.number().int().min(1)).min(1).max(5000).optional(),
    period: z.string().trim().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '期间应为 年-月（每月补贴）或 学年（学费补偿）/ the period is year-month or a school year').optional(),
    date: z.string().trim().min(1).max(20),
    result: z.enum(['已发放', '发放失败']).default('已发放'),
    note: z.string().trim().min(1, '请写明凭据（银行回单号、签收表等）或失败原因 / name the proof or the reason').max(500),
  })
  .refine((b) => Boolean(b.ids) !== Boolean(b.period), { message: '请给出应付项目编号或期间其中之一 / give either ids or a period', path: ['period'] });
export const PayablePayAnswer = z.object({ ok: z.literal(true), rows: z.number().int(), status: z.string(), amount: z.number() });
export type PayablePayAnswer = z.infer<typeof PayablePayAnswer>;
