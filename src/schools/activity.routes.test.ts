// Activity records over HTTP on both dialects: 401 without a session, a teacher 403 and the inspector
// read-only; a school logs its own and its pairing's activities but not another school's (404), the
// county its county's; each role lists its scope (filters by type under another spelling, date range,
// Excel export); the printed plan holds the seven sections and the text entered; an attachment is
// checked by its content (a renamed .exe is a bilingual 400), kept and downloaded as sent (audited);
// the pairings answer names the minimums a pairing has not met and 结对率.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text.ts';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { today } from '../kernel/clock.ts';
import { schoolYearOf } from '../kernel/school-year.ts';
import { cliActor } from '../platform/scope.ts';
import { SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { addPairing } from './pairing-steps.ts';
import { ActivityDetail, ActivityList, PairingOverview } from './activity.schema.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-activity-photo')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`activity routes on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    const d = today();
    const lastYear = schoolYearOf(d) - 1;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await addPairing(t.database, cliActor(), d, { helper: SCHOOLS.a, helped: SCHOOLS.b, since: `${lastYear}-09-01` });
      for (const u of ['admin', 'county', 'school-a', 'school-b', 'inspector', 'teacher-a']) cookies[u] = await t.login(u);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string, url: string) => t.app.inject({ url, headers: { cookie: cookies[user] } });
    const post = (user: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: t.headers(cookies[user]), payload });
    const upload = (user: string, id: number, fileName: string, body: Buffer) =>
      t.app.inject({ method: 'POST', url: `/api/activities/${id}/attachments?fileName=${encodeURIComponent(fileName)}`, headers: { ...t.headers(cookies[user]), 'content-type': 'application/octet-stream' }, body });
    const titles = async (user: string, query = '') => ActivityList.parse((await get(user, `/api/activities?pageSize=100${query}`)).json()).items.map((i) => i.title).sort();
    const ids: Record<string, number> = {};

    const plan = {
      type: '劳动教育', title: '我劳动我快乐', goal: '使学生养成爱劳动的良好习惯', start: `${lastYear}-10-20 14:30`, end: `${lastYear}-10-20 17:30`, place: '学校劳动实践基地',
      organisers: [{ person: '颜德兵', role: '总指挥', duty: '统筹安排活动' }, { person: '汪坤', role: '副组长', duty: '负责安全保障' }],
      participants: '六年级全体学生', expected: 45, present: 43, arrangements: '1、集合点名\n2、分组劳动', safety: '校医随队，突发情况立即送医', summary: '学生体验了劳动的快乐',
    };

    it('answers 401 without a session, 403 to a teacher, and the inspector may read but not log', async () => {
      expect((await t.app.inject({ url: '/api/activities' })).statusCode).toBe(401);
      expect((await get('teacher-a', '/api/activities')).statusCode).toBe(403);
      expect((await get('inspector', '/api/activities')).statusCode).toBe(200);
      expect((await post('inspector', '/api/activities', { ...plan, school: SCHOOLS.a })).statusCode).toBe(403);
    });

    it('lets a school log its own and its pairing’s activities, never another school’s', async () => {
      const own = await post('school-a', '/api/activities', plan);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json()).toMatchObject({ ok: true, school: SCHOOLS.a, type: '劳动教育', pairing: null });
      ids.own = own.json().activity;
      const paired = await post('school-a', '/api/activities', { type: '联合教研会', title: '语文联合教研', pairing: 1, start: `${lastYear}-10-22` });
      expect(paired.json()).toMatchObject({ ok: true, school: SCHOOLS.b, type: '联合教研', pairing: 1 });
      ids.paired = paired.json().activity;
      expect((await post('school-a', '/api/activities', { ...plan, school: SCHOOLS.b })).statusCode).toBe(404);
      expect((await post('county', '/api/activities', { ...plan, school: SCHOOLS.other })).statusCode).toBe(404);
      const other = await post('admin', '/api/activities', { ...plan, title: '南明小学安全课', type: '安全教育', school: SCHOOLS.other });
      expect(other.statusCode).toBe(200);
      ids.other = other.json().activity;
      const county = await post('county', '/api/activities', { type: '家访', title: '新市坝中学遍访', school: SCHOOLS.b, start: `${lastYear}-11-02` });
      expect(county.statusCode).toBe(200);
      ids.county = county.json().activity;
    });

    it('refuses an unknown type, an end before the start and a future record without a plan, in both languages', async () => {
      const bad = await post('school-a', '/api/activities', { ...plan, type: '喝茶' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/喝茶.*无法识别/);
      expect(bad.json().error.messageEn).toMatch(/not recognised/);
      const backwards = await post('school-a', '/api/activities', { ...plan, end: `${lastYear}-10-19 08:00` });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.message).toMatch(/早于开始时间/);
      const future = await post('school-a', '/api/activities', { type: '挂职', title: '挂职', start: `${schoolYearOf(d) + 2}-03-01` });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.messageEn).toMatch(/in the future/);
    });

    it('lists each role its scope, filtered by type (any spelling) and dates, and exports it', async () => {
      expect(await titles('admin')).toEqual(['南明小学安全课', '我劳动我快乐', '新市坝中学遍访', '语文联合教研']);
      expect(await titles('county')).toEqual(['我劳动我快乐', '新市坝中学遍访', '语文联合教研']);
      expect(await titles('inspector')).toEqual(['我劳动我快乐', '新市坝中学遍访', '语文联合教研']);
      expect(await titles('school-a')).toEqual(['我劳动我快乐', '语文联合教研']);
      expect(await titles('school-b')).toEqual(['新市坝中学遍访', '语文联合教研']);
      expect(await titles('county', `&type=${encodeURIComponent('教研')}`)).toEqual(['语文联合教研']);
      expect(await titles('county', `&from=${lastYear}-10-21&to=${lastYear}-10-31`)).toEqual(['语文联合教研']);
      expect((await get('county', `/api/activities?type=${encodeURIComponent('喝茶')}`)).statusCode).toBe(400);
      const list = ActivityList.parse((await get('school-a', `/api/activities?sort=date`)).json());
      expect(list.items.map((i) => i.date)).toEqual([`${lastYear}-10-20`, `${lastYear}-10-22`]);
      expect(list.items[0].organisers.map((o) => o.person)).toEqual(['颜德兵', '汪坤']);
      const xlsx = await get('county', '/api/activities?format=xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });

    it('shows one record in scope and the same 404 outside it', async () => {
      const detail = ActivityDetail.parse((await get('school-a', `/api/activities/${ids.own}`)).json());
      expect(detail).toMatchObject({ goal: plan.goal, place: plan.place, expected: 45, present: 43, safety: plan.safety, summary: plan.summary });
      expect((await get('school-b', `/api/activities/${ids.own}`)).statusCode).toBe(404);
      expect((await get('county', `/api/activities/${ids.other}`)).statusCode).toBe(404);
      expect((await get('county', `/api/activities/${ids.other}/plan`)).statusCode).toBe(404);
      expect((await get('school-b', `/api/activities/${ids.paired}`)).statusCode).toBe(200);
    });

    it('prints the plan with its seven sections and the text entered', async () => {
      const res = await get('school-a', `/api/activities/${ids.own}/plan`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = pdfText(res.rawPayload).join('\n');
      for (const h of ['我劳动我快乐活动方案', '一、活动目标', '二、时间地点', '三、组织机构及职责', '四、参加人员', '五、活动安排', '六、安全保障与应急预案', '七、活动总结']) expect(text).toContain(h);
      for (const s of [plan.goal, plan.place, '总指挥：颜德兵——统筹安排活动', '副组长：汪坤——负责安全保障', '应到 45 人，实到 43 人（出勤率 95.6%）', '2、分组劳动', plan.safety, plan.summary, `${lastYear}-10-20 14:30 至 ${lastYear}-10-20 17:30`]) expect(text).toContain(s);
    });

    it('checks attachments by content: a renamed .exe is a bilingual 400, a picture is kept and downloaded as sent (audited)', async () => {
      const exe = await upload('school-a', ids.own, '活动照片.pdf', EXE);
      expect(exe.statusCode).toBe(400);
      expect(exe.json().error).toMatchObject({ code: 'BAD_ATTACHMENT' });
      expect(exe.json().error.message).toMatch(/活动照片\.pdf.*不是 \.pdf 格式/);
      expect(exe.json().error.messageEn).toMatch(/not a \.pdf file/);
      expect((await upload('school-a', ids.own, 'setup.exe', EXE)).statusCode).toBe(400);
      expect((await upload('inspector', ids.own, '活动照片.png', PNG)).statusCode).toBe(403);
      expect((await upload('school-b', ids.own, '活动照片.png', PNG)).statusCode).toBe(404);
      const ok = await upload('school-a', ids.own, '活动照片.png', PNG);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ n: 1, mime: 'image/png', size: PNG.length });
      const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('word/document.xml')]);
      expect((await upload('school-a', ids.own, '签到表.docx', docx)).json()).toMatchObject({ n: 2 });
      const detail = ActivityDetail.parse((await get('county', `/api/activities/${ids.own}`)).json());
      expect(detail.files.map((f) => f.fileName)).toEqual(['活动照片.png', '签到表.docx']);
      const down = await get('county', `/api/activities/${ids.own}/attachments/1`);
      expect(down.statusCode).toBe(200);
      expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);
      expect((await get('school-b', `/api/activities/${ids.own}/attachments/1`)).statusCode).toBe(404);
      expect((await get('county', `/api/activities/${ids.own}/attachments/3`)).statusCode).toBe(404);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'activity.attachment-read').execute();
      expect(audit).toEqual([{ action: 'activity.attachment-read', actor: 'county' }]);
    });

    it('shows the pairings with the minimums not met and 结对率', async () => {
      const res = PairingOverview.parse((await get('school-b', `/api/schools/pairings?schoolYear=${lastYear}`)).json());
      expect(res.items).toHaveLength(1);
      expect(res.items[0]).toMatchObject({ helperCode: SCHOOLS.a, helpedCode: SCHOOLS.b, total: 1, compliant: false });
      expect(res.items[0].behind).toEqual([`${lastYear + 1}年春季学期 联合教研 0/1`, `${lastYear}学年 挂职 0/1`, `${lastYear}学年 课题 0/1`]);
      expect(res.items[0].counts).toEqual([{ type: '联合教研', n: 1 }]);
      const county = PairingOverview.parse((await get('county', `/api/schools/pairings?schoolYear=${lastYear}`)).json());
      expect(county).toMatchObject({ pairedSchools: 1, schoolsToPair: 1, pairingRate: 100 });
      expect(PairingOverview.parse((await get('admin', `/api/schools/pairings?schoolYear=${lastYear}`)).json()).items).toHaveLength(1);
      const gy = PairingOverview.parse((await get('inspector', `/api/schools/pairings?schoolYear=${lastYear}`)).json());
      expect(gy.items).toHaveLength(1);
    });
  });
}
