// Schools, teachers, pairings and indicators through the real CLI on both dialects: a small roster and
// 学籍 where 小学/初中 入学率 are counted by hand, the teacher roster and report (IDs masked), pairings
// and their minimums, the project ledger, entered values with evidence, the indicators report and the
// inspection pack.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { readZipDirectory, readZipEntry } from '../src/files/zip-directory.ts';
import { parseCsv } from '../src/demo/testkit.ts';
import { dbEnv, fuzhi, STUDENT_HEADER } from './cli-helpers.ts';
import { pdfText } from './pdf-text.ts';
import { id } from '../src/registry/test-people.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-ind-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const S1 = '2151343301'; // rural primary, helped
const S2 = '2151343302'; // rural junior school, not paired
const S3 = '2151343390'; // urban primary, the helper
const SCHOOLS = `学校标识码,学校名称,行政区划代码,办学类型,城乡类型
${S1},甘洛县新市坝镇中心小学,513433101,小学,乡村
${S2},甘洛县田坝镇初级中学,513433102,初级中学,乡村
${S3},甘洛县城关小学,513433100,小学,城区
`;
/** Roster children by birth date; ages on 2025-09-01. */
const kid = (birth: string, k: number) => id(`513433${birth.replaceAll('-', '')}${String(k).padStart(3, '0')}`);
const P1 = kid('2015-03-02', 1); // 10, enrolled (G-form 学籍号, no ID column)
const P2 = kid('2016-05-01', 2); // 9, enrolled by ID number with a J 学籍号
const P3 = kid('2017-01-01', 3); // 8, not in 学籍
const P4 = kid('2014-06-01', 4); // 11, 学籍 辍学: not in school
const P5 = kid('2019-09-01', 5); // 6 exactly: primary window, enrolled
const K1 = kid('2019-09-02', 6); // 5: preschool window, not enrolled
const J1 = kid('2012-02-02', 7); // 13, still in 六年级: in school
const J2 = kid('2011-07-07', 8); // 14, 初中 休学: in school
const J3 = kid('2010-09-01', 9); // 15: senior window, in 初中
const J4 = kid('2010-09-02', 10); // 14, not in 学籍
const H1 = kid('2009-05-05', 11); // a 高中 student not on the roster
const ROSTER = ['姓名,性别,身份证件号,出生日期,户籍行政区划代码', ...[P1, P2, P3, P4, P5, K1, J1, J2, J3, J4].map((x, i) => `儿童${i + 1},,${x},,513433101201`)].join('\n');
const STUDENTS = [
  STUDENT_HEADER,
  `儿童1,女,,G${P1},2015-03-02,${S1},小学,四年级,否,在读`,
  `儿童2,男,${P2},J5134330000002,2016-05-01,${S1},小学,三年级,否,在读`,
  `儿童4,男,${P4},G${P4},2014-06-01,${S1},小学,五年级,否,辍学`,
  `儿童5,女,${P5},G${P5},2019-09-01,${S1},小学,一年级,否,在读`,
  `儿童7,男,${J1},G${J1},2012-02-02,${S1},小学,六年级,否,在读`,
  `儿童8,女,${J2},G${J2},2011-07-07,${S2},初中,初二,否,休学`,
  `儿童9,男,${J3},G${J3},2010-09-01,${S2},初中,初三,否,在读`,
  `高中生,男,${H1},G${H1},2009-05-05,${S2},高中,高一,否,在读`,
].join('\n');
const T = [1, 2, 3, 4, 5].map((k) => id(`51343319800101${String(k).padStart(3, '0')}`));
const TEACHERS = [
  '姓名,身份证件号,学校标识码,学历,职称,是否乡村教师,参加工作年月,本年度培训学时',
  `阿苏木呷,${T[0]},${S1},本科,高级教师,是,1995-09,90`,
  `吉克阿依,${T[1]},${S1},专科,一级教师,是,2000-08,0`,
  `王老师,${T[2]},${S1},高中,二级教师,否,2010-01,30`,
  `李老师,${T[3]},${S2},本科,一级教师,是,2015-09,40`,
  `张老师,${T[4]},${S2},专科,二级教师,是,2018-09,`,
  `无校,${id('51343319800101006')},9999999999,本科,,否,2018-09,10`,
].join('\n');

