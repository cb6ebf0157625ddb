// Logins that hold: an atomic attempt counter that parallel tries cannot pass, failures in the
// audit log, CSRF and Origin checks, and the administrator's commands over accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { LoginGuard } from './login-guard.ts';
import { cliActor } from './scope.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from './test-seed.ts';
import { resetPassword, revokeUserSessions, setUserEnabled } from './user.service.ts';

const login = (t: TestApp, username: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`logins on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { loginGuard: new LoginGuard({ baseDelayMs: 1, maxDelayMs: 2, accountLockAfter: 10, addressLockAfter: 1000 }) });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('lets no parallel try past the lock: 100 at once, the right password at #81 stays out', async () => {
      const tries = Array.from({ length: 100 }, (_, i) => login(t, 'school-b', i === 80 ? TEST_PASSWORD : `wrong-${i}-password`, `10.0.0.${i % 7}`));
      const answers = await Promise.all(tries);
      const codes = answers.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(0);
      // only the first ten were checked at all; every other one was refused as locked
      expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(10);
      expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(90);
      expect(answers[80].statusCode).not.toBe(200);
      // and afterwards, too: the account stays locked for the right password
      expect((await login(t, 'school-b', TEST_PASSWORD)).statusCode).toBe(429);
      const locked = await login(t, 'school-b', TEST_PASSWORD);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    });

    it('does not hold right passwords against an address: a whole office logs in from one', async () => {
      const office = '10.20.30.40';
      for (let i = 0; i < 40; i++) expect((await login(t, 'county', TEST_PASSWORD, office)).statusCode).toBe(200);
      const row = await t.database.db.selectFrom('login_attempts').select('failures').where('key', '=', `ip:${office}`).executeTakeFirst();
      expect(row?.failures ?? 0).toBe(0);
    });

    it('audits failed and refused logins with the address, within the user’s region', async () => {
      expect((await login(t, 'inspector', 'not-the-password', '10.9.9.9')).statusCode).toBe(401);
      const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', 'in', ['auth.login-failed', 'auth.login-locked']).execute();
      const failed = rows.find((r) => r.action === 'auth.login-failed' && r.target === 'inspector');
      expect(failed?.detail_json).toContain('10.9.9.9');
      expect(failed?.region_codes).toContain(' 513433 ');
      expect(rows.some((r) => r.action === 'auth.login-locked' && r.target === 'school-b')).toBe(true);
    });

    it('unlocks with reset-password, ends sessions on disable and revoke, refuses a disabled account', async () => {
      await resetPassword(t.database.db, cliActor(), 'school-b', 'a-new-password-1');
      expect((await login(t, 'school-b', 'a-new-password-1')).statusCode).toBe(200);
      const cookie = await t.login('school-b', 'a-new-password-1');
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
      const revoked = await revokeUserSessions(t.database.db, cliActor(), 'school-b');
      expect(revoked.sessionsEnded).toBe(2);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
      const again = await t.login('school-b', 'a-new-password-1');
      await setUserEnabled(t.database.db, cliActor(), 'school-b', false);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie: again } })).statusCode).toBe(401);
      expect((await login(t, 'school-b', 'a-new-password-1')).statusCode).toBe(401);
      await setUserEnabled(t.database.db, cliActor(), 'school-b', true);
      expect((await login(t, 'school-b', 'a-new-password-1')).statusCode).toBe(200);
      const actions = (await t.database.db.selectFrom('audit_log').select('action').where('target', '=', 'school-b').execute()).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['user.reset-password', 'user.revoke-sessions', 'user.disable', 'user.enable']));
    });

    it('refuses to disable the only administrator', async () => {
      await expect(setUserEnabled(t.database.db, cliActor(), 'admin', false)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    });

    it('lets a user change their own password; other sessions end, this one stays', async () => {
      const other = await t.login('teacher-a');
      const mine = await t.login('teacher-a');
      const wrong = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: t.headers(mine), payload: { current: 'nope-nope', next: 'teacher-new-pass' } });
      expect(wrong.statusCode).toBe(400);
      const ok = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: t.headers(mine), payload: { current: TEST_PASSWORD, next: 'teacher-new-pass' } });
      expect(ok.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie: mine } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie: other } })).statusCode).toBe(401);
      expect((await login(t, 'teacher-a', TEST_PASSWORD)).statusCode).toBe(401);
      expect((await login(t, 'teacher-a', 'teacher-new-pass')).statusCode).toBe(200);
    });

    it('refuses a state-changing request without the CSRF token or from another origin', async () => {
      const cookie = await t.login('county');
      const url = '/api/me/password';
      const payload = { current: TEST_PASSWORD, next: 'county-new-pass' };
      const noToken = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('CSRF');
      const foreign = await t.app.inject({ method: 'POST', url, headers: { ...t.headers(cookie), origin: 'https://evil.example', host: 'localhost:3000' }, payload });
      expect(foreign.statusCode).toBe(403);
      const crossSite = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'cross-site' }, payload: { username: 'county', password: TEST_PASSWORD } });
      expect(crossSite.statusCode).toBe(403);
      const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
      expect(me.json().csrfToken).toBe(t.headers(cookie)['x-csrf-token']);
    });
  });
}
