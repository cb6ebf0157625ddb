// The migration that makes stored 学段 canonical, on both dialects: a database at the previous
// migration holds the spellings of real exports; after migrating, students.stage is canonical (or
// inferred from 年级 and 办学类型), stage_raw keeps the cell, entitlements follow.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrate, MIGRATIONS, openDatabase, type Database } from '../database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../test-databases.ts';
import { importList } from '../../registry/import-list.ts';
import { cliActor } from '../../platform/scope.ts';
import { rowHash } from '../../kernel/hash.ts';

const PREVIOUS = '20261126010100-AidGrants';

function migrator(database: Database): Migrator {
  return new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
}

/** The record columns an import hashed before this migration (no stage_raw). */
const OLD_RECORD = ['student_no', 'county_code', 'name', 'name_norm', 'name_key', 'sex', 'id_raw', 'id_number', 'id_status', 'birth_date', 'ethnicity', 'school_code', 'stage', 'grade', 'boarding', 'hukou_region', 'status'];

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
        const before = await migrator(database).migrateTo(PREVIOUS);
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

    it('importing the same file again after the upgrade changes nothing', async () => {
      t = await createTestDatabase(dialect);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-stage-mig-'));
      const schools = path.join(dir, 'schools.csv');
      const students = path.join(dir, 'students.csv');
      fs.writeFileSync(schools, '学校标识码,学校名称,行政区划代码,办学类型,城乡类型\n2151343312,甘洛县中学,513433100,完全中学,镇区\n');
      fs.writeFileSync(students, ['学籍号,姓名,身份证件号,学校标识码,学段,年级', 'L00000000000000001,甲,,2151343312,普通高中,高一', 'L00000000000000002,乙,,2151343312,,初二', 'L00000000000000003,丙,,2151343312,初中,七年级'].join('\n'));
      const database = await t.open();
      try {
        const actor = cliActor();
        await importList(database, { kind: 'schools', file: schools, actor });
        expect(await importList(database, { kind: 'students', file: students, actor })).toMatchObject({ inserted: 3 });
        // back to what the previous version stored: 学段 as written, hashed without stage_raw
        expect((await migrator(database).migrateTo(PREVIOUS)).error).toBeUndefined();
        const db = database.db as any;
        for (const r of (await db.selectFrom('students').select(OLD_RECORD).execute()) as Record<string, unknown>[]) {
          await db.updateTable('students').set({ row_hash: rowHash(JSON.stringify(OLD_RECORD.map((c) => r[c]))) }).where('student_no', '=', r.student_no).execute();
        }
        expect((await db.selectFrom('students').select('stage').orderBy('student_no').execute()).map((r: { stage: string | null }) => r.stage)).toEqual(['普通高中', null, '初中']);
        await migrate(database);
        expect(await importList(database, { kind: 'students', file: students, actor })).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
        const stored = await database.db.selectFrom('students').select(['stage', 'stage_raw']).orderBy('student_no').execute();
        expect(stored).toEqual([{ stage: '高中', stage_raw: '普通高中' }, { stage: '初中', stage_raw: null }, { stage: '初中', stage_raw: '初中' }]);
      } finally {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
