// 账号管理 for administrators: GET /api/users, POST /api/users, POST /api/users/:username/
// disable | enable | reset-password | revoke-sessions. Each action is a user.service use case (audited).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf } from './http.ts';
import { shanghaiDateTime } from '../kernel/dates.ts';
import { answerList, type ListSpec } from './list-export.ts';
import { authorize } from './policy.ts';
import type { Role } from './scope.ts';
import { NewUserBody, ResetPasswordBody, UserListQuery, UserParams, type UserActionResult, type UserItem, type UserList } from './user.schema.ts';
import { pageOfUsers } from './user.repository.ts';
import { addUser, resetPassword, revokeUserSessions, ROLE_LABELS, setUserEnabled } from './user.service.ts';
import { regionNames } from './region.repository.ts';

async function userList(db: Kysely<DB>, query: UserListQuery): Promise<UserList> {
  const { rows, total } = await pageOfUsers(db, query);
  const names = await regionNames(db, rows.flatMap((u) => (u.region_code ? [u.region_code] : [])));
  return {
    total,
    items: rows.map((u) => ({
      username: u.username,
      displayName: u.display_name,
      role: u.role as Role,
      roleLabel: ROLE_LABELS[u.role as Role] ?? u.role,
      regionCode: u.region_code,
      regionName: u.region_code ? names.label(u.region_code) : null,
      schoolCode: u.school_code,
      schoolName: u.school_name,
      disabled: Number(u.disabled) !== 0,
      createdAt: u.created_at,
    })),
  };
}

/** 账号清单.xlsx */
const USER_EXPORT: ListSpec<UserItem> = {
  name: '账号清单',
  columns: [
    { header: '用户名', value: (u) => u.username, text: true },
    { header: '姓名', value: (u) => u.displayName },
    { header: '角色', value: (u) => u.roleLabel },
    { header: '行政区划', value: (u) => u.regionName },
    { header: '行政区划代码', value: (u) => u.regionCode, text: true },
    { header: '学校标识码', value: (u) => u.schoolCode, text: true },
    { header: '学校', value: (u) => u.schoolName },
    { header: '状态', value: (u) => (u.disabled ? '已停用' : '正常') },
    { header: '创建时间', value: (u) => shanghaiDateTime(u.createdAt), text: true },
  ],
};

export function userRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/users', async (request, reply) => {
    authorize(actorOf(request), 'user.manage');
    return answerList(request, reply, db, UserListQuery.parse(request.query), (q) => userList(db, q), USER_EXPORT);
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
