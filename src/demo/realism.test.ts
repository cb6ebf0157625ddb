// Realism of a 6,000-household city read back from its GB18030 CSV files: household shape,
// enrolment, namesakes and twins, and every kind of dirt near its rate in DIRT_RATES.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalStage } from '../kernel/stage.ts';
import { generateCounty, STUDENTS_PER_HOUSEHOLD } from './generate.ts';
import type { GeneratedCounty, MemberTruth } from './generate.ts';
import { DIRT_RATES } from './dirt.ts';
import { classifyId, column, readCsv } from './testkit.ts';
import type { Table } from './testkit.ts';

const HOUSEHOLDS = 6000;
let dir: string;
let g: GeneratedCounty;
let registry: Table;
let roster: Table;
let schools: Table;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fuzhi-demo-'));
  g = await generateCounty({
    households: HOUSEHOLDS, seed: 7, schoolYear: 2025, outDir: dir,
    formats: { schools: 'csv-utf8-bom', students: 'csv-gb18030', households: 'csv-gb18030' },
  });
  registry = readCsv(g.files.households, 'gb18030', '县');
  roster = readCsv(g.files.students, 'gb18030', '全国学籍号');
  schools = readCsv(g.files.schools, 'utf8', '学校代码');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ageOf = (t: MemberTruth) => 2025 - +t.birthDate.slice(0, 4) - (t.birthDate.slice(5) > '09-01' ? 1 : 0);
const share = <T>(items: readonly T[], pred: (x: T) => boolean) => items.filter(pred).length / items.length;
/** Within 35% of the expected rate, or 0.003 for rare kinds. */
const near = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(Math.max(0.003, expected * 0.35));

describe('the registry', () => {
  it('has realistic households', () => {
    expect(g.counts.households).toBe(HOUSEHOLDS);
    const size = g.truth.length / HOUSEHOLDS;
    expect(size).toBeGreaterThan(4.2);
    expect(size).toBeLessThan(4.7);
    const sizes = new Map<string, number>();
    for (const t of g.truth) sizes.set(t.householdNo, (sizes.get(t.householdNo) ?? 0) + 1);
    expect(Math.min(...sizes.values())).toBe(1);
    expect(Math.max(...sizes.values())).toBe(9);
    const children = share(g.truth, (t) => ageOf(t) <= 17);
    expect(children).toBeGreaterThan(0.29);
    expect(children).toBeLessThan(0.37);
    const relations = new Set(g.truth.map((t) => t.relation));
    expect([...relations].sort()).toEqual(['之儿媳', '之女', '之子', '之孙女', '之孙子', '之母', '之父', '其他', '户主', '配偶'].sort());
    const types = new Set(registry.rows.map((r) => r[column(registry, '脱贫户属性')]));
    expect(types.size).toBe(6);
    const yi = share(registry.rows, (r) => r[column(registry, '民族')] === '彝族');
    expect(yi).toBeGreaterThan(0.3);
    expect(yi).toBeLessThan(0.8);
  });

  it('has twins: same household and birth date, consecutive sequence numbers', () => {
    const byKey = new Map<string, MemberTruth[]>();
    for (const t of g.truth) {
      const k = `${t.householdNo}|${t.birthDate}`;
      byKey.set(k, [...(byKey.get(k) ?? []), t]);
    }
    const twins = [...byKey.values()].filter((l) => l.length === 2 && ageOf(l[0]) < 18);
    expect(twins.length).toBeGreaterThan(5);
    for (const [a, b] of twins) {
      expect(a.trueName).not.toBe(b.trueName);
      expect(Math.abs(+a.trueId.slice(14, 17) - +b.trueId.slice(14, 17))).toBeLessThanOrEqual(2);
    }
  });

  it('enrols about 96% of children 6–14, fewer in kindergarten, and explains the rest', () => {
    const compulsory = g.truth.filter((t) => ageOf(t) >= 6 && ageOf(t) <= 14);
    const e = share(compulsory, (t) => t.enrolled);
    expect(e).toBeGreaterThan(0.94);
    expect(e).toBeLessThan(0.975);
    const kg = share(g.truth.filter((t) => ageOf(t) >= 3 && ageOf(t) <= 5), (t) => t.enrolled);
    expect(kg).toBeGreaterThan(0.75);
    expect(kg).toBeLessThan(0.9);
    const away = share(compulsory, (t) => t.notEnrolledReason === 'out_of_area');
    expect(away).toBeGreaterThan(0.01);
    expect(away).toBeLessThan(0.035);
    const reasons = new Set(g.truth.map((t) => t.notEnrolledReason));
    for (const r of [null, 'not_in_roster', 'out_of_area', 'dropped_out', 'preschool_home', 'graduated', 'adult']) {
      expect(reasons).toContain(r);
    }
    expect(g.truth.filter((t) => ageOf(t) >= 20).every((t) => t.notEnrolledReason === 'adult')).toBe(true);
  });
});

