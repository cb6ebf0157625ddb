// 四个一 on both dialects: the figures of a month or quarter from the cases' history, within scope, and
// the reports due for the viewer's level on an Asia/Shanghai date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, TEST_PASSWORD, type TestApp } from '../platform/test-seed.ts';
import { addUser } from '../platform/user.service.ts';
import { reportDropoutPeriod } from './report-period.ts';

const AT = '2026-10-01T00:00:00.000Z';
const caseRow = (no: string, township: string, status: string) => ({
  case_no: no, county_code: '513433', person_key: no, name: '儿童', id_number: null, id_raw: null, birth_date: '2013-01-01', sex: 'M', hukou_region: `${township}201`, township_code: township,
  student_no: null, school_code: township === '513433100' ? SCHOOLS.a : null, sources: '户籍比对', basis: '', school_year: 2026, status, category: null, note: null,
  assigned_school: null, township_user: null, village_cadre: null, last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
});
// [case, action, to status, date]
const EVENTS: [string, string, string | null, string][] = [
  ['KC51343300001', 'open', '待核查', '2026-11-02'],
  ['KC51343300001', 'confirm', '劝返中', '2026-11-10'],
  ['KC51343300001', 'return', '已复学', '2026-12-01'],
  ['KC51343300002', 'open', '待核查', '2026-11-03'],
  ['KC51343300002', 'close', '已排除', '2026-11-20'],
  ['KC51343300003', 'open', '待核查', '2026-10-05'],
];
const TOWN = { KC51343300001: '513433100', KC51343300002: '513433101', KC51343300003: '513433100' } as Record<string, string>;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`四个一 reports on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-rhythm-'));
    const saved = process.env.FUZHI_TODAY;
    beforeAll(async () => {
      process.env.FUZHI_TODAY = '2026-12-03';
      t = await startTestApp(dialect);
      const db = t.database.db;
      await addUser(db, cliActor(), { username: 'township-101', role: 'township', region: '513433101', password: TEST_PASSWORD });
      await db.insertInto('dropout_cases').values([caseRow('KC51343300001', '513433100', '已复学'), caseRow('KC51343300002', '513433101', '已排除'), caseRow('KC51343300003', '513433100', '待核查')]).execute();
      await db
        .insertInto('dropout_case_events')
        .values(EVENTS.map(([no, action, to, date]) => ({ case_no: no, county_code: '513433', action, from_status: null, to_status: to, event_date: date, detail_json: null, actor: 'x', at: `${date}T02:00:00.000Z` })))
        .execute();
      for (const u of ['county', 'school-a', 'teacher-a', 'township-101']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.FUZHI_TODAY;
      else process.env.FUZHI_TODAY = saved;
      await t?.close();
    });

    const expected = (start: string, end: string, town: string, action: string) => EVENTS.filter(([no, a, , d]) => a === action && TOWN[no] === town && d >= start && d <= end).length;

    it.each([
      ['2026-11', '2026-11-01', '2026-11-30'],
      ['2026Q4', '2026-10-01', '2026-12-31'],
    ])('counts the period %s per township from the history', async (period, start, end) => {
      const out = path.join(dir, `${period}-${dialect}.csv`);
      const r = await reportDropoutPeriod(t.database, { out, period, actor: cliActor() });
      const rows = fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).map((l) => l.split(','));
      expect(rows[0]).toEqual(['报告期', '层级', '代码', '新立案', '核查排除', '确认辍学', '劝返复学']);
      for (const town of ['513433100', '513433101']) {
        const row = rows.find((x) => x[1] === '乡镇' && x[2] === town)!;
        expect(row.slice(3).map(Number)).toEqual(['open', 'close', 'confirm', 'return'].map((a) => expected(start, end, town, a)));
      }
      expect(r.opened).toBe(EVENTS.filter(([, a, , d]) => a === 'open' && d >= start && d <= end).length);
    });

    it('refuses a period it cannot read (exit 2 kind of error)', async () => {
      await expect(reportDropoutPeriod(t.database, { out: path.join(dir, 'x.csv'), period: '2026-13', actor: cliActor() })).rejects.toThrow(/无法识别/);
    });

    it('lists the reports due for the viewer’s level on the Shanghai date; a teacher has none to file', async () => {
      const school = (await t.app.inject({ url: '/api/dropout/reports-due', headers: { cookie: cookies['school-a'] } })).json<{ today: string; items: { level: string; period: string; status: string }[] }>();
      expect(school.today).toBe('2026-12-03');
      expect(school.items.map((i) => [i.level, i.period, i.status])).toEqual([['学校', '2026-12', '进行中'], ['学校', '2026-11', '待报送'], ['学校', '2026-10', '已过截止日']]);
      const county = (await t.app.inject({ url: '/api/dropout/reports-due', headers: { cookie: cookies['county'] } })).json<{ items: { level: string }[] }>();
      expect(new Set(county.items.map((i) => i.level))).toEqual(new Set(['学校', '县']));
      expect((await t.app.inject({ url: '/api/dropout/reports-due', headers: { cookie: cookies['teacher-a'] } })).statusCode).toBe(403);
    });

    it('downloads a period report as .xlsx, only the township’s own figures for a township user', async () => {
      const res = await t.app.inject({ url: `/api/dropout/reports/period?period=${encodeURIComponent('2026-11')}`, headers: { cookie: cookies['township-101'] } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const audit = await t.database.db.selectFrom('audit_log').select('detail_json').where('action', '=', 'report.dropout.period').where('actor', '=', 'township-101').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail_json!)).toMatchObject({ rows: 1, period: '2026-11' });
      expect((await t.app.inject({ url: '/api/dropout/reports/period?period=xx', headers: { cookie: cookies['county'] } })).statusCode).toBe(400);
    });
  });
}
