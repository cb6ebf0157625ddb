// writeTable: what Excel users get back. Round trips through openTable, the CSV injection guard,
// text columns in xlsx, and no half-written file when an export fails.
import { readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './read-table.ts';
import { allRows, caught, scratch, STUDENTS } from './test-files.ts';
import { csvCell } from './write-csv.ts';
import { writeTable } from './write-table.ts';

const dir = scratch();
afterAll(() => dir.remove());

const HEADERS = ['姓名', '身份证件号', '学籍号', '出生日期', '年级'];
const ROWS: unknown[][] = [
  ['张三', '513433200501011234', 'G513433200501011234', new Date(Date.UTC(2005, 0, 1)), '一年级'],
  ['李"四', '51343320060202123X', 'G2', null, '二年级,\r\n二班'],
  ['=HYPERLINK("http://x")', '-12.5', '+8613800000000', undefined, 3],
];

describe('csvCell', () => {
  it.each([
    ['plain text', '张三', '张三'],
    ['an 18-digit ID stays as written', '513433200501011234', '513433200501011234'],
    ['a comma is quoted', 'a,b', '"a,b"'],
    ['quotes are doubled', 'say "hi"', '"say ""hi"""'],
    ['a newline is quoted', 'a\nb', '"a\nb"'],
    ['a formula is defused', '=1+1', "'=1+1"],
    ['a leading @ is defused', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading + that is not a number is defused', '+86 138', "'+86 138"],
    ['a defused formula with a comma is also quoted', '=A1,B1', '"\'=A1,B1"'],
    ['a negative number is left alone', '-12.5', '-12.5'],
    ['a signed exponent is a number', '+1e5', '+1e5'],
    ['a number', 42, '42'],
    ['null', null, ''],
    ['a date at midnight UTC', new Date(Date.UTC(2005, 0, 1)), '2005-01-01'],
    ['a date with a time', new Date(Date.UTC(2005, 0, 1, 8, 30)), '2005-01-01 08:30:00'],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('writeTable', () => {
  it('writes CSV as UTF-8 with BOM and CRLF that reads back unchanged', async () => {
    const file = dir.path('out.csv');
    expect(await writeTable(file, HEADERS, ROWS, { title: ['2025 年秋季学期 资助公示', '公示期：9 月 10 日至 9 月 16 日'] })).toBe(3);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeff2025 年秋季学期 资助公示\r\n')).toBe(true);
    expect(text).toContain('\r\n姓名,身份证件号,学籍号,出生日期,年级\r\n');
    const table = await openTable(file, STUDENTS);
    expect([table.encoding, table.headerRow]).toEqual(['utf-8-bom', 3]);
    const rows = await allRows(table);
    expect(rows.map((r) => r.raw)).toEqual([
      ['张三', '513433200501011234', 'G513433200501011234', '2005-01-01', '一年级'],
      ['李"四', '51343320060202123X', 'G2', '', '二年级,\r\n二班'],
      ['\'=HYPERLINK("http://x")', '-12.5', '+8613800000000', '', '3'], // a signed number is not a formula
    ]);
  });

  it('writes xlsx whose strings stay strings, with text columns, a bold frozen header and widths', async () => {
    const file = dir.path('out.xlsx');
    const rows = [...ROWS, ['王五', 123456789012345, 'G4', null, null]];
    const n = await writeTable(file, HEADERS, rows, { sheetName: '资助名单', title: ['公示'], textColumns: [1, 2] });
    expect(n).toBe(4);
    const table = await openTable(file, STUDENTS);
    expect(table.headerRow).toBe(2);
    const back = await allRows(table);
    expect(back[0].values).toEqual({ name: '张三', idNumber: '513433200501011234', studentNo: 'G513433200501011234', birth: new Date(Date.UTC(2005, 0, 1)), grade: '一年级' });
    expect(back[1].values.grade).toBe('二年级,\n二班'); // XML keeps a line break as LF, as Excel does
    expect(back[2].raw).toEqual(['=HYPERLINK("http://x")', '-12.5', '+8613800000000', null, 3]);
    expect(back[3].values.idNumber).toBe('123456789012345'); // a number in a text column is written as text

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('资助名单');
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws?.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(ws?.getColumn(2).width).toBeGreaterThanOrEqual(18);
    expect(ws?.getColumn(2).numFmt).toBe('@');
  });

  it('accepts an async iterable and drops characters XML forbids', async () => {
    async function* rows() {
      for (let i = 0; i < 1000; i++) yield await Promise.resolve([`学生${i}\u0001`, `5134332005010${String(i).padStart(5, '0')}`, `G${i}`]);
    }
    const file = dir.path('async.xlsx');
    expect(await writeTable(file, HEADERS.slice(0, 3), rows())).toBe(1000);
    const back = await allRows(await openTable(file, STUDENTS));
    expect(back).toHaveLength(1000);
    expect(back[999].values).toEqual({ name: '学生999', idNumber: '513433200501000999', studentNo: 'G999' });
  });

  it.each(['fail.csv', 'fail.xlsx'])('%s: a failed export leaves the old file as it was and no temporary file', async (name) => {
    const file = dir.file(name, 'previous export');
    function* rows() {
      for (let i = 0; i < 5000; i++) {
        if (i === 4000) throw new Error('database went away');
        yield ['张三', `ID${i}`, 'G1'];
      }
    }
    await expect(writeTable(file, HEADERS.slice(0, 3), rows())).rejects.toThrow('database went away');
    expect(readFileSync(file, 'utf8')).toBe('previous export');
    expect(readdirSync(dir.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an unknown extension as a usage error', async () => {
    const err = await caught(writeTable(dir.path('out.xls'), HEADERS, []));
    expect([err.code, err.exitCode]).toEqual(['USAGE', 2]);
    expect(err.messageZh).toContain('.xlsx');
  });

  it('says so when the folder does not exist', async () => {
    const err = await caught(writeTable(dir.path('no/such/folder/out.csv'), HEADERS, []));
    expect(err.code).toBe('FILE_NOT_WRITABLE');
    expect(err.messageZh).toContain('out.csv');
  });
});
