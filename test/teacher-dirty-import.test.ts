// A teacher roster as real exports deliver it, imported on both databases (issue 12): a GB18030 CSV
// with a title row, a blank row and header variants (全角 spaces, （必填） and * markers, 身份证号码,
// 最高学历, 专业技术职务, an unknown 备注 column), ID numbers with a lower-case x or mangled by Excel to
// 5.13433E+17, a start month as an Excel serial, 职称 as 小学高级 / 一级教师 / 中学一级; and an .xls with
// an ID as a number cell and a date cell. What a user sees: the rows in, the teachers in the county's
// roster (IDs masked; a mangled one never stored as an ID, the teacher known by name and school), and each bad row rejected with its
// row, column and value in Chinese and English, also in the --errors file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../src/db/test-databases.ts';
import { biff8 } from '../src/files/test-xls.ts';
import { maskIdNumber } from '../src/platform/privacy.rules.ts';
import { cliActor } from '../src/platform/scope.ts';
import { SCHOOLS, startTestApp, withCheckDigit, type TestApp } from '../src/platform/test-seed.ts';
import { importTeachers } from '../src/schools/teacher-steps.ts';
import type { TeacherList } from '../src/schools/teacher.schema.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-teachers-'));

/** A valid ID number whose check digit is X (written here with a lower-case x, as typed). */
function idEndingInX(): string {
  for (let n = 100; n < 999; n++) {
    const id = withCheckDigit(`51343319870712${n}`.slice(0, 17));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID ending in X');
}
const X_ID = idEndingInX();
const ZHOU_ID = withCheckDigit('51343319850303333');

const CSV_ROWS = [
  ['甘洛县中小学教师花名册（导出日期：2025年9月30日）'],
  [],
  ['序号', ' 姓　名 ', '身份证号码（必填）', '*学校标识码', '最高学历', '专业技术职务', '是否乡村教师', '参加工作年月', '本年度培训学时(学时)', '备注'],
  ['1', '陈 建国', X_ID.toLowerCase(), SCHOOLS.a, '本科', '小学高级', '否', '2005-08', '90', '骨干'],
  ['2', '刘晓燕', '5.13433E+17', SCHOOLS.b, '大专', '二级教师', '是', '2024年8月', '40', ''],
  ['3', '周文华', ZHOU_ID, SCHOOLS.b, '本科', '一级教师', '是', '38565', '100', ''],
  ['4', '吴德明', withCheckDigit('51343319700404444'), '5134339999', '本科', '中学一级', '是', '1995-09', '85', ''],
  ['5', '郑春梅', withCheckDigit('51343319880505555'), SCHOOLS.b, '本科', '一级教师', '是', '2015-09', '八十', ''],
  ['6', '王红', withCheckDigit('51343319900606666'), SCHOOLS.a, '专科', '', '也许', '2012-09', '30', ''],
];
const csvText = (rows: string[][]) => rows.map((r) => r.map((c) => (/[,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`a dirty teacher roster on ${dialect}`, () => {
    let t: TestApp;
    let cookie = '';
    const roster = async () => (await t.app.inject({ url: '/api/teachers?pageSize=100', headers: { cookie } })).json<TeacherList>().items;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      cookie = await t.login('county');
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('takes the GB18030 CSV’s good rows and rejects the bad ones by row, column and value in both languages', async () => {
      const file = path.join(dir, `教师花名册-${dialect}.csv`);
      fs.writeFileSync(file, iconv.encode(csvText(CSV_ROWS), 'gb18030'));
      const errors = path.join(dir, `被拒收-${dialect}.csv`);
      const s = await importTeachers(t.database, { file, errorsFile: errors, actor: cliActor() });
      expect(s).toMatchObject({ rows: 6, inserted: 3, rejected: 3, encoding: 'gb18030' });
      expect(s.unknownColumns).toEqual(expect.arrayContaining(['备注']));
      // file rows: title 1, blank 2, header 3, data from 4
      const byColumn = Object.fromEntries(s.rejectedSample.map((r) => [r.column, r]));
      expect(byColumn['学校标识码']).toMatchObject({ row: 7, value: '5134339999', reason: expect.stringContaining('不在已导入的学校名单中'), reasonEn: expect.stringContaining('not in the imported school list') });
      expect(byColumn['本年度培训学时']).toMatchObject({ row: 8, value: '八十', reason: expect.stringContaining('应为非负数'), reasonEn: expect.stringContaining('non-negative number') });
      expect(byColumn['是否乡村教师']).toMatchObject({ row: 9, value: '也许', reason: expect.stringContaining('是 或 否'), reasonEn: expect.stringContaining('是 or 否') });
      // the mangled ID: a warning, the teacher known by name and school
      expect(s.warningSample).toContainEqual(expect.objectContaining({ row: 5, column: '身份证件号', value: '5.13433E+17', reasonEn: expect.stringContaining('unusable') }));

      const errorText = fs.readFileSync(errors, 'utf8');
      expect(errorText.split(/\r?\n/)[0]).toContain('错误原因');
      for (const s of ['吴德明', '5134339999', '郑春梅', '八十', 'must be a non-negative number', '王红', '也许']) expect(errorText).toContain(s);
      expect(errorText).not.toContain('周文华');

      const items = await roster();
      const by = Object.fromEntries(items.map((x) => [x.name, x]));
      expect(Object.keys(by).sort()).toEqual(['刘晓燕', '周文华', '陈建国'].sort());
      expect(by['陈建国']).toMatchObject({ idNumber: maskIdNumber(X_ID), title: '小学高级', village: false, startMonth: '2005-08', trainingHours: 90, education: '本科' });
      expect(X_ID.endsWith('X')).toBe(true);
      // 38565 is Excel's 2005-08-01
      expect(by['周文华']).toMatchObject({ idNumber: maskIdNumber(ZHOU_ID), title: '一级教师', village: true, startMonth: '2005-08' });
      expect(by['刘晓燕']).toMatchObject({ village: true, startMonth: '2024-08', education: '大专' });
      // the mangled cell is shown with its shape but no digit: it is not an ID and must not look like one
      expect(by['刘晓燕'].idNumber).toBe('*.*****E+**');
      expect(await t.database.db.selectFrom('teachers').select(['teacher_key', 'id_number']).where('name', '=', '刘晓燕').executeTakeFirstOrThrow()).toEqual({ teacher_key: `刘晓燕|${SCHOOLS.b}`, id_number: null });
    });

    it('takes an .xls whose ID is a number cell (unusable: known by name and school) and whose start is a date cell', async () => {
      const file = path.join(dir, `教师花名册-${dialect}.xls`);
      fs.writeFileSync(file, biff8([['教师', [
        ['教师姓名', '公民身份号码', '任教学校代码', '学历', '职称', '乡村教师', '参加工作时间', '继续教育学时'],
        ['马丽', 513433199201011200, SCHOOLS.a, '本科', '中小学一级教师', '否', new Date(Date.UTC(2014, 8, 1)), 82],
        ['周文华', ZHOU_ID, SCHOOLS.b, '研究生', '高级教师', '是', new Date(Date.UTC(2005, 7, 1)), 120],
      ]]]));
      const s = await importTeachers(t.database, { file, actor: cliActor() });
      expect(s).toMatchObject({ rows: 2, inserted: 1, updated: 1, rejected: 0 });
      expect(s.warningSample).toContainEqual(expect.objectContaining({ row: 2, column: '身份证件号' }));
      const by = Object.fromEntries((await roster()).map((x) => [x.name, x]));
      expect(by['马丽']).toMatchObject({ schoolCode: SCHOOLS.a, title: '中小学一级教师', startMonth: '2014-09', trainingHours: 82, village: false });
      // the number cell's 15 significant digits are no ID: never stored as one, the teacher known by name and school
      const row = await t.database.db.selectFrom('teachers').select(['teacher_key', 'id_number', 'id_status']).where('name', '=', '马丽').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ teacher_key: `马丽|${SCHOOLS.a}`, id_number: null });
      expect(row.id_status).not.toBe('valid');
      expect(by['周文华']).toMatchObject({ education: '研究生', title: '高级教师', trainingHours: 120, startMonth: '2005-08' });
      // 513433199201011200 is no ID (precision lost): the county sees the region code only, never a tail that looks like a check of an ID
      expect(by['马丽'].idNumber).toBe('513433************');
    });
  });
}
