import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { SCHOOLS, startTestApp, TEST_PASSWORD, type TestApp } from './test-seed.ts';
import { UserList } from './user.schema.ts';

const ACTIONS = ['disable', 'enable', 'reset-password', 'revoke-sessions'];

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`user routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      for (const u of ['admin', 'county', 'school-a', 'teacher-a', 'inspector']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string, url: string) => t.app.inject({ url, headers: cookies[user] ? { cookie: cookies[user] } : {} });
    const post = (user: string, url: string, payload: unknown = {}) =>
      t.app.inject({ method: 'POST', url, payload: payload as object, headers: cookies[user] ? t.headers(cookies[user]) : {} });
    const auditOf = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

    it('answers 401 without a session', async () => {
      expect((await get('nobody', '/api/users')).statusCode).toBe(401);
      expect((await post('nobody', '/api/users', {})).statusCode).toBe(401);
      for (const a of ACTIONS) expect((await post('nobody', `/api/users/county/${a}`, { password: 'x'.repeat(10) })).statusCode).toBe(401);
    });

    it.each(['county', 'school-a', 'teacher-a', 'inspector'])('refuses %s (403)', async (user) => {
      expect((await get(user, '/api/users')).statusCode).toBe(403);
      const add = await post(user, '/api/users', { username: 'x1', role: 'admin', password: 'y'.repeat(10) });
      expect(add.statusCode).toBe(403);
      expect(add.json().error.message).toMatch(/无权/);
      for (const a of ACTIONS) expect((await post(user, `/api/users/admin/${a}`, { password: 'z'.repeat(10) })).statusCode).toBe(403);
    });

    it('lists accounts with paging and filters', async () => {
      const all = UserList.parse((await get('admin', '/api/users?pageSize=4')).json());
      expect(all.total).toBe(6);
      expect(all.items).toHaveLength(4);
      expect(all.items[0]).toMatchObject({ username: 'admin', roleLabel: '系统管理员', disabled: false });
      const schools = UserList.parse((await get('admin', '/api/users?role=school')).json());
      expect(schools.items.map((u) => [u.username, u.schoolName])).toEqual([
        ['school-a', '甘洛县城关小学'],
        ['school-b', '甘洛县新市坝中学'],
      ]);
      expect(UserList.parse((await get('admin', '/api/users?q=teach')).json()).items.map((u) => u.username)).toEqual(['teacher-a']);
    });

    it.each([
      ['/api/users?role=boss', undefined],
      ['/api/users?pageSize=1000', undefined],
      ['/api/users', { username: 'a', role: 'admin', password: 'long-enough-1' }],
      ['/api/users', { username: 'new-user', role: 'admin', password: 'short' }],
      ['/api/users', { username: 'new-user', role: 'school', password: 'long-enough-1' }],
      ['/api/users', { username: 'new-user', role: 'county', region: '12ab', password: 'long-enough-1' }],
      ['/api/users/county/reset-password', { password: 'short' }],
    ])('answers 400 with a Chinese message to %s %j', async (url, body) => {
      const res = body === undefined ? await get('admin', url) : await post('admin', url, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('adds an account that can log in, and refuses a duplicate (409)', async () => {
      const res = await post('admin', '/api/users', { username: 'school-c', role: 'school', school: SCHOOLS.a, displayName: '王老师', password: 'new-pass-2025', region: '' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, username: 'school-c', role: 'school', school: SCHOOLS.a });
      expect(await t.login('school-c', 'new-pass-2025')).toMatch(/=/);
      expect((await auditOf('user.add')).map((a) => a.target)).toContain('school-c');
      expect((await post('admin', '/api/users', { username: 'school-c', role: 'school', school: SCHOOLS.a, password: 'new-pass-2025' })).statusCode).toBe(409);
    });

    it('disables and enables an account, ending its sessions', async () => {
      const cookie = await t.login('inspector');
      const res = await post('admin', '/api/users/inspector/disable');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, disabled: true });
      expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(1);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
      await expect(t.login('inspector')).rejects.toThrow(/401/);
      expect((await post('admin', '/api/users/inspector/enable')).json()).toMatchObject({ ok: true, disabled: false });
      expect(await t.login('inspector')).toMatch(/=/);
      expect(await auditOf('user.disable')).toHaveLength(1);
      expect(await auditOf('user.enable')).toHaveLength(1);
    });

    it('resets a password and revokes sessions', async () => {
      const cookie = await t.login('county');
      expect((await post('admin', '/api/users/county/revoke-sessions')).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
      expect((await post('admin', '/api/users/county/reset-password', { password: 'reset-pass-2025' })).json()).toMatchObject({ ok: true, username: 'county' });
      await expect(t.login('county')).rejects.toThrow(/401/);
      expect(await t.login('county', 'reset-pass-2025')).toMatch(/=/);
      expect(await auditOf('user.reset-password')).toHaveLength(1);
      expect(await auditOf('user.revoke-sessions')).toHaveLength(1);
      // the audit entry never holds the password
      expect(JSON.stringify(await auditOf('user.reset-password'))).not.toContain('reset-pass-2025');
    });

    it('answers 404 for an unknown account and refuses to disable the only administrator', async () => {
      expect((await post('admin', '/api/users/nobody/disable')).statusCode).toBe(404);
      const res = await post('admin', '/api/users/admin/disable');
      expect(res.json().error.code).toBe('LAST_ADMIN');
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    });

    it('lets every user change their own password', async () => {
      const cookie = await t.login('teacher-a');
      const me = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/me/password', payload: payload as object, headers: t.headers(cookie) });
      expect((await me({ current: 'wrong-pass', next: 'teacher-pass-2025' })).statusCode).toBe(400);
      expect((await me({ current: TEST_PASSWORD, next: 'teacher-pass-2025' })).statusCode).toBe(200);
      expect(await t.login('teacher-a', 'teacher-pass-2025')).toMatch(/=/);
    });
  });
}
