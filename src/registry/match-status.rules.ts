// The effective status of a match pair and its Chinese label (the 状态 column of the match list).
// A human decision overrides the computed status. Pure data, shared by server and web client.

export const MATCH_STATUSES = ['review', 'auto', 'confirmed', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = {
  auto: '自动确认',
  review: '待复核',
  confirmed: '人工确认',
  rejected: '已否决',
};

/** A student's match status is the best of its pairs: confirmed > auto > review > none. */
export const STUDENT_MATCH_STATUSES = ['confirmed', 'auto', 'review', 'none'] as const;
export type StudentMatchStatus = (typeof STUDENT_MATCH_STATUSES)[number];

export const STUDENT_MATCH_LABELS: Record<StudentMatchStatus, string> = {
  confirmed: '人工确认',
  auto: '自动确认',
  review: '待复核',
  none: '未比中',
};

/** Rank used in SQL (max over a student's pairs) and back: 3 confirmed, 2 auto, 1 review, 0 none. */
export const STUDENT_MATCH_RANK: Record<StudentMatchStatus, number> = { confirmed: 3, auto: 2, review: 1, none: 0 };

export function studentMatchFromRank(rank: number | null | undefined): StudentMatchStatus {
  return STUDENT_MATCH_STATUSES.find((s) => STUDENT_MATCH_RANK[s] === Number(rank ?? 0)) ?? 'none';
}
