// Imports in the browser (issue 9): an uploaded list runs as a persisted job in its own process,
// with progress, a result page's figures and the rejected rows downloadable in the upload's own
// format; only the bureau's staff may start one; a job is seen within the starter's region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { startTestApp, type TestApp } from './test-seed.ts';
import type { JobItem } from './jobs.schema.ts';
import { fullIdsIn } from './privacy.rules.ts';

const SCHOOLS = '学校标识码,学校名称,行政区划代码,办学类型\n5134330003,甘洛县玉田小学,513433102,小学\n';
const STUDENTS = [
  '学生信息（导出日期：2025-09-10）',
  '姓名,性别,身份证件号,学籍号,出生日期,学校标识码,学段,年级',
  '马小龙,男,,J5134330000009001,2014-05-01,5134330003,小学,五年级',
  '马小凤,女,,J5134330000009002,2015-06-01,5134330003,小学,四年级',
  ',女,,J5134330000009003,2015-06-01,5134330003,小学,四年级',
  '吉小花,女,,J5134330000009004,2015-06-01,9999999999,小学,四年级',
].join('\n');

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`jobs on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      for (const u of ['admin', 'county', 'school-a', 'inspector']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });

    const upload = (user: string, list: string, fileName: string, body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/jobs/import?list=${list}&fileName=${encodeURIComponent(fileName)}`,
        headers: { ...t.headers(cookies[user]), 'content-type': 'application/octet-stream' },
        payload: Buffer.from(body, 'utf8'),
      });
    async function finished(user: string, id: string): Promise<JobItem> {
      for (let i = 0; i < 300; i++) {
        const job = (await t.app.inject({ url: `/api/jobs/${id}`, headers: { cookie: cookies[user] } })).json<JobItem>();
        if (job.status === 'done' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('job did not finish');
    }

    it('imports an uploaded list as a job: result figures, rejected rows as a file of the same format', async () => {
      const s = await upload('county', 'schools', '学校.csv', SCHOOLS);
      expect(s.statusCode).toBe(202);
      expect((await finished('county', s.json().id)).result).toMatchObject({ inserted: 1 });
      const res = await upload('county', 'students', '学籍 2025.csv', STUDENTS);
      expect(res.statusCode).toBe(202);
      const job = await finished('county', res.json().id);
      expect(job).toMatchObject({ status: 'done', statusLabel: '已完成', progress: 1, fileName: '学籍 2025.csv', title: '导入学籍名单', actor: 'county', hasErrorsFile: true });
      expect(job.result).toMatchObject({ inserted: 2, rejected: 2 });
      const errors = await t.app.inject({ url: `/api/jobs/${job.id}/errors`, headers: { cookie: cookies.county } });
      expect(errors.statusCode).toBe(200);
      expect(errors.headers['content-type']).toMatch(/text\/csv/);
      expect(errors.body).toContain('错误原因');
      expect(errors.body).toContain('吉小花');
      const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'in', ['import.students', 'job.import', 'job.errors-download']).execute();
      // the command ran for the user who uploaded: the audit names them
      expect(audit.filter((a) => a.actor === 'county').map((a) => a.action)).toEqual(expect.arrayContaining(['import.students', 'job.import', 'job.errors-download']));
    });

    it('imports the 教师花名册 as a job: the roster lands, a row of an unknown school is rejected', async () => {
      const csv = ['姓名,身份证件号,学校标识码,职称,是否乡村教师,参加工作年月,本年度培训学时', '马老师,513433198501011234,5134330001,一级教师,是,2005-09,90', '吉老师,513433198601012345,9999999999,二级教师,否,2010-09,20'].join('\n');
      const res = await upload('county', 'teachers', '教师花名册.csv', csv);
      expect(res.statusCode, res.body).toBe(202);
      const job = await finished('county', res.json().id);
      expect(job).toMatchObject({ status: 'done', title: '导入教师花名册', hasErrorsFile: true });
      expect(job.result).toMatchObject({ inserted: 1, rejected: 1 });
      const rows = await t.database.db.selectFrom('teachers').select(['name', 'school_code']).execute();
      expect(rows).toEqual([{ name: '马老师', school_code: '5134330001' }]);
      expect((await upload('school-a', 'teachers', '教师花名册.csv', csv)).statusCode).toBe(403);
    });

    it('tells a bad file apart: a failed job with the Chinese reason, nothing imported', async () => {
      const res = await upload('county', 'students', 'wrong.csv', '甲,乙,丙\n1,2,3\n');
      const job = await finished('county', res.json().id);
      expect(job.status).toBe('failed');
      expect(job.error?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(job.hasErrorsFile).toBe(false);
    });

    it('refuses a file type it cannot read, and an upload by a school or an inspector', async () => {
      expect((await upload('county', 'students', 'list.pdf', 'x')).statusCode).toBe(400);
      expect((await upload('school-a', 'students', 's.csv', STUDENTS)).statusCode).toBe(403);
      expect((await upload('inspector', 'students', 's.csv', STUDENTS)).statusCode).toBe(403);
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/jobs/import?list=students&fileName=s.csv', headers: { cookie: cookies.county, 'content-type': 'application/octet-stream' }, payload: 'x' });
      expect(noCsrf.statusCode).toBe(403);
    });

    it('lists jobs within the region, pages them, and keeps them from a school', async () => {
      const list = await t.app.inject({ url: '/api/jobs?pageSize=2', headers: { cookie: cookies.inspector } });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBeGreaterThanOrEqual(3);
      expect(list.json().items).toHaveLength(2);
      expect(fullIdsIn(list.body)).toEqual([]);
      expect((await t.app.inject({ url: '/api/jobs', headers: { cookie: cookies['school-a'] } })).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/jobs/00000000-0000-4000-8000-000000000000', headers: { cookie: cookies.county } })).statusCode).toBe(404);
    });

    it('runs a match as a job', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/jobs/match', headers: t.headers(cookies.county), payload: { schoolYear: 2025 } });
      expect(res.statusCode).toBe(202);
      const job = await finished('county', res.json().id);
      expect(job.status).toBe('done');
      expect(job.result).toHaveProperty('auto');
    });
  });
}
