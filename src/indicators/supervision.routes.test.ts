// 督导问责 over HTTP on both dialects: 401 without a session, 403 to a teacher; a school sees the records
// on itself and on its county, never on another school; the county and inspector see their county's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { SupervisionList } from './supervision.schema.ts';
import { recordCheck, recordFinding } from './supervision-steps.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`supervision routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const find = (subject: string, matter: string) => recordFinding(t.database, cliActor(), '2026-03-10', { subject, matter, date: '2026-03-01', finding: '抽查', schoolYear: 2025 });
      await find(SCHOOLS.a, '资助公示未张贴');
      await find(SCHOOLS.a, '资助公示未张贴');
      await find(SCHOOLS.b, '台账不全');
      await find(SCHOOLS.other, '台账不全');
      await recordCheck(t.database, cliActor(), '2026-03-10', { kind: '县级自查', subject: '513433', date: '2026-03-05', result: '整改', finding: '限期整改', schoolYear: 2025 });
      for (const u of ['county', 'school-a', 'inspector', 'teacher-a']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const list = async (user: string) => SupervisionList.parse((await t.app.inject({ url: '/api/supervision?schoolYear=2025', headers: { cookie: cookies[user] } })).json()).items;

    it('answers 401 without a session and 403 to a teacher', async () => {
      expect((await t.app.inject({ url: '/api/supervision' })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/supervision', headers: { cookie: cookies['teacher-a'] } })).statusCode).toBe(403);
    });

    it('shows each role the records of its scope, escalation included', async () => {
      expect((await list('school-a')).map((r) => `${r.subject} ${r.kind}`)).toEqual([`${SCHOOLS.a} 通报`, `${SCHOOLS.a} 约谈`, '513433 县级自查']);
      const county = await list('county');
      expect(county).toHaveLength(4);
      expect(county.map((r) => r.subject)).not.toContain(SCHOOLS.other);
      expect(await list('inspector')).toEqual(county);
    });
  });
}
