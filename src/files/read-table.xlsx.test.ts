// openTable on .xlsx workbooks: typed cells (an ID destroyed into a number, dates, rich text,
// formulas, links, errors), title rows, choosing a sheet, and damaged or disguised files.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTable } from './read-table.ts';
import { allRows, caught, scratch, STUDENTS, unzipEntries, zipEntries } from './test-files.ts';
import { FORMULA_ERROR } from './xlsx-source.ts';

const dir = scratch();
afterAll(() => dir.remove());

const DESTROYED_ID = Number('513433200501011234'); // Excel keeps 15 significant digits
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function saveWorkbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = dir.path(name);
  await wb.xlsx.writeFile(file);
  return file;
}

function roster(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('学生名单');
  ws.addRow(['学生信息（导出日期：2025-09-10）']);
  ws.addRow([]);
  ws.addRow(['姓名', '身份证件号', '学籍号', '出生日期', '年级', '备注']);
  ws.addRow(['张三', DESTROYED_ID, 'G513433200501011234', day(2005, 1, 1), { richText: [{ text: '一' }, { text: '年级' }] }, { formula: '1+1', result: 2 }]);
  ws.addRow([]);
  ws.addRow(['李四', '51343320060202123X', { formula: '"G6"', result: 'G6' }, { formula: 'DATE(2006,2,2)', result: day(2006, 2, 2) }, { text: '二年级', hyperlink: 'http://example.com' }, { error: '#N/A' }]);
  ws.getCell('D6').numFmt = 'yyyy-mm-dd';
  ws.addRow(['王五', 'X7', 'G7', null, { formula: '0*1', result: 0 }, { formula: 'NA()', result: { error: '#N/A' } }]);
  const second = wb.addWorksheet('第二页');
  second.addRow(['学生姓名', '证件号码', '全国学籍号']);
  second.addRow(['赵六', 'X9', 'G9']);
}

let rosterFile = '';
beforeAll(async () => {
  rosterFile = await saveWorkbook('roster.xlsx', roster);
});

