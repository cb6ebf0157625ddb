import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { sealRef } from '../platform/opaque-ref.ts';
import { fullIdsIn } from '../platform/privacy.rules.ts';
import { STUDENT_REF } from '../registry/student.service.ts';
import { IDS, SCHOOLS, seedAccounts, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { CareChildDetail, CareList } from './care.schema.ts';

const AT = '2025-10-01T00:00:00.000Z';
const child = (studentNo: string, name: string) => ({
  student_no: studentNo, county_code: '513433', school_code: SCHOOLS.a, name, categories: '留守儿童', parents_work_place: '广东东莞', guardian_name: '祖母', guardian_relation: '祖孙', guardian_phone: '13800001234', health: '健康', boarding: 0,
  row_hash: 'h', rev: 1, created_at: AT, updated_at: AT,
});
const mentor = (studentNo: string, username: string) => ({ student_no: studentNo, county_code: '513433', school_code: SCHOOLS.a, mentor: username, kind: '一对一', assigned_by: 'admin', assigned_at: AT });
const ZHANG = `G${IDS.zhang}`; // mentored by teacher-a
const ZHAO = `G${IDS.zhao}`; // mentored by teacher-a2

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`care work routes on ${dialect}`, () => {
    let t: TestApp;
    const ref = (no: string) => sealRef(t.app.refKey, STUDENT_REF, no);
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      await seedAccounts(db, [{ username: 'teacher-a2', role: 'teacher', school: SCHOOLS.a }]);
      await db.insertInto('care_children').values([child(ZHANG, '张小明'), child(ZHAO, '赵小花')]).execute();
      await db.insertInto('care_mentors').values([mentor(ZHANG, 'teacher-a'), mentor(ZHAO, 'teacher-a2')]).execute();
      await t.loginAs('county', 'school-a', 'school-b', 'teacher-a', 'teacher-a2', 'inspector');
    });
    afterAll(async () => {
      expect(t.bodies.flatMap(fullIdsIn)).toEqual([]);
      await t?.close();
    });
    const get = (user: string, url: string) => t.get(user, url);
    const post = (user: string, url: string, payload: object, csrf = true) => t.post(user, url, payload, csrf);
    const visitCount = async (no: string) => (await t.database.db.selectFrom('care_visits').select('id').where('student_no', '=', no).execute()).length;
    const today = new Date().toISOString().slice(0, 10);

    it('list items carry an opaque id that opens the child’s page; never the 学籍号 in the id', async () => {
      const list = CareList.parse((await get('teacher-a', '/api/care/children')).json());
      expect(list.items.map((i) => i.name)).toEqual(['张小明']);
      const id = list.items[0].id;
      expect(id).toMatch(/^s_/);
      expect(id).not.toContain(IDS.zhang);
      const d = CareChildDetail.parse((await get('teacher-a', `/api/care/children/${id}`)).json());
      expect(d).toMatchObject({ id, name: '张小明', mentor: 'teacher-a', guardianName: '祖母', guardianPhone: '13800001234', schoolName: '甘洛县城关小学', boarding: false, visits: [] });
      expect(d.studentNo).not.toBe(ZHANG);
    });

    it.each([
      ['teacher-a', ZHAO, 404],
      ['teacher-a2', ZHAO, 200],
      ['school-a', ZHAO, 200],
      ['school-b', ZHAO, 404],
      ['county', ZHANG, 200],
    ])('%s reading %s → %i', async (user, no, status) => {
      expect((await get(user, `/api/care/children/${ref(no)}`)).statusCode).toBe(status);
    });

    it('a raw 学籍号 or a tampered reference is not a reference (404)', async () => {
      expect((await get('teacher-a', `/api/care/children/${ZHANG}`)).statusCode).toBe(404);
      expect((await get('teacher-a', `/api/care/children/${ref(ZHANG).slice(0, -2)}xx`)).statusCode).toBe(404);
    });

    it('a teacher cannot log a visit for another teacher’s child (404, nothing written)', async () => {
      const res = await post('teacher-a', `/api/care/children/${ref(ZHAO)}/visits`, { date: today, kind: '家访', note: '了解学习情况' });
      expect(res.statusCode).toBe(404);
      expect(await visitCount(ZHAO)).toBe(0);
    });

    it('refuses without CSRF token (403), a role without care.visit (403), a bad kind or a future date (400)', async () => {
      const url = `/api/care/children/${ref(ZHANG)}/visits`;
      expect((await post('teacher-a', url, { date: today, kind: '家访', note: 'x' }, false)).statusCode).toBe(403);
      expect((await post('inspector', url, { date: today, kind: '家访', note: 'x' })).statusCode).toBe(403);
      expect((await post('teacher-a', url, { date: today, kind: '写信', note: 'x' })).statusCode).toBe(400);
      expect((await post('teacher-a', url, { date: '2999-01-01', kind: '谈心', note: 'x' })).statusCode).toBe(400);
      expect(await visitCount(ZHANG)).toBe(0);
    });

    it('a teacher logs a visit to their child; a school user logs one for the mentor; the page shows them', async () => {
      const url = `/api/care/children/${ref(ZHANG)}/visits`;
      const res = await post('teacher-a', url, { date: today, kind: '谈心', note: `学习有进步，身份证 ${IDS.zhang} 已核对`, by: 'teacher-a2' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true, date: today, kind: '谈心' });
      expect((await post('school-a', url, { date: today, kind: '电话', note: '电话联系家长' })).statusCode).toBe(200);
      const rows = await t.database.db.selectFrom('care_visits').select(['by_user', 'actor']).where('student_no', '=', ZHANG).orderBy('id').execute();
      expect(rows).toEqual([{ by_user: 'teacher-a', actor: 'teacher-a' }, { by_user: 'teacher-a', actor: 'school-a' }]);
      const d = CareChildDetail.parse((await get('teacher-a', `/api/care/children/${ref(ZHANG)}`)).json());
      expect(d.visitsThisTerm).toBe(2);
      expect(d.visits.map((v) => v.kind).sort()).toEqual(['电话', '谈心']);
    });
  });
}
