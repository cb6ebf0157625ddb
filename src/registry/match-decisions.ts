// Use case "a person decides a pair": 人工确认 or 已否决 with a reason, kept across re-imports and re-runs;
// a school cannot overturn the county (match-decision.rules) and every decision stays in the history.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { matchScope, type Actor, type DataScope } from '../platform/scope.ts';
import { MATCH_STATUS_LABELS } from './match-status.rules.ts';
import { findDecision, findMatch, findMatchesByPair, insertDecisionHistory, upsertDecision, type StoredMatch } from './match.repository.ts';
import { checkOverturn, decisionLevelOf, requireReason, type DecisionLevel } from './match-decision.rules.ts';

export type MatchDecision = 'confirmed' | 'rejected';

/** Whether the pair is visible in the scope: the same rule as the match list (platform/scope matchScope). */
async function inScope(db: Kysely<DB>, m: StoredMatch, scope: DataScope): Promise<boolean> {
  const row = await db
    .selectFrom('matches')
    .innerJoin('students', 'students.student_no', 'matches.student_no')
    .innerJoin('members', 'members.member_id', 'matches.member_id')
    .select('matches.match_id')
    .where('matches.match_id', '=', m.match_id)
    .where(matchScope(scope))
    .executeTakeFirst();
  return row !== undefined;
}

/** Resolves what a user typed: a match id (学籍号|名单|户编号|成员), or "学籍号+户编号". */
export async function resolveMatchId(db: Kysely<DB>, typed: string): Promise<string> {
  const direct = await findMatch(db, typed);
  if (direct) return direct.match_id;
  const m = /^([^+\s]+)\s*[+＋]\s*(\S+)$/.exec(typed.trim());
  if (m) {
    const found = await findMatchesByPair(db, m[1].toUpperCase(), m[2]);
    if (found.length === 1) return found[0].match_id;
    if (found.length > 1) {
      throw usageError(`“${typed}”对应多个比对结果，请使用比对编号`, `"${typed}" matches several pairs; use the match id`);
    }
  }
  throw notFound(`未找到比对结果“${typed}”`, `no match "${typed}"`);
}

export async function decideMatch(
  db: Kysely<DB>,
  actor: Actor,
  matchId: string,
  decision: MatchDecision,
  reason: string | null,
  scope: DataScope,
  /** How the caller named the pair (the API's opaque reference): what answers and messages repeat. */
  shown: string = matchId,
): Promise<{ ok: true; matchId: string; status: string; level: DecisionLevel }> {
  const why = requireReason(reason);
  const level = decisionLevelOf(actor.role);
  return db.transaction().execute(async (trx) => {
    const match = await findMatch(trx, matchId);
    if (!match || !(await inScope(trx, match, scope))) throw notFound(`未找到比对结果“${shown}”`, `no match "${shown}"`);
    const standing = await findDecision(trx, match.match_id);
    checkOverturn(standing, level, shown);
    const row = { match_id: match.match_id, county_code: match.county_code, decision, level, reason: why, actor: actor.username, at: nowIso() };
    await upsertDecision(trx, { ...row, student_no: match.student_no, member_id: match.member_id });
    await insertDecisionHistory(trx, row);
    await recordAudit(trx, {
      actor: actor.username,
      action: decision === 'confirmed' ? 'match.confirm' : 'match.reject',
      target: match.match_id,
      detail: { before: standing ? { decision: standing.decision, level: standing.level, actor: standing.actor, at: standing.at } : match.status, level, reason: why },
      countyCode: match.county_code,
    });
    return { ok: true as const, matchId: shown, status: MATCH_STATUS_LABELS[decision], level };
  });
}
