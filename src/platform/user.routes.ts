// 账号管理 for administrators: GET /api/users, POST /api/users, POST /api/users/:username/
// disable | enable | reset-password | revoke-sessions. Each action is a user.service use case (audited).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf } from './http.ts';
import { authorize } from './policy.ts';
import type { Role } from './scope.ts';
import { NewUserBody, ResetPasswordBody, UserListQuery, UserParams, type UserActionResult, type UserList } from './user.schema.ts';
import { pageOfUsers } from './user.repository.ts';
import { addUser, resetPassword, revokeUserSessions, ROLE_LABELS, setUserEnabled } from './user.service.ts';

export function userRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/users', async (request): Promise<UserList> => {
    authorize(actorOf(request), 'user.manage');
    const query = UserListQuery.parse(request.query);
    const { rows, total } = await pageOfUsers(db, query);
    return {
      total,
      items: rows.map((u) => ({
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        roleLabel: ROLE_LABELS[u.role as Role] ?? u.role,
        regionCode: u.region_code,
        schoolCode: u.school_code,
        schoolName: u.school_name,
        disabled: Number(u.disabled) !== 0,
        createdAt: u.created_at,
      })),
    };
  });

  app.post('/api/users', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'user.manage');
    return addUser(db, actor, NewUserBody.parse(request.body));
  });

  const action = (name: string, run: (actor: ReturnType<typeof actorOf>, username: string, body: unknown) => Promise<UserActionResult>) =>
    app.post(`/api/users/:username/${name}`, async (request): Promise<UserActionResult> => {
      const actor = actorOf(request);
      authorize(actor, 'user.manage');
      const { username } = UserParams.parse(request.params);
      return run(actor, username, request.body);
    });
  action('disable', (actor, username) => setUserEnabled(db, actor, username, false));
  action('enable', (actor, username) => setUserEnabled(db, actor, username, true));
  action('reset-password', (actor, username, body) => resetPassword(db, actor, username, ResetPasswordBody.parse(body ?? {}).password));
  action('revoke-sessions', (actor, username) => revokeUserSessions(db, actor, username));
}
