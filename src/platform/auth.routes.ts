// POST /api/auth/login, POST /api/auth/logout, GET /api/me.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { LoginBody, type Me } from './auth.schema.ts';
import { actorOf } from './http.ts';
import { LoginThrottle } from './login-throttle.ts';
import { permissionsOf } from './policy.ts';
import { recordAudit } from './audit.repository.ts';
import { endSession, startSession } from './session.service.ts';
import { checkPassword, ROLE_LABELS } from './user.service.ts';
import { schoolName } from './user.repository.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function badCredentials(): FuzhiError {
  return new FuzhiError('BAD_CREDENTIALS', '用户名或密码错误', 'wrong user name or password', { status: 401 });
}

/** Public routes: login and logout. */
export function authRoutes(app: FastifyInstance, db: Kysely<DB>, throttle: LoginThrottle): void {
  app.post('/api/auth/login', async (request, reply) => {
    const body = LoginBody.parse(request.body);
    const key = LoginThrottle.key(body.username, request.ip);
    const locked = throttle.lockedFor(key);
    if (locked > 0) {
      void reply.header('retry-after', Math.ceil(locked / 1000));
      throw new FuzhiError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(locked / 60_000)} 分钟后再试`, 'too many failed logins; try again later', {
        status: 429,
      });
    }
    const delay = throttle.delayFor(key);
    if (delay > 0) await sleep(delay);
    const actor = await checkPassword(db, body.username, body.password);
    if (!actor) {
      throttle.fail(key);
      throw badCredentials();
    }
    throttle.succeed(key);
    await startSession(db, reply, actor.username);
    await recordAudit(db, { actor: actor.username, action: 'auth.login', target: actor.username, detail: { ip: request.ip } });
    return { ok: true as const, username: actor.username, role: actor.role };
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
      schoolCode: actor.schoolCode,
      schoolName: actor.schoolCode ? await schoolName(db, actor.schoolCode) : null,
      permissions: permissionsOf(actor),
    };
  });
}
