// Work data of every kind for the data-scope route tests, on top of seedPlatform: for school A, school
// B (another township of 甘洛县) and the school of another county (贵阳 520102) — dropout cases, care
// children, entitlements, school submissions, disbursement batches with objections, jobs, audit
// entries, a match pair in the other county — plus the accounts of a township and of the other county.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { recordAudit } from '../src/platform/audit.repository.ts';
import { cliActor } from '../src/platform/scope.ts';
import { IDS, SCHOOLS, TEST_PASSWORD } from '../src/platform/test-seed.ts';
import { addUser } from '../src/platform/user.service.ts';

const AT = '2025-10-01T00:00:00.000Z';

export interface Party {
  school: string;
  schoolName: string;
  county: string;
  township: string;
  /** [学籍号, name, ID number] of its students */
  students: [string, string, string][];
  caseNo: string;
  jobId: string;
  jobFile: string;
  /** text of the objection raised on the batch holding its rows */
  objection: string;
  auditTarget: string;
}

export const PARTIES = {
  a: {
    school: SCHOOLS.a, schoolName: '甘洛县城关小学', county: '513433', township: '513433100',
    students: [[`G${IDS.zhang}`, '张小明', IDS.zhang], [`G${IDS.zhao}`, '赵小花', IDS.zhao]],
    caseNo: 'KC51343300001', jobId: '5a1e0000-0000-4000-8000-00000000000a', jobFile: '城关小学学籍名单.csv', objection: '张小明家庭情况与公示不符', auditTarget: '城关小学核查记录',
  },
  b: {
    school: SCHOOLS.b, schoolName: '甘洛县新市坝中学', county: '513433', township: '513433101',
    students: [[`G${IDS.li}`, '李小红', IDS.li]],
    caseNo: 'KC51343300003', jobId: '5a1e0000-0000-4000-8000-00000000000b', jobFile: '新市坝中学学籍名单.csv', objection: '李小红已转学外县', auditTarget: '新市坝中学核查记录',
  },
  other: {
    school: SCHOOLS.other, schoolName: '贵阳市南明小学', county: '520102', township: '520102001',
    students: [[`G${IDS.wang}`, '王小军', IDS.wang]],
    caseNo: 'KC52010200001', jobId: '5a1e0000-0000-4000-8000-0000000000cc', jobFile: '南明小学学籍名单.csv', objection: '王小军户籍已迁出', auditTarget: '南明小学核查记录',
  },
} satisfies Record<string, Party>;

export const OTHER_MATCH_ID = `G${IDS.wang}|建档立卡|5201020010001|1`;

/** The batch ids: X holds the rows of schools A and B (甘洛县), Y the other county's. */
export interface ScopeFixtures {
  batchX: number;
  batchY: number;
  objection: Record<keyof typeof PARTIES, number>;
}

