// GET /api/matches (the review queue), POST /api/matches/:matchId/confirm | reject.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { decideMatch } from './match-decisions.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { ConfirmBody, MatchListQuery, MatchParams, RejectBody, type DecisionResult, type MatchList } from './match.schema.ts';
import { matchList } from './match-list.service.ts';

export function matchRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/matches', async (request): Promise<MatchList> => {
    const actor = actorOf(request);
    authorize(actor, 'match.read');
    return matchList(db, actor, MatchListQuery.parse(request.query));
  });

  app.post('/api/matches/:matchId/confirm', async (request): Promise<DecisionResult> => {
    const actor = actorOf(request);
    authorize(actor, 'match.decide');
    const { matchId } = MatchParams.parse(request.params);
    const { reason } = ConfirmBody.parse(request.body ?? {});
    return decideMatch(db, actor, matchId, 'confirmed', reason, scopeOf(actor));
  });

  app.post('/api/matches/:matchId/reject', async (request): Promise<DecisionResult> => {
    const actor = actorOf(request);
    authorize(actor, 'match.decide');
    const { matchId } = MatchParams.parse(request.params);
    const { reason } = RejectBody.parse(request.body ?? {});
    return decideMatch(db, actor, matchId, 'rejected', reason, scopeOf(actor));
  });
}
