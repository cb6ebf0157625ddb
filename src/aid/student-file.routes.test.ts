import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../db/test-databases.ts';
import { fullIdsIn } from '../platform/privacy.rules.ts';
import { StudentList } from '../registry/student.schema.ts';
import { IDS, REVIEW_MATCH_ID, SCHOOLS, startTestApp, type TestApp } from '../platform/test-seed.ts';
import { StudentFile } from './student-file.schema.ts';

const AT = '2025-10-01T00:00:00.000Z';
const ZHANG = `G${IDS.zhang}`;

/** 认定, an entitlement, a paid batch row and a transfer between schools for 张小明. */
async function seedFile(t: TestApp): Promise<void> {
  const db = t.database.db;
  await db
    .insertInto('aid_recognitions')
    .values({
      id: `2025|${ZHANG}`,
      school_year: 2025,
      student_no: ZHANG,
      county_code: '513433',
      school_code: SCHOOLS.a,
      name: '张小明',
      status: '已认定',
      application: '父亲务工收入低',
      tier: '特别困难',
      decision_reason: '建档立卡脱贫户',
      applied_at: AT,
      decided_at: AT,
      decided_by: 'school-a',
      notice_start: null,
      notice_end: null,
      filed_at: null,
      updated_at: AT,
      actor: 'school-a',
    })
    .execute();
  const ent = {
    id: `2025|秋季|${ZHANG}|living`,
    county_code: '513433',
    school_year: 2025,
    term: '秋季',
    student_no: ZHANG,
    name: '张小明',
    school_code: SCHOOLS.a,
    school_name: '甘洛县城关小学',
    stage: '小学',
    grade: '六年级',
    item_code: 'living',
    item_name: '寄宿生生活补助',
    kind: '助',
    amount_fen: 50000,
    cash: 1,
    fund_source: '中央',
    shares_json: '{}',
    payer_county: '513433',
    reason: '建档立卡脱贫户子女，寄宿',
    basis: '黄梅 篇二: 寄宿生 小学 1000/年',
    status: 'active',
    stop_reason: null,
    computed_at: AT,
    updated_at: AT,
  };
  await db.insertInto('aid_entitlements').values(ent).execute();
  const batch = await db
    .insertInto('aid_batches')
    .values({ school_year: 2025, term: '秋季', item_code: null, status: '已发放', row_count: 1, amount_fen: 50000, notice_days: 5, notice_start: AT, notice_end: AT, contact: null, created_by: 'county', created_at: AT, updated_at: AT, approved_by: 'county', approved_at: AT, paid_at: AT, cancel_reason: null, reissue_of: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('aid_batch_rows')
    .values({
      batch_id: Number(batch.id),
      seq: 1,
      entitlement_id: ent.id,
      pay_key: ent.id,
      county_code: '513433',
      payer_county: '513433',
      student_no: ZHANG,
      name: '张小明',
      school_code: SCHOOLS.a,
      school_name: '甘洛县城关小学',
      stage: '小学',
      grade: '六年级',
      item_code: 'living',
      item_name: '寄宿生生活补助',
      amount_fen: 50000,
      fund_source: '中央',
      shares_json: '{}',
      pay_status: '已发放',
      fail_reason: null,
      paid_at: AT,
    })
    .execute();
  await db
    .insertInto('record_history')
    .values({
      table_name: 'students',
      record_key: ZHANG,
      county_code: '513433',
      action: 'update',
      before_json: JSON.stringify({ school_code: SCHOOLS.b, grade: '五年级', id_raw: ` ${IDS.zhang}`, row_hash: 'x' }),
      after_json: JSON.stringify({ school_code: SCHOOLS.a, grade: '六年级', id_raw: IDS.zhang, row_hash: 'y' }),
      import_id: 'imp-1',
      actor: 'county',
      at: AT,
    })
    .execute();
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`student file on ${dialect}`, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestApp(dialect);
      for (const u of ['admin', 'county', 'school-a', 'school-b', 'teacher-a', 'inspector']) cookies[u] = await t.login(u);
      await seedFile(t);
      const res = await t.app.inject({ method: 'POST', url: `/api/matches/${encodeURIComponent(REVIEW_MATCH_ID)}/confirm`, headers: t.headers(cookies['school-a']), payload: { reason: '家访核实' } });
      expect(res.statusCode).toBe(200);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (user: string, url: string) => t.app.inject({ url, headers: cookies[user] ? { cookie: cookies[user] } : {} });
    const refOf = async (name: string) => StudentList.parse((await get('admin', `/api/students?q=${encodeURIComponent(name)}`)).json()).items[0].id;

    it('answers 401 without a session and 400 on a bad query', async () => {
      expect((await get('nobody', `/api/students/${ZHANG}/file`)).statusCode).toBe(401);
      const res = await get('admin', `/api/students/${ZHANG}/file?full=yes`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('gathers the record, household, matches with decisions, 认定, aid, payments and changes', async () => {
      const res = await get('school-a', `/api/students/${await refOf('张小明')}/file`);
      expect(res.statusCode).toBe(200);
      const f = StudentFile.parse(res.json());
      expect(f.student).toMatchObject({ name: '张小明', schoolName: '甘洛县城关小学', matchStatus: 'confirmed' });
      expect(f.matches).toHaveLength(1);
      expect(f.matches![0]).toMatchObject({ method: '身份证号近似+姓名+出生日期', status: 'confirmed', basis: '身份证号差 1 位，姓名、出生日期相同' });
      expect(f.matches![0].decision).toMatchObject({ decision: 'confirmed', level: '学校', reason: '家访核实', actor: 'school-a' });
      expect(f.matches![0].decisions).toHaveLength(1);
      expect(f.households).toHaveLength(1);
      expect(f.households![0]).toMatchObject({ householdNo: '5134330010001', householdType: '脱贫户', yearIdentified: 2014 });
      expect(f.households![0].members.map((m) => [m.name, m.relation, m.self])).toEqual([
        ['张大山', '户主', false],
        ['张小明', '之子', true],
      ]);
      expect(f.recognitions).toEqual([expect.objectContaining({ schoolYear: 2025, status: '已认定', tier: '特别困难' })]);
      expect(f.entitlements).toEqual([expect.objectContaining({ itemName: '寄宿生生活补助', amountYuan: 500, basis: '黄梅 篇二: 寄宿生 小学 1000/年' })]);
      expect(f.payments).toEqual([expect.objectContaining({ batchStatus: '已发放', payStatus: '已发放', amountYuan: 500, paidAt: AT })]);
      expect(f.changes).toHaveLength(1);
      expect(f.changes[0].fields.map((c) => [c.label, c.before, c.after])).toContainEqual(['学校标识码', SCHOOLS.b, SCHOOLS.a]);
      expect(f.changes[0].fields.map((c) => c.field)).not.toContain('row_hash');
    });

    it('keeps another school’s student from a school user (404)', async () => {
      const li = await refOf('李小红');
      expect((await get('school-a', `/api/students/${li}/file`)).statusCode).toBe(404);
      expect((await get('school-a', `/api/students/G${IDS.li}/file`)).statusCode).toBe(404);
      expect((await get('school-b', `/api/students/${li}/file`)).statusCode).toBe(200);
      expect((await get('county', `/api/students/G${IDS.wang}/file`)).statusCode).toBe(404);
    });

    it('shows a teacher no poverty status, household or matches', async () => {
      const res = await get('teacher-a', `/api/students/${ZHANG}/file`);
      expect(res.statusCode).toBe(200);
      const f = StudentFile.parse(res.json());
      expect(f.student.matchStatus).toBeNull();
      expect(f).toMatchObject({ matches: null, households: null, recognitions: null, entitlements: null, payments: null });
      expect(res.body).not.toContain('5134330010001');
      expect(res.body).not.toContain('脱贫户');
      expect(res.body).not.toContain('建档立卡');
      expect(f.changes).toHaveLength(1);
    });

    it.each(['admin', 'county', 'school-a', 'teacher-a', 'inspector'])('sends %s no full ID number', async (user) => {
      const res = await get(user, `/api/students/${ZHANG}/file`);
      expect(res.statusCode).toBe(200);
      expect(fullIdsIn(res.body)).toEqual([]);
    });

    it('shows the full ID only on ?full=1 by admin or county, and audits it', async () => {
      for (const user of ['school-a', 'teacher-a', 'inspector']) expect((await get(user, `/api/students/${ZHANG}/file?full=1`)).statusCode).toBe(403);
      const before = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'student.file-read-full').execute();
      expect(before).toHaveLength(0);
      const res = await get('county', `/api/students/${ZHANG}/file?full=1`);
      expect(res.statusCode).toBe(200);
      const f = StudentFile.parse(res.json());
      expect(f.fullId).toBe(true);
      expect(f.student.idNumber).toBe(IDS.zhang);
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'student.file-read-full').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'county', target: `G513433********${IDS.zhang.slice(-4)} 张小明` });
      // history keeps its IDs masked even in a full read
      expect(fullIdsIn(JSON.stringify(f.changes))).toEqual([]);
    });
  });
}
