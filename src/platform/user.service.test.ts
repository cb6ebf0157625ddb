import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { cliActor } from './scope.ts';
import { addUser, checkPassword, ensureAdmin, normaliseRegion } from './user.service.ts';

describe('normaliseRegion', () => {
  it.each([
    ['51', '510000000000'],
    ['5134', '513400000000'],
    ['513433', '513433000000'],
    ['513433100', '513433100000'],
    ['513433100201', '513433100201'],
  ])('%s → %s', (code, out) => expect(normaliseRegion(code)).toBe(out));

  it.each(['5', '51343', 'abc', '5134331002011'])('refuses %s', (code) => {
    expect(() => normaliseRegion(code)).toThrow(FuzhiError);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`users on ${dialect}`, () => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.drop();
    });

    it('adds users with hashed passwords and audits it; refuses bad usage with exit code 2', async () => {
      t = await createTestDatabase(dialect);
      const database = await t.open();
      try {
        const db = database.db;
        const actor = cliActor();
        const r = await addUser(db, actor, { username: 'gl-county', role: 'county', region: '513433', password: 'secret-123' });
        expect(r).toMatchObject({ ok: true, region: '513433000000', school: null });
        const row = await db.selectFrom('users').selectAll().where('username', '=', 'gl-county').executeTakeFirstOrThrow();
        expect(row.password_hash).toMatch(/^\$argon2id\$/);
        expect(await checkPassword(db, 'gl-county', 'secret-123')).toMatchObject({ role: 'county', regionCode: '513433000000' });
        expect(await checkPassword(db, 'gl-county', 'wrong')).toBeNull();
        expect(await checkPassword(db, 'nobody', 'secret-123')).toBeNull();
        const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'user.add').execute();
        expect(audit).toHaveLength(1);
        expect(audit[0].detail_json).not.toContain('secret');

        const school = await addUser(db, actor, { username: 'sa', role: 'school', school: '5134330001', password: 'secret-123' });
        expect(school.warnings).toHaveLength(1); // school not imported yet

        const bad: [Record<string, string>, string][] = [
          [{ role: 'county' }, '--region'],
          [{ role: 'school' }, '--school'],
          [{ role: 'teacher', school: '12' }, '10'],
          [{ role: 'king' }, 'king'],
          [{ role: 'admin', region: '513433' }, '--region'],
          [{ role: 'admin', password: 'short' }, '8'],
          [{ role: 'admin', username: 'a b' }, '用户名'],
        ];
        for (const [input, mention] of bad) {
          const e = await addUser(db, actor, { username: 'x1', password: 'secret-123', role: 'admin', ...input }).catch((err: unknown) => err);
          expect(e).toBeInstanceOf(FuzhiError);
          expect((e as FuzhiError).exitCode).toBe(2);
          expect((e as FuzhiError).messageZh).toContain(mention);
        }
        const dup = await addUser(db, actor, { username: 'sa', role: 'admin', password: 'secret-123' }).catch((err: unknown) => err);
        expect(dup).toMatchObject({ code: 'USER_EXISTS', status: 409, exitCode: 1 });

        expect(await ensureAdmin(db, actor, { FUZHI_ADMIN_PASSWORD: 'given-pass-1' })).toEqual({ username: 'admin', password: null });
        expect(await checkPassword(db, 'admin', 'given-pass-1')).toMatchObject({ role: 'admin' });
        expect(await ensureAdmin(db, actor, {})).toBeNull();
      } finally {
        await database.close();
      }
    });
  });
}
