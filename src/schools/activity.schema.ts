// Activity records and school pairings as the API shows them: the pairings with their minimums and
// 结对率 (GET /api/schools/pairings), the paged activity list and its filters (GET /api/activities),
// one activity with its plan and attachments, a new activity (POST /api/activities), an attachment
// added (the file as the raw body). Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';
import { ACTIVITY_KINDS } from './pairing.rules.ts';

export const PairingOverviewQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100).optional() });
export const PairingOverviewItem = z.object({
  id: z.number().int(),
  helperCode: z.string(),
  helperName: z.string(),
  helpedCode: z.string(),
  helpedName: z.string(),
  since: z.string(),
  counts: z.array(z.object({ type: z.string(), n: z.number().int() })),
  total: z.number().int(),
  /** each unmet minimum: '2025年秋季学期 联合教研 0/1' */
  behind: z.array(z.string()),
  compliant: z.boolean(),
});
export const PairingOverview = z.object({
  schoolYear: z.number().int(),
  items: z.array(PairingOverviewItem),
  minimums: z.array(z.object({ type: z.string(), per: z.string(), atLeast: z.number().int(), basis: z.string() })),
  pairedSchools: z.number().int(),
  schoolsToPair: z.number().int(),
  pairingRate: z.number().nullable(),
});
export type PairingOverview = z.infer<typeof PairingOverview>;

const day = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 年-月-日 / a date is year-month-day').optional());
export const ACTIVITY_SORT_KEYS = ['date', 'kind', 'school', 'title'] as const;
export const ActivityListQuery = PageQuery.extend({
  type: optionalText(20),
  school: optionalText(20),
  pairing: z.coerce.number().int().min(1).optional(),
  from: day,
  to: day,
  sort: sortParam(ACTIVITY_SORT_KEYS),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const Organiser = z.object({ person: z.string().trim().min(1).max(50), role: z.string().trim().max(30).default('成员'), duty: z.string().trim().min(1).max(200) });

export const ActivityItem = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string(),
  schoolCode: z.string().nullable(),
  schoolName: z.string().nullable(),
  pairing: z.number().int().nullable(),
  helperName: z.string().nullable(),
  date: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  place: z.string().nullable(),
  organisers: z.array(z.object({ person: z.string(), role: z.string(), duty: z.string() })),
  expected: z.number().int().nullable(),
  present: z.number().int().nullable(),
  attachments: z.number().int(),
  hasSummary: z.boolean(),
  /** the time of the last change: an edit or delete sends it back and is refused (409) if the record changed since */
  version: z.string(),
});
export type ActivityItem = z.infer<typeof ActivityItem>;
export const ActivityList = pageOf(ActivityItem);
export type ActivityList = z.infer<typeof ActivityList>;

export const ActivityDetail = ActivityItem.extend({
  goal: z.string().nullable(),
  participants: z.string().nullable(),
  arrangements: z.string().nullable(),
  safety: z.string().nullable(),
  summary: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
  files: z.array(z.object({ n: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int(), actor: z.string(), at: z.string() })),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

const text = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());
const count = z.preprocess((v) => (v === '' ? null : v), z.number().int().min(0).max(100_000).nullable().optional());
export const ActivityBody = z.object({
  type: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(100),
  pairing: z.number().int().min(1).nullable().optional(),
  school: text(20),
  goal: text(2000),
  start: z.string().trim().min(1).max(20),
  end: text(20),
  place: text(200),
  organisers: z.array(Organiser).max(30).default([]),
  participants: text(2000),
  expected: count,
  present: count,
  arrangements: text(4000),
  safety: text(4000),
  summary: text(4000),
});
export type ActivityBody = z.infer<typeof ActivityBody>;
/** PUT /api/activities/:id: the same fields but the school or pairing, and the version read. */
export const ActivityEditBody = ActivityBody.omit({ pairing: true, school: true }).extend({ version: z.string().trim().min(1).max(40) });
export type ActivityEditBody = z.infer<typeof ActivityEditBody>;
export const ActivityVersionQuery = z.object({ version: z.string().trim().min(1).max(40) });
export const ActivityEditAnswer = z.object({ ok: z.literal(true), activity: z.number().int(), version: z.string(), changed: z.array(z.string()) });
export type ActivityEditAnswer = z.infer<typeof ActivityEditAnswer>;
export const ActivityDeleteAnswer = z.object({ ok: z.literal(true), activity: z.number().int(), deleted: z.literal(true) });
export type ActivityDeleteAnswer = z.infer<typeof ActivityDeleteAnswer>;

/** POST /api/schools/pairings: a county pairs a helping school with a helped one. */
export const PairingBody = z.object({
  helper: z.string().trim().min(1).max(20),
  helped: z.string().trim().min(1).max(20),
  since: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(20).optional()),
});
export type PairingBody = z.infer<typeof PairingBody>;
export const PairingAnswer = z.object({ ok: z.literal(true), pairing: z.number().int(), helper: z.string(), helped: z.string() });
export type PairingAnswer = z.infer<typeof PairingAnswer>;
export const ActivityAnswer = z.object({ ok: z.literal(true), activity: z.number().int(), pairing: z.number().int().nullable(), school: z.string(), type: z.string(), date: z.string() });
export type ActivityAnswer = z.infer<typeof ActivityAnswer>;

export const ActivityParams = z.object({ id: z.coerce.number().int().min(1).max(2_000_000_000) });
export const AttachmentParams = ActivityParams.extend({ n: z.coerce.number().int().min(1).max(1000) });
export const AttachmentQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const AttachmentAnswer = z.object({ ok: z.literal(true), activity: z.number().int(), n: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int() });
export type AttachmentAnswer = z.infer<typeof AttachmentAnswer>;

export { ACTIVITY_KINDS };

/** POST /api/activities/import?fileName=: the list as the raw body (.xlsx, .xls or .csv). */
export const ActivityImportQuery = z.object({ fileName: z.string().trim().min(1).max(200).regex(/\.(xlsx|xls|csv|txt)$/i, '文件应为 .xlsx、.xls 或 .csv / the file must be .xlsx, .xls or .csv'), sheet: optionalText(100) });
export const ActivityImportAnswer = z.object({
  file: z.string(),
  encoding: z.string().nullable(),
  rows: z.number().int(),
  imported: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  unknownColumns: z.array(z.string()),
  errors: z.array(z.object({ file: z.string(), row: z.number().int(), column: z.string(), value: z.string(), reason: z.string(), reasonEn: z.string() })),
});
export type ActivityImportAnswer = z.infer<typeof ActivityImportAnswer>;
