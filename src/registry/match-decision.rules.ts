// Who may decide a match pair over whom, pure: a decision's level follows the actor's role
// (school for a school account; county for county, admin and the command line), and a school
// cannot overturn what the county decided (县级复核优先). The county may overturn a school.
import { FuzhiError } from '../kernel/errors.ts';
import type { Role } from '../platform/scope.ts';

export const DECISION_LEVELS = ['school', 'county'] as const;
export type DecisionLevel = (typeof DECISION_LEVELS)[number];

export const DECISION_LEVEL_LABELS: Record<DecisionLevel, string> = { school: '学校', county: '县级' };

/** What `fuzhi match confirm ID` records when no --reason is given (kept for existing scripts). */
export const DEFAULT_CONFIRM_REASON = '人工核对一致';

const RANK: Record<DecisionLevel, number> = { school: 1, county: 2 };

/** The level of a decision by this role; only admin, county and school decide (policy match.decide). */
export function decisionLevelOf(role: Role): DecisionLevel {
  return role === 'school' ? 'school' : 'county';
}

export interface StandingDecision {
  decision: string;
  level: string;
  actor: string;
  at: string;
}

/**
 * Throws (409) when a decision at `level` may not replace the standing one: a lower level cannot
 * change a pair decided above it, not even to repeat the decision (that would lower its level).
 */
export function checkOverturn(standing: StandingDecision | undefined, level: DecisionLevel, matchId: string): void {
  if (!standing) return;
  const standingLevel = (DECISION_LEVELS as readonly string[]).includes(standing.level) ? (standing.level as DecisionLevel) : 'county';
  if (RANK[level] >= RANK[standingLevel]) return;
  const what = standing.decision === 'rejected' ? '否决' : '确认';
  const whatEn = standing.decision === 'rejected' ? 'rejected' : 'confirmed';
  throw new FuzhiError(
    'MATCH_DECIDED_ABOVE',
    `比对“${matchId}”已由${DECISION_LEVEL_LABELS[standingLevel]}（${standing.actor}）于 ${standing.at} ${what}，${DECISION_LEVEL_LABELS[level]}不能更改；如有异议请报县资助中心复核`,
    `pair "${matchId}" was ${whatEn} at ${standingLevel} level by ${standing.actor} on ${standing.at}; a ${level}-level decision cannot overturn it — ask the county aid centre to review`,
    { exitCode: 1, status: 409 },
  );
}

/** The reason, trimmed; a decision without one is refused (every decision says why). */
export function requireReason(reason: string | null | undefined): string {
  const r = reason?.trim();
  if (!r) throw new FuzhiError('REASON_REQUIRED', '确认或否决比对须填写理由', 'a decision on a pair needs a reason', { exitCode: 2, status: 400 });
  return r;
}
