// openTable on old Excel 97-2003 (.xls) workbooks: the same title rows, blank rows, typed cells
// (an ID destroyed into a number, date cells), sheet choice and damage handling as .xlsx, plus
// Excel 5.0/95 workbooks whose text is in the GBK code page.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '../kernel/id-number.ts';
import { openTable } from './read-table.ts';
import { allRows, caught, scratch, STUDENTS } from './test-files.ts';
import { biff5Gbk, biff8 } from './test-xls.ts';

const dir = scratch();
afterAll(() => dir.remove());

const DESTROYED_ID = Number('513433200501011234'); // Excel keeps 15 significant digits
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const roster = (): Buffer =>
  biff8([
    [
      '学生名单',
      [
        ['学生信息（导出日期：2025-09-10）'],
        [],
        ['姓名', '身份证件号', '学籍号', '出生日期', '年级', '备注'],
        ['张䶮', DESTROYED_ID, 'G513433200501011234', day(2005, 1, 1), '一年级', 2],
        [],
        ['李四', '51343320060202123X', 'G6', day(2006, 2, 2), '二年级', null],
        ['王五', 'X7', 'G7', null, 0, true],
      ],
    ],
    ['第二页', [['学生姓名', '证件号码', '全国学籍号'], ['赵六', 'X9', 'G9']]],
  ]);

describe('openTable on .xls', () => {
  it('reads the first sheet after its title rows, with cells typed as Excel stored them', async () => {
    const table = await openTable(dir.file('roster.xls', roster()), STUDENTS);
    expect([table.format, table.encoding, table.headerRow]).toEqual(['xls', null, 3]);
    expect(table.headers).toEqual(['姓名', '身份证件号', '学籍号', '出生日期', '年级', '备注']);
    expect(table.unknownHeaders).toEqual(['备注']);
    const rows = await allRows(table);
    expect(rows.map((r) => r.row)).toEqual([4, 6, 7]);
    expect(rows[0].values).toEqual({ name: '张䶮', idNumber: DESTROYED_ID, studentNo: 'G513433200501011234', birth: day(2005, 1, 1), grade: '一年级' });
    expect(rows[0].raw[5]).toBe(2);
    expect(rows[1].values).toEqual({ name: '李四', idNumber: '51343320060202123X', studentNo: 'G6', birth: day(2006, 2, 2), grade: '二年级' });
    expect(rows[2].values).toEqual({ name: '王五', idNumber: 'X7', studentNo: 'G7', birth: null, grade: 0 });
    expect(rows[2].raw[5]).toBe(true);
    expect(table.bytesRead()).toBe(table.bytes);
  });

  it('hands an ID stored as a number cell on as a number, which parseIdNumber treats as destroyed', async () => {
    const rows = await allRows(await openTable(dir.file('ids.xls', roster()), STUDENTS));
    expect(typeof rows[0].values.idNumber).toBe('number');
    expect(parseIdNumber(rows[0].values.idNumber).status).toBe('excel_destroyed');
    expect(parseIdNumber(rows[1].values.idNumber).status).not.toBe('excel_destroyed');
  });

  it('reads a sheet chosen by name, skips a hidden first sheet, and lists the sheets when the name is wrong', async () => {
    const file = dir.file('sheets.xls', roster());
    const table = await openTable(file, STUDENTS, { sheet: '第二页' });
    expect(table.columns).toEqual({ name: 0, idNumber: 1, studentNo: 2 });
    expect((await allRows(table)).map((r) => [r.row, r.values])).toEqual([[2, { name: '赵六', idNumber: 'X9', studentNo: 'G9' }]]);
    const err = await caught(openTable(file, STUDENTS, { sheet: '第三页' }));
    expect(err.code).toBe('SHEET_NOT_FOUND');
    expect(err.exitCode).toBe(2);
    expect(err.messageZh).toContain('“学生名单”、“第二页”');
    const hidden = dir.file('hidden.xls', biff8([['参数', [['x']]], ['名单', [['姓名', '身份证件号', '学籍号']]]], ['参数']));
    expect((await openTable(hidden, STUDENTS)).headerRow).toBe(1);
  });

  it('reads an Excel 5.0/95 workbook whose text is in the GBK code page', async () => {
    const file = dir.file('gbk.xls', biff5Gbk('学籍名单', [['全县学生名单'], ['学生姓名', '证件号码', '全国学籍号', '年级'], ['欧阳娜', 'X1', 'G1', '三年级'], ['吉克阿呷', 'X2', 'G2', '初一']]));
    const table = await openTable(file, STUDENTS, { sheet: '学籍名单' });
    expect(table.headerRow).toBe(2);
    expect((await allRows(table)).map((r) => r.values)).toEqual([
      { name: '欧阳娜', idNumber: 'X1', studentNo: 'G1', grade: '三年级' },
      { name: '吉克阿呷', idNumber: 'X2', studentNo: 'G2', grade: '初一' },
    ]);
  });

  it('reads an .xlsx that was only named .xls', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['姓名', '身份证件号', '学籍号'], ['张三', 'X1', 'G1']]);
    const file = dir.path('really-xlsx.xls');
    await wb.xlsx.writeFile(file);
    const table = await openTable(file, STUDENTS);
    expect(table.format).toBe('xlsx');
    expect((await allRows(table)).map((r) => r.values.name)).toEqual(['张三']);
  });

  it.each([
    ['a wrong header', 'header.xls', () => biff8([['表', [['名字', '号码'], ['张三', '1']]]]), 'HEADER_NOT_FOUND', '学籍号'],
    ['an empty workbook', 'empty.xls', () => biff8([['空表', []]]), 'FILE_EMPTY', 'empty.xls'],
    ['a truncated workbook', 'cut.xls', () => roster().subarray(0, 2500), 'FILE_UNREADABLE', 'cut.xls'],
    ['an OLE header followed by junk', 'ole.xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(3000, 7)]), 'FILE_UNREADABLE', 'ole.xls'],
    ['binary junk', 'junk.xls', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), 'FILE_UNREADABLE', 'junk.xls'],
    ['a CSV named .xls', 'csv.xls', () => Buffer.from('姓名,学籍号\n张三,G1\n'), 'FILE_UNREADABLE', 'csv.xls'],
  ])('rejects %s with exit code 2', async (_what, name, content, code, mention) => {
    const err = await caught(openTable(dir.file(name, content()), STUDENTS));
    expect(err.code).toBe(code);
    expect(err.exitCode).toBe(2);
    expect(err.messageZh).toContain(mention);
    expect(err.messageEn).toContain(code === 'HEADER_NOT_FOUND' ? 'header' : mention);
    expect(err.where?.file).toBe(dir.path(name));
  });
});
