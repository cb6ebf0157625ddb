// 指标考核 over HTTP on both dialects: the administrator's figures are those `report indicators` prints
// on the same data; a county, a township and a school see only their places (a township's breakdown
// holds only its township, and its figure is that township's row of the county's breakdown); a county
// enters a value with evidence (audited), a computed indicator is refused (409, both languages); the
// inspector's pack holds every file `export inspection` writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { readZipDirectory } from '../files/zip-directory.ts';
import { parseCsv } from '../demo/testkit.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { seedIndicatorData } from '../../test/indicator-helpers.ts';
import { exportInspection, reportIndicators } from './report-indicators.ts';
import { BreakdownPage, IndicatorList, IndicatorTrend, type IndicatorItem } from './indicators.schema.ts';

const TODAY = '2026-03-10';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-ind-routes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The rows of a written .csv by header. */
function csvRows(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  return rows.filter((r) => r.some((c) => c !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`indicator routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    const was = process.env.FUZHI_TODAY;
    beforeAll(async () => {
      process.env.FUZHI_TODAY = TODAY;
      t = await startTestApp(dialect);
      await seedIndicatorData(t.database.db);
      for (const u of ['admin', 'county', 'township-100', 'school-a', 'inspector', 'teacher-a']) cookies[u] = await t.login(u);
    }, 60_000);
    afterAll(async () => {
      if (was === undefined) delete process.env.FUZHI_TODAY;
      else process.env.FUZHI_TODAY = was;
      await t?.close();
    });
    const get = (user: string, url: string) => t.app.inject({ url, headers: { cookie: cookies[user] } });
    const list = async (user: string, query = '') => {
      const res = await get(user, `/api/indicators?schoolYear=2025${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return IndicatorList.parse(res.json()).items;
    };
    const byCode = (items: IndicatorItem[], code: string) => items.find((i) => i.code === code)!;
    const breakdown = async (user: string, code: string, level: string) => {
      const res = await get(user, `/api/indicators/${code}/breakdown?schoolYear=2025&level=${level}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      return BreakdownPage.parse(res.json());
    };
    const enter = (user: string, code: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/indicators/${code}/values`, headers: t.headers(cookies[user]), payload });

    it('answers 401 without a session and 403 to a teacher', async () => {
      expect((await t.app.inject({ url: '/api/indicators' })).statusCode).toBe(401);
      expect((await get('teacher-a', '/api/indicators')).statusCode).toBe(403);
      expect((await get('teacher-a', '/api/inspection-pack')).statusCode).toBe(403);
    });

    it('takes a county’s value with evidence (audited) and refuses a computed indicator in both languages', async () => {
      const ok = await enter('county', 'students-per-computer', { schoolYear: 2025, value: 8.5, evidence: '2025年教育装备统计表' });
      expect(ok.statusCode, ok.body).toBe(201);
      const refused = await enter('county', 'primary-enrolment', { schoolYear: 2025, value: 100, evidence: '统计表' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/由数据计算/);
      expect(refused.json().error.messageEn).toMatch(/computed from data/);
      expect((await enter('school-a', 'students-per-computer', { schoolYear: 2025, value: 5, evidence: '统计表' })).statusCode).toBe(403);
      expect((await enter('county', 'students-per-computer', { schoolYear: 2025, value: -1, evidence: '统计表' })).statusCode).toBe(400);
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'indicator.set').execute();
      expect(audit.map((a) => [a.actor, a.target])).toEqual([['county', 'students-per-computer']]);
      const item = byCode(await list('county'), 'students-per-computer');
      expect(item).toMatchObject({ computed: false, actual: 8.5, met: false, verdict: '否' });
      expect(item.entry?.evidence).toBe('2025年教育装备统计表');
      expect(item.dataSource).toMatch(/2025年教育装备统计表/);
    });

    it('shows the administrator what `report indicators` prints on the same data', async () => {
      const out = path.join(dir, `${dialect}-indicators.csv`);
      await reportIndicators(t.database, { out, schoolYear: 2025, actor: cliActor(), today: TODAY });
      const report = csvRows(out);
      const api = await list('admin');
      expect(api.map((i) => i.name)).toEqual(report.map((r) => r['指标']));
      for (const r of report) {
        const i = api.find((x) => x.name === r['指标'])!;
        expect([i.actualText, i.verdict, i.target.text, i.basis, i.dataSource], i.code).toEqual([r['实际值'], r['是否达标'], r['目标值'], r['政策依据'], r['数据来源']]);
        expect(i.fraction ? [String(i.fraction.numerator), String(i.fraction.denominator)] : ['', ''], i.code).toEqual([r['分子'], r['分母']]);
      }
      // the data is not empty: the comparison is of figures, not of blanks
      expect(byCode(api, 'primary-enrolment').fraction!.denominator).toBeGreaterThan(0);
      expect(byCode(api, 'primary-teacher-qualification').fraction!.denominator).toBeGreaterThan(0);
    });

    it('gives each scope only its places: the county’s rows add up to it, a township sees its own row', async () => {
      const admin = await list('admin');
      const county = await list('county');
      for (const code of ['primary-enrolment', 'primary-teacher-qualification', 'teacher-continuing-hours']) {
        const rows = (await breakdown('county', code, 'township')).items;
        const total = rows.reduce((a, r) => ({ numerator: a.numerator + r.numerator, denominator: a.denominator + r.denominator }), { numerator: 0, denominator: 0 });
        expect(total, code).toEqual(byCode(county, code).fraction);
        expect(rows.every((r) => r.code.startsWith('513433')), code).toBe(true);
        // the other county's roster child and teacher are left out of the county's figure
        expect(byCode(county, code).fraction!.denominator, code).toBeLessThan(byCode(admin, code).fraction!.denominator);
        const own = (await breakdown('township-100', code, 'township')).items;
        expect(own.map((r) => r.code), code).toEqual(rows.filter((r) => r.code === '513433100').map((r) => r.code));
        const township = byCode(await list('township-100'), code);
        expect(township.fraction, code).toEqual(own.length ? { numerator: own[0].numerator, denominator: own[0].denominator } : { numerator: 0, denominator: 0 });
      }
      expect(await list('inspector')).toEqual(county);
      const schools = await breakdown('school-a', 'primary-teacher-qualification', 'school');
      expect(schools.items.map((r) => r.code)).toEqual([SCHOOLS.a]);
      const countySchools = await breakdown('county', 'primary-teacher-qualification', 'school');
      expect(countySchools.items.map((r) => r.code)).not.toContain(SCHOOLS.other);
      // a region outside the scope is not found; one inside narrows the figures
      expect((await get('township-100', '/api/indicators?schoolYear=2025&region=513433101')).statusCode).toBe(404);
      expect(byCode(await list('county', '&region=513433100'), 'primary-enrolment').fraction).toEqual(byCode(await list('township-100'), 'primary-enrolment').fraction);
    });

    it('pages and exports the breakdown, and draws the trend by term', async () => {
      const one = await get('county', '/api/indicators/primary-enrolment/breakdown?schoolYear=2025&level=township&pageSize=1&sort=-code');
      const page = BreakdownPage.parse(one.json());
      expect(page.total).toBe((await breakdown('county', 'primary-enrolment', 'township')).items.length);
      expect(page.items).toHaveLength(1);
      expect(page.items[0].code).toBe('513433101');
      const xlsx = await get('county', '/api/indicators/primary-enrolment/breakdown?schoolYear=2025&level=township&format=xlsx');
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const trend = IndicatorTrend.parse((await get('county', '/api/indicators/visit-coverage/trend?schoolYear=2025&years=2')).json());
      expect(trend.points.map((p) => p.period)).toEqual(['2024学年秋季', '2024学年春季', '2025学年秋季', '2025学年春季']);
      const entered = IndicatorTrend.parse((await get('county', '/api/indicators/students-per-computer/trend?schoolYear=2025&years=2')).json());
      expect(entered.points.map((p) => [p.period, p.actual])).toEqual([['2024学年', null], ['2025学年', 8.5]]);
      expect((await get('county', '/api/indicators/no-such/trend')).statusCode).toBe(404);
    });

    it('hands the administrator the inspection pack with every file `export inspection` writes; audited', async () => {
      const res = await get('admin', '/api/inspection-pack?schoolYear=2025');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toMatch(/zip/);
      const zip = path.join(dir, `${dialect}-api-pack.zip`);
      fs.writeFileSync(zip, res.rawPayload);
      const fh = await open(zip, 'r');
      const entries = await readZipDirectory(fh, res.rawPayload.length);
      await fh.close();
      const cli = await exportInspection(t.database, { out: path.join(dir, `${dialect}-cli-pack.zip`), schoolYear: 2025, actor: cliActor(), today: TODAY });
      expect(entries.map((e) => e.name).sort()).toEqual([...cli.names].sort());
      expect(cli.names.length).toBeGreaterThan(10);
      const audit = await t.database.db.selectFrom('audit_log').select('actor').where('action', '=', 'export.inspection').execute();
      expect(audit.map((a) => a.actor)).toContain('admin');
      // the database holds two counties: a county user may not take a pack holding the other one's ledgers
      const county = await get('county', '/api/inspection-pack?schoolYear=2025');
      expect(county.statusCode).toBe(403);
      expect(county.json().error.messageEn).toMatch(/outside your scope/);
    });
  });
}