describe('the roster', () => {
  it('holds the whole city, mostly students outside the registry', () => {
    expect(roster.rows.length).toBe(Math.round(HOUSEHOLDS * STUDENTS_PER_HOUSEHOLD));
    const poor = g.truth.filter((t) => t.studentNo).length;
    expect(poor / roster.rows.length).toBeGreaterThan(0.15);
    expect(poor / roster.rows.length).toBeLessThan(0.45);
    const no = column(roster, '全国学籍号');
    const nos = roster.rows.map((r) => r[no].trim().toUpperCase());
    expect(share(nos, (n) => n.startsWith('J'))).toBeGreaterThan(0.02);
    expect(nos.some((n) => /^L.{18}$/.test(n))).toBe(true);
    expect(nos.every((n) => /^(G\d{17}[\dX]|J\d{16}|L.{18})$/.test(n))).toBe(true);
    const codes = new Set(schools.rows.map((r) => r[0]));
    expect(roster.rows.every((r) => codes.has(r[column(roster, '学校标识码')]))).toBe(true);
    const written = new Set(roster.rows.map((r) => r[column(roster, '学段')]));
    expect(written.has('普通高中') && written.has('中等职业教育') && written.has('学前教育')).toBe(true); // as 学籍 exports spell them
    const stages = new Set([...written].map((w) => canonicalStage(w)));
    expect([...stages].sort()).toEqual(['中职', '初中', '学前', '小学', '高中'].sort());
    const junior = roster.rows.filter((r) => r[column(roster, '学段')] === '初中');
    expect(share(junior, (r) => r[column(roster, '是否寄宿')] === '是')).toBeGreaterThan(0.4);
  });

  it('has namesakes of registry children: same name, birth date and sex, another person', () => {
    const no = column(roster, '全国学籍号');
    const nameCol = column(roster, '学生姓名');
    const byKey = new Map<string, string[]>();
    for (const r of roster.rows) {
      const studentNo = r[no].trim().toUpperCase();
      if (!studentNo.startsWith('G')) continue;
      const id = studentNo.slice(1); // G + the ID number
      const key = `${r[nameCol].replace(/\s/g, '')}|${id.slice(6, 14)}|${+id[16] % 2}`;
      byKey.set(key, [...(byKey.get(key) ?? []), id]);
    }
    const children = g.truth.filter((t) => ageOf(t) >= 3 && ageOf(t) <= 17);
    const withNamesake = children.filter((t) => {
      const key = `${t.trueName}|${t.birthDate.replaceAll('-', '')}|${+t.trueId[16] % 2}`;
      return (byKey.get(key) ?? []).some((id) => id !== t.trueId);
    });
    expect(withNamesake.length).toBeGreaterThanOrEqual(5);
    expect(withNamesake.some((t) => t.notEnrolledReason === 'out_of_area')).toBe(true);
  });
});

