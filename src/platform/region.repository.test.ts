// Region names on both dialects: a county (6 digits), a township (9) and a village (12) find their
// name whatever length the code arrives in; a region without a name shows its code; asking for more
// codes than one query holds still finds them all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import type { Database } from '../db/database.ts';
import { regionNames } from './region.repository.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`region names on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      const villages = Array.from({ length: 999 }, (_, i) => ({ code: `513433100${String(i + 1).padStart(3, '0')}`, name: `第${i + 1}村`, level: 5, parent_code: '513433100000' }));
      await database.db.insertInto('regions').values([
        { code: '513433000000', name: '甘洛县', level: 3, parent_code: null },
        { code: '513433100000', name: '新市坝镇', level: 4, parent_code: '513433000000' },
      ]).execute();
      for (let i = 0; i < villages.length; i += 200) await database.db.insertInto('regions').values(villages.slice(i, i + 200)).execute();
    }, 60_000);
    afterAll(async () => {
      await database?.close();
      await t?.drop();
    });

    it.each([
      ['513433', '甘洛县'],
      ['513433000000', '甘洛县'],
      ['513433100', '新市坝镇'],
      ['513433100201', '第201村'],
      ['513433101', '513433101'],
      ['520102', '520102'],
    ])('names %s as %s', async (code, label) => {
      const names = await regionNames(database.db, [code]);
      expect(names.label(code)).toBe(label);
      expect(names.get(code)).toBe(label === code ? undefined : label);
      expect((await regionNames(database.db)).label(code)).toBe(label);
    });

    it('finds every one of many codes asked at once', async () => {
      const codes = Array.from({ length: 999 }, (_, i) => `513433100${String(i + 1).padStart(3, '0')}`);
      const names = await regionNames(database.db, [...codes, '', 'x']);
      expect(codes.map((c) => names.label(c))).toEqual(codes.map((_, i) => `第${i + 1}村`));
      expect(names.label('')).toBe('');
    });
  });
}
