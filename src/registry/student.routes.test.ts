import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { StudentDetail, StudentList } from './student.schema.ts';
import { dashboardOf } from '../indicators/dashboard.service.ts';
import { IDS, SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`student routes on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await t.loginAs();
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string, url: string) => t.get(user, url);

    it('lists students with masked IDs, school names and the best match status', async () => {
      const res = await get('admin', '/api/students?page=1&pageSize=10');
      expect(res.statusCode).toBe(200);
      const list = StudentList.parse(res.json());
      expect(list.total).toBe(4);
      const zhang = list.items.find((s) => s.name === '张小明');
      expect(zhang).toMatchObject({ schoolName: '甘洛县城关小学', idNumber: `513433********${IDS.zhang.slice(-4)}`, matchStatus: 'review', boarding: true });
      expect(list.items.find((s) => s.name === '李小红')?.matchStatus).toBe('auto');
      expect(list.items.find((s) => s.name === '赵小花')?.matchStatus).toBe('none');
      // a G-number embeds the ID: even the admin's list shows it masked until a full read
      const shown = JSON.stringify(list.items);
      for (const id of Object.values(IDS)) expect(shown).not.toContain(id);
      expect(zhang?.studentNo).toBe(`G513433********${IDS.zhang.slice(-4)}`);
      expect(zhang?.id).toMatch(/^s_/);
    });

    it.each([
      ['admin', 4],
      ['county', 3],
      ['inspector', 3],
      ['school-a', 2],
      ['teacher-a', 2],
    ])('%s sees %i students', async (user, n) => {
      expect(StudentList.parse((await get(user, '/api/students')).json()).total).toBe(n);
    });

    it('keeps another school’s student from a school user: filtered list, 404 on detail', async () => {
      const list = StudentList.parse((await get('school-a', `/api/students?schoolCode=${SCHOOLS.b}`)).json());
      expect(list.items).toEqual([]);
      const res = await get('school-a', `/api/students/G${IDS.li}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await get('school-a', `/api/students/G${IDS.zhang}`)).statusCode).toBe(200);
      // the opaque reference of a student in another school is refused the same way
      const li = StudentList.parse((await get('admin', '/api/students?q=李小红')).json()).items[0];
      expect((await get('school-a', `/api/students/${li.id}`)).statusCode).toBe(404);
      expect((await get('school-b', `/api/students/${li.id}`)).statusCode).toBe(200);
      expect((await get('school-b', `/api/students/${li.id.slice(0, -2)}xx`)).statusCode).toBe(404);
    });

    it.each([
      ['张小', ['张小明']],
      [`g${IDS.li.slice(0, 10)}`, ['李小红']],
      [IDS.zhao, ['赵小花']],
      ['%', []],
    ])('searches q=%s', async (q, names) => {
      const list = StudentList.parse((await get('admin', `/api/students?q=${encodeURIComponent(q)}`)).json());
      expect(list.items.map((s) => s.name)).toEqual(names);
    });

    it.each(['pageSize=100000', 'page=0', 'page=x', 'q=' + 'x'.repeat(100)])('answers 400 to %s', async (query) => {
      const res = await get('admin', `/api/students?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('pages', async () => {
      const p1 = StudentList.parse((await get('admin', '/api/students?pageSize=3&page=1')).json());
      const p2 = StudentList.parse((await get('admin', '/api/students?pageSize=3&page=2')).json());
      expect(p1.items).toHaveLength(3);
      expect(p2.items).toHaveLength(1);
      expect(new Set([...p1.items, ...p2.items].map((s) => s.studentNo)).size).toBe(4);
    });

    it('shows the full ID only to admin and county, and audits each full read', async () => {
      const url = `/api/students/G${IDS.zhang}?full=1`;
      expect((await get('teacher-a', url)).statusCode).toBe(403);
      expect((await get('school-a', url)).statusCode).toBe(403);
      const res = await get('county', url);
      expect(res.statusCode).toBe(200);
      const d = StudentDetail.parse(res.json());
      expect(d.idNumber).toBe(IDS.zhang);
      expect(d.fullId).toBe(true);
      expect(d.matches).toHaveLength(1);
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'student.read-full').execute();
      expect(audit).toHaveLength(1);
      // the audit entry names the student without the ID it must not contain
      expect(audit[0]).toMatchObject({ actor: 'county', target: `G513433********${IDS.zhang.slice(-4)} 张小明`, county_code: '513433' });
      const masked = StudentDetail.parse((await get('school-a', `/api/students/G${IDS.zhang}`)).json());
      expect(masked.idNumber).not.toBe(IDS.zhang);
    });

    it('lists the schools of the scope', async () => {
      expect((await get('school-a', '/api/schools')).json().items).toEqual([{ code: SCHOOLS.a, name: '甘洛县城关小学' }]);
      expect((await get('county', '/api/schools')).json().items).toHaveLength(2);
    });

    it('counts registry children aged 3–17 on Sept 1 of the school year', async () => {
      const d2025 = await dashboardOf(t.database.db, { kind: 'all' }, '2025-10-01');
      expect(d2025.children).toBe(2);
      // 李小红 (born 2011-08-12) is 18 on 2029-09-01, 张小明 (2012-03-05) still 17.
      const d2029 = await dashboardOf(t.database.db, { kind: 'all' }, '2029-10-01');
      expect(d2029.children).toBe(1);
    });
  });
}