export async function seedScopeFixtures(db: Kysely<DB>): Promise<ScopeFixtures> {
  const admin = cliActor();
  await addUser(db, admin, { username: 'township-100', role: 'township', region: '513433100', password: TEST_PASSWORD });
  await addUser(db, admin, { username: 'county-gy', role: 'county', region: '520102', password: TEST_PASSWORD });
  await addUser(db, admin, { username: 'inspector-gy', role: 'inspector', region: '520102', password: TEST_PASSWORD });
  await addUser(db, admin, { username: 'teacher-b', role: 'teacher', school: SCHOOLS.b, password: TEST_PASSWORD });

  // the other county's registry household and its pair, so that its reviewers have work too
  await db.insertInto('members').values({
    member_id: '建档立卡|5201020010001|1', list_kind: '建档立卡', household_no: '5201020010001', member_key: '1', county_code: '520102', name: '王小军', name_norm: '王小军', name_key: '王小军',
    id_raw: IDS.wang, id_number: IDS.wang, id_status: 'valid', relation: '之子', sex: 'M', birth_date: '2010-01-01', village_code: '520102001201', household_type: '脱贫户',
    year_identified: 2015, year_exited: 2020, row_hash: 'h', rev: 1, created_at: AT, updated_at: AT,
  }).execute();
  await db.insertInto('matches').values({
    match_id: OTHER_MATCH_ID, student_no: `G${IDS.wang}`, member_id: '建档立卡|5201020010001|1', list_kind: '建档立卡', household_no: '5201020010001', county_code: '520102',
    method: '姓名+出生日期', confidence: 0.8, status: 'review', basis: '姓名、出生日期相同', computed_rev: 1, updated_at: AT,
  }).execute();

  const parties = Object.values(PARTIES) as Party[];
  for (const p of parties) {
    await db.insertInto('dropout_cases').values({
      case_no: p.caseNo, county_code: p.county, person_key: `p-${p.caseNo}`, name: p.students[0][1], id_number: p.students[0][2], id_raw: p.students[0][2], birth_date: '2012-03-05', sex: 'M',
      hukou_region: `${p.township}201`, township_code: p.township, student_no: p.students[0][0], school_code: p.school, sources: '缺勤预警', basis: '连续缺勤 3 天', school_year: 2025, status: '待核查',
      category: null, note: null, assigned_school: null, township_user: null, village_cadre: null, last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
    }).execute();
    for (const [no, name] of p.students) {
      await db.insertInto('care_children').values({
        student_no: no, county_code: p.county, school_code: p.school, name, categories: '留守儿童', parents_work_place: '广东', guardian_name: '祖母', guardian_relation: '祖孙', guardian_phone: '13800000000', health: '健康', boarding: 1,
        row_hash: 'h', rev: 1, created_at: AT, updated_at: AT,
      }).execute();
    }
  }
  await db.insertInto('care_mentors').values([
    { student_no: `G${IDS.zhang}`, county_code: '513433', school_code: SCHOOLS.a, mentor: 'teacher-a', kind: '一对一', assigned_by: 'admin', assigned_at: AT },
    { student_no: `G${IDS.li}`, county_code: '513433', school_code: SCHOOLS.b, mentor: 'teacher-b', kind: '一对一', assigned_by: 'admin', assigned_at: AT },
  ]).execute();

  // 2025 秋季 entitlements: 张小明 (A), 李小红 (B), 王小军 (other county) are in batches; 赵小花 (A) is not yet
  const ent = (p: Party, [no, name]: [string, string, string]) => ({
    id: `2025|秋季|${no}|living`, county_code: p.county, school_year: 2025, term: '秋季', student_no: no, name, school_code: p.school, school_name: p.schoolName, stage: '小学', grade: '六年级',
    item_code: 'living', item_name: '寄宿生生活补助', kind: '助', amount_fen: 50000, cash: 1, fund_source: '中央', shares_json: '{}', payer_county: p.county, reason: '建档立卡脱贫户子女，寄宿',
    basis: '寄宿生 小学 1000/年', status: 'active', stop_reason: null, computed_at: AT, updated_at: AT,
  });
  await db.insertInto('aid_entitlements').values(parties.flatMap((p) => p.students.map((s) => ent(p, s)))).execute();
  for (const p of parties) {
    await db.insertInto('aid_submissions').values({
      id: `2025|秋季|${p.school}`, school_year: 2025, term: '秋季', school_code: p.school, county_code: p.county, status: '已上报', students: p.students.length, amount_fen: 50000 * p.students.length,
      note: `${p.schoolName}已核对`, submitted_by: 'school', submitted_at: AT, decided_by: null, decided_at: null, reason: null,
    }).execute();
  }
  const batch = async (rows: [Party, [string, string, string]][]) => {
    const b = await db.insertInto('aid_batches').values({
      school_year: 2025, term: '秋季', item_code: null, status: '公示中', row_count: rows.length, amount_fen: 50000 * rows.length, notice_days: 5, notice_start: '2025-10-01', notice_end: '2025-10-10',
      contact: null, created_by: 'county', created_at: AT, updated_at: AT, approved_by: null, approved_at: null, paid_at: null, cancel_reason: null, reissue_of: null,
    }).returning('id').executeTakeFirstOrThrow();
    const id = Number(b.id);
    await db.insertInto('aid_batch_rows').values(rows.map(([p, s], i) => {
      const e = ent(p, s);
      return { batch_id: id, seq: i + 1, entitlement_id: e.id, pay_key: e.id, county_code: p.county, payer_county: p.county, student_no: e.student_no, name: e.name, school_code: p.school, school_name: p.schoolName,
        stage: e.stage, grade: e.grade, item_code: e.item_code, item_name: e.item_name, amount_fen: e.amount_fen, fund_source: e.fund_source, shares_json: e.shares_json, pay_status: '待发放', fail_reason: null, paid_at: null };
    })).execute();
    return id;
  };
  const a: Party = PARTIES.a;
  const bb: Party = PARTIES.b;
  const o: Party = PARTIES.other;
  const batchX = await batch([[a, a.students[0]], [bb, bb.students[0]]]);
  const batchY = await batch([[o, o.students[0]]]);
  const objection = async (batchId: number, p: Party) =>
    Number((await db.insertInto('aid_objections').values({ batch_id: batchId, student_no: p.students[0][0], content: p.objection, raised_by: 'county', raised_at: '2025-10-01', answer: null, answered_by: null, answered_at: null }).returning('id').executeTakeFirstOrThrow()).id);
  const objections = { a: await objection(batchX, a), b: await objection(batchX, bb), other: await objection(batchY, o) };

  for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
    await db.insertInto('jobs').values({
      id: p.jobId, kind: 'import', params_json: JSON.stringify({ kind: 'students' }), file_name: p.jobFile, status: 'done', progress: 1, message: null, result_json: '{}', error_json: null, errors_file: null,
      warnings_file: null, actor: key === 'other' ? 'county-gy' : 'county', region_code: `${key === 'b' ? p.township : p.county}${'0'.repeat(key === 'b' ? 3 : 6)}`, pid: null, created_at: AT, started_at: AT, finished_at: AT,
    }).execute();
    await recordAudit(db, { actor: 'county', action: 'dropout.case.check', target: p.auditTarget, regions: [p.county, `${p.township}000`] });
  }
  return { batchX, batchY, objection: objections };
}
