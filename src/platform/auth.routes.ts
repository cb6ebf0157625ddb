// POST /api/auth/login, POST /api/auth/logout, GET /api/me, POST /api/me/password.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { LoginBody, PasswordChangeBody, type Me } from './auth.schema.ts';
import { actorOf } from './http.ts';
import { LoginGuard } from './login-guard.ts';
import { permissionsOf } from './policy.ts';
import { recordAudit, regionOfUser } from './audit.repository.ts';
import { csrfOfRequest, endSession, hashToken, SESSION_COOKIE, startSession } from './session.service.ts';
import { changeOwnPassword, checkPassword, ROLE_LABELS } from './user.service.ts';
import { findUser, schoolName } from './user.repository.ts';
import { regionNames } from './region.repository.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function badCredentials(): FuzhiError {
  return new FuzhiError('BAD_CREDENTIALS', '用户名或密码错误', 'wrong user name or password', { status: 401 });
}

/** Public routes: login and logout. */
export function authRoutes(app: FastifyInstance, db: Kysely<DB>, guard: LoginGuard): void {
  app.post('/api/auth/login', async (request, reply) => {
    const body = LoginBody.parse(request.body);
    // counted before the password is checked: parallel tries cannot pass the lock
    const attempt = await guard.attempt(db, body.username, request.ip);
    const user = await findUser(db, body.username);
    const regions = await regionOfUser(db, user);
    if (!attempt.allowed) {
      await recordAudit(db, { actor: body.username, action: 'auth.login-locked', target: body.username, regions, detail: { ip: request.ip } });
      void reply.header('retry-after', Math.ceil(attempt.lockedForMs / 1000));
      throw new FuzhiError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(attempt.lockedForMs / 60_000)} 分钟后再试`, 'too many failed logins; try again later', {
        status: 429,
      });
    }
    if (attempt.delayMs > 0) await sleep(attempt.delayMs);
    const actor = await checkPassword(db, body.username, body.password);
    if (!actor) {
      await recordAudit(db, {
        actor: body.username,
        action: 'auth.login-failed',
        target: body.username,
        regions,
        detail: { ip: request.ip, known: user !== undefined, disabled: user ? user.disabled !== 0 : undefined },
      });
      throw badCredentials();
    }
    await guard.succeeded(db, actor.username, request.ip);
    const csrfToken = await startSession(db, reply, actor.username);
    await recordAudit(db, { actor: actor.username, action: 'auth.login', target: actor.username, regions, detail: { ip: request.ip } });
    return { ok: true as const, username: actor.username, role: actor.role, csrfToken };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await endSession(db, request, reply);
    return { ok: true as const };
  });
}

/** Routes behind the session hook. */
export function meRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/me', async (request): Promise<Me> => {
    const actor = actorOf(request);
    return {
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      roleLabel: ROLE_LABELS[actor.role],
      regionCode: actor.regionCode,
      regionName: actor.regionCode ? (await regionNames(db, [actor.regionCode])).label(actor.regionCode) : null,
      schoolCode: actor.schoolCode,
      schoolName: actor.schoolCode ? await schoolName(db, actor.schoolCode) : null,
      permissions: permissionsOf(actor),
      csrfToken: csrfOfRequest(request) ?? '',
    };
  });

  app.post('/api/me/password', async (request) => {
    const actor = actorOf(request);
    const body = PasswordChangeBody.parse(request.body);
    const token = request.cookies[SESSION_COOKIE];
    return changeOwnPassword(db, actor, body.current, body.next, token ? hashToken(token) : null);
  });
}