describe('dirt, read back from the files', () => {
  it('damages registry ID numbers at the declared rates', () => {
    const id = column(registry, '身份证号');
    const marks = registry.rows.map((r, i) => ({ ...classifyId(r[id], g.truth[i].trueId), t: g.truth[i] }));
    const r = DIRT_RATES.id;
    near(share(marks, (m) => m.kind === 'empty'), r.empty);
    near(share(marks, (m) => m.kind === 'excel'), r.excelDestroyed * (10 / 11));
    near(share(marks, (m) => m.kind === 'truncated17'), r.truncated17);
    near(share(marks, (m) => m.kind === 'typo'), r.typo);
    near(share(marks, (m) => m.kind === 'transposition'), r.transposition);
    const eligible = marks.filter((m) => ageOf(m.t) >= 18 && m.t.birthDate < '2000');
    near(share(eligible, (m) => m.kind === 'legacy15'), r.legacy15);
    expect(marks.filter((m) => m.kind === 'legacy15').every((m) => m.t.birthDate < '2000')).toBe(true);
    expect(share(marks, (m) => m.kind === 'other')).toBe(0);
    near(share(marks, (m) => m.apostrophe), r.apostrophe);
    near(share(marks, (m) => m.spaces), r.spaces);
    near(share(marks, (m) => m.fullWidth), r.fullWidth);
    near(share(marks.filter((m) => m.t.trueId.endsWith('X') && m.kind === 'clean'), (m) => m.lowercaseX), r.lowercaseX);
    const damaged = r.empty + r.excelDestroyed * (10 / 11) + r.truncated17 + r.typo + r.transposition
      + r.legacy15 * (eligible.length / marks.length);
    const usable = share(marks, (m) => m.kind === 'clean');
    expect(Math.abs(usable - (1 - damaged))).toBeLessThan(0.012);
  });

  it('leaves roster IDs empty mostly for students without a G number', () => {
    const id = column(roster, '公民身份号码');
    const no = column(roster, '全国学籍号');
    const g = roster.rows.filter((r) => r[no].trim().toUpperCase().startsWith('G'));
    const other = roster.rows.filter((r) => !r[no].trim().toUpperCase().startsWith('G'));
    near(share(g, (r) => r[id] === ''), DIRT_RATES.id.empty);
    near(share(other, (r) => r[id] === ''), DIRT_RATES.id.emptyWithoutG);
    expect(g.some((r) => /E\+17$/.test(r[id]))).toBe(true);
  });

  it('writes names with spaces, dot variants and homophones', () => {
    const n = DIRT_RATES.name;
    near(share(g.truth, (t) => t.nameInFile.includes(' ')), n.asciiSpace);
    near(share(g.truth, (t) => t.nameInFile.includes('\u3000')), n.fullWidthSpace);
    const strip = (s: string) => s.replace(/[\s\u3000·•・]/g, '');
    const changed = g.truth.filter((t) => strip(t.nameInFile) !== strip(t.trueName));
    expect(changed.length / g.truth.length).toBeLessThanOrEqual(n.homophone * 1.35);
    expect(changed.length / g.truth.length).toBeGreaterThan(n.homophone * 0.3);
    for (const t of changed) {
      const [a, b] = [strip(t.nameInFile), strip(t.trueName)];
      expect(a.length).toBe(b.length);
      expect([...a].filter((c, i) => c !== b[i]).length).toBe(1);
    }
    const dotted = g.truth.filter((t) => t.trueName.includes('·'));
    expect(dotted.length).toBeGreaterThan(50);
    const variant = share(dotted, (t) => !t.nameInFile.includes('·'));
    expect(variant).toBeGreaterThan(n.yiDotVariant * 0.65);
    expect(variant).toBeLessThan(n.yiDotVariant * 1.35);
    expect(g.truth.some((t) => t.nameInFile.includes('•'))).toBe(true);
    expect(g.truth.some((t) => t.nameInFile.includes('・'))).toBe(true);
    expect(g.truth.every((t) => t.householdNo.trim() === t.householdNo.trim().replace(/\s/g, ''))).toBe(true);
  });

  it('mixes date formats in each file, month-only in the registry', () => {
    const kinds = (values: string[]) => {
      const count: Record<string, number> = {};
      for (const v of values) {
        const k = v === '' ? 'empty' : /^\d{4}-\d{2}-\d{2}$/.test(v) ? 'iso' : /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(v) ? 'slash'
          : /^\d{8}$/.test(v) ? 'compact' : /^\d{4}年\d{1,2}月\d{1,2}日$/.test(v) ? 'chinese' : /^\d{5}$/.test(v) ? 'serial'
            : /^\d{4}-\d{2}$/.test(v) ? 'month' : 'other';
        count[k] = (count[k] ?? 0) + 1;
      }
      return count;
    };
    const reg = kinds(registry.rows.map((r) => r[column(registry, '出生年月')]));
    const ros = kinds(roster.rows.map((r) => r[column(roster, '出生日期')]));
    for (const k of ['iso', 'slash', 'compact', 'chinese', 'serial', 'month', 'empty']) expect(reg[k], k).toBeGreaterThan(0);
    for (const k of ['iso', 'slash', 'compact', 'chinese', 'serial', 'empty']) expect(ros[k], k).toBeGreaterThan(0);
    expect(reg.other ?? 0).toBe(0);
    expect(ros.other ?? 0).toBe(0);
    near((reg.empty ?? 0) / registry.rows.length, DIRT_RATES.date.empty);
  });

  it('has the headers, title rows and extra columns of real exports', () => {
    expect(registry.titles.length).toBeGreaterThan(0);
    expect(roster.titles[0][0]).toMatch(/^学生信息（导出日期：\d{4}-\d{2}-\d{2}）$/);
    for (const h of ['成员姓名', '身份证号', '脱贫户属性', '所在村行政区划代码', '出生年月', '联系电话']) expect(registry.header).toContain(h);
    for (const h of ['学生姓名', '公民身份号码', '全国学籍号', '备注']) expect(roster.header).toContain(h);
    const sex = new Set(registry.rows.map((r) => r[column(registry, '性别')]));
    expect([...sex].every((s) => ['男', '女', '1', '2'].includes(s))).toBe(true);
  });
});
