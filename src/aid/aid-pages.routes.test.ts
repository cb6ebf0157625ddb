import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { IDS, SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { EntitlementList, LedgerSchoolList, LedgerSourceList, LedgerView, PolicyHistoryList, PolicyItemList, PolicyView, RecognitionList, ListedList } from './aid-pages.schema.ts';

const LI = `G${IDS.li}`;
const USERS = ['admin', 'county', 'school-a', 'school-b', 'teacher-a', 'inspector'];
const item = (over: Record<string, unknown> = {}) => ({
  schoolYear: 2025, code: 'county-senior', name: '县级高中助学金', kind: '助学金', stages: ['普通高中'], per: 'year', yuan: 1500,
  fundSource: '财政资金', shares: { 省: 60, 县: 40 }, basis: '定西 篇3：国家助学金 1500 元', ...over,
});

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`aid pages on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      process.env.FUZHI_TODAY = '2025-09-15';
      t = await startTestApp(dialect);
      for (const u of USERS) cookies[u] = await t.login(u);
      // 李小红's household fell back into poverty (返贫户): included at once
      await t.database.db.updateTable('members').set({ household_type: '返贫户' }).where('household_no', '=', '5134330010002').execute();
    });
    afterAll(async () => {
      delete process.env.FUZHI_TODAY;
      await t?.close();
    });
    const get = (user: string, url: string) => t.app.inject({ url, headers: cookies[user] ? { cookie: cookies[user] } : {} });
    const post = (user: string, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: t.headers(cookies[user]), payload: payload as object });
    const policy = async (user: string) => PolicyView.parse((await get(user, '/api/aid/policy?schoolYear=2025')).json());
    const entitlements = async (user: string, query = '') => EntitlementList.parse((await get(user, `/api/aid/entitlements?schoolYear=2025&term=秋季${query}`)).json());
    /** The rows of an exported sheet as the county downloads it. */
    const sheet = async (url: string) => {
      const res = await get('county', url);
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[][] = [];
      book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string)))));
      return rows;
    };

    async function recompute(): Promise<void> {
      const res = await post('county', '/api/aid/entitlements/compute', { schoolYear: 2025, term: '秋季' });
      expect(res.statusCode).toBe(202);
      const id = res.json<{ job: { id: string } }>().job.id;
      for (let i = 0; i < 200; i++) {
        const job = (await get('county', `/api/jobs/${id}`)).json<{ status: string; error: unknown; title: string }>();
        expect(job.title).toBe('2025学年秋季 计算应享资助');
        if (job.status === 'done') return;
        if (job.status === 'failed') throw new Error(JSON.stringify(job.error));
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error('entitle job did not finish');
    }

    it('refuses without a session, and the teacher on every aid page', async () => {
      expect((await get('nobody', '/api/aid/policy?schoolYear=2025')).statusCode).toBe(401);
      for (const url of ['/api/aid/policy?schoolYear=2025', '/api/aid/entitlements?schoolYear=2025&term=秋季', '/api/aid/recognitions?schoolYear=2025', '/api/aid/ledger?schoolYear=2025']) {
        expect((await get('teacher-a', url)).statusCode).toBe(403);
      }
      expect((await post('teacher-a', '/api/aid/recognitions', { schoolYear: 2025, studentNo: `G${IDS.zhao}`, application: '父亲病重' })).statusCode).toBe(403);
    });

    it('a county builds its set from a preset, edits an amount with history, adds and retires items; schools only read', async () => {
      expect(await policy('county')).toMatchObject({ exists: false, editable: true, regionCode: '513433' });
      expect((await post('school-a', '/api/aid/policy', { schoolYear: 2025, preset: 'huangmei' })).statusCode).toBe(403);
      expect((await post('county', '/api/aid/policy', { schoolYear: 2025, preset: 'huangmei' })).statusCode).toBe(201);
      let p = await policy('county');
      expect(p).toMatchObject({ exists: true, editable: true, preset: 'huangmei', regionCode: '513433' });
      expect(p.items.find((i) => i.code === 'huangmei-junior-boarding')).toMatchObject({ amount: '1250 元/年', stages: ['初中'], conditions: expect.objectContaining({ boardingOnly: true }) });

      const junior = p.items.find((i) => i.code === 'huangmei-junior-boarding')!;
      const res = await post('county', '/api/aid/policy/items/huangmei-junior-boarding', { ...junior, ...junior.conditions, schoolYear: 2025, yuan: 2000, reason: '县政府常务会议决定提标' });
      expect(res.statusCode).toBe(200);
      p = await policy('county');
      expect(p.items.find((i) => i.code === 'huangmei-junior-boarding')!.amountHistory).toEqual([
        expect.objectContaining({ amount: '1250 元/年', actor: 'county', reason: null }),
        expect.objectContaining({ amount: '2000 元/年', actor: 'county', reason: '县政府常务会议决定提标' }),
      ]);
      expect(p.history[0].change).toContain('金额 1250 元/年 → 2000 元/年');

      // every 学段 spelling is accepted and stored canonically
      expect((await post('county', '/api/aid/policy/items', item({ stages: ['普通高中', '中等职业教育'] }))).statusCode).toBe(201);
      expect((await policy('county')).items.find((i) => i.code === 'county-senior')).toMatchObject({ stages: ['高中', '中职'], shares: { 省: 60, 县: 40 }, amount: '1500 元/年' });

      const school = await policy('school-a');
      expect(school).toMatchObject({ exists: true, editable: false });
      expect(school.items.some((i) => i.code === 'county-senior')).toBe(true);
      expect((await post('school-a', '/api/aid/policy/items', item({ code: 'x' }))).statusCode).toBe(403);
      expect((await post('inspector', '/api/aid/policy/items/county-senior/retire', { schoolYear: 2025, reason: '停止' })).statusCode).toBe(403);

      expect((await post('county', '/api/aid/policy/items/county-senior/retire', { schoolYear: 2025, reason: '并入国家助学金' })).statusCode).toBe(200);
      const retired = (await policy('county')).items.find((i) => i.code === 'county-senior')!;
      expect(retired.retired).toMatchObject({ by: 'county', reason: '并入国家助学金' });
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', 'aid.policy.%').execute();
      expect(audit.filter((a) => a.actor === 'county').map((a) => a.action)).toEqual(expect.arrayContaining(['aid.policy.preset', 'aid.policy.edit']));
      expect(audit.filter((a) => a.action === 'aid.policy.edit')).toHaveLength(3);
    });

    it('refuses invalid items in Chinese and English and changes nothing', async () => {
      const before = (await policy('county')).version;
      const cases: [Record<string, unknown>, RegExp, RegExp][] = [
        [{ code: 'zero', yuan: 0 }, /必须大于 0/, /greater than 0/],
        [{ code: 'neg', yuan: -5 }, /必须大于 0/, /greater than 0/],
        [{ code: 'shares', shares: { 中央: 50, 省: 40 } }, /之和为 90%，必须为 100%/, /sum to 90%/],
        [{ code: 'stage', stages: ['大学预科班'] }, /学段“大学预科班”无法识别/, /unknown stage/],
        [{ code: 'huangmei-preschool' }, /已存在/, /already exists/],
      ];
      for (const [over, zh, en] of cases) {
        const res = await post('county', '/api/aid/policy/items', item(over));
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(res.json().error.message).toMatch(zh);
        expect(res.json().error.messageEn).toMatch(en);
      }
      expect((await policy('county')).version).toBe(before);
    });

    it('recomputes a term as a job; entitlements with reasons, filters and each school only its own', async () => {
      await recompute();
      const county = await entitlements('county');
      const li = county.items.find((e) => e.name === '李小红' && e.itemName === '初中寄宿生生活补助');
      expect(li).toMatchObject({ amount: 1000, schoolCode: SCHOOLS.b, stage: '初中' });
      expect(li!.reason).toContain('返贫户');
      expect(county.amount).toBeGreaterThanOrEqual(1000);
      expect((await entitlements('county', '&stage=初级中学')).total).toBe(county.total);
      expect((await entitlements('county', '&stage=小学')).total).toBe(0);
      expect((await entitlements('county', '&item=huangmei-primary-boarding')).total).toBe(0);
      expect((await entitlements('county', `&school=${SCHOOLS.a}`)).total).toBe(0);
      expect((await get('county', '/api/aid/entitlements?schoolYear=2025&term=秋季&stage=xyz')).statusCode).toBe(400);

      const b = await entitlements('school-b');
      expect(b.total).toBe(county.total);
      expect(b.items[0].studentNo).not.toContain(IDS.li); // masked for a school
      expect((await entitlements('school-a')).total).toBe(0);
      const xlsx = await get('school-b', '/api/aid/entitlements?schoolYear=2025&term=秋季&stage=初中&format=xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual(['学籍号', '姓名', '学校标识码', '学校名称', '学段', '年级', '资助项目', '金额', '依据', '政策依据', '状态']);
      expect(rows).toHaveLength(b.total + 1);
      expect(rows.slice(1).every((r) => r[1] === '李小红' && r[4] === '初中')).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(IDS.li);
      expect((await post('school-b', '/api/aid/entitlements/compute', { schoolYear: 2025, term: '秋季' })).statusCode).toBe(403);

      // the amount changes: a recompute pays the new amount
      const p = await policy('county');
      const junior = p.items.find((i) => i.code === 'huangmei-junior-boarding')!;
      expect((await post('county', '/api/aid/policy/items/huangmei-junior-boarding', { ...junior, ...junior.conditions, schoolYear: 2025, yuan: 2400, reason: '再次提标' })).statusCode).toBe(200);
      await recompute();
      expect((await entitlements('county', '&item=huangmei-junior-boarding')).items[0].amount).toBe(1200);
    });

    it('a school records an application and decides a tier for its own students only; 公示 and 存档', async () => {
      const zhao = `G${IDS.zhao}`;
      expect((await post('school-a', '/api/aid/recognitions', { schoolYear: 2025, studentNo: LI, application: '家庭困难' })).statusCode).toBe(404);
      expect((await post('inspector', '/api/aid/recognitions', { schoolYear: 2025, studentNo: zhao, application: '家庭困难' })).statusCode).toBe(403);
      const applied = await post('school-a', '/api/aid/recognitions', { schoolYear: 2025, studentNo: zhao, application: '父亲因病丧失劳动能力' });
      expect(applied.statusCode).toBe(201);
      const list = RecognitionList.parse((await get('school-a', '/api/aid/recognitions?schoolYear=2025')).json());
      expect(list.items).toEqual([expect.objectContaining({ name: '赵小花', status: '已申请', tier: null })]);
      expect(list.items[0].studentNo).not.toContain(IDS.zhao);
      expect(JSON.stringify(list)).not.toContain(IDS.zhao);
      expect(RecognitionList.parse((await get('school-b', '/api/aid/recognitions?schoolYear=2025')).json()).total).toBe(0);
      const id = list.items[0].id;

      expect((await post('school-b', `/api/aid/recognitions/${id}/decide`, { tier: '特别困难' })).statusCode).toBe(404);
      expect((await post('school-a', `/api/aid/recognitions/${id}/decide`, { tier: '很困难' })).statusCode).toBe(400);
      const decided = await post('school-a', `/api/aid/recognitions/${id}/decide`, { tier: '比较困难', reason: '家访核实' });
      expect(decided.json()).toMatchObject({ status: '已认定', tier: '比较困难' });

      // registry (and 低保/特困/孤儿/残疾) students are 特别困难 by default, each school its own
      expect(ListedList.parse((await get('school-b', '/api/aid/recognitions/listed')).json()).items).toEqual([expect.objectContaining({ name: '李小红', tier: '特别困难' })]);
      expect(ListedList.parse((await get('school-a', '/api/aid/recognitions/listed')).json()).total).toBe(0);

      // school B's 公示 does not touch school A's decision
      const none = await post('school-b', '/api/aid/recognitions/notice', { schoolYear: 2025 });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.message).toBe('没有待公示的认定结果');
      const notice = await post('school-a', '/api/aid/recognitions/notice', { schoolYear: 2025 });
      expect(notice.json()).toMatchObject({ rows: 1, noticeStart: '2025-09-15' });
      const file = await get('school-a', '/api/aid/recognitions/notice?schoolYear=2025');
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      expect((await post('school-a', `/api/aid/recognitions/${id}/decide`, { tier: '一般困难' })).statusCode).toBe(409);
      expect((await post('school-a', '/api/aid/recognitions/file', { schoolYear: 2025 })).statusCode).toBe(409);
      // an objection during 公示 holds the decision back until the school answers it
      expect((await post('school-b', `/api/aid/recognitions/${id}/objections`, { text: '该生家庭新购轿车' })).statusCode).toBe(404);
      expect((await post('school-a', `/api/aid/recognitions/${id}/objections`, { text: '该生家庭新购轿车' })).statusCode).toBe(201);
      const objected = RecognitionList.parse((await get('school-a', '/api/aid/recognitions?schoolYear=2025')).json()).items[0];
      expect(objected.objections).toEqual([expect.objectContaining({ text: '该生家庭新购轿车', raisedBy: 'school-a', answer: null })]);
      process.env.FUZHI_TODAY = '2025-10-09';
      const held = await post('school-a', '/api/aid/recognitions/file', { schoolYear: 2025 });
      expect(held.statusCode).toBe(409);
      expect(held.json().error.message).toContain('异议尚未答复');
      const oid = objected.objections[0].id;
      expect((await post('school-b', `/api/aid/recognitions/objections/${oid}/answer`, { text: '核实', outcome: 'keep' })).statusCode).toBe(404);
      expect((await post('school-a', `/api/aid/recognitions/objections/${oid}/answer`, { text: '经核实车辆为亲属所有，维持认定', outcome: 'keep' })).statusCode).toBe(200);
      expect((await post('school-a', `/api/aid/recognitions/objections/${oid}/answer`, { text: '再答', outcome: 'keep' })).statusCode).toBe(409);
      expect((await post('school-a', '/api/aid/recognitions/file', { schoolYear: 2025 })).json()).toMatchObject({ filed: 1 });
      process.env.FUZHI_TODAY = '2025-09-15';
      expect(RecognitionList.parse((await get('county', '/api/aid/recognitions?schoolYear=2025&status=已存档')).json()).total).toBe(1);
    });

    it('the ledger splits paid money by level, school and item; the supervision export stays in scope', async () => {
      const db = t.database.db;
      const at = '2025-10-01T00:00:00.000Z';
      const batch = await db
        .insertInto('aid_batches')
        .values({ school_year: 2025, term: '秋季', item_code: null, status: '已发放', row_count: 1, amount_fen: 100000, notice_days: 5, notice_start: at, notice_end: at, contact: null, created_by: 'county', created_at: at, updated_at: at, approved_by: 'county', approved_at: at, paid_at: at, cancel_reason: null, reissue_of: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('aid_batch_rows')
        .values({
          batch_id: Number(batch.id), seq: 1, entitlement_id: 'e1', pay_key: 'k1', county_code: '513433', payer_county: '513433', student_no: LI, name: '李小红', school_code: SCHOOLS.b,
          school_name: '甘洛县新市坝中学', stage: '初中', grade: '初一', item_code: 'huangmei-junior-boarding', item_name: '初中寄宿生生活补助', amount_fen: 100000, fund_source: '财政资金',
          shares_json: JSON.stringify({ 中央: 80, 县: 20 }), pay_status: '已发放', fail_reason: null, paid_at: '2025-10-01',
        })
        .execute();
      const county = LedgerView.parse((await get('county', '/api/aid/ledger?schoolYear=2025')).json());
      expect(county).toMatchObject({ payments: 1, amount: 1000, byLevel: { 中央: 800, 县: 200, 省: 0 } });
      expect(county.bySource).toEqual([expect.objectContaining({ fundSource: '财政资金', itemName: '初中寄宿生生活补助', count: 1, amount: 1000 })]);
      expect(county.bySchool).toEqual([expect.objectContaining({ schoolCode: SCHOOLS.b, amount: 1000 })]);
      expect(LedgerView.parse((await get('inspector', '/api/aid/ledger?schoolYear=2025&term=秋季')).json()).amount).toBe(1000);
      expect(LedgerView.parse((await get('school-a', '/api/aid/ledger?schoolYear=2025')).json()).payments).toBe(0);

      // the tables export what they show: the ledger by school, the policy's items in the order asked
      const bySchool = await sheet('/api/aid/ledger?schoolYear=2025&table=school&format=xlsx');
      expect(bySchool.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([[SCHOOLS.b, '1', '1000']]);
      expect((await sheet('/api/aid/ledger?schoolYear=2025&table=source&format=xlsx')).slice(1).map((r) => r[1])).toEqual(['初中寄宿生生活补助']);
      const items = PolicyView.parse((await get('county', '/api/aid/policy?schoolYear=2025&sort=-name')).json()).items;
      expect(items.length).toBeGreaterThan(1);
      expect(items.map((i) => i.name)).toEqual([...items.map((i) => i.name)].sort().reverse());
      expect((await sheet('/api/aid/policy?schoolYear=2025&sort=-name&format=xlsx')).slice(1).map((r) => r[0])).toEqual(items.map((i) => i.code));
      expect((await get('county', '/api/aid/ledger?schoolYear=2025&sort=bogus')).statusCode).toBe(400);

      const csv = await get('county', '/api/aid/supervision?schoolYear=2025&format=csv');
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines[0]).toBe('序号,年度,学期,区县代码,发放县代码,学校标识码,学校名称,学籍号,姓名,资助项目,资金来源,发放金额,发放日期,批次号,中央资金,省级资金,市级资金,县级资金,未规定分担');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('李小红');
      expect(lines[1]).not.toContain(IDS.li); // masked unless asked for in full (CLI --full)
      const schoolA = await get('school-a', '/api/aid/supervision?schoolYear=2025&format=csv');
      expect(schoolA.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toHaveLength(1);
      expect((await get('teacher-a', '/api/aid/supervision?schoolYear=2025')).statusCode).toBe(403);
    });

    it('the policy and ledger tables page, sort and filter on the server and export what they show', async () => {
      const all = (await policy('county')).items;
      expect(all.length).toBeGreaterThan(3);
      // two items a page, by name descending: page 2 holds the third and fourth names
      const byName = [...all].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
      const page2 = PolicyItemList.parse((await get('county', '/api/aid/policy/items?schoolYear=2025&sort=-name&page=2&pageSize=2')).json());
      expect(page2.total).toBe(all.length);
      expect(page2.items.map((i) => i.code)).toEqual(byName.slice(2, 4).map((i) => i.code));
      // filters: a name, a kind, the retired state
      expect(PolicyItemList.parse((await get('county', `/api/aid/policy/items?schoolYear=2025&q=${encodeURIComponent('县级高中')}`)).json()).items.map((i) => i.code)).toEqual(['county-senior']);
      const retired = PolicyItemList.parse((await get('county', '/api/aid/policy/items?schoolYear=2025&state=retired')).json());
      expect(retired.items.map((i) => i.code)).toEqual(['county-senior']);
      const grants = PolicyItemList.parse((await get('county', `/api/aid/policy/items?schoolYear=2025&kind=${encodeURIComponent('助学金')}`)).json());
      expect(grants.total).toBe(all.filter((i) => i.kind === '助学金').length);
      expect(grants.items.every((i) => i.kind === '助学金')).toBe(true);
      expect((await get('county', '/api/aid/policy/items?schoolYear=2025&sort=bogus')).statusCode).toBe(400);
      // the export: every filtered item, not just the page, in the order shown
      expect((await sheet(`/api/aid/policy/items?schoolYear=2025&kind=${encodeURIComponent('助学金')}&sort=code&page=1&pageSize=1&format=xlsx`)).slice(1).map((r) => r[0])).toEqual(grants.items.map((i) => i.code).sort());

      // the set's changes, newest first, one page at a time; its export holds them all
      const changes = (await policy('county')).history;
      expect(changes.length).toBeGreaterThan(2);
      const h = PolicyHistoryList.parse((await get('county', '/api/aid/policy/history?schoolYear=2025&page=2&pageSize=2')).json());
      expect(h).toEqual({ total: changes.length, items: changes.slice(2, 4) });
      expect((await sheet('/api/aid/policy/history?schoolYear=2025&format=xlsx')).slice(1).map((r) => Number(r[0]))).toEqual(changes.map((c) => c.version));
      expect(PolicyHistoryList.parse((await get('school-a', '/api/aid/policy/history?schoolYear=2025')).json()).total).toBe(changes.length);
      expect((await get('teacher-a', '/api/aid/policy/items?schoolYear=2025')).statusCode).toBe(403);

      // the ledger's tables: paged, filtered by name; a school outside the payments sees none; a teacher is refused
      const schools = LedgerSchoolList.parse((await get('county', '/api/aid/ledger/schools?schoolYear=2025&pageSize=1')).json());
      expect(schools).toEqual({ total: 1, items: [expect.objectContaining({ schoolCode: SCHOOLS.b, count: 1, amount: 1000 })] });
      expect(LedgerSchoolList.parse((await get('county', `/api/aid/ledger/schools?schoolYear=2025&q=${encodeURIComponent('不存在的学校')}`)).json()).total).toBe(0);
      expect(LedgerSchoolList.parse((await get('school-a', '/api/aid/ledger/schools?schoolYear=2025')).json()).total).toBe(0);
      expect(LedgerSourceList.parse((await get('school-a', '/api/aid/ledger/sources?schoolYear=2025')).json()).total).toBe(0);
      const sources = LedgerSourceList.parse((await get('county', `/api/aid/ledger/sources?schoolYear=2025&term=${encodeURIComponent('秋季')}&q=${encodeURIComponent('寄宿')}`)).json());
      expect(sources.items).toEqual([expect.objectContaining({ fundSource: '财政资金', itemName: '初中寄宿生生活补助', byLevel: expect.objectContaining({ 中央: 800, 县: 200 }) })]);
      expect(LedgerSourceList.parse((await get('county', `/api/aid/ledger/sources?schoolYear=2025&term=${encodeURIComponent('春季')}`)).json()).total).toBe(0);
      expect((await sheet('/api/aid/ledger/schools?schoolYear=2025&format=xlsx')).slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([[SCHOOLS.b, '1', '1000']]);
      expect((await get('teacher-a', '/api/aid/ledger/sources?schoolYear=2025')).statusCode).toBe(403);
    });
  });
}
