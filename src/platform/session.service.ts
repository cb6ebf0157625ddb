// Sessions: a random token in an HttpOnly SameSite=Lax cookie, stored only as its sha256, 12 h.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/schema.ts';
import { FuzhiError } from '../kernel/errors.ts';
import type { Actor } from './scope.ts';
import { actorOfSession, deleteExpiredSessions, deleteSession, deleteSessionsOf, insertSession } from './user.repository.ts';

export const SESSION_COOKIE = 'fuzhi_session';
export const SESSION_HOURS = 12;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a session: derived from the session token, which only the browser holding the
 * HttpOnly cookie has; the web app reads it from /api/me and sends it as x-csrf-token.
 */
export function csrfOf(sessionToken: string): string {
  return createHash('sha256').update(`csrf\u0000${sessionToken}`).digest('base64url').slice(0, 32);
}

function forbidden(zh: string, en: string): FuzhiError {
  return new FuzhiError('CSRF', zh, en, { status: 403 });
}

/** A state-changing request must come from this site (Origin / Sec-Fetch-Site), when the browser says. */
export function checkOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') throw forbidden('拒绝来自其他网站的请求', 'request from another site refused');
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('请求来源无效', 'invalid Origin header');
  }
  if (host !== request.headers.host) throw forbidden('拒绝来自其他网站的请求', 'request from another origin refused');
}

/** A state-changing request with a session carries the session's CSRF token. */
export function checkCsrf(request: FastifyRequest): void {
  const token = request.cookies[SESSION_COOKIE];
  const sent = request.headers['x-csrf-token'];
  if (!token || typeof sent !== 'string' || sent !== csrfOf(token)) {
    throw forbidden('请求缺少有效的安全令牌，请刷新页面后重试', 'missing or wrong CSRF token; reload the page and retry');
  }
}

/** The CSRF token of the request's session (for /api/me). */
export function csrfOfRequest(request: FastifyRequest): string | null {
  const token = request.cookies[SESSION_COOKIE];
  return token ? csrfOf(token) : null;
}

/** Ends every session of a user (disable, reset, revoke), or all but the caller's own. */
export async function revokeSessions(db: Kysely<DB>, username: string, keep?: FastifyRequest): Promise<number> {
  const own = keep?.cookies[SESSION_COOKIE];
  return deleteSessionsOf(db, username, own ? hashToken(own) : null);
}

export async function startSession(db: Kysely<DB>, reply: FastifyReply, username: string): Promise<string> {
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
  return csrfOf(token);
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
