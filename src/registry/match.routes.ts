// GET /api/matches (the review queue), POST /api/matches/:matchId/confirm | reject.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { decideMatch } from './match-decisions.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { ConfirmBody, MatchListQuery, MatchParams, RejectBody, type DecisionResult, type MatchItem } from './match.schema.ts';
import { MATCH_REF, matchList } from './match-list.service.ts';
import { loadRefKey, openRef } from '../platform/opaque-ref.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';

/** 比对结果.xlsx: both sides of each pair and the decision, masked as in the review queue. */
const MATCH_EXPORT: ListSpec<MatchItem> = {
  name: '比对结果',
  fields: ['studentNo', 'idNumber', 'household', 'poverty'],
  columns: [
    { header: '状态', value: (m) => m.statusLabel },
    { header: '学籍号', value: (m) => m.studentNo, text: true },
    { header: '学生姓名', value: (m) => m.studentName },
    { header: '学生出生日期', value: (m) => m.studentBirthDate, text: true },
    { header: '学生身份证件号', value: (m) => m.studentIdNumber, text: true },
    { header: '学校', value: (m) => m.schoolName ?? m.schoolCode },
    { header: '名单类别', value: (m) => m.listKind },
    { header: '户编号', value: (m) => m.householdNo, text: true },
    { header: '成员姓名', value: (m) => m.memberName },
    { header: '成员出生日期', value: (m) => m.memberBirthDate, text: true },
    { header: '成员身份证件号', value: (m) => m.memberIdNumber, text: true },
    { header: '户类型', value: (m) => m.householdType },
    { header: '村', value: (m) => m.villageCode, text: true },
    { header: '比对方式', value: (m) => m.method },
    { header: '置信度', value: (m) => m.confidence },
    { header: '依据', value: (m) => m.basis },
    { header: '决定人', value: (m) => m.decidedBy },
    { header: '决定时间', value: (m) => m.decidedAt },
    { header: '理由', value: (m) => m.reason },
  ],
};

export function matchRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/matches', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'match.read');
    return answerList(request, reply, db, MatchListQuery.parse(request.query), (q) => matchList(db, actor, q), MATCH_EXPORT);
  });

  app.post('/api/matches/:matchId/confirm', async (request): Promise<DecisionResult> => {
    const actor = actorOf(request);
    authorize(actor, 'match.decide');
    const { matchId } = MatchParams.parse(request.params);
    const { reason } = ConfirmBody.parse(request.body ?? {});
    return decideMatch(db, actor, openRef(await loadRefKey(db), MATCH_REF, matchId) ?? matchId, 'confirmed', reason, scopeOf(actor), matchId);
  });

  app.post('/api/matches/:matchId/reject', async (request): Promise<DecisionResult> => {
    const actor = actorOf(request);
    authorize(actor, 'match.decide');
    const { matchId } = MatchParams.parse(request.params);
    const { reason } = RejectBody.parse(request.body ?? {});
    return decideMatch(db, actor, openRef(await loadRefKey(db), MATCH_REF, matchId) ?? matchId, 'rejected', reason, scopeOf(actor), matchId);
  });
}