describe('openTable on .xlsx', () => {
  it('reads the first sheet after its title rows, with cells typed as Excel stored them', async () => {
    const table = await openTable(rosterFile, STUDENTS);
    expect([table.format, table.encoding, table.headerRow]).toEqual(['xlsx', null, 3]);
    expect(table.headers).toEqual(['姓名', '身份证件号', '学籍号', '出生日期', '年级', '备注']);
    expect(table.unknownHeaders).toEqual(['备注']);
    const rows = await allRows(table);
    expect(rows.map((r) => r.row)).toEqual([4, 6, 7]);
    expect(rows[0].values).toEqual({ name: '张三', idNumber: DESTROYED_ID, studentNo: 'G513433200501011234', birth: day(2005, 1, 1), grade: '一年级' });
    expect(typeof rows[0].values.idNumber).toBe('number'); // 15 significant digits survive: the caller treats it as destroyed
    expect(rows[0].raw[5]).toBe(2);
    expect(rows[1].values).toEqual({ name: '李四', idNumber: '51343320060202123X', studentNo: 'G6', birth: day(2006, 2, 2), grade: '二年级' });
    expect(rows[1].raw[5]).toBe('#N/A');
    expect(rows[2].values).toEqual({ name: '王五', idNumber: 'X7', studentNo: 'G7', birth: null, grade: 0 });
    expect(rows[2].raw[5]).toBe(FORMULA_ERROR);
    expect(table.bytesRead()).toBe(table.bytes);
  });

  it('reads a sheet chosen by name, and lists the sheets when the name is wrong', async () => {
    const table = await openTable(rosterFile, STUDENTS, { sheet: '第二页' });
    expect(table.columns).toEqual({ name: 0, idNumber: 1, studentNo: 2 });
    expect((await allRows(table)).map((r) => [r.row, r.values])).toEqual([[2, { name: '赵六', idNumber: 'X9', studentNo: 'G9' }]]);
    const err = await caught(openTable(rosterFile, STUDENTS, { sheet: '第三页' }));
    expect(err.code).toBe('SHEET_NOT_FOUND');
    expect(err.messageZh).toContain('“学生名单”、“第二页”');
    expect(err.messageEn).toContain('"学生名单", "第二页"');
  });

  it('skips a hidden first sheet', async () => {
    const file = await saveWorkbook('hidden.xlsx', (wb) => {
      wb.addWorksheet('参数', { state: 'hidden' }).addRow(['x']);
      wb.addWorksheet('名单').addRow(['姓名', '身份证件号', '学籍号']);
    });
    expect((await openTable(file, STUDENTS)).headerRow).toBe(1);
  });

  it('reads a workbook whose shared strings come before the sheet (streamed without a temporary copy)', async () => {
    const parts = new Map(await unzipEntries(rosterFile));
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];
    const ordered: [string, Buffer][] = [...first.map((n): [string, Buffer] => [n, parts.get(n) ?? Buffer.alloc(0)]), ...[...parts].filter(([n]) => !first.includes(n))];
    const file = dir.file('inline.xlsx', zipEntries(ordered));
    const rows = await allRows(await openTable(file, STUDENTS));
    expect(rows.map((r) => [r.row, r.values.birth])).toEqual([[4, day(2005, 1, 1)], [6, day(2006, 2, 2)], [7, null]]);
  });

  it('reports an empty sheet as FILE_EMPTY', async () => {
    const file = await saveWorkbook('empty.xlsx', (wb) => void wb.addWorksheet('空表'));
    const err = await caught(openTable(file, STUDENTS));
    expect(err.code).toBe('FILE_EMPTY');
    expect(err.messageZh).toContain('空表');
  });

  it.each([
    ['binary junk named .xlsx', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), 'Excel'],
    ['a CSV named .xlsx', () => Buffer.from('姓名,学籍号\n张三,G1\n'), 'Excel'],
    ['an .xls or password-protected file named .xlsx', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), '密码'],
    ['a zip that is not a workbook', () => zipEntries([['readme.txt', Buffer.from('hi')]]), 'Excel'],
  ])('rejects %s as FILE_UNREADABLE at open', async (_name, bytes, mention) => {
    const file = dir.file('bad.xlsx', bytes());
    const err = await caught(openTable(file, STUDENTS));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.exitCode).toBe(2);
    expect(err.messageZh).toContain('bad.xlsx');
    expect(err.messageZh).toContain(mention);
    expect(err.where).toEqual({ file });
  });

  it('rejects a truncated workbook (a download cut in half) as FILE_UNREADABLE', async () => {
    const file = await saveWorkbook('big.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '身份证件号', '学籍号']);
      for (let i = 0; i < 3000; i++) ws.addRow([`学生${i}`, `51343320050101${String(i).padStart(4, '0')}`, `G${i}`]);
    });
    const bytes = (await import('node:fs')).readFileSync(file);
    writeFileSync(dir.path('half.xlsx'), bytes.subarray(0, bytes.length >> 1));
    const err = await caught(openTable(dir.path('half.xlsx'), STUDENTS));
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.messageZh).toMatch(/^无法读取文件 half\.xlsx：不是有效的 Excel 文件/);
  });

  it('reports damage found mid-sheet during iteration, naming the row reached', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证件号', '学籍号']);
    for (let i = 0; i < 20000; i++) ws.addRow([`学生${i}`, `51343320050101${String(i % 10000).padStart(4, '0')}`, `G${i}${'x'.repeat(i % 13)}`]);
    await wb.xlsx.writeFile(dir.path('whole.xlsx'));
    const parts = await unzipEntries(dir.path('whole.xlsx'));
    const sheetLast = [...parts.filter(([n]) => n !== 'xl/worksheets/sheet1.xml'), ...parts.filter(([n]) => n === 'xl/worksheets/sheet1.xml')];
    const zip = zipEntries(sheetLast);
    const sheetEnd = zip.length - 22 - parts.reduce((n, [name]) => n + 46 + Buffer.byteLength(name), 0);
    zip.fill(0x55, sheetEnd - 40_000, sheetEnd - 30_000); // scribble over the sheet's compressed rows, directory intact
    const file = dir.file('damaged.xlsx', zip);
    const table = await openTable(file, STUDENTS);
    let last = 0;
    const err = await caught((async () => {
      for await (const r of table.rows) last = r.row;
    })());
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(last).toBeGreaterThan(1);
    expect(err.where?.row).toBe(last);
    expect(err.messageZh).toContain(`第 ${last} 行`);
  });

  it('leaves no temporary sheet copies behind (full read, early stop, header error)', async () => {
    const parked = dir.path('tmp');
    mkdirSync(parked);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = parked; // where ExcelJS parks a sheet that precedes its shared strings
    try {
      await allRows(await openTable(rosterFile, STUDENTS));
      for await (const _row of (await openTable(rosterFile, STUDENTS, { sheet: '第二页' })).rows) break;
      await caught(openTable(rosterFile, { ...STUDENTS, columns: [{ key: 'x', header: '不存在', aliases: [], required: true }] }));
    } finally {
      process.env.TMPDIR = saved;
    }
    await vi.waitFor(() => expect(readdirSync(parked)).toEqual([])); // ExcelJS deletes them asynchronously
  });
});