/** A written .csv as records by header. */
function csvRows(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  return rows.filter((r) => r.some((c) => c !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`schools and indicators through the CLI on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    const run = (...args: string[]) => fuzhi(args, env);
    const out = (name: string) => path.join(dir, `${dialect}-${name}`);
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = { ...dbEnv(t.options), FUZHI_TODAY: '2026-03-10' };
      expect(run('import', 'schools', write('schools.csv', SCHOOLS)).code).toBe(0);
      expect(run('import', 'students', write('students.csv', `${STUDENTS}\n`)).json).toMatchObject({ inserted: 8, rejected: 0 });
      expect(run('import', 'roster', write('roster.csv', `${ROSTER}\n`)).json).toMatchObject({ inserted: 10, rejected: 0 });
    });
    afterAll(async () => {
      await t.drop();
    });

    it('imports the teacher roster, rejecting an unknown school; re-import changes nothing', () => {
      const f = write('teachers.csv', `${TEACHERS}\n`);
      const r = run('teacher', 'import', f, '--errors', out('teacher-errors.csv'));
      expect(r.json).toMatchObject({ inserted: 5, rejected: 1, kind: 'teachers' });
      expect(r.stderr).toMatch(/学校标识码不在已导入的学校名单中/);
      expect(fs.readFileSync(out('teacher-errors.csv'), 'utf8')).toMatch(/错误原因/);
      expect(run('teacher', 'import', f).json).toMatchObject({ inserted: 0, unchanged: 5 });
    });

    it('reports teachers: hours, village training, honours due; ID numbers masked', () => {
      const r = run('teacher', 'report', '--school-year', '2025', '--out', out('teachers.csv'));
      expect(r.json).toMatchObject({ rows: 5, continuingMet: 1, village: 4, villageTrained: 2, honoursDue: 2, villageTrainingRate: 50 });
      const text = fs.readFileSync(out('teachers.csv'), 'utf8');
      for (const x of T) expect(text).not.toContain(x);
      const rows = csvRows(out('teachers.csv'));
      const first = rows.find((x) => x['姓名'] === '阿苏木呷')!;
      expect(first['身份证件号']).toMatch(/\*{4,}/);
      expect(first['本年度应表彰教龄']).toBe('30年');
      expect(rows.find((x) => x['姓名'] === '吉克阿依')!['本年度应表彰教龄']).toBe('25年');
    });

    it('pairs schools, logs activities and names who is behind', () => {
      expect(run('pairing', 'add', '--helper', S3, '--helped', S1).json).toMatchObject({ ok: true, pairing: 1 });
      expect(run('pairing', 'add', '--helper', S3, '--helped', S1).code).toBe(1);
      expect(run('pairing', 'add', '--helper', S3, '--helped', '9999999999').code).toBe(1);
      expect(run('activity', 'add', '--pairing', '1', '--type', '联合教研', '--date', '2025-10-20', '--title', '语文联合教研').json).toMatchObject({ ok: true, type: '联合教研' });
      expect(run('activity', 'add', '--pairing', '1', '--type', '送课下乡', '--date', '2025-11-05', '--title', '送课下乡', '--summary', '数学两节').code).toBe(0);
      expect(run('activity', 'add', '--pairing', '1', '--type', '喝茶', '--date', '2025-11-05', '--title', 'x').code).toBe(2);
      expect(run('activity', 'add', '--pairing', '1', '--type', '挂职', '--date', '2026-05-01', '--title', '未来').code).toBe(2);
      expect(run('activity', 'add', '--pairing', '9', '--type', '挂职', '--date', '2025-11-05', '--title', 'x').code).toBe(1);
      const now = run('pairing', 'report', '--school-year', '2025', '--out', out('pairing.csv'));
      expect(now.json).toMatchObject({ rows: 1, behind: [], pairedSchools: 1, schoolsToPair: 2, pairingRate: 50 });
      const later = fuzhi(['pairing', 'report', '--school-year', '2025', '--out', out('pairing-later.csv')], { ...env, FUZHI_TODAY: '2026-09-10' });
      expect(later.json!.behind[0].behind).toEqual(['2026年春季学期 联合教研 0/1', '2025学年 挂职 0/1', '2025学年 课题 0/1']);
      const row = csvRows(out('pairing-later.csv'))[0];
      expect(row).toMatchObject({ 联合教研: '1', 送课下乡: '1', 是否达标: '否' });
    });

    it('counts care visits of the terms begun toward visit coverage', () => {
      expect(fuzhi(['user', 'add', '--username', 't1', '--role', 'teacher', '--school', S1, '--password-stdin'], env, 'mima-2025-test\n').code).toBe(0);
      const care = ['学籍号,姓名,类别,监护人姓名', `G${P1},儿童1,留守儿童,祖母`, `G${P5},儿童5,留守儿童,祖父`].join('\n');
      expect(run('import', 'care', write('care.csv', `${care}\n`)).json).toMatchObject({ inserted: 2 });
      expect(run('care', 'visit', `G${P1}`, '--date', '2025-10-01', '--by', 't1', '--kind', '家访', '--note', '正常').code).toBe(0);
    });

    it('takes entered values with evidence, refuses computed indicators and bad values', () => {
      const r = run('indicators', 'set', 'students-per-computer', '--value', '6.5', '--evidence', '2025年教育装备统计表', '--school-year', '2025');
      expect(r.json).toMatchObject({ ok: true, indicator: 'students-per-computer', value: 6.5 });
      expect(run('indicators', 'set', '九年义务教育巩固率', '--value', '96.2%', '--evidence', '2025年教育事业统计', '--school-year', '2025').code).toBe(0);
      expect(run('indicators', 'set', 'primary-enrolment', '--value', '100', '--evidence', 'x y', '--school-year', '2025').code).toBe(1);
      expect(run('indicators', 'set', 'compulsory-retention', '--value', '120', '--evidence', '统计表', '--school-year', '2025').code).toBe(2);
      expect(run('indicators', 'set', 'no-such', '--value', '1', '--evidence', '统计表').code).toBe(2);
    });

    it('reports every indicator with target, actual and source; 入学率 agree with the hand count', () => {
      const r = run('report', 'indicators', '--school-year', '2025', '--out', out('indicators.csv'));
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ rows: 17 });
      const rows = csvRows(out('indicators.csv'));
      expect(Object.keys(rows[0]).slice(0, 7)).toEqual(['指标', '口径', '目标值', '实际值', '是否达标', '数据来源', '政策依据']);
      for (const x of rows) expect(x['政策依据']).toMatch(/《.+》/);
      const by = (name: string) => rows.find((x) => x['指标'] === name)!;
      // hand count: primary P1 P2 P5 of P1–P5 = 3/5; junior J1 J2 of J1 J2 J4 = 2/3; preschool 0/1; senior 1 高中 / J3 = 1/1
      expect(by('小学入学率')).toMatchObject({ 实际值: '60.0%', 是否达标: '否', 分子: '3', 分母: '5', 目标值: '≥99%' });
      expect(by('初中入学率')).toMatchObject({ 实际值: '66.7%', 是否达标: '否', 分子: '2', 分母: '3' });
      expect(by('学前三年毛入园率')).toMatchObject({ 实际值: '0.0%', 分子: '0', 分母: '1' });
      expect(by('高中阶段毛入学率')).toMatchObject({ 实际值: '100.0%', 是否达标: '是' });
      expect(by('小学（含幼儿园）教师专科以上学历比例')).toMatchObject({ 实际值: '66.7%', 是否达标: '否' });
      expect(by('初中教师本科以上学历比例')).toMatchObject({ 实际值: '50.0%', 是否达标: '否' });
      expect(by('乡村教师培训率')).toMatchObject({ 实际值: '50.0%' });
      expect(by('乡村中小学结对率')).toMatchObject({ 实际值: '50.0%', 是否达标: '否' });
      expect(by('学生机比')).toMatchObject({ 实际值: '6.5 人/台', 是否达标: '是' });
      expect(by('学生机比')['数据来源']).toMatch(/2025年教育装备统计表/);
      expect(by('九年义务教育巩固率')).toMatchObject({ 实际值: '96.2%', 是否达标: '是' });
      expect(by('资助覆盖率（应助尽助）')).toMatchObject({ 是否达标: '无数据' });
      expect(by('网络学习空间教师实名注册率')).toMatchObject({ 是否达标: '未填报' });
      // 秋季 1 of 2 children visited, 春季 (begun 2026-03-01) 0 of 2
      expect(by('关爱对象走访覆盖率')).toMatchObject({ 实际值: '25.0%', 是否达标: '否', 分子: '1', 分母: '4' });
    });

    it('keeps the project ledger: dispatches only go forward, over-budget and undispatched projects named', () => {
      expect(run('project', 'add', '--school', S1, '--name', '学生宿舍楼', '--kind', '宿舍', '--budget', '1200000', '--fund', '全面改薄专项资金', '--end', '2026-08-31').json).toMatchObject({ ok: true, project: 1, budget: 1200000 });
      expect(run('project', 'add', '--school', S2, '--name', '计算机教室', '--kind', '设备', '--budget', '300000.50', '--fund', '省级财政').json).toMatchObject({ project: 2 });
      expect(run('project', 'add', '--school', S2, '--name', 'x', '--kind', '游泳池', '--budget', '1', '--fund', 'x').code).toBe(2);
      expect(run('project', 'add', '--school', '9999999999', '--name', 'x', '--kind', '食堂', '--budget', '1', '--fund', 'x').code).toBe(1);
      expect(run('project', 'dispatch', '1', '--date', '2026-02-05', '--percent', '30', '--spent', '400000', '--note', '主体施工').json).toMatchObject({ ok: true, status: '在建' });
      expect(run('project', 'dispatch', '1', '--date', '2026-03-05', '--percent', '20', '--spent', '500000', '--note', 'x').code).toBe(1);
      expect(run('project', 'dispatch', '2', '--date', '2026-03-06', '--percent', '100', '--spent', '310000', '--note', '已安装').json).toMatchObject({ status: '完工', overBudget: true });
      const r = run('project', 'list', '--out', out('projects.csv'));
      expect(r.json).toMatchObject({ rows: 2, budget: 1500000.5, spent: 710000, notDispatchedThisMonth: [1], overBudget: [2] });
      expect(csvRows(out('projects.csv'))[0]).toMatchObject({ 项目名称: '学生宿舍楼', 进度: '30%', 状态: '在建', 本月已调度: '否', 超预算: '否' });
      // budget by fund source; spending before its 张榜公示 or above its source's budget is refused (exit 1, both languages)
      expect(run('project', 'fund', '1', '--source', '县级配套', '--budget', '100000').json).toMatchObject({ budget: 1300000 });
      const early = run('project', 'spend', '1', '--source', '县级配套', '--date', '2026-02-10', '--yuan', '50000', '--purpose', '进度款');
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/尚未张榜公示/);
      expect(early.stderr).toMatch(/not posted/);
      expect(run('project', 'post', '1', '--source', '县级配套', '--date', '2026-02-08', '--yuan', '150000', '--content', '校务公开栏').code).toBe(0);
      expect(run('project', 'spend', '1', '--source', '县级配套', '--date', '2026-02-10', '--yuan', '100000.01', '--purpose', '进度款').stderr).toMatch(/超出预算/);
      expect(run('project', 'spend', '1', '--source', '县级配套', '--date', '2026-02-10', '--yuan', '60000', '--purpose', '进度款').json).toMatchObject({ spent: 60000, remaining: 40000 });
      const q1 = run('project', 'report', '--period', '2026-Q1', '--out', out('projects-q1.csv'));
      expect(q1.json).toMatchObject({ rows: 2, kind: '季汇总', spent: 60000 });
      expect(csvRows(out('projects-q1.csv'))[0]).toMatchObject({ 期末进度: '30%', 缺报月份: '2026-01、2026-03', 本期支出按来源: '县级配套 60000' });
      expect(run('project', 'report', '--period', '2026-Q9', '--out', out('x.csv')).code).toBe(2);
    });

    it('records supervision findings that escalate on the same matter, and a county self-check', () => {
      expect(run('supervision', 'record', '--subject', S2, '--matter', '控辍保学台账不全', '--date', '2026-01-05', '--finding', '3名学生无劝返记录', '--school-year', '2025').json).toMatchObject({ level: '通报' });
      expect(run('supervision', 'record', '--subject', S2, '--matter', '控辍保学台账不全', '--date', '2026-03-02', '--finding', '仍未补齐', '--school-year', '2025').json).toMatchObject({ level: '约谈', times: 2 });
      expect(run('supervision', 'check', '--kind', '县级自查', '--subject', '513433', '--date', '2026-03-05', '--result', '整改', '--finding', '限期整改', '--school-year', '2025').code).toBe(0);
      expect(run('supervision', 'record', '--subject', '99', '--matter', 'x', '--date', '2026-03-02', '--finding', 'x').code).toBe(2);
    });

    it('packs every ledger and report as .xlsx with a PDF summary showing target against actual', async () => {
      const zip = out('inspection.zip');
      const r = run('export', 'inspection', '--school-year', '2025', '--out', zip);
      expect(r.code).toBe(0);
      expect(r.json!.files).toBe(19);
      const fh = await open(zip);
      try {
        const entries = await readZipDirectory(fh, fs.statSync(zip).size);
        const names = entries.map((e) => e.name);
        expect(names).toHaveLength(19);
        expect(names.filter((n) => n.endsWith('.xlsx'))).toHaveLength(18);
        // dropout, care, visits, aid coverage, entitlements, projects, teachers, pairing, indicators, evidence index, supervision
        for (const part of ['指标达标情况', '教师队伍', '教师交流轮岗', '教师补助发放台账', '结对帮扶', '秋季应享资助名单', '春季资助覆盖率', '控辍保学台账', '控辍保学统计', '关爱对象名单', '秋季关爱走访覆盖率', '项目台账', '2026-H1项目半年通报', '督导问责台账', '指标佐证材料清单']) {
          expect(names.some((n) => n.includes(part)), part).toBe(true);
        }
        const sup = await readZipEntry(fh, entries.find((e) => e.name.includes('督导问责台账'))!, 5_000_000);
        expect(sup.subarray(0, 2).toString()).toBe('PK');
        const teachers = await readZipEntry(fh, entries.find((e) => e.name.includes('教师队伍'))!, 5_000_000);
        expect(teachers.subarray(0, 2).toString()).toBe('PK');
        const pdf = await readZipEntry(fh, entries.find((e) => e.name.endsWith('.pdf'))!, 20_000_000);
        const lines = pdfText(pdf);
        expect(lines[0]).toBe('2025–2026学年 教育精准扶贫目标考核督导汇总');
        const at = lines.indexOf('小学入学率');
        expect(lines.slice(at, at + 5)).toEqual(['小学入学率', '≥99%', '60.0%', '否', '3/5']);
        const pc = lines.indexOf('学生机比');
        expect(lines.slice(pc, pc + 5)).toEqual(['学生机比', '≤7 人/台', '6.5 人/台', '是', '人工填报']);
      } finally {
        await fh.close();
      }
      expect(run('export', 'inspection', '--school-year', '2025', '--out', out('inspection.pdf')).code).toBe(2);
      const missing = run('export', 'inspection', '--school-year', '2025', '--out', path.join(dir, 'no-such-folder', 'pack.zip'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/无法写入文件 pack.zip/);
    });
  });
}
