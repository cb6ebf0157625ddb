// openTable on CSV exports as county staff receive them: three encodings, title rows, aliases,
// quoting, blank rows, and the errors a user sees for a wrong, missing, empty or broken file.
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './read-table.ts';
import { allRows, caught, scratch, STUDENTS } from './test-files.ts';

const dir = scratch();
afterAll(() => dir.remove());

const ROSTER = [
  '学生信息（导出日期：2025-09-10）',
  '',
  '姓名,身份证件号,学籍号,出生日期,民族',
  '张三,51343320050101123X,G51343320050101123X,2005-01-01,彝族',
  '李四,513433200602021234,G513433200602021234,2006-02-02,汉族',
].join('\r\n');

describe('openTable on CSV', () => {
  it.each([
    ['UTF-8', 'utf8.csv', Buffer.from(ROSTER, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', 'bom.csv', Buffer.from(`\ufeff${ROSTER}`, 'utf8'), 'utf-8-bom'],
    ['GB18030 (Excel "CSV" on a Chinese Windows)', 'gb.csv', iconv.encode(ROSTER, 'gb18030'), 'gb18030'],
    ['GB18030 named .txt', 'gb.txt', iconv.encode(ROSTER, 'gb18030'), 'gb18030'],
  ])('%s: decodes Chinese headers and cells', async (_name, name, bytes, encoding) => {
    const table = await openTable(dir.file(name, bytes), STUDENTS);
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe(encoding);
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual(['姓名', '身份证件号', '学籍号', '出生日期', '民族']);
    expect(table.columns).toEqual({ name: 0, idNumber: 1, studentNo: 2, birth: 3 });
    expect(table.unknownHeaders).toEqual(['民族']);
    const rows = await allRows(table);
    expect(rows.map((r) => [r.row, r.values])).toEqual([
      [4, { name: '张三', idNumber: '51343320050101123X', studentNo: 'G51343320050101123X', birth: '2005-01-01' }],
      [5, { name: '李四', idNumber: '513433200602021234', studentNo: 'G513433200602021234', birth: '2006-02-02' }],
    ]);
    expect(rows[0].raw).toEqual(['张三', '51343320050101123X', 'G51343320050101123X', '2005-01-01', '彝族']);
    expect(table.bytesRead()).toBe(table.bytes);
  });

  it.each([
    ['aliases, marked and hinted headers, any order', '*全国学籍号,学生姓名（必填）,公民身份号码：\nG1,张三,X1\n', { studentNo: 0, name: 1, idNumber: 2 }, []],
    ['two headers for one column: the first is used', '姓名,身份证号,身份证件号,学籍号\n张三,A,B,G1\n', { name: 0, idNumber: 1, studentNo: 3 }, ['身份证件号']],
    ['tab-separated export', '学生信息\n姓名\t证件号码\t学籍号\t年级\n张三\tX1\tG1\t一年级\n', { name: 0, idNumber: 1, studentNo: 2, grade: 3 }, []],
    ['semicolon-separated export', '姓名;身份证件号;学籍号\n张三;X1;G1\n', { name: 0, idNumber: 1, studentNo: 2 }, []],
  ])('%s', async (_name, text, columns, unknown) => {
    const table = await openTable(dir.file('alias.csv', text), STUDENTS);
    expect(table.columns).toEqual(columns);
    expect(table.unknownHeaders).toEqual(unknown);
    const [first] = await allRows(table);
    expect(first.values.name).toBe('张三');
  });

  it('reads quoted fields with commas, quotes and newlines, and keeps Excel row numbers', async () => {
    const text = '姓名,身份证件号,学籍号,年级\r\n"张,三","X""1","G1","一年级\r\n二班"\r\n\r\n,,,\r\n李四,X2,G2,\r\n';
    const rows = await allRows(await openTable(dir.file('quoted.csv', text), STUDENTS));
    expect(rows.map((r) => [r.row, r.values])).toEqual([
      [2, { name: '张,三', idNumber: 'X"1', studentNo: 'G1', grade: '一年级\r\n二班' }],
      [5, { name: '李四', idNumber: 'X2', studentNo: 'G2', grade: '' }],
    ]);
  });

  it('gives short rows empty strings for present columns and leaves absent optional columns out', async () => {
    const rows = await allRows(await openTable(dir.file('short.csv', '姓名,身份证件号,学籍号,年级\n张三\n'), STUDENTS));
    expect(rows[0].values).toEqual({ name: '张三', idNumber: '', studentNo: '', grade: '' });
    expect('birth' in rows[0].values).toBe(false);
  });

  it('lists the missing required columns and the closest row when no header qualifies', async () => {
    const err = await caught(openTable(dir.file('noheader.csv', '学生信息\n姓名,身份证号,民族\n张三,X,彝族\n'), STUDENTS));
    expect(err.code).toBe('HEADER_NOT_FOUND');
    expect(err.exitCode).toBe(2);
    expect(err.messageZh).toContain('noheader.csv');
    expect(err.messageZh).toContain('学籍号');
    expect(err.messageZh).not.toContain('身份证件号');
    expect(err.messageZh).toContain('第 2 行');
    expect(err.messageEn).toContain('学籍号');
    expect(err.where).toEqual({ file: dir.path('noheader.csv'), row: 2 });
  });

  it('looks for the header only in the first 30 non-blank rows', async () => {
    const title = Array.from({ length: 30 }, (_, i) => `说明 ${i}`).join('\n');
    const err = await caught(openTable(dir.file('late.csv', `${title}\n姓名,身份证件号,学籍号\n`), STUDENTS));
    expect(err.code).toBe('HEADER_NOT_FOUND');
    const ok = await openTable(dir.file('late29.csv', `${title.split('\n').slice(1).join('\n\n')}\n姓名,身份证件号,学籍号\n`), STUDENTS);
    expect(ok.headerRow).toBe(58);
  });

  it.each([
    ['a text file named .xls', 'old.xls', 'x', 'FILE_UNREADABLE', 'old.xls'],
    ['an unknown extension', 'list.pdf', 'x', 'UNSUPPORTED_FORMAT', '.csv'],
    ['an xlsx renamed to .csv', 'renamed.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'UNSUPPORTED_FORMAT', '.xlsx'],
    ['an .xls renamed to .csv', 'ole.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'UNSUPPORTED_FORMAT', '.xls'],
    ['a UTF-16 "Unicode text" file', 'u16.txt', Buffer.from('\ufeff姓名\t学籍号\r\n', 'utf16le'), 'UNSUPPORTED_FORMAT', 'UTF-16'],
    ['a zero-byte file', 'empty.csv', '', 'FILE_EMPTY', 'empty.csv'],
    ['a file of blank rows', 'blank.csv', '\r\n ,, \r\n\r\n', 'FILE_EMPTY', 'blank.csv'],
    ['binary junk named .csv', 'junk.csv', Buffer.from([1, 2, 0, 3, 4, 0, 0, 9, 7, 0, 5, 200]), 'FILE_UNREADABLE', 'junk.csv'],
  ])('rejects %s', async (_name, name, content, code, mention) => {
    const err = await caught(openTable(dir.file(name, content), STUDENTS));
    expect(err.code).toBe(code);
    expect(err.exitCode).toBe(2);
    expect(err.messageZh).toContain(mention);
    expect(err.messageEn).toContain(mention);
    expect(err.where?.file).toBe(dir.path(name));
  });

  it('reports a missing file', async () => {
    const err = await caught(openTable(dir.path('nowhere.csv'), STUDENTS));
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.messageZh).toContain('nowhere.csv');
  });

  it('reports an unterminated quote during iteration, naming the row where it began', async () => {
    const table = await openTable(dir.file('unterminated.csv', '姓名,身份证件号,学籍号\n张三,X1,G1\n李四,"X2,G2\n王五,X3,G3\n'), STUDENTS);
    const seen: number[] = [];
    const err = await caught((async () => {
      for await (const r of table.rows) seen.push(r.row);
    })());
    expect(seen).toEqual([2]);
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.where).toEqual({ file: dir.path('unterminated.csv'), row: 3 });
    expect(err.messageZh).toContain('第 3 行');
  });

  it('can be iterated only once, and stopping early is fine', async () => {
    const table = await openTable(dir.file('once.csv', '姓名,身份证件号,学籍号\nA,1,2\nB,3,4\n'), STUDENTS);
    for await (const r of table.rows) {
      expect(r.row).toBe(2);
      break;
    }
    expect(() => table.rows[Symbol.asyncIterator]()).toThrow(/once/);
  });
});
