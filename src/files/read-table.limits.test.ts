// The reader's limits: an over-long cell and an over-wide row become problems on their row, and a
// 50 MB cell streams through in bounded memory and time.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './read-table.ts';
import { allRows, scratch, STUDENTS } from './test-files.ts';

const dir = scratch();
afterAll(() => dir.remove());

const wide = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);

describe('reader limits', () => {
  it('keeps the first 300 cells of a 500-column CSV row and reports the rest once', async () => {
    const file = dir.file('wide.csv', `姓名,身份证件号,学籍号\n${['张三', 'X1', 'G1', ...wide(497)].join(',')}\nB,X2,G2,,,,\n`);
    const [first, second] = await allRows(await openTable(file, STUDENTS));
    expect(first.raw).toHaveLength(300);
    expect(first.values).toEqual({ name: '张三', idNumber: 'X1', studentNo: 'G1' });
    expect(first.problems).toHaveLength(1);
    expect(first.problems[0].reasonZh).toContain('200 个非空单元格');
    expect(first.problems[0].reasonEn).toContain('300');
    expect(second.problems).toEqual([]);
  });

  it('keeps the first 300 cells of a 500-column xlsx row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证件号', '学籍号']);
    ws.addRow(['张三', 'X1', 'G1', ...wide(497)]);
    await wb.xlsx.writeFile(dir.path('wide.xlsx'));
    const [row] = await allRows(await openTable(dir.path('wide.xlsx'), STUDENTS));
    expect(row.raw).toHaveLength(300);
    expect(row.raw[299]).toBe('v296');
    expect(row.problems).toHaveLength(1);
  });

  it.each([
    ['csv', 10_000, 0],
    ['csv', 10_001, 1],
    ['xlsx', 12_000, 1],
  ])('%s: a %i-character cell gives %i problem(s)', async (format, length, problems) => {
    const long = '长'.repeat(length);
    let file: string;
    if (format === 'csv') {
      file = dir.file('long.csv', `姓名,身份证件号,学籍号,民族\n张三,${long},G1,${long}\n`);
    } else {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '身份证件号', '学籍号', '民族']);
      ws.addRow(['张三', long, 'G1', long]);
      file = dir.path('long.xlsx');
      await wb.xlsx.writeFile(file);
    }
    const [row] = await allRows(await openTable(file, STUDENTS));
    expect(row.problems).toHaveLength(problems); // the unknown 民族 column is not reported
    expect(row.values.idNumber).toBe(problems ? '' : long);
    if (problems) {
      expect(row.problems[0]).toMatchObject({ column: '身份证件号' });
      expect(row.problems[0].reasonZh).toContain(String(length));
      expect(String(row.raw[1]).length).toBeLessThan(100);
    }
  });

  it('streams a 50 MB cell in seconds with bounded memory', async () => {
    const file = dir.path('huge.csv');
    const out = createWriteStream(file);
    out.write('姓名,身份证件号,学籍号\r\n张三,"');
    const block = 'x'.repeat(1 << 20);
    for (let i = 0; i < 50; i++) if (!out.write(block)) await once(out, 'drain');
    out.end('",G1\r\n李四,X2,G2\r\n');
    await finished(out);

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    const table = await openTable(file, STUDENTS);
    const rows = await allRows(table);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    expect(rows.map((r) => [r.row, r.values.idNumber, r.values.studentNo])).toEqual([[2, '', 'G1'], [3, 'X2', 'G2']]);
    expect(rows[0].problems[0].reasonZh).toContain(String(50 * (1 << 20)));
    expect(table.bytesRead()).toBe(table.bytes);
  });
});
