// The audit log in scope (issue 8, finding 5): an inspector sees what happened in the region,
// including events with no single county (logins, imports, full exports, batch steps, a rehearsal
// date); a township inspector only its township; nobody sees another county's entries or an ID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { allCounties, recordAudit } from './audit.repository.ts';
import { fullIdsIn } from './privacy.rules.ts';
import { cliActor } from './scope.ts';
import { IDS, startTestApp, TEST_PASSWORD, type TestApp } from './test-seed.ts';
import { addUser } from './user.service.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`audit scope on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      // a township inspector of 513433101 (school B's township) and a county inspector elsewhere
      await addUser(db, cliActor(), { username: 'inspector-town', role: 'inspector', region: '513433101', password: TEST_PASSWORD });
      await addUser(db, cliActor(), { username: 'inspector-gy', role: 'inspector', region: '520102', password: TEST_PASSWORD });
      // events as the commands write them: none has a single county
      await recordAudit(db, { actor: 'cli:ops', action: 'import.students', target: 'roll.xlsx', regions: ['513433', '520102'] });
      await recordAudit(db, { actor: 'cli:ops', action: 'export.matches.full', target: 'all.xlsx', regions: await allCounties(db) });
      await recordAudit(db, { actor: 'cli:ops', action: 'aid.batch.approve', target: 'batch 3', regions: ['513433', '513433101000'] });
      await recordAudit(db, { actor: 'cli:ops', action: 'aid.batch.payfile', target: 'batch 4', regions: ['513433', '513433100000'] });
      await recordAudit(db, { actor: 'cli:ops', action: 'clock.override', target: '2025-09-01', regions: await allCounties(db) });
      await recordAudit(db, { actor: 'cli:ops', action: 'student.read-full', target: `G${IDS.wang} 王小军`, regions: ['520102'] });
      for (const u of ['admin', 'inspector', 'inspector-town', 'inspector-gy', 'school-b']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });

    const actions = async (user: string) => {
      const res = await t.app.inject({ url: '/api/audit?pageSize=100', headers: { cookie: cookies[user] } });
      expect(res.statusCode).toBe(200);
      expect(fullIdsIn(res.body)).toEqual([]);
      return (res.json().items as { action: string; target: string }[]).map((i) => `${i.action} ${i.target}`);
    };

    it('shows a county inspector the county-less events that concern the county', async () => {
      const seen = await actions('inspector');
      expect(seen).toEqual(
        expect.arrayContaining(['import.students roll.xlsx', 'export.matches.full all.xlsx', 'aid.batch.approve batch 3', 'aid.batch.payfile batch 4', 'clock.override 2025-09-01']),
      );
      // logins of the county's users (school-b's school lies in the county) and account changes
      expect(seen).toContain('auth.login school-b');
      expect(seen).toContain('user.add school-a');
      expect(seen.some((s) => s.startsWith('student.read-full'))).toBe(false);
    });

    it('shows a township inspector only its township', async () => {
      const seen = await actions('inspector-town');
      expect(seen).toContain('aid.batch.approve batch 3');
      expect(seen).toContain('auth.login school-b'); // school B is in 513433101
      expect(seen).not.toContain('aid.batch.payfile batch 4'); // another township
      expect(seen).not.toContain('import.students roll.xlsx'); // county-wide, not about the township
      expect(seen).not.toContain('user.add school-a');
    });

    it('keeps another county’s inspector to that county, with the ID masked', async () => {
      const seen = await actions('inspector-gy');
      expect(seen).toContain('import.students roll.xlsx');
      expect(seen).toContain(`student.read-full G${IDS.wang.slice(0, 6)}********${IDS.wang.slice(-4)} 王小军`);
      expect(seen).not.toContain('aid.batch.approve batch 3');
    });

    it('shows the administrator everything and a school nothing', async () => {
      expect((await actions('admin')).length).toBeGreaterThan(10);
      expect((await t.app.inject({ url: '/api/audit', headers: { cookie: cookies['school-b'] } })).statusCode).toBe(403);
    });
  });
}
