// COPY-based upserts on PostgreSQL (the path of every list import there): values that COPY's text
// format must escape arrive unchanged, an unchanged row is not rewritten, and a failure rolls the
// whole transaction back (nothing half-written).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, type TestDatabase } from './test-databases.ts';
import type { Database } from './database.ts';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { copyUpsert, deferPgIndexesOfEmptyTable, withPgTransaction } from './pg-copy.ts';

const COLUMNS = ['code', 'name', 'region_code', 'county_code', 'school_type', 'urban_rural', 'row_hash', 'rev', 'created_at', 'updated_at'];
const UPDATABLE = COLUMNS.filter((c) => c !== 'code' && c !== 'created_at');
const AT = '2026-12-02T04:00:00.000Z';
const row = (code: string, name: string, hash: string, urban: string | null = null) => [code, name, '513433100000', '513433', '小学', urban, hash, 1, AT, AT];

describe.runIf(await dialectAvailable('postgres'))('COPY upserts (postgres)', () => {
  let t: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    database = await t.open();
  });
  afterAll(async () => {
    await database?.close();
    await t?.drop();
  });
  const stored = () => database.db.selectFrom('schools').select(['code', 'name', 'urban_rural', 'row_hash']).orderBy('code').execute();

  it('stores tabs, backslashes, line breaks and empty cells exactly, and rewrites only changed rows', async () => {
    const odd = 'a\tb\\c\nd\re \\N';
    const n = await withPgTransaction(database.pgPool!, (trx, client) =>
      copyUpsert(trx, client, 'schools', COLUMNS, [row('2151343301', odd, 'h1', ''), row('2151343302', '甘洛县中学', 'h2')], 'code', UPDATABLE),
    );
    expect(n).toBe(2);
    expect(await stored()).toEqual([
      { code: '2151343301', name: odd, urban_rural: '', row_hash: 'h1' },
      { code: '2151343302', name: '甘洛县中学', urban_rural: null, row_hash: 'h2' },
    ]);
    const again = await withPgTransaction(database.pgPool!, (trx, client) =>
      copyUpsert(trx, client, 'schools', COLUMNS, [row('2151343301', 'x', 'h1'), row('2151343302', '甘洛县第二中学', 'h3')], 'code', UPDATABLE),
    );
    expect(again).toBe(1); // the same row hash: left as it is
    expect((await stored()).map((r) => r.name)).toEqual([odd, '甘洛县第二中学']);
  });

  it('a failure after the COPY leaves nothing written, and the pool still works', async () => {
    await expect(
      withPgTransaction(database.pgPool!, async (trx, client) => {
        await copyUpsert(trx, client, 'schools', COLUMNS, [row('2151343303', '新学校', 'h4')], 'code', UPDATABLE);
        throw new Error('导入中断');
      }),
    ).rejects.toThrow('导入中断');
    await expect(
      withPgTransaction(database.pgPool!, (trx, client) => copyUpsert(trx, client, 'schools', COLUMNS, [[...row('2151343304', '坏行', 'h5').slice(0, 7), 'not a number', AT, AT]], 'code', UPDATABLE)),
    ).rejects.toThrow();
    expect((await stored()).map((r) => r.code)).toEqual(['2151343301', '2151343302']);
    expect(await database.db.selectFrom('schools').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 2 });
  });

  it('a first import copies straight into the table; a key stored after all fails the whole transaction', async () => {
    const n = await withPgTransaction(database.pgPool!, (trx, client) =>
      copyUpsert(trx, client, 'schools', COLUMNS, [row('2151343305', '新建小学\t分校', 'h6'), row('2151343306', '第三中学', 'h7')], 'code', UPDATABLE, true),
    );
    expect(n).toBe(2);
    expect((await stored()).filter((r) => r.code >= '2151343305')).toEqual([
      { code: '2151343305', name: '新建小学\t分校', urban_rural: null, row_hash: 'h6' },
      { code: '2151343306', name: '第三中学', urban_rural: null, row_hash: 'h7' },
    ]);
    await expect(
      withPgTransaction(database.pgPool!, (trx, client) => copyUpsert(trx, client, 'schools', COLUMNS, [row('2151343307', '又一所', 'h8'), row('2151343301', '重复', 'h9')], 'code', UPDATABLE, true)),
    ).rejects.toThrow(/duplicate key|unique/);
    expect((await stored()).map((r) => r.code)).toEqual(['2151343301', '2151343302', '2151343305', '2151343306']);
  });

  const indexesOf = async (table: string, db: Kysely<DB> = database.db) =>
    (await sql<{ def: string }>`select pg_get_indexdef(indexrelid) as def from pg_index where indrelid = ${table}::regclass order by 1`.execute(db)).rows.map((r) => r.def);
  const STUDENT_COLUMNS = ['student_no', 'name', 'name_norm', 'name_key', 'sex', 'id_status', 'county_code', 'school_code', 'status', 'boarding', 'row_hash', 'rev', 'created_at', 'updated_at'];
  const student = (no: string) => [no, '王芳', '王芳', 'wangfang', 'F', 'missing', '513433', '2151343301', '在读', 0, `h${no}`, 1, AT, AT];

  it('a first import into an empty roster builds its secondary indexes once at the end, the same indexes as before', async () => {
    const before = await indexesOf('students');
    expect(before.length).toBeGreaterThan(4);
    await withPgTransaction(database.pgPool!, async (trx, client) => {
      const build = await deferPgIndexesOfEmptyTable(trx, 'students');
      // inside the import only the primary key is left
      expect((await sql<{ n: number }>`select count(*)::int as n from pg_index where indrelid = 'students'::regclass`.execute(trx)).rows[0].n).toBe(1);
      await copyUpsert(trx, client, 'students', STUDENT_COLUMNS, [student('J1'), student('J2')], 'student_no', STUDENT_COLUMNS.slice(1), true);
      await build();
    });
    expect(await indexesOf('students')).toEqual(before);
    // the planner finds the rebuilt county index
    expect(await database.db.selectFrom('students').select('student_no').where('county_code', '=', '513433').orderBy('student_no').execute()).toEqual([{ student_no: 'J1' }, { student_no: 'J2' }]);
  });

  it('drops nothing on a roster that holds rows, and a failed first import gives the indexes back', async () => {
    const before = await indexesOf('students');
    await withPgTransaction(database.pgPool!, async (trx) => {
      await deferPgIndexesOfEmptyTable(trx, 'students');
      expect(await indexesOf('students', trx)).toEqual(before);
    });
    // the registry's first list once the roster holds students: its pages read the lists, nothing dropped
    const members = await indexesOf('members');
    await withPgTransaction(database.pgPool!, async (trx) => {
      await deferPgIndexesOfEmptyTable(trx, 'members', { alsoEmpty: ['students'] });
      expect(await indexesOf('members', trx)).toEqual(members);
    });
    await expect(
      withPgTransaction(database.pgPool!, async (trx, client) => {
        await deferPgIndexesOfEmptyTable(trx, 'members');
        await copyUpsert(trx, client, 'members', ['member_id'], [['m1']], 'member_id', [], true);
      }),
    ).rejects.toThrow();
    expect((await indexesOf('members')).length).toBeGreaterThan(2);
  });
});
