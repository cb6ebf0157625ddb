import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate } from './database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from './test-databases.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`database on ${dialect}`, () => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.drop();
    });

    it('creates every table, and migrating again applies nothing', async () => {
      t = await createTestDatabase(dialect);
      const database = await t.open();
      try {
        const tables = (await database.db.introspection.getTables()).map((x) => x.name);
        expect(tables).toEqual(expect.arrayContaining(['schools', 'students', 'members', 'matches', 'users']));
        // sessions, login attempts and the audit log: the ops file on SQLite (decision 0004), the one database on PostgreSQL
        const ops =
          dialect === 'sqlite'
            ? (await sql<{ name: string }>`select name from ops.sqlite_master where type = 'table'`.execute(database.db)).rows.map((r) => r.name)
            : tables;
        expect(ops).toEqual(expect.arrayContaining(['audit_log', 'sessions', 'login_attempts']));
        if (dialect === 'sqlite') expect(tables).not.toContain('audit_log');
        expect(await migrate(database)).toEqual([]);
        await database.db.insertInto('audit_log').values({ at: 'now', actor: 'a', action: 'x', target: 't', detail_json: null, county_code: null, region_codes: null }).execute();
        const row = await database.db.selectFrom('audit_log').select('id').executeTakeFirstOrThrow();
        expect(typeof row.id).toBe('number');
      } finally {
        await database.close();
      }
    });
  });
}
