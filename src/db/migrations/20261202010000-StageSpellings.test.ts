// The migration that makes stored 学段 canonical, on both dialects: a database at the previous
// migration holds the spellings of real exports; after migrating, students.stage is canonical (or
// inferred from 年级 and 办学类型), stage_raw keeps the cell, entitlements follow.
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrate, MIGRATIONS, openDatabase } from '../database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../test-databases.ts';

const AT = '2025-09-01T00:00:00.000Z';
const common = { row_hash: 'h', rev: 1, created_at: AT, updated_at: AT };

function student(no: string, school: string, stage: string | null, grade: string | null) {
  return {
    student_no: no, county_code: '513433', name: no, name_norm: no, name_key: no, sex: 'M', id_raw: null, id_number: null, id_status: 'missing',
    birth_date: null, ethnicity: null, school_code: school, stage, grade, boarding: 0, hukou_region: null, status: '在读', ...common,
  };
}

const ROWS: [string, string, string | null, string | null, string | null][] = [
  // 学籍号, school, 学段 as stored, 年级, canonical after the migration
  ['S1', 'K', '学前教育', '大班', '学前'],
  ['S2', 'G', '普通高中', '高一', '高中'],
  ['S3', 'V', '中等职业教育', '一年级', '中职'],
  ['S4', 'J', null, '初二', '初中'],
  ['S5', 'N', null, '七年级', '初中'],
  ['S6', 'N', '', '三年级', '小学'],
  ['S7', 'P', '小学', '一年级', '小学'],
  ['S8', 'W', null, '二年级', null],
];
const SCHOOL_TYPES: Record<string, string> = { K: '幼儿园', G: '高级中学', V: '中等职业学校', J: '初级中学', N: '九年一贯制学校', P: '小学', W: '完全中学' };

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`migration StageSpellings on ${dialect}`, () => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.drop();
    });

    it('canonicalises stored 学段 and keeps the cell as it arrived', async () => {
      t = await createTestDatabase(dialect);
      const database = openDatabase(t.options);
      try {
        const migrator = new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
        const before = await migrator.migrateTo('20261126010100-AidGrants');
        expect(before.error).toBeUndefined();
        const db = database.db as any; // the schema of the previous migration has no stage_raw
        await db.insertInto('schools').values(Object.entries(SCHOOL_TYPES).map(([code, type]) => ({
          code: `513433000${code.charCodeAt(0) % 10}`, name: code, region_code: '513433100000', county_code: '513433', school_type: type, urban_rural: null, ...common,
        }))).execute();
        const schoolCode = (k: string) => `513433000${k.charCodeAt(0) % 10}`;
        await db.insertInto('students').values(ROWS.map(([no, k, stage, grade]) => student(no, schoolCode(k), stage, grade))).execute();
        expect(await migrate(database)).toContain('20261202010000-StageSpellings');
        const got = await database.db.selectFrom('students').select(['student_no', 'stage', 'stage_raw']).orderBy('student_no').execute();
        expect(got.map((r) => [r.student_no, r.stage, r.stage_raw])).toEqual(ROWS.map(([no, , stage, , want]) => [no, want, stage]));
      } finally {
        await database.close();
      }
    });
  });
}
