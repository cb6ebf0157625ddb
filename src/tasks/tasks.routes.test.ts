import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { fullIdsIn } from '../platform/privacy.rules.ts';
import { cliActor } from '../platform/scope.ts';
import { IDS, SCHOOLS, startTestApp, TEST_PASSWORD, type TestApp } from '../platform/test-seed.ts';
import { addUser } from '../platform/user.service.ts';
import { TaskList } from './tasks.schema.ts';

const TODAY = '2025-10-10'; // a Friday
const AT = '2025-09-01T00:00:00.000Z';
const common = { row_hash: 'h', rev: 1, created_at: AT, updated_at: AT };
const absence = (no: string, date: string, kind = '无故缺勤') => ({ record_key: `${no}|${date}`, county_code: '513433', student_no: no, absence_date: date, kind, reason: null, ...common });

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`GET /api/tasks on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    const saved = process.env.FUZHI_TODAY;
    beforeAll(async () => {
      process.env.FUZHI_TODAY = TODAY;
      t = await startTestApp(dialect);
      const db = t.database.db;
      await addUser(db, cliActor(), { username: 'township-100', role: 'township', region: '513433100', password: TEST_PASSWORD });
      await addUser(db, cliActor(), { username: 'township-101', role: 'township', region: '513433101', password: TEST_PASSWORD });
      // 张小明 (school A, township 100): a case 劝返中 and three days of unexplained absence
      await db.insertInto('dropout_cases').values({
        case_no: 'KC51343300001', county_code: '513433', person_key: IDS.zhang, name: '张小明', id_number: IDS.zhang, id_raw: IDS.zhang, birth_date: '2012-03-05', sex: 'M', hukou_region: '513433100201', township_code: '513433100',
        student_no: `G${IDS.zhang}`, school_code: SCHOOLS.a, sources: '缺勤预警', basis: '', school_year: 2025, status: '劝返中', category: null, note: null, assigned_school: null, township_user: null, village_cadre: null,
        last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
      }).execute();
      // 赵小花 (school A): two days without a case; 李小红 (school B, township 101): one day; a sick leave is no warning
      await db.insertInto('attendance').values([
        absence(`G${IDS.zhang}`, '2025-10-08'), absence(`G${IDS.zhang}`, '2025-10-09'), absence(`G${IDS.zhang}`, '2025-10-10', '旷课'),
        absence(`G${IDS.zhao}`, '2025-10-09'), absence(`G${IDS.zhao}`, '2025-10-10'),
        absence(`G${IDS.li}`, '2025-10-10'), absence(`G${IDS.li}`, '2025-10-09', '病假'),
      ]).execute();
      await db.insertInto('care_children').values({ student_no: `G${IDS.zhao}`, county_code: '513433', school_code: SCHOOLS.a, name: '赵小花', categories: '留守儿童', parents_work_place: null, guardian_name: null, guardian_relation: null, guardian_phone: null, health: null, boarding: 0, ...common }).execute();
      await db.insertInto('care_mentors').values({ student_no: `G${IDS.zhao}`, county_code: '513433', school_code: SCHOOLS.a, mentor: 'teacher-a', kind: '一对一', assigned_by: 'admin', assigned_at: AT }).execute();
      for (const u of ['county', 'school-a', 'school-b', 'teacher-a', 'inspector', 'township-100', 'township-101']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.FUZHI_TODAY;
      else process.env.FUZHI_TODAY = saved;
      await t?.close();
    });
    const tasks = async (user: string) => {
      const res = await t.app.inject({ url: '/api/tasks', headers: { cookie: cookies[user] } });
      expect(res.statusCode, res.body).toBe(200);
      expect(fullIdsIn(res.body)).toEqual([]);
      return TaskList.parse(res.json());
    };
    const lines = (l: TaskList) => l.items.map((i) => `${i.kind} ${i.name} ${i.title}`);

    it.each([
      ['township-100', ['case 张小明 书面报告乡镇和教育局', 'absence 赵小花 会同村委制定劝返方案']],
      ['school-a', ['case 张小明 书面报告乡镇和教育局', 'absence 赵小花 会同村委制定劝返方案']],
      ['township-101', ['absence 李小红 学校当日家访']],
      ['school-b', ['absence 李小红 学校当日家访']],
      ['county', ['case 张小明 书面报告乡镇和教育局', 'absence 赵小花 会同村委制定劝返方案', 'absence 李小红 学校当日家访']],
    ])('%s sees the work of its scope, most pressing first', async (user, expected) => {
      const l = await tasks(user);
      expect(lines(l)).toEqual(expected);
      expect(l.today).toBe(TODAY);
      const c = l.items.find((i) => i.kind === 'case');
      if (c) expect(c).toMatchObject({ caseNo: 'KC51343300001', level: 'urgent', childId: null });
    });

    it('a teacher sees the children they mentor not yet visited this term, until a visit is logged', async () => {
      const l = await tasks('teacher-a');
      expect(lines(l)).toEqual(['care 赵小花 本学期走访']);
      const id = l.items[0].childId!;
      const res = await t.app.inject({ method: 'POST', url: `/api/care/children/${id}/visits`, payload: { date: TODAY, kind: '家访', note: '了解缺勤原因' }, headers: t.headers(cookies['teacher-a']) });
      expect(res.statusCode, res.body).toBe(200);
      expect((await tasks('teacher-a')).items).toEqual([]);
    });

    it('pages, filters, sorts and exports the tasks on the server', async () => {
      const get = async (query: string) => {
        const res = await t.app.inject({ url: `/api/tasks?${query}`, headers: { cookie: cookies.county } });
        expect(res.statusCode, res.body).toBe(200);
        return TaskList.parse(res.json());
      };
      const all = await get('pageSize=100');
      expect(all.total).toBe(3);
      const first = await get('pageSize=2');
      const second = await get('pageSize=2&page=2');
      expect([...lines(first), ...lines(second)]).toEqual(lines(all));
      expect(first.total).toBe(3);
      expect(first.urgent).toBe(all.items.filter((i) => i.level === 'urgent').length);

      const absences = await get('kind=absence');
      expect(lines(absences)).toEqual(['absence 赵小花 会同村委制定劝返方案', 'absence 李小红 学校当日家访']);
      expect(absences.total).toBe(2);
      expect(absences.urgent).toBe(all.urgent); // the count of all the user's urgent work, whatever is filtered
      expect(lines(await get('sort=-name&pageSize=100')).map((x) => x.split(' ')[1])).toEqual([...all.items.map((i) => i.name)].sort().reverse());
      expect((await t.app.inject({ url: '/api/tasks?sort=secret', headers: { cookie: cookies.county } })).statusCode).toBe(400);

      const file = await t.app.inject({ url: '/api/tasks?kind=absence&format=xlsx', headers: { cookie: cookies.county } });
      expect(file.statusCode, file.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const names: string[] = [];
      book.worksheets[0].eachRow((row, n) => {
        if (n > 1) names.push(row.getCell(6).text);
      });
      expect(names).toEqual(['赵小花', '李小红']);
      const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'target']).where('action', '=', 'list.export').execute();
      expect(audit).toContainEqual({ actor: 'county', target: '我的任务' });
    });

    it('an inspector has no task list (403)', async () => {
      expect((await t.app.inject({ url: '/api/tasks', headers: { cookie: cookies.inspector } })).statusCode).toBe(403);
    });
  });
}
