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
import ExcelJS from 'exceljs';
import { readZipDirectory, readZipEntry } from '../files/zip-directory.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { recordFinding } from './supervision-steps.ts';
import { indicatorByCode } from './indicators.service.ts';
import { targetText } from './indicators.rules.ts';
import { parseCsv } from '../demo/testkit.ts';
import { cliActor } from '../platform/scope.ts';
import { IDS, SCHOOLS, seedAccounts, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { addPairing } from '../schools/pairing-steps.ts';
import { seedIndicatorData } from '../../test/indicator-helpers.ts';
import { exportInspection, reportIndicators } from './report-indicators.ts';
import { BreakdownPage, IndicatorList, IndicatorTrend, type IndicatorItem } from './indicators.schema.ts';

const TODAY = '2026-03-10';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-ind-routes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The rows of a written .csv by header. */
/** The target as the PDF's table prints it (without the note). */
const targetTextOf = (i: IndicatorItem) => targetText(indicatorByCode(i.code), false);

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
      expect((await t.app.inject({ method: 'POST', url: '/api/inspection-pack', headers: t.headers(cookies['teacher-a']), payload: {} })).statusCode).toBe(403);
      expect((await get('school-a', '/api/inspection-pack/00000000-0000-4000-8000-000000000000')).statusCode).toBe(403);
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

    it('keeps evidence files of an entered value: checked by type and size in both languages, listed, downloaded (audited), scoped by county', async () => {
      const entered = await enter('county', 'teacher-learning-space', { schoolYear: 2025, value: 92, evidence: '网络学习空间注册统计表' });
      expect(entered.statusCode, entered.body).toBe(201);
      const valueId = entered.json<{ id: number }>().id;
      const upload = (user: string, name: string, body: Buffer, id = valueId) =>
        t.app.inject({ method: 'POST', url: `/api/indicators/teacher-learning-space/values/${id}/evidence?fileName=${encodeURIComponent(name)}`, headers: { ...t.headers(cookies[user]), 'content-type': 'application/octet-stream' }, body });
      const pdf = Buffer.from('%PDF-1.4\n% 网络学习空间注册统计\n');
      const ok = await upload('county', '注册统计.pdf', pdf);
      expect(ok.statusCode, ok.body).toBe(201);
      const renamed = await upload('county', '注册统计.pdf', Buffer.from('MZ not a pdf'));
      expect(renamed.statusCode).toBe(400);
      expect(renamed.json().error).toMatchObject({ code: 'BAD_EVIDENCE' });
      expect(renamed.json().error.message).toMatch(/注册统计\.pdf 的内容不是 \.pdf 格式/);
      expect(renamed.json().error.messageEn).toMatch(/not a \.pdf file/);
      const exe = await upload('county', 'tool.exe', Buffer.from('MZ'));
      expect(exe.json().error.message).toMatch(/须为 \.pdf、\.jpg、\.png、\.docx 或 \.xlsx/);
      const big = await upload('county', 'big.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]));
      expect(big.statusCode).toBe(400);
      expect(big.json().error.messageEn).toMatch(/exceeds 10 MB/);
      // a value of another indicator, or none: 404
      expect((await upload('county', 'x.pdf', pdf, valueId + 1000)).statusCode).toBe(404);
      expect((await upload('school-a', 'x.pdf', pdf)).statusCode).toBe(403);
      const listed = (user: string) => get(user, '/api/indicators/teacher-learning-space/evidence?schoolYear=2025');
      const items = (await listed('county')).json<{ items: { id: number; fileName: string; size: number; valueId: number }[] }>().items;
      expect(items.map((i) => [i.fileName, i.size, i.valueId])).toEqual([['注册统计.pdf', pdf.length, valueId]]);
      expect((await listed('township-100')).json<{ items: unknown[] }>().items).toHaveLength(1);
      const file = await get('inspector', `/api/indicator-evidence/${items[0].id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.rawPayload.equals(pdf)).toBe(true);
      const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', 'indicator.evidence%').execute();
      expect(audit).toEqual(expect.arrayContaining([{ actor: 'county', action: 'indicator.evidence' }, { actor: 'inspector', action: 'indicator.evidence-read' }]));
      // another county's user sees none of it
      await seedAccounts(t.database.db, [{ username: 'county-gy', role: 'county', region: '520102' }]);
      cookies['county-gy'] = await t.login('county-gy');
      expect((await listed('county-gy')).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await get('county-gy', `/api/indicator-evidence/${items[0].id}`)).statusCode).toBe(404);
      expect((await upload('county-gy', 'x.pdf', pdf)).statusCode).toBe(404);
    });

    /** Starts the pack as a job, waits for it, and fetches its zip; the zip's files unpacked into a folder. */
    async function pack(user: string): Promise<{ dir: string; names: string[]; bytes: number }> {
      const res = await t.app.inject({ method: 'POST', url: '/api/inspection-pack', headers: t.headers(cookies[user]), payload: { schoolYear: 2025 } });
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json<{ id: string }>().id;
      for (let i = 0; i < 400; i++) {
        const job = (await get(user, `/api/jobs/${id}`)).json<{ status: string; error: unknown; title: string; progress: number }>();
        expect(job.title).toBe('2025学年 生成督导材料包');
        if (job.status === 'failed') throw new Error(JSON.stringify(job.error));
        if (job.status === 'done') {
          expect(job.progress).toBe(1);
          // the job names its zip by file name only: no folder of the server in what the jobs API shows
          const shown = [(await get(user, `/api/jobs/${id}`)).body, (await get(user, '/api/jobs?pageSize=100')).body];
          for (const body of shown) expect(body).not.toContain(t.dataDir);
          expect((await get(user, `/api/jobs/${id}`)).json<{ result: { out: string } }>().result.out).toMatch(/^2025学年督导材料包.*\.zip$/);
          const stored = await t.database.db.selectFrom('jobs').select('result_json').where('id', '=', id).executeTakeFirstOrThrow();
          expect(stored.result_json).not.toContain(t.dataDir);
          const zip = await get(user, `/api/inspection-pack/${id}`);
          expect(zip.statusCode, zip.body.slice(0, 300)).toBe(200);
          expect(zip.headers['content-type']).toMatch(/zip/);
          const out = fs.mkdtempSync(path.join(dir, `${dialect}-${user}-`));
          fs.writeFileSync(path.join(out, 'pack.zip'), zip.rawPayload);
          const fh = await open(path.join(out, 'pack.zip'), 'r');
          const entries = await readZipDirectory(fh, zip.rawPayload.length);
          for (const e of entries) fs.writeFileSync(path.join(out, e.name), await readZipEntry(fh, e, 50 * 1024 * 1024));
          await fh.close();
          // another user of the same scope may not fetch a job of another region
          if (user === 'admin') expect((await get('county', `/api/inspection-pack/${id}`)).statusCode).toBe(404);
          return { dir: out, names: entries.map((e) => e.name).sort(), bytes: zip.rawPayload.length };
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error('inspection job did not finish');
    }

    /** Every cell text of every workbook of an unpacked pack. */
    async function cellsOf(folder: string): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      for (const name of fs.readdirSync(folder).filter((n) => n.endsWith('.xlsx'))) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(folder, name));
        const cells: string[] = [];
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.text))));
        out.set(name, cells);
      }
      return out;
    }

    it('builds the inspection pack as a job: the administrator’s holds every file `export inspection` writes; a county’s only its county', async () => {
      // ledger rows of the other county, that the county's pack must not carry
      await recordFinding(t.database, cliActor(), TODAY, { subject: SCHOOLS.other, matter: '控辍保学台账不全', date: '2026-03-01', finding: '贵阳台账缺失', schoolYear: 2025 });
      await recordFinding(t.database, cliActor(), TODAY, { subject: SCHOOLS.a, matter: '资助公示未张贴', date: '2026-03-02', finding: '城关小学未公示', schoolYear: 2025 });
      const all = await pack('admin');
      const cli = await exportInspection(t.database, { out: path.join(dir, `${dialect}-cli-pack.zip`), schoolYear: 2025, actor: cliActor(), today: TODAY });
      expect(all.names).toEqual([...cli.names].sort());
      expect(cli.names.length).toBeGreaterThan(10);
      const foreign = [SCHOOLS.other, '贵阳市南明小学', '贵阳台账缺失', '教师5'];
      const allText = [...(await cellsOf(all.dir)).values()].flat().join('\n');
      for (const f of foreign) expect(allText, f).toContain(f);

      // a helping school of another county paired with school B (the administrator may): the county's pairing
      // ledger names the partner school, and nothing else of that county appears anywhere in its pack
      await addPairing(t.database, cliActor(), TODAY, { helper: SCHOOLS.other, helped: SCHOOLS.b, since: '2025-09-01' });
      const county = await pack('county');
      // the command a county officer would type gives the same files
      const cliCounty = await exportInspection(t.database, { out: path.join(dir, `${dialect}-cli-county.zip`), schoolYear: 2025, actor: cliActor(), today: TODAY, within: '513433' });
      expect(county.names).toEqual([...cliCounty.names].sort());
      const books = await cellsOf(county.dir);
      expect(books.size).toBe(county.names.filter((n) => n.endsWith('.xlsx')).length);
      const partner = [SCHOOLS.other, '贵阳市南明小学'];
      for (const [name, cells] of books) {
        for (const f of [...foreign, '王小军', IDS.wang]) {
          if (name === '2025学年结对帮扶.xlsx' && partner.includes(f)) continue;
          expect(cells.filter((c) => c.includes(f)), `${name} holds ${f}`).toEqual([]);
        }
      }
      const ledger = books.get('2025学年结对帮扶.xlsx')!;
      for (const f of partner) expect(ledger, `the pairing ledger names its partner ${f}`).toContain(f);
      const countyText = [...books.values()].flat().join('\n');
      for (const own of [SCHOOLS.a, '甘洛县城关小学', '城关小学未公示', '教师1']) expect(countyText).toContain(own);
      // the evidence files of the county's entries are listed in the pack's index sheet
      expect(books.get('2025学年指标佐证材料清单.xlsx')).toContain('注册统计.pdf');
      // the county's PDF shows target against actual for its own places: 教师5 (the other county) is not counted
      const pdf = pdfText(fs.readFileSync(path.join(county.dir, '2025学年督导汇总.pdf')));
      const own = (await list('county')).find((i) => i.code === 'primary-teacher-qualification')!;
      const whole = (await list('admin')).find((i) => i.code === 'primary-teacher-qualification')!;
      expect(own.fraction).toEqual({ numerator: 1, denominator: 2 });
      expect(whole.fraction).toEqual({ numerator: 2, denominator: 3 });
      const at = pdf.indexOf(own.name);
      expect(pdf.slice(at, at + 5)).toEqual([own.name, targetTextOf(own), own.actualText, own.verdict, '1/2']);
      const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'in', ['job.inspection', 'inspection.download']).execute();
      expect(audit.filter((a) => a.actor === 'county').map((a) => a.action).sort()).toEqual(['inspection.download', 'job.inspection']);
    }, 120_000);

    it('shows no server folder in the audit log: a pack job’s entries and those of the reports it writes name files by file name', async () => {
      await pack('county');
      // the command a person types keeps the path they gave; the reports of its temporary folder are named by file name
      const typed = path.join(dir, `${dialect}-typed-pack.zip`);
      await exportInspection(t.database, { out: typed, schoolYear: 2025, actor: cliActor(), today: TODAY, within: '513433' });
      const bodies: string[] = [];
      for (let page = 1; page <= 50; page++) {
        const res = await get('admin', `/api/audit?page=${page}&pageSize=100`);
        expect(res.statusCode, res.body).toBe(200);
        bodies.push(res.body);
        if (page * 100 >= res.json<{ total: number }>().total) break;
      }
      const shown = bodies.join('\n');
      const job = await t.database.db.selectFrom('audit_log').select(['target', 'detail_json']).where('action', '=', 'export.inspection').where('actor', '=', 'county').executeTakeFirstOrThrow();
      expect(job.target).toMatch(/^2025学年督导材料包.*\.zip$/);
      expect(shown).toContain('2025学年指标达标情况.xlsx');
      expect(shown).not.toContain(t.dataDir);
      expect(shown).not.toContain('.fuzhi-inspection-');
      expect(shown).toContain(typed);
    }, 120_000);
  });
}
