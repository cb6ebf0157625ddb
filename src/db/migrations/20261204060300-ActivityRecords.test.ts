// The migration that turns pairing activities into full activity records, on both dialects: rows
// logged before it keep their ids and values and get the helped school of their pairing; afterwards
// an activity may belong to one school alone (no pairing) and carry its plan, and a new id follows
// the old ones.
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrate, MIGRATIONS, openDatabase } from '../database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../test-databases.ts';

const PREVIOUS = '20261203050000-ProjectsTeachersSupervision';
const AT = '2025-10-01T00:00:00.000Z';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`20261204060300-ActivityRecords on ${dialect}`, () => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.drop();
    });

    it('keeps the activities logged before it and lets new ones stand alone', async () => {
      t = await createTestDatabase(dialect);
      const database = openDatabase(t.options);
      try {
        const migrator = new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
        expect((await migrator.migrateTo(PREVIOUS)).error).toBeUndefined();
        const db = database.db as unknown as import('kysely').Kysely<any>; // the table as it was
        await db.insertInto('school_pairings').values([
          { county_code: '513433', helper_code: 'H1', helped_code: 'S1', started_on: '2025-09-01', actor: 'a', at: AT },
          { county_code: '513433', helper_code: 'H2', helped_code: 'S2', started_on: '2025-09-01', actor: 'a', at: AT },
        ]).execute();
        const pairings = await db.selectFrom('school_pairings').select(['id', 'helped_code']).execute();
        const of = (code: string) => Number(pairings.find((p: { helped_code: string }) => p.helped_code === code)!.id);
        await db.insertInto('pairing_activities').values([
          { pairing_id: of('S1'), county_code: '513433', kind: '联合教研', activity_date: '2025-10-20', title: '语文联合教研', summary: '两节课', actor: 'a', at: AT },
          { pairing_id: of('S2'), county_code: '513433', kind: '送课下乡', activity_date: '2025-11-05', title: '送课下乡', summary: null, actor: 'a', at: AT },
        ]).execute();
        const before = await db.selectFrom('pairing_activities').select(['id', 'pairing_id', 'title', 'summary']).orderBy('id').execute();

        expect(await migrate(database)).toContain('20261204060300-ActivityRecords');
        const after = await database.db.selectFrom('pairing_activities').selectAll().orderBy('id').execute();
        expect(after.map((r) => ({ id: r.id, pairing_id: r.pairing_id, title: r.title, summary: r.summary }))).toEqual(before);
        expect(after.map((r) => r.school_code)).toEqual(['S1', 'S2']);
        expect(after.map((r) => r.organisers_json)).toEqual([null, null]);

        const id = (await database.db.insertInto('pairing_activities').values({
          pairing_id: null, county_code: '513433', school_code: 'S1', kind: '劳动教育', activity_date: '2026-04-30', title: '我劳动我快乐', summary: null, goal: '爱劳动', start_at: '2026-04-30 14:30', end_at: null,
          place: null, participants: null, expected_count: 45, present_count: null, arrangements: null, safety: null, organisers_json: '[]', actor: 'a', at: AT,
        }).returning('id').executeTakeFirstOrThrow()).id;
        expect(Number(id)).toBeGreaterThan(Math.max(...before.map((r: { id: number }) => Number(r.id))));
        const tables = (await database.db.introspection.getTables()).map((x) => x.name);
        expect(tables).toContain('activity_attachments');
      } finally {
        await database.close();
      }
    });
  });
}
