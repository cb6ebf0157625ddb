// The schools actions over HTTP on both dialects (issue 12): a county pairs two of its schools (a
// duplicate, the reverse and a self-pair refused in both languages, another county's school 404, a
// school 403); an activity edited with the version read and refused 409 when stale, deleted with its
// attachments (audited with what was deleted); the teacher subsidies of a month and the tuition
// refunds of a year generated for the county's own teachers (idempotent); their direct payment refused
// (a teacher disbursement batch pays them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { SCHOOLS, startTestApp, withCheckDigit, type TestApp } from '../platform/test-seed.ts';
import { seedTeachers, TEACHERS } from '../../test/teacher-fixtures.ts';
import { monthlyPayables, tuitionRefund } from './teacher-moves.rules.ts';
import { ActivityDetail, PairingOverview } from './activity.schema.ts';
import type { PayableList } from './teacher.schema.ts';

const URBAN_RURAL: Record<string, string> = { [SCHOOLS.a]: '镇区', [SCHOOLS.b]: '乡村', [SCHOOLS.other]: '城区' };
/** a new village teacher of the other county: owed subsidies and a refund that 甘洛县 must not generate */
const OTHER_NEW = { name: '黄小兰', id: withCheckDigit('52010219990707777'), school_code: SCHOOLS.other, county_code: '520102', education: '本科', title: null, village: 1, start_month: '2024-08', training_hours: 10, standard_hours: null };
const gl = TEACHERS.filter((t) => t.county_code === '513433');
const yuan = (fen: number) => fen / 100;

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`schools actions on ${dialect}`, () => {
    let t: TestApp;
    const c: Record<string, string> = {};
    const send = (user: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: t.headers(c[user]), ...(payload ? { payload } : {}) });
    const get = (user: string, url: string) => t.app.inject({ url, headers: { cookie: c[user] } });
    const audits = (action: string) => t.database.db.selectFrom('audit_log').select(['actor', 'target', 'detail_json as detail']).where('action', '=', action).execute();

    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedTeachers(t.database.db, [...TEACHERS, OTHER_NEW]);
      for (const u of ['admin', 'county', 'school-a', 'school-b', 'inspector']) c[u] = await t.login(u);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('a county pairs two of its schools; duplicates, the reverse, a self-pair and schools outside its county are refused', async () => {
      expect((await send('school-a', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.b })).statusCode).toBe(403);
      expect((await send('inspector', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.b })).statusCode).toBe(403);
      const outside = await send('county', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.other });
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.message).toContain(SCHOOLS.other);

      const ok = await send('county', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.b, since: '2025-09-01' });
      expect(ok.statusCode, ok.body).toBe(201);
      const id = ok.json().pairing as number;
      const seen = PairingOverview.parse((await get('county', '/api/schools/pairings?schoolYear=2025')).json());
      expect(seen.items.map((p) => [p.id, p.helperName, p.helpedName, p.since])).toContainEqual([id, '甘洛县城关小学', '甘洛县新市坝中学', '2025-09-01']);
      // the rural school is now paired: 结对率 1/1
      expect([seen.pairedSchools, seen.schoolsToPair]).toEqual([1, 1]);
      expect(await audits('pairing.add')).toMatchObject([{ actor: 'county', target: String(id) }]);

      const again = await send('county', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.b });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ message: `${SCHOOLS.a} 与 ${SCHOOLS.b} 已结对`, messageEn: `${SCHOOLS.a} and ${SCHOOLS.b} are already paired` });
      const reverse = await send('county', 'POST', '/api/schools/pairings', { helper: SCHOOLS.b, helped: SCHOOLS.a });
      expect(reverse.statusCode).toBe(409);
      expect(reverse.json().error.messageEn).toMatch(/reverse pairing is refused/);
      const self = await send('county', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.a });
      expect(self.statusCode).toBe(400);
      expect(self.json().error).toMatchObject({ message: expect.stringContaining('不能相同'), messageEn: expect.stringContaining('cannot pair with itself') });
      const badDay = await send('county', 'POST', '/api/schools/pairings', { helper: SCHOOLS.a, helped: SCHOOLS.other, since: '2025-13-40' });
      expect(badDay.statusCode).toBe(404);
      expect(await t.database.db.selectFrom('school_pairings').select('id').execute()).toHaveLength(1);
    });

    it('an activity is edited with the version read, a stale edit or delete is 409, a delete takes its attachments and is audited', async () => {
      const made = await send('school-a', 'POST', '/api/activities', { type: '劳动教育', title: '校园劳动周', start: '2025-10-20 14:30', summary: '初稿' });
      expect(made.statusCode, made.body).toBe(200);
      const id = made.json().activity as number;
      const file = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('photo')]);
      const up = await t.app.inject({ method: 'POST', url: `/api/activities/${id}/attachments?fileName=photo.png`, headers: { ...t.headers(c['school-a']), 'content-type': 'application/octet-stream' }, body: file });
      expect(up.statusCode, up.body).toBe(200);
      const v1 = ActivityDetail.parse((await get('school-a', `/api/activities/${id}`)).json()).version;

      const edit = { type: '劳动教育', title: '校园劳动周（修订）', start: '2025-10-20 14:30', end: '2025-10-20 17:00', summary: '学生分组完成校园清洁', present: 40, version: v1 };
      expect((await send('inspector', 'PUT', `/api/activities/${id}`, edit)).statusCode).toBe(403);
      expect((await send('school-b', 'PUT', `/api/activities/${id}`, edit)).statusCode).toBe(404);
      const ok = await send('school-a', 'PUT', `/api/activities/${id}`, edit);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().changed.sort()).toEqual(['end_at', 'present_count', 'summary', 'title']);
      const after = ActivityDetail.parse((await get('county', `/api/activities/${id}`)).json());
      expect(after).toMatchObject({ title: '校园劳动周（修订）', summary: '学生分组完成校园清洁', present: 40, end: '2025-10-20 17:00', attachments: 1, actor: 'school-a' });
      expect(after.version).not.toBe(v1);
      expect(await audits('activity.edit')).toMatchObject([{ actor: 'school-a', target: String(id) }]);

      // someone still holding the first version: refused, nothing written
      const stale = await send('county', 'PUT', `/api/activities/${id}`, { ...edit, title: '县局的改动' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'ACTIVITY_STALE', message: expect.stringContaining('已被他人修改'), messageEn: expect.stringContaining('changed or deleted by someone else') });
      expect(ActivityDetail.parse((await get('county', `/api/activities/${id}`)).json()).title).toBe('校园劳动周（修订）');
      // the same checks as a new record, in both languages
      const bad = await send('school-a', 'PUT', `/api/activities/${id}`, { ...edit, version: after.version, end: '2025-10-19 08:00' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ message: expect.stringContaining('早于开始时间'), where: { column: 'end' } });

      expect((await send('school-a', 'DELETE', `/api/activities/${id}?version=${encodeURIComponent(v1)}`)).statusCode).toBe(409);
      expect((await send('school-b', 'DELETE', `/api/activities/${id}?version=${encodeURIComponent(after.version)}`)).statusCode).toBe(404);
      const gone = await send('school-a', 'DELETE', `/api/activities/${id}?version=${encodeURIComponent(after.version)}`);
      expect(gone.statusCode, gone.body).toBe(200);
      expect((await get('school-a', `/api/activities/${id}`)).statusCode).toBe(404);
      expect(await t.database.db.selectFrom('activity_attachments').select('id').where('activity_id', '=', id).execute()).toEqual([]);
      const [entry] = await audits('activity.delete');
      expect(entry).toMatchObject({ actor: 'school-a', target: String(id) });
      expect(String(entry.detail)).toContain('校园劳动周（修订）');
      expect(String(entry.detail)).toContain('photo.png');
    });

    it('the county generates its own teachers’ subsidies and refunds (again: nothing new); paying them directly is refused', async () => {
      const body = { month: '2025-11' };
      expect((await send('school-a', 'POST', '/api/teachers/payables/generate', body)).statusCode).toBe(403);
      const both = await send('county', 'POST', '/api/teachers/payables/generate', { month: '2025-11', schoolYear: 2025 });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.messageEn).toMatch(/either a month/);

      const monthly = gl.flatMap((x) => monthlyPayables(x, URBAN_RURAL[x.school_code], '2025-11'));
      const first = await send('county', 'POST', '/api/teachers/payables/generate', body);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ period: '2025-11', due: monthly.length, created: monthly.length, existing: 0, amount: yuan(monthly.reduce((s, i) => s + i.amount_fen, 0)) });
      expect((await send('county', 'POST', '/api/teachers/payables/generate', body)).json()).toMatchObject({ created: 0, existing: monthly.length });
      const refunds = gl.map((x) => tuitionRefund({ ...x, years_taught: null }, 2025)).filter((x) => x !== null);
      expect(refunds.length).toBeGreaterThan(0);
      expect((await send('county', 'POST', '/api/teachers/payables/generate', { schoolYear: 2025 })).json()).toMatchObject({ period: '2025', created: refunds.length });
      // nothing of the other county, whose new village teacher is owed both
      const rows = await t.database.db.selectFrom('teacher_payables').select(['county_code']).execute();
      expect(rows.length).toBe(monthly.length + refunds.length);
      expect(rows.every((r) => r.county_code === '513433')).toBe(true);

      // paying goes through a teacher batch (src/aid/teacher-batch.routes.test.ts): the old direct payment is refused
      const pay = { period: '2025-11', date: '2025-11-28', note: '农行代发回单 202511-07' };
      expect((await send('school-a', 'POST', '/api/teachers/payables/pay', pay)).statusCode).toBe(403);
      const refused = await send('county', 'POST', '/api/teachers/payables/pay', pay);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'TEACHER_PAY_BY_BATCH', message: expect.stringContaining('发放批次'), messageEn: expect.stringContaining('disbursement batch') });
      const ledger = (await get('school-a', '/api/teachers/payables?period=2025-11&pageSize=100')).json<PayableList>();
      expect(ledger.items.length).toBeGreaterThan(0);
      expect(ledger.items.every((p) => p.status === '待发放' && p.paidOn === null)).toBe(true);
      expect(await audits('teacher.pay')).toEqual([]);
    });
  });
}
