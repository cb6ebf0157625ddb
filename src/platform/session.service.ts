// Sessions: a random token in an HttpOnly SameSite=Lax cookie, stored only as its sha256, 12 h.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/schema.ts';
import { FuzhiError } from '../kernel/errors.ts';
import type { Actor } from './scope.ts';
import { actorOfSession, deleteExpiredSessions, deleteSession, insertSession } from './user.repository.ts';

export const SESSION_COOKIE = 'fuzhi_session';
export const SESSION_HOURS = 12;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(db: Kysely<DB>, reply: FastifyReply, username: string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, hashToken(token), username, now.toISOString(), expires.toISOString());
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    maxAge: SESSION_HOURS * 3600,
  });
}

export async function endSession(db: Kysely<DB>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await deleteSession(db, hashToken(token));
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function sessionActor(db: Kysely<DB>, request: FastifyRequest): Promise<(Actor & { displayName: string | null }) | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return undefined;
  return actorOfSession(db, hashToken(token), new Date().toISOString());
}

export function unauthenticated(): FuzhiError {
  return new FuzhiError('UNAUTHENTICATED', '请先登录', 'please log in', { status: 401 });
}
