import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { ErrorBody } from './api.schema.ts';
import { Me } from './auth.schema.ts';
import { LoginGuard } from './login-guard.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from './test-seed.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`server and sessions on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { loginGuard: new LoginGuard({ baseDelayMs: 1, maxDelayMs: 5, accountLockAfter: 5 }) });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('answers /api/health without login', async () => {
      const res = await t.app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    });

    it.each(['/api/me', '/api/students', '/api/matches', '/api/dashboard', '/api/audit'])('%s without a session → 401', async (url) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(401);
      expect(ErrorBody.parse(res.json()).error.code).toBe('UNAUTHENTICATED');
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope-nope' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'nope-nope' } });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.body).toBe(unknown.body);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(ErrorBody.parse(wrong.json()).error.message).toBe('用户名或密码错误');
    });

    it('logs in with an HttpOnly SameSite=Lax cookie stored hashed, and logs out', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      const token = res.cookies[0].value;
      const stored = await t.database.db.selectFrom('sessions').select('token_hash').execute();
      expect(stored.map((s) => s.token_hash)).not.toContain(token);
      const cookie = `${res.cookies[0].name}=${token}`;
      const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(Me.parse(me.json())).toMatchObject({ username: 'admin', role: 'admin' });
      expect(me.json().permissions).toContain('audit.read');
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    });

    it('locks a user name and address after repeated failures, even for the right password', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: 'wrong-wrong' } });
        expect(r.statusCode).toBe(401);
      }
      const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector', password: TEST_PASSWORD } });
      expect(locked.statusCode).toBe(429);
      expect(ErrorBody.parse(locked.json()).error.code).toBe('TOO_MANY_ATTEMPTS');
    });

    it('answers bad input with 400 in Chinese and English', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
      expect(res.statusCode).toBe(400);
      const body = ErrorBody.parse(res.json());
      expect(body.error.code).toBe('INVALID_INPUT');
      expect(body.error.message).toMatch(/参数/);
      const junk = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{' });
      expect(junk.statusCode).toBe(400);
      expect(ErrorBody.parse(junk.json()).error.message).toBe('请求无效');
    });

    it('answers unknown API paths with a JSON 404 and / with the build hint when web/dist is missing', async () => {
      const api = await t.app.inject({ url: '/api/nothing' });
      expect(api.statusCode).toBe(404);
      expect(ErrorBody.parse(api.json()).error.code).toBe('NOT_FOUND');
      const root = await t.app.inject({ url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('npm run build:web');
    });

    it('shows the audit log to admin and inspector, not to a school', async () => {
      const admin = await t.login('admin');
      const res = await t.app.inject({ url: '/api/audit?page=1', headers: { cookie: admin } });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { action: string }) => i.action)).toContain('user.add');
      const school = await t.login('school-a');
      expect((await t.app.inject({ url: '/api/audit', headers: { cookie: school } })).statusCode).toBe(403);
      const inspector = await t.login('county');
      expect((await t.app.inject({ url: '/api/audit', headers: { cookie: inspector } })).statusCode).toBe(403);
    });

    it('gives the dashboard of the scope', async () => {
      const county = await t.login('county');
      const res = await t.app.inject({ url: '/api/dashboard', headers: { cookie: county } });
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d.students).toBe(3);
      expect(d.members).toBe(3);
      expect(d.households).toBe(2);
      expect(d.matches).toMatchObject({ review: 1, auto: 1 });
      const school = await t.login('school-b');
      const s = (await t.app.inject({ url: '/api/dashboard', headers: { cookie: school } })).json();
      expect(s.students).toBe(1);
      expect(s.members).toBe(0);
      expect(s.schools).toEqual([{ code: '5134330002', name: '甘洛县新市坝中学', students: 1, matched: 1, review: 0 }]);
    });
  });
}
