import { afterEach, describe, expect, it } from 'vitest';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrate, MIGRATIONS, openDatabase } from './database.ts';
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

    it('20261202020000-DecisionLevels gives existing decisions a level and starts their history', async () => {
      t = await createTestDatabase(dialect);
      const database = openDatabase(t.options);
      try {
        const migrator = new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
        expect((await migrator.migrateTo('20261126010100-AidGrants')).error).toBeUndefined();
        const user = (username: string, role: string) => ({ username, role, password_hash: 'x', region_code: null, school_code: null, display_name: null, disabled: 0, created_at: 'now' });
        await database.db.insertInto('users').values([user('zhang-county', 'county'), user('li-school', 'school'), user('root', 'admin')]).execute();
        const decision = (actor: string, decision: string) => ({ match_id: `m-${actor}`, student_no: 's', member_id: 'm', county_code: '513433', decision, reason: null, actor, at: '2025-10-01T00:00:00.000Z' });
        // written as the old schema had it (no level column yet)
        await (database.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('match_decisions')
          .values([decision('zhang-county', 'rejected'), decision('li-school', 'confirmed'), decision('root', 'confirmed'), decision('cli:ops', 'confirmed'), decision('gone', 'rejected')])
          .execute();
        expect(await migrate(database)).toContain('20261202020000-DecisionLevels');
        const levels = await database.db.selectFrom('match_decisions').select(['actor', 'level']).orderBy('actor').execute();
        expect(levels).toEqual([
          { actor: 'cli:ops', level: 'county' },
          { actor: 'gone', level: 'school' },
          { actor: 'li-school', level: 'school' },
          { actor: 'root', level: 'county' },
          { actor: 'zhang-county', level: 'county' },
        ]);
        const history = await database.db.selectFrom('match_decision_history').select(['match_id', 'decision', 'level']).orderBy('match_id').execute();
        expect(history).toHaveLength(5);
        expect(history[0]).toEqual({ match_id: 'm-cli:ops', decision: 'confirmed', level: 'county' });
      } finally {
        await database.close();
      }
    });
  });
}
