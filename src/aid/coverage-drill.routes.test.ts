// Coverage drill-down through the API on both dialects (issue 9): a county's townships add up to the
// county and a township's schools to the township; a school's students come unpaid first with masked
// 学籍号; a school user starts at its school and gets 404 for any other node.
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
import type { CoverageDrill } from './coverage-drill.schema.ts';
import { loadCounty } from '../../test/aid-helpers.ts';

const PASSWORD = 'coverage-drill-password';
const TERM = 'schoolYear=2025&term=%E7%A7%8B%E5%AD%A3';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`coverage drill-down on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let app: FastifyInstance;
    const cookies: Record<string, string> = {};
    let county = '';
    let schoolCode = '';
    let otherSchool = '';
    let namedTownship = '';

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      await loadCounty(database, 120, 2025);
      await installPreset(database, { name: 'huangmei', schoolYear: 2025, regionCode: null, actor: cliActor() });
      await computeEntitlements(database, { schoolYear: 2025, term: '秋季', actor: cliActor(), today: '2025-09-15' });
      // the school with the most entitled students, and another
      const schools = await database.db
        .selectFrom('aid_entitlements')
        .select(['school_code', 'county_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('cash', '=', 1)
        .groupBy(['school_code', 'county_code'])
        .orderBy('n', 'desc')
        .orderBy('school_code')
        .execute();
      expect(schools.length).toBeGreaterThan(1);
      expect(Number(schools[0].n)).toBeGreaterThan(2);
      schoolCode = schools[0].school_code;
      otherSchool = schools[1].school_code;
      county = schools[0].county_code;
      // the county and the first school's township have names; the other townships none (shown by code)
      namedTownship = (await database.db.selectFrom('schools').select('region_code').where('code', '=', schoolCode).executeTakeFirstOrThrow()).region_code.slice(0, 9);
      await database.db.insertInto('regions').values([
        { code: `${county}000000`, name: '扶智测试县', level: 3, parent_code: null },
        { code: `${namedTownship}000`, name: '城关测试镇', level: 4, parent_code: `${county}000000` },
      ]).execute();
      await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: county, password: PASSWORD });
      await addUser(database.db, cliActor(), { username: 'school', role: 'school', school: schoolCode, password: PASSWORD });
      app = await buildServer(database, { webRoot: '/nonexistent' });
      for (const u of ['county', 'school']) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
        const c = res.cookies.find((x) => x.name === SESSION_COOKIE)!;
        cookies[u] = `${c.name}=${c.value}`;
      }
      // a batch carries every entitlement; the bank paid all of the first school's but one
      const created = await app.inject({ method: 'POST', url: '/api/aid/batches', headers: { cookie: cookies.county, 'x-csrf-token': csrfOf(cookies.county.split('=')[1]) }, payload: { schoolYear: 2025, term: '秋季' } });
      expect(created.statusCode, created.body).toBe(201);
      const rows = await database.db.selectFrom('aid_batch_rows').select('id').where('school_code', '=', schoolCode).orderBy('id').execute();
      await database.db.updateTable('aid_batch_rows').set({ pay_status: '已发放' }).where('id', 'in', rows.slice(1).map((r) => r.id)).execute();
      // one entitlement of the first school falls out of the batch (in no batch: shown first)
      await database.db.updateTable('aid_batch_rows').set({ pay_key: null }).where('id', '=', rows[0].id).execute();
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
      await t?.drop();
    });

    const get = async (u: string, query: string) => app.inject({ url: `/api/aid/coverage/drill?${TERM}${query}`, headers: { cookie: cookies[u] } });
    const sum = (rows: { entitled: number; batched: number; paid: number }[]) =>
      rows.reduce((a, r) => ({ entitled: a.entitled + r.entitled, batched: a.batched + r.batched, paid: a.paid + r.paid }), { entitled: 0, batched: 0, paid: 0 });

    it('adds the townships up to the county and the schools up to the township', async () => {
      const res = await get('county', '');
      expect(res.statusCode, res.body).toBe(200);
      const top = res.json<CoverageDrill>();
      expect(top).toMatchObject({ level: 'county', code: county, name: '扶智测试县', trail: [] });
      expect(top.rows.length).toBeGreaterThan(1);
      for (const r of top.rows) expect(r.name).toBe(r.code === namedTownship ? '城关测试镇' : r.code);
      const entitled = await database.db.selectFrom('aid_entitlements').select((eb) => eb.fn.countAll<number>().as('n')).where('cash', '=', 1).where('status', '=', 'active').executeTakeFirstOrThrow();
      expect(top.total.entitled).toBe(Number(entitled.n));
      expect(top.rows.length).toBeGreaterThan(0);
      expect(sum(top.rows)).toEqual({ entitled: top.total.entitled, batched: top.total.batched, paid: top.total.paid });
      expect(top.total.paid).toBeGreaterThan(0);
      expect(top.total.batched).toBe(top.total.entitled - 1);

      let schoolsSeen = 0;
      for (const township of top.rows) {
        const mid = (await get('county', `&level=township&code=${township.code}`)).json<CoverageDrill>();
        expect(mid.trail).toEqual([{ level: 'county', code: county, name: '扶智测试县' }]);
        expect(mid.name).toBe(township.code === namedTownship ? '城关测试镇' : township.code);
        expect(mid.total).toEqual({ entitled: township.entitled, batched: township.batched, paid: township.paid, rate: township.rate });
        expect(sum(mid.rows)).toEqual({ entitled: township.entitled, batched: township.batched, paid: township.paid });
        schoolsSeen += mid.rows.length;
      }
      expect(schoolsSeen).toBeGreaterThan(1);
    });

    it("lists a school's students unpaid first, masked", async () => {
      const res = await get('county', `&level=school&code=${schoolCode}`);
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json<CoverageDrill>();
      expect(d.trail).toEqual([{ level: 'county', code: county, name: '扶智测试县' }, { level: 'township', code: namedTownship, name: '城关测试镇' }]);
      expect(d.students.length).toBe(d.total.entitled);
      expect(d.students[0]).toMatchObject({ batched: false, paid: false, payStatus: '未纳入批次' });
      expect(d.students.slice(1).every((s) => s.paid)).toBe(true);
      expect(d.total.paid).toBe(d.total.entitled - 1);
      expect(fullIdsIn(res.body)).toEqual([]);
      const raw = await database.db.selectFrom('aid_entitlements').select('student_no').where('school_code', '=', schoolCode).execute();
      for (const s of d.students) expect(raw.map((r) => r.student_no)).not.toContain(s.studentNo);
    });

    it('keeps a school user at its school', async () => {
      const own = await get('school', '');
      expect(own.statusCode, own.body).toBe(200);
      const d = own.json<CoverageDrill>();
      expect(d).toMatchObject({ level: 'school', code: schoolCode, trail: [], rows: [] });
      expect(d.students.length).toBeGreaterThan(0);
      expect((await get('school', `&level=school&code=${otherSchool}`)).statusCode).toBe(404);
      expect((await get('school', `&level=county&code=${county}`)).statusCode).toBe(404);
      expect((await get('county', `&level=county&code=520102`)).statusCode).toBe(404);
    });
  });
}
