import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, TEST_PASSWORD, type TestApp } from '../platform/test-seed.ts';
import { addUser } from '../platform/user.service.ts';
import { CaseList } from './dropout.schema.ts';
import type { CaseRow } from './dropout.repository.ts';

const AT = '2025-10-01T00:00:00.000Z';
function caseRow(no: number, county: string, township: string, status: string, school: string | null = null): CaseRow {
  return {
    case_no: `KC${county}${String(no).padStart(5, '0')}`, county_code: county, person_key: `p${county}${no}`, name: `儿童${no}`, id_number: null, id_raw: null, birth_date: '2014-01-01', sex: 'M',
    hukou_region: `${township}201`, township_code: township, student_no: null, school_code: school, sources: '户籍比对', basis: '', school_year: 2025, status, category: null, note: null,
    assigned_school: null, township_user: null, village_cadre: null, last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`dropout routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      await addUser(db, cliActor(), { username: 'township-100', role: 'township', region: '513433100', password: TEST_PASSWORD });
      await addUser(db, cliActor(), { username: 'township-101', role: 'township', region: '513433101', password: TEST_PASSWORD });
      await db.insertInto('dropout_cases').values([
        caseRow(1, '513433', '513433100', '待核查', SCHOOLS.a),
        caseRow(2, '513433', '513433100', '劝返中'),
        caseRow(3, '513433', '513433101', '待核查'),
        caseRow(1, '520102', '520102001', '待核查'),
      ]).execute();
      for (const u of ['admin', 'county', 'school-a', 'school-b', 'teacher-a', 'township-100', 'township-101']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string | null, url: string) => t.app.inject({ url, headers: user ? { cookie: cookies[user] } : {} });

    it.each([
      ['admin', ['KC51343300001', 'KC51343300002', 'KC51343300003', 'KC52010200001']],
      ['county', ['KC51343300001', 'KC51343300002', 'KC51343300003']],
      ['township-100', ['KC51343300001', 'KC51343300002']],
      ['township-101', ['KC51343300003']],
      ['school-a', ['KC51343300001']],
      ['school-b', []],
    ])('%s sees its cases only', async (user, caseNos) => {
      const res = await get(user, '/api/dropout/cases?page=1&pageSize=20');
      expect(res.statusCode).toBe(200);
      const list = CaseList.parse(res.json());
      expect(list.items.map((c) => c.caseNo)).toEqual(caseNos);
      expect(list.total).toBe(caseNos.length);
    });

    it('filters by status, pages, and answers 401/403/400', async () => {
      const list = CaseList.parse((await get('township-100', '/api/dropout/cases?status=劝返中')).json());
      expect(list.items).toEqual([{ caseNo: 'KC51343300002', name: '儿童2', status: '劝返中', township: '513433100', townshipName: expect.any(String), sources: '户籍比对' }]);
      const p2 = CaseList.parse((await get('admin', '/api/dropout/cases?page=2&pageSize=3')).json());
      expect(p2).toMatchObject({ total: 4, items: [{ caseNo: 'KC52010200001' }] });
      expect((await get(null, '/api/dropout/cases')).statusCode).toBe(401);
      expect((await get('teacher-a', '/api/dropout/cases')).statusCode).toBe(403);
      expect((await get('admin', '/api/dropout/cases?pageSize=1000')).statusCode).toBe(400);
    });
  });
}
