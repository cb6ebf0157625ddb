// The generator's contract: same seed → same bytes and truth; clean mode has no dirt; xlsx files
// carry number-cell IDs and date cells; the truth agrees with the roster it points into.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDigit } from '../kernel/id-number.ts';
import { generateCounty } from './generate.ts';
import type { GenerateOptions } from './generate.ts';
import { column, readCsv } from './testkit.ts';

const dirs: string[] = [];
function outDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'fuzhi-demo-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const small = (extra: Partial<GenerateOptions> = {}): GenerateOptions =>
  ({ households: 300, seed: 42, schoolYear: 2025, outDir: outDir(), ...extra });

describe('determinism', () => {
  it('gives identical files and truth for the same seed, in every format', async () => {
    for (const formats of [undefined, { schools: 'csv-utf8', students: 'csv-utf8-bom', households: 'csv-gb18030' }] as const) {
      const a = await generateCounty(small({ formats }));
      const b = await generateCounty(small({ formats }));
      expect(b.truth).toEqual(a.truth);
      expect(b.regions).toEqual(a.regions);
      expect(b.counts).toEqual(a.counts);
      for (const k of ['schools', 'students', 'households'] as const) {
        expect(readFileSync(b.files[k]).equals(readFileSync(a.files[k])), k).toBe(true);
      }
    }
  });

  it('gives a different county for another seed', async () => {
    const a = await generateCounty(small());
    const b = await generateCounty(small({ seed: 43 }));
    expect(b.truth.map((m) => m.trueId)).not.toEqual(a.truth.map((m) => m.trueId));
  });
});

describe('clean mode', () => {
  it('writes canonical headers, true names, valid IDs and ISO dates', async () => {
    const g = await generateCounty(small({ dirt: false, formats: { schools: 'csv-utf8', students: 'csv-utf8', households: 'csv-utf8' } }));
    const hh = readCsv(g.files.households, 'utf8', '户编号');
    expect(hh.titles).toEqual([]);
    expect([...hh.header].sort()).toEqual(['户编号', '姓名', '证件号码', '与户主关系', '性别', '出生日期', '行政区划代码', '户类型', '识别年度', '脱贫年度'].sort());
    expect(hh.rows.length).toBe(g.truth.length);
    const cols = ['户编号', '姓名', '证件号码', '出生日期', '行政区划代码'].map((c) => column(hh, c));
    hh.rows.forEach((r, i) => {
      const t = g.truth[i];
      expect(cols.map((c) => r[c])).toEqual([t.householdNo, t.trueName, t.trueId, t.birthDate, t.villageCode]);
      expect(t.nameInFile).toBe(t.trueName);
    });
    const st = readCsv(g.files.students, 'utf8', '学籍号');
    expect(st.titles).toEqual([]);
    const [no, id, birth] = [column(st, '学籍号'), column(st, '身份证件号'), column(st, '出生日期')];
    for (const r of st.rows) {
      expect(r[id]).toMatch(/^\d{17}[\dX]$/);
      expect(checkDigit(r[id].slice(0, 17))).toBe(r[id][17]);
      expect(r[birth]).toBe(`${r[id].slice(6, 10)}-${r[id].slice(10, 12)}-${r[id].slice(12, 14)}`);
      if (r[no].startsWith('G')) expect(r[no]).toBe(`G${r[id]}`);
    }
    const sc = readCsv(g.files.schools, 'utf8', '学校标识码');
    expect(sc.header).toEqual(['学校标识码', '学校名称', '行政区划代码', '办学类型', '城乡类型']);
  });
});

describe('xlsx output', () => {
  it('has title rows, number-cell IDs destroyed by Excel and real date cells', async () => {
    const g = await generateCounty(small({ households: 1500 }));
    expect(g.files.households.endsWith('.xlsx')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(g.files.households);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value as string).toContain('脱贫人口');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toContain('身份证号');
    const idCol = header.indexOf('身份证号') + 1;
    const birthCol = header.indexOf('出生年月') + 1;
    let numberIds = 0;
    let dateCells = 0;
    let rows = 0;
    ws.eachRow((row, n) => {
      if (n <= 3 || row.cellCount === 0) return;
      rows++;
      const id = row.getCell(idCol).value;
      if (typeof id === 'number') {
        numberIds++;
        expect(id).toBeGreaterThan(1e17); // only 15 significant digits survive
      }
      if (row.getCell(birthCol).value instanceof Date) dateCells++;
    });
    expect(rows).toBe(g.truth.length);
    expect(numberIds).toBeGreaterThan(0);
    expect(numberIds / rows).toBeLessThan(0.03);
    expect(dateCells / rows).toBeGreaterThan(0.08);
  });
});

describe('truth', () => {
  it('has valid IDs consistent with birth date and sex, and student numbers present once in the roster', async () => {
    const g = await generateCounty(small({ households: 1000, formats: { students: 'csv-gb18030' } }));
    const st = readCsv(g.files.students, 'gb18030', '全国学籍号');
    const no = column(st, '全国学籍号');
    const status = column(st, '学籍状态');
    const seen = new Map<string, number>();
    st.rows.forEach((r, i) => {
      const k = r[no].trim().toUpperCase();
      expect(seen.has(k), `duplicate 学籍号 ${k}`).toBe(false);
      seen.set(k, i);
    });
    for (const t of g.truth) {
      expect(checkDigit(t.trueId.slice(0, 17))).toBe(t.trueId[17]);
      expect(t.trueId.slice(6, 14)).toBe(t.birthDate.replaceAll('-', ''));
      expect(Number(t.trueId[16]) % 2 === 1 ? 'M' : 'F').toBe(t.sex);
      expect(t.villageCode).toMatch(/^\d{12}$/);
      expect(t.enrolled ? t.notEnrolledReason : 'x').toBe(t.enrolled ? null : 'x');
      if (t.studentNo) {
        const i = seen.get(t.studentNo);
        expect(i, t.studentNo).toBeDefined();
        const s = st.rows[i!][status];
        expect(t.enrolled ? ['在读', '休学'] : ['转出', '辍学', '毕业']).toContain(s);
      } else {
        expect(t.enrolled).toBe(false);
      }
    }
    expect(g.counts.members).toBe(g.truth.length);
    expect(g.counts.students).toBe(st.rows.length);
  });

  it('reports progress up to the total', async () => {
    const calls: [number, number][] = [];
    await generateCounty(small({ households: 2000, onProgress: (d, t) => calls.push([d, t]) }));
    expect(calls.length).toBeGreaterThan(2);
    const last = calls[calls.length - 1];
    expect(last[0]).toBe(last[1]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  });
});
