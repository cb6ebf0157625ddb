// Closing a case with a proof uploaded over HTTP, on both dialects: the file is checked by content and
// size (bilingual 400, nothing changed), stored with the case in the same step, and served only within
// the case's scope (another township → 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../platform/test-seed.ts';
import { addUser } from '../platform/user.service.ts';
import { ProofList } from './proof.schema.ts';
import { MAX_PROOF_BYTES } from './proof.rules.ts';

const AT = '2025-10-01T00:00:00.000Z';
const caseRow = (no: string, township: string) => ({
  case_no: no, county_code: '513433', person_key: no, name: '儿童', id_number: null, id_raw: null, birth_date: '2012-03-05', sex: 'M', hukou_region: `${township}201`, township_code: township,
  student_no: null, school_code: null, sources: '户籍比对', basis: '户籍在本乡镇，无学籍', school_year: 2025, status: '待核查', category: null, note: null,
  assigned_school: null, township_user: null, village_cadre: null, last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
});
const C1 = 'KC51343300001'; // township 100
const C2 = 'KC51343300002'; // township 100
const C3 = 'KC51343300003'; // township 101
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`proof upload on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await addUser(t.database.db, cliActor(), { username: 'township-100', role: 'township', region: '513433100', password: TEST_PASSWORD });
      await addUser(t.database.db, cliActor(), { username: 'township-101', role: 'township', region: '513433101', password: TEST_PASSWORD });
      await t.database.db.insertInto('dropout_cases').values([caseRow(C1, '513433100'), caseRow(C2, '513433100'), caseRow(C3, '513433101')]).execute();
      for (const u of ['township-100', 'township-101', 'inspector', 'county']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const upload = (user: string, caseNo: string, body: Buffer, fileName: string, category = '外地就读') =>
      t.app.inject({
        method: 'POST',
        url: `/api/dropout/cases/${caseNo}/close-with-proof?${new URLSearchParams({ category, note: '已核实在外地就读', fileName }).toString()}`,
        payload: body,
        headers: { ...t.headers(cookies[user]), 'content-type': 'application/octet-stream' },
      });
    const state = async (caseNo: string) => {
      const db = t.database.db;
      const c = await db.selectFrom('dropout_cases').select(['status', 'category']).where('case_no', '=', caseNo).executeTakeFirstOrThrow();
      const proofs = await db.selectFrom('dropout_proofs').select('id').where('case_no', '=', caseNo).execute();
      return { ...c, proofs: proofs.length };
    };

    it.each([
      ['a renamed text file', Buffer.from('这不是PDF文件'), '证明.pdf', /不是 \.pdf 格式/, /not a \.pdf file/],
      ['an .exe', Buffer.from('MZ....'), '证明.exe', /须为 \.pdf、\.jpg 或 \.png/, /must be a \.pdf, \.jpg or \.png/],
      ['an empty file', Buffer.alloc(0), '证明.png', /为空/, /empty/],
      ['a file over 10 MB', Buffer.concat([PDF, Buffer.alloc(MAX_PROOF_BYTES, 0x20)]), '证明.pdf', /不能超过 10 MB/, /may not exceed 10 MB/],
    ])('refuses %s with a bilingual 400 and changes nothing', async (_label, body, name, zh, en) => {
      const res = await upload('township-100', C1, body, name);
      expect(res.statusCode).toBe(400);
      const err = res.json<{ error: { code: string; message: string; messageEn: string } }>().error;
      expect(err.code).toBe('BAD_PROOF');
      expect(err.message).toMatch(zh);
      expect(err.messageEn).toMatch(en);
      expect(await state(C1)).toEqual({ status: '待核查', category: null, proofs: 0 });
    });

    it('another township’s user cannot close the case (404) nor an inspector (403); nothing changes', async () => {
      expect((await upload('township-101', C1, PDF, '证明.pdf')).statusCode).toBe(404);
      expect((await upload('inspector', C1, PDF, '证明.pdf')).statusCode).toBe(403);
      expect(await state(C1)).toEqual({ status: '待核查', category: null, proofs: 0 });
    });

    it('closes the case with its proof in one step; the proof downloads byte for byte within scope', async () => {
      const res = await upload('township-100', C1, PDF, '就读证明.pdf');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, caseNo: C1, status: '已排除' });
      expect(await state(C1)).toEqual({ status: '已排除', category: '外地就读', proofs: 1 });
      const list = ProofList.parse((await t.app.inject({ url: `/api/dropout/cases/${C1}/proofs`, headers: { cookie: cookies['township-100'] } })).json());
      expect(list.items).toMatchObject([{ fileName: '就读证明.pdf', mime: 'application/pdf', size: PDF.length, actor: 'township-100' }]);
      const url = `/api/dropout/cases/${C1}/proofs/${list.items[0].id}`;
      const dl = await t.app.inject({ url, headers: { cookie: cookies['county'] } });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.rawPayload.equals(PDF)).toBe(true);
      expect((await t.app.inject({ url, headers: { cookie: cookies['township-101'] } })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/dropout/cases/${C1}/proofs`, headers: { cookie: cookies['township-101'] } })).statusCode).toBe(404);
      const audit = await t.database.db.selectFrom('audit_log').select('actor').where('action', '=', 'dropout.proof-read').execute();
      expect(audit).toEqual([{ actor: 'county' }]);
    });

    it('a closed case refuses another close (409) and keeps its one proof; a PNG closes another case', async () => {
      expect((await upload('township-100', C1, PNG, '照片.png')).statusCode).toBe(409);
      expect(await state(C1)).toMatchObject({ proofs: 1 });
      expect((await upload('township-100', C2, PNG, '照片.png', '延缓入学')).statusCode).toBe(200);
      expect(await state(C2)).toEqual({ status: '已排除', category: '延缓入学', proofs: 1 });
    });
  });
}
