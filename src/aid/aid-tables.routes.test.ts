// The aid console's tables through the API on both dialects (issue 9 item 6): the sign-off list, a
// batch's rows and the coverage tables page, sort and filter on the server, and ?format=xlsx holds
// exactly the filtered rows (every page, 学籍号 masked as the table shows them), audited.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import type { Database } from '../db/database.ts';
import { buildServer } from '../platform/server.ts';
import { addUser } from '../platform/user.service.ts';
import { cliActor } from '../platform/scope.ts';
import { csrfOf, SESSION_COOKIE } from '../platform/session.service.ts';
import { fullIdsIn } from '../platform/privacy.rules.ts';
import { installPreset } from './manage-policy.ts';
import { computeEntitlements } from './compute-entitlements.ts';
import type { BatchLineList } from './batch.schema.ts';
import type { DrillRowList, DrillStudentList } from './coverage-drill.schema.ts';
import type { SubmissionView } from './sign-off.ts';
import { loadCounty } from '../../test/aid-helpers.ts';

const PASSWORD = 'aid-tables-password';
const TERM = 'schoolYear=2025&term=%E7%A7%8B%E5%AD%A3';

/** The sheet's rows as text (header first). */
async function sheetRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string))));
  });
  return rows;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`aid tables on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let app: FastifyInstance;
    const cookies: Record<string, string> = {};
    let county = '';
    let schoolCode = '';
    let batchId = 0;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 120, 2025);
      await installPreset(database, { name: 'huangmei', schoolYear: 2025, regionCode: null, actor: cliActor() });
      await computeEntitlements(database, { schoolYear: 2025, term: '秋季', actor: cliActor(), today: '2025-09-15' });
      const schools = await database.db
        .selectFrom('aid_entitlements')
        .select(['school_code', 'county_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('cash', '=', 1)
        .groupBy(['school_code', 'county_code'])
        .orderBy('n', 'desc')
        .orderBy('school_code')
        .execute();
      expect(schools.length).toBeGreaterThan(2);
      schoolCode = schools[0].school_code;
      county = schools[0].county_code;
      await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: county, password: PASSWORD });
      await addUser(database.db, cliActor(), { username: 'school', role: 'school', school: schoolCode, password: PASSWORD });
      app = await buildServer(database, { webRoot: '/nonexistent' });
      for (const u of ['county', 'school']) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
        const c = res.cookies.find((x) => x.name === SESSION_COOKIE)!;
        cookies[u] = `${c.name}=${c.value}`;
      }
      const created = await post('county', '/api/aid/batches', { schoolYear: 2025, term: '秋季' });
      expect(created.statusCode, created.body).toBe(201);
      batchId = created.json<{ batch: number }>().batch;
      // the bank paid every second row of the batch and sent one back
      const rows = await database.db.selectFrom('aid_batch_rows').select('id').where('batch_id', '=', batchId).orderBy('id').execute();
      await database.db.updateTable('aid_batch_rows').set({ pay_status: '已发放' }).where('id', 'in', rows.filter((_r, i) => i % 2 === 1).map((r) => r.id)).execute();
      await database.db.updateTable('aid_batch_rows').set({ pay_status: '发放失败', fail_reason: '账户已销户' }).where('id', '=', rows[0].id).execute();
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
      await t?.drop();
    });

    const get = (u: string, url: string) => app.inject({ url, headers: { cookie: cookies[u] } });
    function post(u: string, url: string, payload: Record<string, unknown>) {
      return app.inject({ method: 'POST', url, headers: { cookie: cookies[u], 'x-csrf-token': csrfOf(cookies[u].split('=')[1]) }, payload });
    }
    /** Every page of a list, pageSize at a time. */
    async function everyPage<T>(u: string, url: string, pageSize: number): Promise<{ items: T[]; total: number }> {
      const first = (await get(u, `${url}&pageSize=${pageSize}`)).json<{ items: T[]; total: number }>();
      const items = [...first.items];
      for (let p = 2; (p - 1) * pageSize < first.total; p++) items.push(...(await get(u, `${url}&pageSize=${pageSize}&page=${p}`)).json<{ items: T[] }>().items);
      return { items, total: first.total };
    }
    async function xlsx(u: string, url: string): Promise<string[][]> {
      const res = await get(u, `${url}&format=xlsx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      return sheetRows(res.rawPayload);
    }
    const exports = async () => Number((await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'list.export').executeTakeFirstOrThrow()).n);

    it('pages, filters, sorts and exports the sign-off list', async () => {
      const all = (await get('county', `/api/aid/submissions?${TERM}&pageSize=100`)).json<{ items: SubmissionView[]; total: number }>();
      expect(all.total).toBeGreaterThan(2);
      const b = all.items[1];
      expect((await post('school', '/api/aid/submissions/submit', { schoolYear: 2025, term: '秋季', note: '已核对' })).statusCode).toBe(200);
      expect((await post('county', `/api/aid/submissions/${schoolCode}/approve`, { schoolYear: 2025, term: '秋季' })).statusCode).toBe(200);

      // two schools a page, in school-code order by default; the pages do not overlap and add up
      const paged = await everyPage<SubmissionView>('county', `/api/aid/submissions?${TERM}`, 2);
      expect(paged.total).toBe(all.total);
      expect(paged.items.map((s) => s.schoolCode)).toEqual(all.items.map((s) => s.schoolCode));
      expect([...paged.items.map((s) => s.schoolCode)].sort()).toEqual(paged.items.map((s) => s.schoolCode));

      const approved = (await get('county', `/api/aid/submissions?${TERM}&status=${encodeURIComponent('已核准')}`)).json<{ items: SubmissionView[]; total: number }>();
      expect(approved.total).toBe(1);
      expect(approved.items[0]).toMatchObject({ schoolCode, status: '已核准', decidedBy: 'county' });
      const named = (await get('county', `/api/aid/submissions?${TERM}&school=${encodeURIComponent(b.schoolName)}`)).json<{ items: SubmissionView[] }>();
      expect(named.items.map((s) => s.schoolCode)).toContain(b.schoolCode);
      expect(named.items.every((s) => s.schoolName.includes(b.schoolName))).toBe(true);
      expect(named.items.length).toBeLessThan(all.total);

      const desc = (await get('county', `/api/aid/submissions?${TERM}&pageSize=100&sort=-school`)).json<{ items: SubmissionView[] }>();
      expect(desc.items.map((s) => s.schoolCode)).toEqual([...all.items.map((s) => s.schoolCode)].reverse());
      const byStatus = (await get('county', `/api/aid/submissions?${TERM}&pageSize=100&sort=-status`)).json<{ items: SubmissionView[] }>();
      expect(byStatus.items[0].schoolCode).toBe(schoolCode); // 已核准 ranks after 未上报
      expect((await get('county', `/api/aid/submissions?${TERM}&sort=bogus`)).statusCode).toBe(400);

      const before = await exports();
      const sheet = await xlsx('county', `/api/aid/submissions?${TERM}&status=${encodeURIComponent('未上报')}`);
      expect(sheet[0]).toContain('学校标识码');
      expect(sheet.slice(1).map((r) => r[0])).toEqual(all.items.filter((s) => s.schoolCode !== schoolCode).map((s) => s.schoolCode));
      expect(await exports()).toBe(before + 1);

      // a school sees and exports its own line only
      const own = (await get('school', `/api/aid/submissions?${TERM}`)).json<{ items: SubmissionView[]; total: number }>();
      expect(own.items.map((s) => s.schoolCode)).toEqual([schoolCode]);
      expect((await xlsx('school', `/api/aid/submissions?${TERM}`)).slice(1).map((r) => r[0])).toEqual([schoolCode]);
    });

    it("pages, filters, sorts and exports a batch's rows, masked", async () => {
      const all = await everyPage<BatchLineList['items'][number]>('county', `/api/aid/batches/${batchId}/rows?x=1`, 7);
      const total = Number((await database.db.selectFrom('aid_batch_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', batchId).executeTakeFirstOrThrow()).n);
      expect(all.total).toBe(total);
      expect(all.items.map((l) => l.seq)).toEqual([...all.items.map((l) => l.seq)].sort((x, y) => x - y));
      expect(new Set(all.items.map((l) => l.line)).size).toBe(total);

      const paid = (await get('county', `/api/aid/batches/${batchId}/rows?status=paid&pageSize=100`)).json<BatchLineList>();
      expect(paid.total).toBe(all.items.filter((l) => l.payStatus === '已发放').length);
      expect(paid.items.every((l) => l.payStatus === '已发放')).toBe(true);
      const returned = (await get('county', `/api/aid/batches/${batchId}/rows?status=returned`)).json<BatchLineList>();
      expect(returned.items.map((l) => l.failReason)).toEqual(['账户已销户']);
      const unpaid = (await get('county', `/api/aid/batches/${batchId}/rows?status=unpaid&pageSize=100`)).json<BatchLineList>();
      expect(unpaid.total + paid.total + returned.total).toBe(total);

      const school = all.items.find((l) => l.schoolCode !== schoolCode)!.schoolCode;
      const ofSchool = (await get('county', `/api/aid/batches/${batchId}/rows?school=${school}&pageSize=100`)).json<BatchLineList>();
      expect(ofSchool.total).toBe(all.items.filter((l) => l.schoolCode === school).length);
      const name = all.items[3].name.slice(0, 1);
      const byName = (await get('county', `/api/aid/batches/${batchId}/rows?name=${encodeURIComponent(name)}&pageSize=100`)).json<BatchLineList>();
      expect(byName.total).toBe(all.items.filter((l) => l.name.startsWith(name)).length);

      const byAmount = (await get('county', `/api/aid/batches/${batchId}/rows?sort=-amount&pageSize=100`)).json<BatchLineList>();
      expect(byAmount.items.map((l) => l.amount)).toEqual([...byAmount.items.map((l) => l.amount)].sort((x, y) => y - x));
      expect((await get('county', `/api/aid/batches/${batchId}/rows?status=lost`)).statusCode).toBe(400);

      const sheet = await xlsx('county', `/api/aid/batches/${batchId}/rows?status=paid&school=${school}`);
      const expected = all.items.filter((l) => l.schoolCode === school && l.payStatus === '已发放');
      expect(sheet.slice(1).map((r) => r[0])).toEqual(expected.map((l) => String(l.seq)));
      expect(sheet.slice(1).map((r) => r[1])).toEqual(expected.map((l) => l.studentNo));
      const raw = await database.db.selectFrom('aid_batch_rows').select('student_no').where('batch_id', '=', batchId).execute();
      for (const r of sheet.slice(1)) expect(raw.map((x) => x.student_no)).not.toContain(r[1]);
      expect(fullIdsIn(sheet.flat().join(' '))).toEqual([]);

      // a school sees the rows of its own students only, and the old detail answer still pages the same rows
      const own = (await get('school', `/api/aid/batches/${batchId}/rows?pageSize=100`)).json<BatchLineList>();
      expect(own.total).toBe(all.items.filter((l) => l.schoolCode === schoolCode).length);
      expect(own.items.every((l) => l.schoolCode === schoolCode)).toBe(true);
      const detail = (await get('county', `/api/aid/batches/${batchId}?pageSize=5&status=paid`)).json<{ lines: BatchLineList }>();
      expect(detail.lines.total).toBe(paid.total);
    });

    it('pages, sorts and exports the coverage tables while the chart keeps every row', async () => {
      const top = (await get('county', `/api/aid/coverage/drill?${TERM}`)).json<{ rows: DrillRowList['items'] }>();
      const paged = await everyPage<DrillRowList['items'][number]>('county', `/api/aid/coverage/drill/rows?${TERM}&level=county&code=${county}`, 1);
      expect(paged.total).toBe(top.rows.length);
      expect(paged.items).toEqual(top.rows); // lowest rate first, as the chart
      const byName = (await get('county', `/api/aid/coverage/drill/rows?${TERM}&level=county&code=${county}&sort=-entitled&pageSize=100`)).json<DrillRowList>();
      expect(byName.items.map((r) => r.entitled)).toEqual([...top.rows.map((r) => r.entitled)].sort((x, y) => y - x));
      const township = top.rows[0];
      const schools = (await get('county', `/api/aid/coverage/drill/rows?${TERM}&level=township&code=${township.code}&pageSize=100`)).json<DrillRowList>();
      expect(schools.items.reduce((n, r) => n + r.entitled, 0)).toBe(township.entitled);
      const sheet = await xlsx('county', `/api/aid/coverage/drill/rows?${TERM}&level=township&code=${township.code}&q=${schools.items[0].code}`);
      expect(sheet.slice(1).map((r) => r[0])).toEqual([schools.items[0].code]);
      expect((await get('school', `/api/aid/coverage/drill/rows?${TERM}&level=county&code=${county}`)).statusCode).toBe(404);

      const students = await everyPage<DrillStudentList['items'][number]>('county', `/api/aid/coverage/drill/students?${TERM}&code=${schoolCode}`, 3);
      const entitled = Number((await database.db.selectFrom('aid_entitlements').select((eb) => eb.fn.countAll<number>().as('n')).where('school_code', '=', schoolCode).where('cash', '=', 1).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
      expect(students.total).toBe(entitled);
      const paidOnes = (await get('county', `/api/aid/coverage/drill/students?${TERM}&code=${schoolCode}&state=paid&pageSize=100`)).json<DrillStudentList>();
      expect(paidOnes.total).toBe(students.items.filter((s) => s.paid).length);
      expect(paidOnes.items.every((s) => s.paid)).toBe(true);
      const sheetS = await xlsx('county', `/api/aid/coverage/drill/students?${TERM}&code=${schoolCode}&state=paid`);
      expect(sheetS.slice(1).map((r) => r[0])).toEqual(paidOnes.items.map((s) => s.studentNo));
      expect(fullIdsIn(sheetS.flat().join(' '))).toEqual([]);
      // a school user gets its own school without naming it
      expect((await get('school', `/api/aid/coverage/drill/students?${TERM}&pageSize=100`)).json<DrillStudentList>().total).toBe(entitled);
    });
  });
}
