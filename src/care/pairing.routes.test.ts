// The household pairings over HTTP on both dialects: a teacher reads and logs visits only for their own
// households (every endpoint: list, detail, visit, coverage), 户编号 hidden from teachers, 401/403/404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { sealRef } from '../platform/opaque-ref.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, seedAccounts, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { pairHousehold } from './pairing-steps.ts';
import { HOUSEHOLD_REF } from './pairing.routes.ts';
import { PairingDetail, PairingList, VisitCoverage } from './pairing.schema.ts';

const HH_A = '5134330010001'; // 张大山's household, paired with teacher-a
const HH_A2 = '5134330010002'; // paired with teacher-a2

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`household pairing routes on ${dialect}`, () => {
    let t: TestApp;
    const ref = (no: string) => sealRef(t.app.refKey, HOUSEHOLD_REF, no);
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedAccounts(t.database.db, [{ username: 'teacher-a2', role: 'teacher', school: SCHOOLS.a }]);
      await pairHousehold(t.database, cliActor(), HH_A, { user: 'teacher-a' });
      await pairHousehold(t.database, cliActor(), HH_A2, { user: 'teacher-a2' });
      await t.loginAs('county', 'school-a', 'school-b', 'teacher-a', 'teacher-a2', 'inspector');
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string | null, url: string) => t.get(user, url);
    const post = (user: string, url: string, payload: object) => t.post(user, url, payload);
    const visits = async (no: string) => (await t.database.db.selectFrom('household_visits').select('id').where('household_no', '=', no).execute()).length;
    const today = new Date().toISOString().slice(0, 10);

    it.each([
      ['teacher-a', ['张大山']],
      ['teacher-a2', ['李小红']],
      ['school-a', ['张大山', '李小红']],
      ['school-b', []],
      ['county', ['张大山', '李小红']],
    ])('%s lists only the pairings in scope', async (user, heads) => {
      const list = PairingList.parse((await get(user, '/api/care/pairings')).json());
      expect(list.items.map((i) => i.headName)).toEqual(heads);
      expect(list.total).toBe(heads.length);
      for (const i of list.items) expect(i.household).toBe(user.startsWith('teacher') ? null : i.household);
    });

    it('a teacher sees no 户编号; the county does', async () => {
      const mine = PairingList.parse((await get('teacher-a', '/api/care/pairings')).json());
      expect(mine.items[0].household).toBeNull();
      expect(JSON.stringify(mine)).not.toContain(HH_A);
      const all = PairingList.parse((await get('county', '/api/care/pairings')).json());
      expect(all.items.map((i) => i.household)).toEqual([HH_A, HH_A2]);
    });

    it.each([
      ['teacher-a', HH_A, 200],
      ['teacher-a', HH_A2, 404],
      ['teacher-a2', HH_A, 404],
      ['school-b', HH_A, 404],
      ['school-a', HH_A2, 200],
    ])('%s opening %s → %i', async (user, no, status) => {
      expect((await get(user, `/api/care/pairings/${ref(no)}`)).statusCode).toBe(status);
    });

    it('a raw 户编号 is not a reference; no session → 401', async () => {
      expect((await get('teacher-a', `/api/care/pairings/${HH_A}`)).statusCode).toBe(404);
      expect((await get(null, '/api/care/pairings')).statusCode).toBe(401);
    });

    it('a teacher cannot log a visit to another teacher’s household (404, nothing written) nor read the coverage (403)', async () => {
      expect((await post('teacher-a', `/api/care/pairings/${ref(HH_A2)}/visits`, { date: today, kind: '入户走访', note: '了解情况' })).statusCode).toBe(404);
      expect(await visits(HH_A2)).toBe(0);
      expect((await get('teacher-a', '/api/care/visit-coverage')).statusCode).toBe(403);
      expect((await post('teacher-a', `/api/care/pairings/${ref(HH_A)}/visits`, { date: today, kind: '串门', note: 'x' })).statusCode).toBe(400);
      expect((await post('inspector', `/api/care/pairings/${ref(HH_A)}/visits`, { date: today, kind: '电话', note: 'x' })).statusCode).toBe(403);
    });

    it('a teacher logs a visit to their household; it shows on the page and in the coverage', async () => {
      const res = await post('teacher-a', `/api/care/pairings/${ref(HH_A)}/visits`, { date: today, kind: '入户走访', note: '孩子在校情况良好' });
      expect(res.statusCode, res.body).toBe(200);
      const d = PairingDetail.parse((await get('teacher-a', `/api/care/pairings/${ref(HH_A)}`)).json());
      expect(d.visits).toEqual([{ date: today, kind: '入户走访', by: 'teacher-a', note: '孩子在校情况良好' }]);
      expect(d.visitsThisTerm).toBe(1);
      expect(d.children.map((c) => c.name)).toEqual(['张小明']);
      const cov = VisitCoverage.parse((await get('county', '/api/care/visit-coverage')).json());
      expect(cov.lines.find((l) => l.level === '学校' && l.code === SCHOOLS.a)).toMatchObject({ households: 2, paired: 2, visited: 1, coverage: 0.5 });
      const school = VisitCoverage.parse((await get('school-b', '/api/care/visit-coverage')).json());
      expect(school.lines.filter((l) => l.level === '学校')).toEqual([]);
    });
  });
}
