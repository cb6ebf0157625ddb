import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { IDS, SCHOOLS, startTestApp, TEST_PASSWORD, type TestApp } from '../platform/test-seed.ts';
import { addUser } from '../platform/user.service.ts';
import { CareList } from './care.schema.ts';

const AT = '2025-10-01T00:00:00.000Z';
const child = (studentNo: string, school: string, county: string, name: string, categories: string) => ({
  student_no: studentNo, county_code: county, school_code: school, name, categories, parents_work_place: null, guardian_name: null, guardian_relation: null, guardian_phone: null, health: null, boarding: 1,
  row_hash: 'h', rev: 1, created_at: AT, updated_at: AT,
});
const mentor = (studentNo: string, school: string, username: string) => ({ student_no: studentNo, county_code: '513433', school_code: school, mentor: username, kind: '一对一', assigned_by: 'admin', assigned_at: AT });

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`care routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      await addUser(db, cliActor(), { username: 'teacher-a2', role: 'teacher', school: SCHOOLS.a, password: TEST_PASSWORD });
      await db.insertInto('care_children').values([
        child(`G${IDS.zhang}`, SCHOOLS.a, '513433', '张小明', '留守儿童'),
        child(`G${IDS.zhao}`, SCHOOLS.a, '513433', '赵小花', '孤儿、残疾'),
        child(`G${IDS.li}`, SCHOOLS.b, '513433', '李小红', '留守儿童'),
        child(`G${IDS.wang}`, SCHOOLS.other, '520102', '王小军', '随迁子女'),
      ]).execute();
      await db.insertInto('care_mentors').values([mentor(`G${IDS.zhang}`, SCHOOLS.a, 'teacher-a'), mentor(`G${IDS.zhao}`, SCHOOLS.a, 'teacher-a2')]).execute();
      const today = new Date().toISOString().slice(0, 10);
      await db.insertInto('care_visits').values([1, 2].map(() => ({ student_no: `G${IDS.zhang}`, county_code: '513433', school_code: SCHOOLS.a, visit_date: today, by_user: 'teacher-a', kind: '家访', note: '正常', actor: 'teacher-a', at: AT }))).execute();
      for (const u of ['admin', 'county', 'school-a', 'teacher-a', 'teacher-a2', 'inspector']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string | null, url: string) => t.app.inject({ url, headers: user ? { cookie: cookies[user] } : {} });
    const names = async (user: string) => CareList.parse((await get(user, '/api/care/children')).json()).items.map((i) => i.name);

    it('a teacher sees only the children assigned to them, never another teacher’s', async () => {
      expect(await names('teacher-a')).toEqual(['张小明']);
      expect(await names('teacher-a2')).toEqual(['赵小花']);
    });

    it.each([
      ['admin', ['张小明', '赵小花', '李小红', '王小军']],
      ['county', ['张小明', '赵小花', '李小红']],
      ['inspector', ['张小明', '赵小花', '李小红']],
      ['school-a', ['张小明', '赵小花']],
    ])('%s sees its scope', async (user, expected) => {
      expect((await names(user)).sort()).toEqual([...expected].sort());
    });

    it('answers the fields of interfaces.md, with the 学籍号 masked for a school and this term’s visits', async () => {
      const list = CareList.parse((await get('school-a', '/api/care/children?page=1&pageSize=10')).json());
      expect(list.total).toBe(2);
      expect(list.items.find((i) => i.name === '张小明')).toEqual({ id: expect.stringMatching(/^s_/), studentNo: `G${IDS.zhang.slice(0, 6)}********${IDS.zhang.slice(-4)}`, name: '张小明', schoolCode: SCHOOLS.a, categories: ['留守儿童'], mentor: 'teacher-a', visitsThisTerm: 2 });
      expect(list.items.find((i) => i.name === '赵小花')?.categories).toEqual(['孤儿', '残疾']);
      expect(JSON.stringify(list)).not.toContain(IDS.zhang);
    });

    it('shows full numbers to the county and audits that read; 401 without a session, 400 on a bad page', async () => {
      const list = CareList.parse((await get('county', '/api/care/children?full=1')).json());
      expect(CareList.parse((await get('county', '/api/care/children')).json()).items.map((i) => i.studentNo)).not.toContain(`G${IDS.zhang}`);
      expect(list.items.map((i) => i.studentNo)).toContain(`G${IDS.zhang}`);
      const audit = await t.database.db.selectFrom('audit_log').select('actor').where('action', '=', 'care.read-full').execute();
      expect(audit.map((a) => a.actor)).toContain('county');
      expect((await get(null, '/api/care/children')).statusCode).toBe(401);
      expect((await get('admin', '/api/care/children?page=0')).statusCode).toBe(400);
    });
  });
}
