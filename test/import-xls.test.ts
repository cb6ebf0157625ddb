// `fuzhi import students x.xls` through the real CLI on SQLite and PostgreSQL: an Excel 97-2003
// roster with a title row, a blank row, date cells and an ID destroyed into a number cell; its
// rejected rows written with --errors as .xlsx; an .xls errors file refused before anything changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { biff8 } from '../src/files/test-xls.ts';
import { id } from '../src/registry/test-people.ts';
import { dbEnv, fuzhi, ONE_SCHOOL_CSV, STUDENT_HEADER } from './cli-helpers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-xls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const A = id('51343320150302002');
const B = id('51343320140711003');
const C = id('51343320130105004');

function roster(): string {
  const file = path.join(dir, '学籍名单.xls');
  fs.writeFileSync(
    file,
    biff8([
      [
        '学生信息',
        [
          ['学生信息（导出日期：2025-09-10）'],
          STUDENT_HEADER.split(','),
          ['吉克阿呷', '女', A, `G${A}`, day(2015, 3, 2), '2151343301', '小学', '四年级', '是', '在读'],
          [],
          // Excel turned this ID into a number cell: 15 significant digits survive, it must not be used
          // (a 学籍号 of G + ID would give the ID back, so this one is of the other kind)
          ['王𠇔', '男', Number(B), 'J0000000000000002', day(2014, 7, 11), '2151343301', '小学', '五年级', '否', '在读'],
          ['沙马拉且', '女', C, `G${C}`, day(2013, 1, 5), '2199999999', '小学', '六年级', '否', '在读'],
        ],
      ],
    ]),
  );
  return file;
}

async function stored(t: TestDatabase) {
  const d = await t.open();
  try {
    return await d.db.selectFrom('students').select(['student_no', 'name', 'id_number', 'id_status', 'birth_date']).orderBy('student_no').execute();
  } finally {
    await d.close();
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`import .xls on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = dbEnv(t.options);
      const schools = path.join(dir, `schools-${dialect}.csv`);
      fs.writeFileSync(schools, ONE_SCHOOL_CSV);
      expect(fuzhi(['import', 'schools', schools], env).code).toBe(0);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('refuses an .xls errors file before reading anything: exit 2, nothing stored', async () => {
      const r = fuzhi(['import', 'students', roster(), '--errors', path.join(dir, 'rejected.xls')], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.csv 或 \.xlsx/);
      expect(r.stderr).toMatch(/\.csv or \.xlsx/);
      expect(await stored(t)).toEqual([]);
    });

    it('imports the roster: title row skipped, dates read, the number-cell ID treated as missing, the bad row rejected', async () => {
      const errors = path.join(dir, `rejected-${dialect}.xlsx`);
      const r = fuzhi(['import', 'students', roster(), '--sheet', '学生信息', '--errors', errors], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toMatchObject({ inserted: 2, rejected: 1 });
      expect(r.stderr).toMatch(/第 6 行/);
      expect(r.stderr).toMatch(/2199999999/);
      const rows = await stored(t);
      expect(rows.map((s) => [s.student_no, s.name, s.birth_date])).toEqual([
        [`G${A}`, '吉克阿呷', '2015-03-02'],
        ['J0000000000000002', '王𠇔', '2014-07-11'],
      ]);
      expect(rows[0].id_number).toBe(A);
      expect(rows[1].id_status).toBe('excel_destroyed');
      expect(rows[1].id_number).toBeNull();

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(errors);
      const cells = wb.worksheets[0].getSheetValues().flat().map(String);
      expect(cells).toContain('错误原因');
      expect(cells).toContain('沙马拉且');
    });
  });
}
