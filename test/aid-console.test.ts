// A term's disbursement through the API (issue 9): the county creates a batch, starts its 公示 and
// prints the list as PDF and xlsx, answers an objection, approves after the period, downloads the
// bank file, uploads the bank's result, and coverage shows 100% paid. A school reads only its rows;
// only the bureau's staff act. Both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { buildServer } from '../src/platform/server.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';
import { csrfOf, SESSION_COOKIE } from '../src/platform/session.service.ts';
import { fullIdsIn } from '../src/platform/privacy.rules.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installPreset } from '../src/aid/manage-policy.ts';
import { importAccounts } from '../src/aid/import-accounts.ts';
import { computeEntitlements } from '../src/aid/compute-entitlements.ts';
import type { BatchDetail, Coverage } from '../src/aid/batch.schema.ts';
import { loadCounty } from './aid-helpers.ts';

const PASSWORD = 'aid-console-password';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`aid in the console on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let app: FastifyInstance;
    const cookies: Record<string, string> = {};
    let schoolCode = '';
    const day = (d: string) => (process.env.FUZHI_TODAY = d);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 120, 2025);
      await installPreset(database, { name: 'huangmei', schoolYear: 2025, regionCode: null, actor: cliActor() });
      await computeEntitlements(database, { schoolYear: 2025, term: '秋季', actor: cliActor(), today: '2025-09-15' });
      const s = await database.db.selectFrom('aid_entitlements').select('school_code').where('cash', '=', 1).orderBy('school_code').executeTakeFirstOrThrow();
      schoolCode = s.school_code;
      // every entitled student has a card in a guardian's name (the bank pays only to a card)
      const entitled = await database.db.selectFrom('aid_entitlements').select(['student_no', 'name']).distinct().where('cash', '=', 1).execute();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-aid-console-'));
      const accounts = path.join(dir, 'accounts.csv');
      fs.writeFileSync(accounts, ['学籍号,持卡人姓名,与学生关系,银行卡号,开户行', ...entitled.map((e, i) => `${e.student_no},${e.name},本人,62170028700${String(10000000 + i)},农业银行甘洛支行`)].join('\n'));
      await importAccounts(database, { file: accounts, actor: cliActor() });
      fs.rmSync(dir, { recursive: true, force: true });
      const county = (await database.db.selectFrom('schools').select('county_code').where('code', '=', schoolCode).executeTakeFirstOrThrow()).county_code;
      await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: county, password: PASSWORD });
      await addUser(database.db, cliActor(), { username: 'school', role: 'school', school: schoolCode, password: PASSWORD });
      await addUser(database.db, cliActor(), { username: 'root', role: 'admin', password: PASSWORD });
      app = await buildServer(database, { webRoot: '/nonexistent' });
      for (const u of ['county', 'school', 'root']) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
        const c = res.cookies.find((x) => x.name === SESSION_COOKIE)!;
        cookies[u] = `${c.name}=${c.value}`;
      }
    }, 120_000);
    afterAll(async () => {
      delete process.env.FUZHI_TODAY;
      await app?.close();
      await database?.close();
      await t?.drop();
    });

    const headers = (u: string) => ({ cookie: cookies[u], 'x-csrf-token': csrfOf(cookies[u].split('=')[1]) });
    const post = (u: string, url: string, payload?: object) => app.inject({ method: 'POST', url, headers: headers(u), payload: payload ?? {} });
    const get = (u: string, url: string) => app.inject({ url, headers: { cookie: cookies[u] } });

    it('runs a batch from creation to the bank result, and coverage reaches 100%', async () => {
      day('2025-09-20');
      const created = await post('county', '/api/aid/batches', { schoolYear: 2025, term: '秋季' });
      expect(created.statusCode).toBe(201);
      const id = created.json().batch as number;
      const rows = created.json().rows as number;
      expect(rows).toBeGreaterThan(0);
      expect((await post('school', '/api/aid/batches', { schoolYear: 2025, term: '秋季' })).statusCode).toBe(403);

      // approval before 公示 is refused: an illegal step, nothing changed
      expect((await post('county', `/api/aid/batches/${id}/approve`)).statusCode).toBe(409);

      // 审核甄别上报 → 核准: the school submits, the county returns it with a reason, the school
      // submits again, the county approves; 公示 waits for every school of the batch
      const term = { schoolYear: 2025, term: '秋季' };
      expect((await post('school', '/api/aid/submissions/submit', { ...term, note: '已逐人核对' })).json()).toMatchObject({ status: '已上报' });
      expect((await post('school', `/api/aid/submissions/${schoolCode}/approve`, term)).statusCode).toBe(403);
      expect((await post('county', `/api/aid/submissions/${schoolCode}/return`, term)).statusCode).toBe(400);
      expect((await post('county', `/api/aid/submissions/${schoolCode}/return`, { ...term, reason: '张某家庭已稳定脱贫，请复核' })).json()).toMatchObject({ status: '已退回' });
      const mine = (await get('school', '/api/aid/submissions?schoolYear=2025&term=秋季')).json().items as { schoolCode: string; status: string; reason: string | null; steps: unknown[] }[];
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ schoolCode, status: '已退回', reason: '张某家庭已稳定脱贫，请复核' });
      expect((await post('county', `/api/aid/submissions/${schoolCode}/approve`, term)).statusCode).toBe(409); // nothing submitted now
      await post('school', '/api/aid/submissions/submit', { ...term, note: '已复核，张某已移出' });
      expect((await post('county', `/api/aid/submissions/${schoolCode}/approve`, term)).json()).toMatchObject({ status: '已核准' });
      const early = await post('county', `/api/aid/batches/${id}/notice`, { days: 5 });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('AID_NOT_SIGNED_OFF');
      const lists = (await get('county', '/api/aid/submissions?schoolYear=2025&term=秋季')).json().items as { schoolCode: string; status: string; steps: unknown[] }[];
      expect(lists.find((s) => s.schoolCode === schoolCode)?.steps).toHaveLength(4);
      for (const s of lists.filter((x) => x.status !== '已核准')) {
        await post('root', '/api/aid/submissions/submit', { ...term, schoolCode: s.schoolCode });
        expect((await post('county', `/api/aid/submissions/${s.schoolCode}/approve`, term)).statusCode).toBe(200);
      }
      const notice = await post('county', `/api/aid/batches/${id}/notice`, { days: 5, contact: '县学生资助管理中心 0834-1234567' });
      expect(notice.statusCode).toBe(200);
      expect(notice.json()).toMatchObject({ status: '公示中', noticeStart: '2025-09-20' });
      const pdf = await get('county', `/api/aid/batches/${id}/notice?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await get('county', `/api/aid/batches/${id}/notice?format=xlsx`);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

      const objection = await post('county', `/api/aid/batches/${id}/objections`, { text: '群众反映某生家庭已购车，请核实' });
      expect(objection.statusCode).toBe(201);
      day('2025-09-30');
      expect((await post('county', `/api/aid/batches/${id}/approve`)).statusCode).toBe(409); // an objection is open
      const detail = (await get('county', `/api/aid/batches/${id}`)).json<BatchDetail>();
      expect(detail.objections).toHaveLength(1);
      const answered = await post('county', `/api/aid/objections/${detail.objections[0].id}/answer`, { text: '经入户核实，车辆为亲属所有，维持认定' });
      expect(answered.statusCode).toBe(200);
      const approved = await post('county', `/api/aid/batches/${id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().status).toBe('已审批');

      const payfile = await get('county', `/api/aid/batches/${id}/payfile`);
      expect(payfile.statusCode).toBe(200);
      expect((await get('school', `/api/aid/batches/${id}/payfile`)).statusCode).toBe(403);

      // the bank says every row was paid
      const all = (await get('county', `/api/aid/batches/${id}?pageSize=100`)).json<BatchDetail>();
      const lines = [...all.lines.items];
      for (let p = 2; lines.length < all.lines.total; p++) lines.push(...(await get('county', `/api/aid/batches/${id}?pageSize=100&page=${p}`)).json<BatchDetail>().lines.items);
      const result = ['批次行号,结果,失败原因', ...lines.map((l) => `${l.line},成功,`)].join('\n');
      const paid = await app.inject({
        method: 'POST',
        url: `/api/aid/batches/${id}/bank-result?fileName=${encodeURIComponent('发放结果.csv')}`,
        headers: { ...headers('county'), 'content-type': 'application/octet-stream' },
        payload: Buffer.from(result, 'utf8'),
      });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json()).toMatchObject({ status: '已发放', paid: rows });

      const coverage = (await get('county', '/api/aid/coverage?schoolYear=2025&term=秋季')).json<Coverage>();
      expect(coverage.entitled).toBe(rows);
      expect(coverage.rate).toBe(1);
    });

    it('shows a school only its rows of a batch, masked', async () => {
      const list = await get('school', '/api/aid/batches?schoolYear=2025');
      expect(list.statusCode).toBe(200);
      const id = list.json().items[0].id as number;
      const detail = await get('school', `/api/aid/batches/${id}?pageSize=100`);
      expect(detail.statusCode).toBe(200);
      const d = detail.json<BatchDetail>();
      expect(d.lines.total).toBeGreaterThan(0);
      const ours = await database.db.selectFrom('aid_batch_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', id).where('school_code', '=', schoolCode).executeTakeFirstOrThrow();
      expect(d.lines.total).toBe(Number(ours.n));
      expect(d.objections).toEqual([]);
      expect(fullIdsIn(detail.body)).toEqual([]);
      const cov = (await get('school', '/api/aid/coverage?schoolYear=2025&term=秋季')).json<Coverage>();
      expect(cov.items.every((r) => r.schoolCode === '' || r.schoolCode === schoolCode)).toBe(true);
    });
  });
}
