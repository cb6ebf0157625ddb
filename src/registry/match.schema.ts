// Match pairs for the review queue (比对复核): query, item with both sides, decision body.
import { z } from 'zod';
import { optionalText, PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';
import { MATCH_STATUSES } from './match-status.rules.ts';
import { DECISION_LEVELS } from './match-decision.rules.ts';

/** Columns the review queue sorts by; by confidence, highest first, when none is asked. */
export const MATCH_SORTS = ['confidence', 'studentName', 'school', 'memberName', 'household'] as const;

export const MatchListQuery = PageQuery.extend({
  status: z.enum(MATCH_STATUSES).optional(),
  q: optionalText(),
  sort: sortParam(MATCH_SORTS),
});
export type MatchListQuery = z.infer<typeof MatchListQuery>;

export const MatchItem = z.object({
  matchId: z.string(),
  status: z.enum(MATCH_STATUSES),
  statusLabel: z.string(),
  method: z.string(),
  confidence: z.number(),
  basis: z.string(),
  // 学籍 side
  studentNo: z.string(),
  studentName: z.string(),
  studentBirthDate: z.string().nullable(),
  studentIdNumber: z.string().nullable(), // masked
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  // 建档立卡 side
  memberId: z.string(),
  memberName: z.string(),
  memberBirthDate: z.string().nullable(),
  memberIdNumber: z.string().nullable(), // masked
  listKind: z.string(),
  householdNo: z.string(),
  householdType: z.string().nullable(),
  villageCode: z.string().nullable(),
  // the human decision, if any
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** school | county: a school cannot overturn a county-level decision. */
  decidedLevel: z.enum(DECISION_LEVELS).nullable(),
  reason: z.string().nullable(),
});
export type MatchItem = z.infer<typeof MatchItem>;

export const MatchCounts = z.object({ review: z.number(), auto: z.number(), confirmed: z.number(), rejected: z.number() });
export type MatchCounts = z.infer<typeof MatchCounts>;

export const MatchList = z.object({ items: z.array(MatchItem), total: z.number().int(), counts: MatchCounts });
export type MatchList = z.infer<typeof MatchList>;

export const MatchParams = z.object({ matchId: z.string().min(1).max(200) });

// Every decision says why: an empty reason is refused by decideMatch (REASON_REQUIRED, 400), with its own message.
const DecisionBody = z.object({ reason: z.string().trim().max(500).default('') });
export const ConfirmBody = DecisionBody;
export const RejectBody = DecisionBody;

export const DecisionResult = z.object({ ok: z.literal(true), matchId: z.string(), status: z.string(), level: z.enum(DECISION_LEVELS) });
export type DecisionResult = z.infer<typeof DecisionResult>;
