// One pairing per pair of schools on both dialects: the migration merges pairs stored twice (either
// order) into the oldest, keeping their activities; afterwards the database refuses the same pair in
// either order whatever path inserts it, and two requests pairing the same schools at once end with
// one pairing and a 409 for the other.
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator, type Kysely } from 'kysely';
import { migrate, MIGRATIONS, openDatabase } from '../database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../test-databases.ts';
import { FuzhiError } from '../../kernel/errors.ts';
import { cliActor } from '../../platform/scope.ts';
import { SCHOOLS, seedPlatform } from '../../platform/test-seed.ts';
import { addPairing } from '../../schools/pairing-steps.ts';

const PREVIOUS = '20261205010000-IndicatorEvidence';
const AT = '2025-10-01T00:00:00.000Z';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`20261205020000-UniquePairings on ${dialect}`, () => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.drop();
      t = undefined;
    });

    it('merges reverse pairs into the oldest, activities kept, and then refuses the pair in either order', async () => {
      t = await createTestDatabase(dialect);
      const database = openDatabase(t.options);
      try {
        const migrator = new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
        expect((await migrator.migrateTo(PREVIOUS)).error).toBeUndefined();
        const db = database.db as unknown as Kysely<any>;
        const pairing = (helper: string, helped: string) => ({ county_code: '513433', helper_code: helper, helped_code: helped, started_on: '2025-09-01', actor: 'a', at: AT });
        await db.insertInto('school_pairings').values([pairing('A', 'B'), pairing('B', 'A'), pairing('C', 'D'), pairing('E', 'F'), pairing('F', 'E')]).execute();
        const ids = (await db.selectFrom('school_pairings').select('id').orderBy('id').execute()).map((r: { id: number }) => Number(r.id));
        const activity = (pairingId: number, school: string, title: string) => ({ pairing_id: pairingId, county_code: '513433', school_code: school, kind: '联合教研', activity_date: '2025-10-20', title, actor: 'a', at: AT });
        await db.insertInto('pairing_activities').values([activity(ids[0], 'B', '一'), activity(ids[1], 'A', '二'), activity(ids[1], 'A', '三'), activity(ids[2], 'D', '四'), activity(ids[4], 'E', '五')]).execute();

        expect(await migrate(database)).toContain('20261205020000-UniquePairings');
        const left = await db.selectFrom('school_pairings').select(['id', 'helper_code', 'helped_code']).orderBy('id').execute();
        expect(left.map((r: { id: number; helper_code: string; helped_code: string }) => [Number(r.id), r.helper_code, r.helped_code])).toEqual([[ids[0], 'A', 'B'], [ids[2], 'C', 'D'], [ids[3], 'E', 'F']]);
        const acts = await db.selectFrom('pairing_activities').select(['title', 'pairing_id', 'school_code']).orderBy('title').execute();
        expect(acts.map((a: { title: string; pairing_id: number; school_code: string }) => [a.title, Number(a.pairing_id), a.school_code]).sort()).toEqual([['一', ids[0], 'B'], ['三', ids[0], 'B'], ['二', ids[0], 'B'], ['四', ids[2], 'D'], ['五', ids[3], 'F']].sort());
        const merged = await db.selectFrom('audit_log').select(['target', 'detail_json']).where('action', '=', 'pairing.merge').execute();
        expect(merged.map((m: { detail_json: string }) => JSON.parse(m.detail_json).merged).sort()).toEqual([ids[1], ids[4]].sort());

        await expect(db.insertInto('school_pairings').values(pairing('B', 'A')).execute()).rejects.toThrow(/unique|duplicate/i);
        await expect(db.insertInto('school_pairings').values(pairing('A', 'B')).execute()).rejects.toThrow(/unique|duplicate/i);
        await db.insertInto('school_pairings').values(pairing('A', 'C')).execute();
      } finally {
        await database.close();
      }
    });

    it('two requests pairing the same schools at once (either order): one pairing, the other 409', async () => {
      t = await createTestDatabase(dialect);
      const database = await t.open();
      try {
        await seedPlatform(database.db);
        const results = await Promise.allSettled([
          addPairing(database, cliActor(), '2026-01-05', { helper: SCHOOLS.a, helped: SCHOOLS.b }),
          addPairing(database, cliActor(), '2026-01-05', { helper: SCHOOLS.b, helped: SCHOOLS.a }),
          addPairing(database, cliActor(), '2026-01-05', { helper: SCHOOLS.a, helped: SCHOOLS.b }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((x) => x.status === 'rejected')) {
          const e = (r).reason as FuzhiError;
          expect(e).toBeInstanceOf(FuzhiError);
          expect({ code: e.code, status: e.status }).toEqual({ code: 'PAIRING_EXISTS', status: 409 });
        }
        expect(await database.db.selectFrom('school_pairings').selectAll().execute()).toHaveLength(1);
      } finally {
        await database.close();
      }
    });
  });
}
