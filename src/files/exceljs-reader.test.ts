// Chinese text must survive ExcelJS's streaming reader however the zip chunks fall: without the
// re-cutting in exceljs-reader.ts, a name split across two chunks came back with U+FFFD in it.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { wholeChars, wholeCharsLength } from './exceljs-reader.ts';
import { openTable } from './read-table.ts';
import { writeTable } from './write-table.ts';
import { allRows, scratch, STUDENTS, unzipEntries, zipEntries } from './test-files.ts';

const dir = scratch();
afterAll(() => dir.remove());

describe('wholeCharsLength', () => {
  const b = (...x: number[]) => new Uint8Array(x);
  it.each([
    ['ASCII', b(0x61, 0x62), 2],
    ['a whole 3-byte character', b(0x61, 0xe5, 0xbc, 0xa0), 4],
    ['cut after 1 of 3 bytes', b(0x61, 0xe5), 1],
    ['cut after 2 of 3 bytes', b(0x61, 0xe5, 0xbc), 1],
    ['cut inside a 4-byte character', b(0xf0, 0xa0, 0x80), 0],
    ['a whole 2-byte character', b(0xc3, 0xa9), 2],
    ['stray continuation bytes', b(0x80, 0x80, 0x80, 0x80, 0x80), 5],
    ['empty', b(), 0],
  ])('%s', (_name, bytes, expected) => {
    expect(wholeCharsLength(bytes)).toBe(expected);
  });

  it('re-chunks one-byte pieces into whole characters', async () => {
    const text = '张三李四𠀀é';
    async function* bytes() {
      for (const x of Buffer.from(text)) yield await Promise.resolve(new Uint8Array([x]));
    }
    const out: string[] = [];
    for await (const c of wholeChars(bytes())) out.push(c.toString('utf8'));
    expect(out.join('')).toBe(text);
    expect(out.some((s) => s.includes('\ufffd'))).toBe(false);
  });
});

describe('Chinese names in a large .xlsx', () => {
  const given = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
  const names = (rare: string) => Array.from({ length: 6000 }, (_, i) => `${given[i % 20]}${'晓明华芳丽军伟静秀英'[i % 10]}${[...rare][i % 3]}${i}`);

  async function expectNames(file: string, expected: string[]): Promise<void> {
    const rows = await allRows(await openTable(file, STUDENTS));
    expect(rows.map((r) => r.values.name)).toEqual(expected);
    expect(rows.map((r) => r.values.idNumber)).toEqual(expected.map((n) => `身份${n}`));
  }

  // ExcelJS's own (non-streaming) writer splits 4-byte characters such as 𠀀 at 16K-character
  // boundaries, so its fixtures stay in the Basic Multilingual Plane; 𠀀 is tested through writeTable.
  it.each(['shared strings after the sheet (parked in a temporary file)', 'shared strings before the sheet (streamed)'])('%s', async (layout) => {
    const expected = names('龘嫣鑫');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证件号', '学籍号']);
    expected.forEach((n, i) => ws.addRow([n, `身份${n}`, `G${i}`]));
    let file = dir.path('names.xlsx');
    await wb.xlsx.writeFile(file);
    if (layout.includes('before')) {
      const parts = await unzipEntries(file);
      const isSheet = ([n]: [string, Buffer]) => n.startsWith('xl/worksheets/');
      file = dir.file('names-inline.xlsx', zipEntries([...parts.filter((p) => !isSheet(p)), ...parts.filter(isSheet)]));
    }
    await expectNames(file, expected);
  });

  it('keeps rare characters outside the BMP (生僻字 such as 𠀀) whole', async () => {
    const expected = names('龘𠀀𪚥');
    const file = dir.path('rare.xlsx');
    await writeTable(file, ['姓名', '身份证件号', '学籍号'], expected.map((n, i) => [n, `身份${n}`, `G${i}`]));
    await expectNames(file, expected);
  });
});
