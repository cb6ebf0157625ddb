// 项目台账 over HTTP on both dialects: 401 without a session, each role sees its scope (a school its
// own project, the county its county, never another county's), the inspector reads but cannot record,
// a spending before its posting or above its source's budget is 409 in both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { today } from '../kernel/clock.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { addFund, postFundUse } from './project-funds.ts';
import { addProject } from './project-steps.ts';
import { ProjectList } from './project.schema.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`project routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    const d = today();
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const actor = cliActor();
      await addProject(t.database, actor, { school: SCHOOLS.a, name: '食堂改造', kind: '食堂', budget: '500000', fund: '中央专项资金' });
      await addProject(t.database, actor, { school: SCHOOLS.b, name: '学生宿舍', kind: '宿舍', budget: '800000', fund: '省级财政' });
      await addProject(t.database, actor, { school: SCHOOLS.other, name: '运动场', kind: '运动场', budget: '300000', fund: '市级财政' });
      await addFund(t.database, actor, { project: '1', source: '县级配套', budget: '100000' });
      await postFundUse(t.database, actor, d, { project: '1', source: '县级配套', date: d, amount: '100000', content: '校务公开栏' });
      for (const u of ['county', 'school-a', 'inspector', 'teacher-a']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const names = async (user: string) => ProjectList.parse((await t.app.inject({ url: '/api/projects', headers: { cookie: cookies[user] } })).json()).items.map((i) => i.name);
    const spend = (user: string, id: number, body: object) => t.app.inject({ method: 'POST', url: `/api/projects/${id}/spending`, headers: t.headers(cookies[user]), payload: body });

    it('answers 401 without a session and 403 to a teacher', async () => {
      expect((await t.app.inject({ url: '/api/projects' })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/projects', headers: { cookie: cookies['teacher-a'] } })).statusCode).toBe(403);
    });

    it('shows each role its scope, with the budget by fund source', async () => {
      expect(await names('county')).toEqual(['食堂改造', '学生宿舍']);
      expect(await names('inspector')).toEqual(['食堂改造', '学生宿舍']);
      expect(await names('school-a')).toEqual(['食堂改造']);
      const list = ProjectList.parse((await t.app.inject({ url: '/api/projects', headers: { cookie: cookies['school-a'] } })).json());
      expect(list.items[0]).toMatchObject({ budget: 600000, status: '未开工', acceptance: '未验收', funds: [{ source: '中央专项资金', budget: 500000, spent: 0, posted: 0 }, { source: '县级配套', budget: 100000, spent: 0, posted: 100000 }] });
    });

    it('lets the county record a spending, refusing one before its posting or above the budget (409), the inspector and a school 403', async () => {
      const body = { source: '县级配套', date: d, yuan: 60000, purpose: '设备采购' };
      expect((await spend('inspector', 1, body)).statusCode).toBe(403);
      expect((await spend('school-a', 1, body)).statusCode).toBe(403);
      expect((await spend('county', 3, body)).statusCode).toBe(404); // another county's project
      expect((await spend('county', 1, { ...body, date: 'yesterday' })).statusCode).toBe(400);
      const ok = await spend('county', 1, body);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ spent: 60000, remaining: 40000 });
      const over = await spend('county', 1, { ...body, yuan: 40000.01 });
      expect(over.statusCode).toBe(409);
      expect(over.json().error).toMatchObject({ code: 'PROJECT_OVER_BUDGET' });
      expect(over.json().error.message).toMatch(/超出预算/);
      expect(over.json().error.messageEn).toMatch(/exceed/);
      const unposted = await spend('county', 1, { ...body, source: '中央专项资金', yuan: 1 });
      expect(unposted.statusCode).toBe(409);
      expect(unposted.json().error.code).toBe('PROJECT_NOT_POSTED');
      const list = ProjectList.parse((await t.app.inject({ url: '/api/projects', headers: { cookie: cookies['county'] } })).json());
      expect(list.items[0].funds[1]).toMatchObject({ spent: 60000 });
    });
  });
}
