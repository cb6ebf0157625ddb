// 关爱 through the real CLI on both dialects: the ledger import, mentors that must be teachers of the
// child's school, visits, the list, the coverage report (exact figures per term) and the 民政 file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { dbEnv, fuzhi, STUDENT_HEADER } from './cli-helpers.ts';
import { id } from '../src/registry/test-people.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-care-'));
const write = (name: string, content: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const S1 = '2151343301';
const S2 = '2151343302';
const SCHOOLS = `学校标识码,学校名称,行政区划代码,办学类型,城乡类型\n${S1},甘洛县新市坝镇中心小学,513433101,小学,乡村\n${S2},甘洛县田坝镇中心小学,513433102,小学,乡村\n`;
const I = [1, 2, 3, 4, 5].map((k) => id(`5134332015030200${k}`));
const NO = I.map((x) => `G${x}`);
const STUDENTS = [
  `吉克阿呷,女,${I[0]},${NO[0]},2015-03-02,${S1},小学,四年级,是,在读`,
  `王伟,男,${I[1]},${NO[1]},2015-03-02,${S1},小学,四年级,否,在读`,
  `李娜,女,${I[2]},${NO[2]},2015-03-02,${S1},小学,四年级,否,在读`,
  `张强,男,${I[3]},${NO[3]},2015-03-02,${S1},小学,四年级,否,在读`,
  `沙马拉且,男,${I[4]},${NO[4]},2015-03-02,${S2},小学,四年级,是,在读`,
];
const CARE = [
  '学籍号,身份证件号,姓名,类别,父母务工地,监护人姓名,监护人关系,监护人联系电话,健康状况,是否寄宿',
  `${NO[0]},,吉克阿呷,留守儿童,广东东莞,吉克木呷,祖母,13800000001,健康,是`,
  `${NO[1]},,王伟,留守儿童、残疾,浙江宁波,王大,祖父,13800000002,肢体残疾,否`,
  `,${I[2]},李娜,孤儿,,李二,叔叔,13800000003,健康,否`,
  `${NO[4]},,沙马拉且,事实无人抚养,,沙马二,姑姑,13800000005,健康,是`,
  `J9999,,无名,留守儿童,,,,,,`,
  `${NO[3]},,张强,网瘾少年,,,,,,`,
];

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`care through the CLI on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    const run = (...args: string[]) => fuzhi(args, env);
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = { ...dbEnv(t.options), FUZHI_TODAY: '2026-03-10' };
      expect(run('import', 'schools', write('schools.csv', SCHOOLS)).code).toBe(0);
      expect(run('import', 'students', write('students.csv', `${STUDENT_HEADER}\n${STUDENTS.join('\n')}\n`)).json).toMatchObject({ inserted: 5 });
      for (const [u, role, school] of [['t1', 'teacher', S1], ['t1b', 'teacher', S1], ['t2', 'teacher', S2], ['s1', 'school', S1]]) {
        expect(fuzhi(['user', 'add', '--username', u, '--role', role, '--school', school, '--password-stdin'], env, 'mima-2025-test\n').code).toBe(0);
      }
    });
    afterAll(async () => {
      await t.drop();
    });

    it('imports the ledger by 学籍号 or ID number, rejecting unknown students and categories; re-import is a no-op', () => {
      const f = write('care.csv', `${CARE.join('\n')}\n`);
      const r = run('import', 'care', f, '--errors', path.join(dir, 'care-errors.csv'));
      expect(r.json).toMatchObject({ inserted: 4, rejected: 2, kind: 'care' });
      expect(r.stderr).toMatch(/找不到这名学生/);
      expect(r.stderr).toMatch(/类别应为/);
      expect(run('import', 'care', f).json).toMatchObject({ inserted: 0, unchanged: 4 });
    });

    it('pairs a child only with a teacher of its school', () => {
      expect(run('care', 'assign', NO[0], '--mentor', 't1').json).toMatchObject({ ok: true, mentor: 't1', kind: '一对一' });
      expect(run('care', 'assign', NO[1], '--mentor', 't1b', '--kind', '一对多').json).toMatchObject({ ok: true, kind: '一对多' });
      expect(run('care', 'assign', NO[1], '--mentor', 't1').json).toMatchObject({ ok: true, mentor: 't1' }); // re-paired
      const wrongSchool = run('care', 'assign', NO[4], '--mentor', 't1');
      expect(wrongSchool.code).toBe(1);
      expect(wrongSchool.stderr).toMatch(/不是该生所在学校/);
      expect(run('care', 'assign', NO[2], '--mentor', 's1').code).toBe(1); // a school account is no teacher
      expect(run('care', 'assign', NO[3], '--mentor', 't1').code).toBe(1); // not in the ledger
      expect(run('care', 'assign', NO[2], '--mentor', 't1', '--kind', '一对二').code).toBe(2);
    });

    it('logs visits; refuses a future date, an unknown kind and another school’s teacher', () => {
      for (const [no, date] of [[NO[0], '2025-10-01'], [NO[0], '2025-12-01'], [NO[0], '2025-04-01'], [NO[1], '2026-03-05']]) {
        expect(run('care', 'visit', no, '--date', date, '--by', 't1', '--kind', '家访', '--note', '学习生活正常').code).toBe(0);
      }
      expect(run('care', 'visit', NO[0], '--date', '2026-03-11', '--by', 't1', '--kind', '家访', '--note', 'x').code).toBe(2);
      expect(run('care', 'visit', NO[0], '--date', '2026-03-01', '--by', 't1', '--kind', '串门', '--note', 'x').code).toBe(2);
      expect(run('care', 'visit', NO[0], '--date', '2026-03-01', '--by', 't2', '--kind', '电话', '--note', 'x').code).toBe(1);
    });

    it('reports coverage per school and term exactly', () => {
      const autumn = path.join(dir, `autumn-${dialect}.csv`);
      expect(run('report', 'care', '--school-year', '2025', '--term', '秋季', '--out', autumn).json).toMatchObject({ rows: 2, children: 4, visited: 1 });
      const lines = fs.readFileSync(autumn, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
      expect(lines).toEqual(['学校标识码,学校名称,关爱对象人数,已结对人数,已走访人数,走访覆盖率', `${S1},甘洛县新市坝镇中心小学,3,2,1,33.33%`, `${S2},甘洛县田坝镇中心小学,1,0,0,0.00%`]);
      const spring = path.join(dir, `spring-${dialect}.csv`);
      run('report', 'care', '--school-year', '2025', '--term', '春季', '--out', spring);
      expect(fs.readFileSync(spring, 'utf8')).toContain(`${S1},甘洛县新市坝镇中心小学,3,2,1,33.33%`);
      const earlier = path.join(dir, `earlier-${dialect}.csv`);
      run('report', 'care', '--school-year', '2024', '--term', '春季', '--out', earlier);
      expect(fs.readFileSync(earlier, 'utf8')).toContain(`${S1},甘洛县新市坝镇中心小学,3,2,1,33.33%`);
    });

    it('lists the children masked with this term’s visits, and writes the 民政 file', () => {
      const out = path.join(dir, `care-${dialect}.csv`);
      expect(run('care', 'list', '--out', out).json).toMatchObject({ rows: 4, term: '2025春季' });
      const text = fs.readFileSync(out, 'utf8');
      expect(text).toContain('学籍号,姓名,学校标识码,类别,帮扶教师,本学期走访次数,最近走访');
      expect(text).not.toContain(I[0]);
      expect(text).toContain(`G${I[0].slice(0, 6)}********${I[0].slice(-4)},吉克阿呷,${S1},留守儿童,t1,0,2025-12-01`);
      expect(text).toContain(`王伟,${S1},留守儿童、残疾,t1,1,2026-03-05`);
      const mz = path.join(dir, `mz-${dialect}.csv`);
      expect(run('export', 'care', '--for', '民政', '--out', mz).json).toMatchObject({ rows: 4 });
      expect(fs.readFileSync(mz, 'utf8')).toMatch(/姓名,性别,身份证件号/);
      expect(run('export', 'care', '--for', '公安', '--out', mz).code).toBe(2);
    });
  });
}
