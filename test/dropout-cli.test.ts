// 控辍保学 through the real CLI on both dialects: roster and absences imported, 四查三比对 finding the
// children truly out of school and not the enrolled ones with mangled IDs, idempotent re-runs that
// leave decided cases alone, every closure category and outcome, and illegal steps refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { dbEnv, fuzhi, ONE_SCHOOL_CSV, STUDENT_HEADER } from './cli-helpers.ts';
import { id, sub } from '../src/registry/test-people.ts';
import { CLOSE_CATEGORIES, OUTCOMES } from '../src/dropout/case.rules.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-dropout-'));
const write = (name: string, content: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const TODAY = { FUZHI_TODAY: '2025-11-15' };
const SCHOOL = '2151343301';
const HUKOU = '513433101201';

// enrolled children the roster must FIND although the 学籍 side is damaged
const A = id('51343320150302002'); // exact ID
const B = id('51343320140711003'); // 学籍 ID one digit mistyped
const C = id('51343320130520004'); // 学籍 ID destroyed by Excel (…000)
const D = id('51343320160101005'); // no ID in 学籍 at all
const E = id('51343320120909006'); // 辍学 in 学籍 and on the roster: one case, two sources
const F = id('51343320110404007'); // enrolled, 3 days of 旷课
const mistyped = sub(B, 10, B[10] === '9' ? '8' : '9');
const excel = `${C.slice(0, 15)}000`;
const STUDENTS = [
  `吉克阿呷,女,${A},G${A},2015-03-02,${SCHOOL},小学,五年级,是,在读`,
  `王伟,男,${mistyped},J5134330000000002,2014-07-11,${SCHOOL},小学,六年级,否,在读`,
  `李娜,女,${excel},J5134330000000003,2013-05-20,${SCHOOL},初中,初一,否,在读`,
  `张强,男,,J5134330000000004,2016-01-01,${SCHOOL},小学,四年级,否,在读`,
  `陈小东,男,${E},G${E},2012-09-09,${SCHOOL},初中,初二,否,辍学`,
  `赵小花,女,${F},G${F},2011-04-04,${SCHOOL},初中,初三,否,在读`,
];
// children out of school: one per closure category and one per outcome, plus one also on the registry
const OUT = [...CLOSE_CATEGORIES.map((c, i) => ({ tag: `close:${c}` as const, i })), ...OUTCOMES.map((o, i) => ({ tag: `return:${o}` as const, i: i + 20 }))];
const NAMES = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地';
const outId = (i: number) => id(`5134332014${String(101 + i).padStart(4, '0').slice(-4)}1${String(i).padStart(2, '0')}`.slice(0, 17));
const outName = (i: number) => `马${NAMES[i % NAMES.length]}`;
const ROSTER_HEADER = '姓名,性别,公民身份号码,出生日期,户籍行政区划代码,户籍地址,监护人姓名,监护人联系电话';
const roster = [
  `吉克阿呷,女,${A},2015-03-02,${HUKOU},新市坝镇一村,吉克木呷,13800000001`,
  `王伟,男,${B},2014-07-11,${HUKOU},新市坝镇一村,王大,13800000002`,
  `李娜,女,${C},2013-05-20,${HUKOU},新市坝镇一村,李大,13800000003`,
  `张强,男,${D},2016-01-01,${HUKOU},新市坝镇一村,张大,13800000004`,
  `陈小东,男,${E},2012-09-09,${HUKOU},新市坝镇一村,陈大,13800000005`,
  `赵小花,女,${F},2011-04-04,${HUKOU},新市坝镇一村,赵大,13800000006`,
  ...OUT.map(({ i }) => `${outName(i)},男,${outId(i)},,${HUKOU},新市坝镇一村,马大,1380000${String(1000 + i)}`),
  `老大,男,${id('51343320080101008')},2008-01-01,${HUKOU},,,`, // 17: not of compulsory age
  `小小,女,${id('51343320210101009')},2021-01-01,${HUKOU},,,`, // 4
];

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`dropout control through the CLI on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    const run = (...args: string[]) => fuzhi(args, env);
    const caseOf = async (name: string) => {
      const d = await t.open();
      try {
        return await d.db.selectFrom('dropout_cases').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
      } finally {
        await d.close();
      }
    };
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = { ...dbEnv(t.options), ...TODAY };
      expect(run('import', 'schools', write('schools.csv', ONE_SCHOOL_CSV)).code).toBe(0);
      expect(run('import', 'students', write('students.csv', `${STUDENT_HEADER}\n${STUDENTS.join('\n')}\n`)).json).toMatchObject({ inserted: 6, rejected: 0 });
      const hh = `户编号,姓名,证件号码,与户主关系,性别,出生日期,行政区划代码,户类型\n5134330010001,马大,${id('51343319800101111')},户主,男,1980-01-01,${HUKOU},脱贫户\n5134330010001,${outName(0)},${outId(0)},之子,男,,${HUKOU},脱贫户\n`;
      expect(run('import', 'households', write('hh.csv', hh)).code).toBe(0);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('imports the roster after a title row, with aliases; re-import is a no-op; bad rows are reported', () => {
      const bad = `无名,男,,,${HUKOU},,,\n,女,${id('51343320150101010')},,${HUKOU},,,`;
      const f = write('roster.csv', `新市坝镇适龄儿童花名册（2025年）\n${ROSTER_HEADER}\n${roster.join('\n')}\n${bad}\n${roster[0]}\n`);
      const errors = path.join(dir, 'roster-errors.csv');
      const r = run('import', 'roster', f, '--errors', errors);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ inserted: roster.length, rejected: 3, kind: 'roster' });
      expect(r.stderr).toMatch(/第 \d+ 行/);
      expect(r.stderr).toMatch(/姓名为空/);
      expect(r.stderr).toMatch(/duplicate of row 3/);
      expect(fs.readFileSync(errors, 'utf8')).toMatch(/错误原因/);
      expect(run('import', 'roster', f).json).toMatchObject({ inserted: 0, updated: 0, unchanged: roster.length });
    });

    it('imports absences, rejecting an unknown student and an unknown kind', () => {
      const f = write('att.csv', `学籍号,日期,缺勤类型,原因\nG${F},2025-10-08,旷课,\nG${F},2025/10/09,无故缺勤,\nG${F},2025-10-10,旷课,\nG${A},2025-10-08,病假,感冒\nG${A},2025-10-09,事假,\nG${A},2025-10-10,病假,\nJ9999,2025-10-10,旷课,\nG${A},2025-10-11,迟到,\n`);
      const r = run('import', 'attendance', f);
      expect(r.json).toMatchObject({ inserted: 6, rejected: 2 });
      expect(r.stderr).toMatch(/学籍号不在已导入的学籍名单中/);
      expect(r.stderr).toMatch(/缺勤类型/);
    });

    it('finds the children out of school and only them; one case per child with all its sources; re-run adds nothing', async () => {
      const r = run('dropout', 'check', '--school-year', '2025');
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ cases: OUT.length + 2, new: OUT.length + 2, schoolYear: 2025 });
      for (const name of ['吉克阿呷', '王伟', '李娜', '张强', '老大', '小小']) await expect(caseOf(name)).rejects.toThrow();
      expect((await caseOf('陈小东')).sources).toBe('户籍比对、学籍状态');
      expect((await caseOf('赵小花')).sources).toBe('缺勤预警');
      const ma = await caseOf(outName(0));
      expect(ma).toMatchObject({ sources: '户籍比对、名单比对', status: '待核查', township_code: HUKOU.slice(0, 9) });
      expect(ma.case_no).toMatch(/^KC513433\d{5}$/);
      expect(run('dropout', 'check', '--school-year', '2025').json).toMatchObject({ cases: OUT.length + 2, new: 0, updated: 0 });
    });

    it('closes a case with every category (one with a PDF proof), and a re-run never reopens them', async () => {
      const pdf = write('proof.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100)]));
      for (const { tag, i } of OUT.filter((o) => o.tag.startsWith('close:'))) {
        const c = await caseOf(outName(i));
        const category = tag.slice(6);
        const args = ['dropout', 'close', c.case_no, '--category', category, '--note', `核实：${category}`];
        const r = run(...args, ...(i === 0 ? ['--proof', pdf] : []));
        expect(r.code, r.stderr).toBe(0);
        expect(r.json).toMatchObject({ ok: true, status: '已排除', category });
      }
      expect(run('dropout', 'check', '--school-year', '2025').json).toMatchObject({ new: 0, updated: 0 });
      expect(await caseOf(outName(0))).toMatchObject({ status: '已排除', category: '信息错误' });
      const d = await t.open();
      try {
        const proofs = await d.db.selectFrom('dropout_proofs').selectAll().execute();
        expect(proofs).toHaveLength(1);
        expect(Buffer.from(proofs[0].content).subarray(0, 5).toString()).toBe('%PDF-');
      } finally {
        await d.close();
      }
    });

    it('brings children back with every outcome after confirm, assign and visit', async () => {
      const expected: Record<string, string> = { 复学: '已复学', 送教上门: '送教上门', 转学: '已转学', 外地就读已核实: '已排除' };
      for (const { tag, i } of OUT.filter((o) => o.tag.startsWith('return:'))) {
        const c = await caseOf(outName(i));
        const outcome = tag.slice(7);
        expect(run('dropout', 'confirm', c.case_no).json).toMatchObject({ ok: true, status: '劝返中' });
        expect(run('dropout', 'assign', c.case_no, '--school', SCHOOL, '--village-cadre', '沙马村长').json).toMatchObject({ ok: true, status: '劝返中' });
        expect(run('dropout', 'visit', c.case_no, '--date', '2025-11-01', '--by', '沙马村长', '--note', '家长同意返校', '--next', '下周送校').code).toBe(0);
        const r = run('dropout', 'return', c.case_no, '--outcome', outcome, '--date', '2025-11-10', '--school', SCHOOL);
        expect(r.code, r.stderr).toBe(0);
        expect(r.json).toMatchObject({ ok: true, status: expected[outcome] });
      }
      const back = await caseOf(outName(20));
      expect(back).toMatchObject({ status: '已复学', last_visit: '2025-11-01', outcome: '复学', outcome_date: '2025-11-10', village_cadre: '沙马村长' });
      const d = await t.open();
      try {
        const events = await d.db.selectFrom('dropout_case_events').select('action').where('case_no', '=', back.case_no).orderBy('id').execute();
        expect(events.map((e) => e.action)).toEqual(['open', 'confirm', 'assign', 'visit', 'return']);
        const audit = await d.db.selectFrom('audit_log').select('action').where('target', '=', back.case_no).execute();
        expect(audit).toHaveLength(4);
      } finally {
        await d.close();
      }
    });

    it('refuses illegal steps with exit 1 and changes nothing', async () => {
      const closed = await caseOf(outName(1));
      const returned = await caseOf(outName(20));
      const pending = await caseOf('赵小花');
      const before = JSON.stringify([closed, returned, pending]);
      for (const args of [
        ['dropout', 'return', closed.case_no, '--outcome', '复学', '--date', '2025-11-10'],
        ['dropout', 'confirm', closed.case_no],
        ['dropout', 'close', returned.case_no, '--category', '其他', '--note', 'x'],
        ['dropout', 'return', pending.case_no, '--outcome', '复学', '--date', '2025-11-10'],
        ['dropout', 'visit', returned.case_no, '--date', '2025-11-11', '--by', 'x', '--note', 'y'],
        ['dropout', 'confirm', 'KC51343399999'],
      ]) {
        const r = run(...args);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(/错误/);
        expect(r.stderr).toMatch(/Error/);
      }
      expect(run('dropout', 'close', pending.case_no, '--category', '搬家', '--note', 'x').code).toBe(2);
      expect(run('dropout', 'close', pending.case_no, '--category', '其他', '--note', 'x', '--proof', write('fake.pdf', 'not a pdf')).code).toBe(2);
      expect(run('dropout', 'visit', pending.case_no, '--date', '2026-01-01', '--by', 'x', '--note', 'y').code).toBe(2);
      expect(JSON.stringify([await caseOf(outName(1)), await caseOf(outName(20)), await caseOf('赵小花')])).toBe(before);
    });

    it('writes the ledger masked (full on request) and the report with 巩固率', () => {
      const out = path.join(dir, `cases-${dialect}.csv`);
      const r = run('dropout', 'list', '--out', out);
      expect(r.json).toMatchObject({ rows: OUT.length + 2 });
      const text = fs.readFileSync(out, 'utf8');
      expect(text).toMatch(/案件编号,姓名,身份证件号,出生日期,年龄,户籍行政区划代码,来源,状态,核查类别,责任人,最近走访,结果/);
      expect(text).not.toContain(E);
      expect(text).toContain(`${E.slice(0, 6)}********${E.slice(-4)}`);
      run('dropout', 'list', '--out', out, '--full', '--status', '待核查');
      const full = fs.readFileSync(out, 'utf8');
      expect(full).toContain(E);
      expect(full.trim().split(/\r?\n/)).toHaveLength(3);
      const rep = path.join(dir, `report-${dialect}.csv`);
      expect(run('report', 'dropout', '--out', rep, '--school-year', '2025').code).toBe(0);
      const lines = fs.readFileSync(rep, 'utf8').trim().split(/\r?\n/);
      const township = lines.find((l) => l.startsWith('乡镇,513433101'))!.split(',');
      // 10 categories + 外地就读已核实 closed; 5 still enrolled in the township's school, none in 劝返中: 100%
      expect(township.slice(3, 9).map(Number)).toEqual([2, 11, 0, 1, 1, 1]);
      expect(township.at(-1)).toBe('100.00%');
      // the column names its definition (report.rules.ts): not the nine-year cohort ratio
      expect(lines[0].replace(/^\ufeff/, '').split(',').at(-1)).toBe('巩固率（在校口径：在读÷(在读+劝返中)）');
    });

    it('writes the 劝返复学 registration and written report of a case, as .xlsx and .pdf, masked unless --full', async () => {
      const d = await t.open();
      const back = await d.db.selectFrom('dropout_cases').selectAll().where('status', '=', '已复学').executeTakeFirstOrThrow();
      await d.close();
      const xlsx = path.join(dir, `case-${dialect}.csv`);
      const r = run('dropout', 'report-case', back.case_no, '--out', xlsx);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toMatchObject({ case: back.case_no, status: '已复学' });
      const text = fs.readFileSync(xlsx, 'utf8');
      expect(text).toContain(`劝返复学登记与书面报告（案件编号 ${back.case_no}）`);
      expect(text).toMatch(/核实辍学，进入劝返/);
      expect(text).toMatch(/劝返结果/);
      expect(text).toContain(`${back.id_number!.slice(0, 6)}********${back.id_number!.slice(-4)}`);
      expect(text).not.toContain(back.id_number!);
      run('dropout', 'report-case', back.case_no, '--out', xlsx, '--full');
      expect(fs.readFileSync(xlsx, 'utf8')).toContain(back.id_number!);
      const pdf = path.join(dir, `case-${dialect}.pdf`);
      expect(run('dropout', 'report-case', back.case_no, '--out', pdf).code).toBe(0);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(run('dropout', 'report-case', 'KC000000-00000', '--out', pdf).code).toBe(1);
    });
  });
}
