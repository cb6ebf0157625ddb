import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { fullIdsIn } from '../platform/privacy.rules.ts';
import { IDS, SCHOOLS, SEEDED_USERS, seedAccounts, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { CaseDetail, StepAnswer } from './case-work.schema.ts';
import type { CaseRow } from './dropout.repository.ts';

const AT = '2025-10-01T00:00:00.000Z';
function caseRow(no: number, township: string, status: string, student?: { no: string; id: string; school: string }): CaseRow {
  return {
    case_no: `KC513433${String(no).padStart(5, '0')}`, county_code: '513433', person_key: `p${no}`, name: `儿童${no}`, id_number: student?.id ?? null, id_raw: student?.id ?? null, birth_date: '2012-03-05', sex: 'M',
    hukou_region: `${township}201`, township_code: township, student_no: student?.no ?? null, school_code: student?.school ?? null, sources: '缺勤预警', basis: `学籍号 ${student?.no ?? ''} 连续缺勤`, school_year: 2025, status, category: null, note: null,
    assigned_school: null, township_user: null, village_cadre: null, last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
  };
}
const C1 = 'KC51343300001'; // 待核查, township 100, 张小明 of school A
const C2 = 'KC51343300002'; // 劝返中, township 100
const C3 = 'KC51343300003'; // 待核查, township 101

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`dropout case work on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      await seedAccounts(db, [
        { username: 'township-100', role: 'township', region: '513433100' },
        { username: 'township-101', role: 'township', region: '513433101' },
      ]);
      // township 100 has a name, township 101 none (shown by its code)
      await db.insertInto('regions').values({ code: '513433100000', name: '新市坝镇', level: 4, parent_code: null }).execute();
      await db.insertInto('dropout_cases').values([caseRow(1, '513433100', '待核查', { no: `G${IDS.zhang}`, id: IDS.zhang, school: SCHOOLS.a }), caseRow(2, '513433100', '劝返中'), caseRow(3, '513433101', '待核查')]).execute();
      await t.loginAs(...SEEDED_USERS, 'township-100', 'township-101');
    });
    afterAll(async () => {
      expect(t.bodies.flatMap(fullIdsIn)).toEqual([]);
      await t?.close();
    });
    const get = (user: string, url: string) => t.get(user, url);
    const post = (user: string, url: string, payload: object, csrf = true) => t.post(user, url, payload, csrf);
    const snapshot = async (caseNo: string) => {
      const db = t.database.db;
      const row = await db.selectFrom('dropout_cases').selectAll().where('case_no', '=', caseNo).executeTakeFirstOrThrow();
      const events = await db.selectFrom('dropout_case_events').select('id').where('case_no', '=', caseNo).execute();
      return { row, events: events.length };
    };

    it('names the township of each case (its code when the region has no name)', async () => {
      const list = (await get('county', '/api/dropout/cases?pageSize=100')).json<{ items: { caseNo: string; township: string; townshipName: string }[] }>();
      expect(list.items.map((c) => [c.caseNo, c.township, c.townshipName]).sort()).toEqual([
        [C1, '513433100', '新市坝镇'],
        [C2, '513433100', '新市坝镇'],
        [C3, '513433101', '513433101'],
      ]);
      expect(CaseDetail.parse((await get('township-100', `/api/dropout/cases/${C1}`)).json()).townshipName).toBe('新市坝镇');
    });

    it('shows a township user its case with the steps it allows, the ID number masked', async () => {
      const res = await get('township-100', `/api/dropout/cases/${C1}`);
      expect(res.statusCode).toBe(200);
      const d = CaseDetail.parse(res.json());
      expect(d).toMatchObject({ caseNo: C1, name: '儿童1', status: '待核查', township: '513433100', allowedSteps: ['close', 'confirm', 'assign', 'visit'], history: [], visits: [] });
      expect(d.idNumber).not.toBe(IDS.zhang);
      expect(d.basis).not.toContain(IDS.zhang);
    });

    it.each([
      ['township-101', C1, 404],
      ['township-100', C3, 404],
      ['school-a', C1, 200],
      ['school-b', C1, 404],
      ['county', C3, 200],
      ['teacher-a', C1, 403],
      ['township-100', 'KC99999999999', 404],
    ])('%s reading %s → %i', async (user, caseNo, status) => {
      expect((await get(user, `/api/dropout/cases/${caseNo}`)).statusCode).toBe(status);
    });

    it('a township user cannot act on another township’s case (404, nothing changed)', async () => {
      const before = await snapshot(C3);
      const res = await post('township-100', `/api/dropout/cases/${C3}/confirm`, {});
      expect(res.statusCode).toBe(404);
      expect(await snapshot(C3)).toEqual(before);
    });

    it('an illegal step is 409 with the Chinese message, and nothing changes', async () => {
      const before = await snapshot(C2);
      const res = await post('township-100', `/api/dropout/cases/${C2}/close`, { category: '信息错误', note: '查无此人' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'ILLEGAL_STEP', message: `${C2}：案件状态为“劝返中”，不能核查排除` } });
      expect(await snapshot(C2)).toEqual(before);
    });

    it('refuses a POST without the CSRF token (403), a role without dropout.work (403), a bad body (400)', async () => {
      const before = await snapshot(C1);
      expect((await post('township-100', `/api/dropout/cases/${C1}/confirm`, {}, false)).statusCode).toBe(403);
      expect((await post('inspector', `/api/dropout/cases/${C1}/confirm`, {})).statusCode).toBe(403);
      expect((await post('teacher-a', `/api/dropout/cases/${C1}/confirm`, {})).statusCode).toBe(403);
      expect((await post('township-100', `/api/dropout/cases/${C1}/close`, { category: '无此类别', note: 'x' })).statusCode).toBe(400);
      expect((await post('township-100', `/api/dropout/cases/${C1}/visit`, { date: '2025-10-02', by: '', note: 'x' })).statusCode).toBe(400);
      expect(await snapshot(C1)).toEqual(before);
    });

    it('confirms, assigns, logs a visit and records the return; the detail shows history and visits', async () => {
      const steps: [string, object, string][] = [
        ['confirm', { note: '入户核实确已辍学' }, '劝返中'],
        ['assign', { school: SCHOOLS.a, townshipUser: 'township-100', villageCadre: '村主任王五' }, '劝返中'],
        ['visit', { date: '2025-10-02', by: '王五', note: '家长同意送孩子返校', next: '下周返校' }, '劝返中'],
        ['return', { outcome: '复学', date: '2025-10-08', school: SCHOOLS.a }, '已复学'],
      ];
      for (const [name, body, status] of steps) {
        const res = await post('township-100', `/api/dropout/cases/${C1}/${name}`, body);
        expect(res.statusCode, res.body).toBe(200);
        expect(StepAnswer.parse(res.json())).toMatchObject({ ok: true, caseNo: C1, status });
      }
      const d = CaseDetail.parse((await get('township-100', `/api/dropout/cases/${C1}`)).json());
      expect(d.status).toBe('已复学');
      expect(d.allowedSteps).toEqual([]);
      expect(d.history.map((e) => e.actionLabel)).toEqual(['确认辍学', '指定责任人', '走访', '劝返结果']);
      expect(d.visits).toEqual([{ date: '2025-10-02', by: '王五', note: '家长同意送孩子返校', next: '下周返校', actor: 'township-100' }]);
      expect(d).toMatchObject({ assignedSchool: SCHOOLS.a, villageCadre: '村主任王五', lastVisit: '2025-10-02' });
      // the schools it names come with their names, for the drawer to show instead of codes
      expect(d.schoolNames[SCHOOLS.a]).toBe('甘洛县城关小学');
    });
  });
}
