// Work data of every kind for the data-scope route tests, on top of seedPlatform: for school A, school
// B (another township of 甘洛县) and the school of another county (贵阳 520102) — dropout cases, care
// children, entitlements, school submissions, disbursement batches with objections (and a paid batch
// of 2024), jobs, audit entries, a match pair in the other county, 困难认定 applications with their
// objections, projects, supervision records and each county's policy set — plus the accounts of a
// township and of the other county.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../src/db/database.ts';
import { buildPolicySet, editPolicy } from '../src/aid/manage-policy.ts';
import { itemFromInput } from '../src/aid/policy-item.rules.ts';
import { addFund, postFundUse } from '../src/projects/project-funds.ts';
import { addProject } from '../src/projects/project-steps.ts';
import { insertSupervision } from '../src/indicators/supervision.repository.ts';
import { recordAudit } from '../src/platform/audit.repository.ts';
import { cliActor } from '../src/platform/scope.ts';
import { IDS, SCHOOLS, TEST_PASSWORD, withCheckDigit } from '../src/platform/test-seed.ts';
import { addUser } from '../src/platform/user.service.ts';
import { seedTeachers } from './teacher-fixtures.ts';

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
  /** the family's stated difficulty in its 困难认定 applications, and the objection raised to them */
  recognition: string;
  recognitionObjection: string;
  /** its project (项目台账) */
  project: string;
  /** the finding of a supervision record on the school */
  supervision: string;
  /** the registry household paired (结对帮扶) with a helper of the school (a cadre in the other county), and the helper's name */
  household: string;
  helper: string;
  /** the file name of the proof kept with its dropout case */
  proofFile: string;
  /** the title of its activity record (a pairing activity) */
  activity: string;
}

export const PARTIES = {
  a: {
    school: SCHOOLS.a, schoolName: '甘洛县城关小学', county: '513433', township: '513433100',
    students: [[`G${IDS.zhang}`, '张小明', IDS.zhang], [`G${IDS.zhao}`, '赵小花', IDS.zhao]],
    caseNo: 'KC51343300001', jobId: '5a1e0000-0000-4000-8000-00000000000a', jobFile: '城关小学学籍名单.csv', objection: '张小明家庭情况与公示不符', auditTarget: '城关小学核查记录',
    recognition: '张小明父亲重病卧床', recognitionObjection: '张小明家新购轿车', project: '城关小学食堂改造', supervision: '城关小学控辍台账缺页',
    household: '5134330010001', helper: '城关小学帮扶教师甲', proofFile: '城关小学复学证明.pdf', activity: '城关小学结对联合教研',
  },
  b: {
    school: SCHOOLS.b, schoolName: '甘洛县新市坝中学', county: '513433', township: '513433101',
    students: [[`G${IDS.li}`, '李小红', IDS.li]],
    caseNo: 'KC51343300003', jobId: '5a1e0000-0000-4000-8000-00000000000b', jobFile: '新市坝中学学籍名单.csv', objection: '李小红已转学外县', auditTarget: '新市坝中学核查记录',
    recognition: '李小红家房屋遭灾', recognitionObjection: '李小红父母均在外务工', project: '新市坝中学学生宿舍', supervision: '新市坝中学资助公示缺失',
    household: '5134330010002', helper: '新市坝中学帮扶教师乙', proofFile: '新市坝中学复学证明.pdf', activity: '新市坝中学结对送课下乡',
  },
  other: {
    school: SCHOOLS.other, schoolName: '贵阳市南明小学', county: '520102', township: '520102001',
    students: [[`G${IDS.wang}`, '王小军', IDS.wang]],
    caseNo: 'KC52010200001', jobId: '5a1e0000-0000-4000-8000-0000000000cc', jobFile: '南明小学学籍名单.csv', objection: '王小军户籍已迁出', auditTarget: '南明小学核查记录',
    recognition: '王小军母亲残疾', recognitionObjection: '王小军家经营商铺', project: '南明小学运动场', supervision: '南明小学营养餐账目不清',
    household: '5201020010001', helper: '南明区帮扶干部丙', proofFile: '南明小学复学证明.pdf', activity: '南明小学结对听课评课',
  },
} satisfies Record<string, Party>;

/** Objects of a whole county (its policy set, supervision records on the county): outside the scope only when every party of that county is. */
export const COUNTY_MARKERS: Record<string, string[]> = {
  '513433': ['甘洛县资助政策（本县）', '甘洛县县级自查台账不全', '甘洛县高中助学金'],
  '520102': ['南明区资助政策（本区）', '南明区县级自查台账不全', '南明区高中助学金'],
};

/** The item of each county's policy set, by party. */
export const POLICY_ITEM = { a: 'gl-senior', b: 'gl-senior', other: 'nm-senior' } as const;
export const policyItem = (code: string, name: string) => ({
  schoolYear: 2025, code, name, kind: '助学金' as const, stages: ['普通高中'], per: 'year' as const, yuan: 1500, fundSource: '财政资金' as const, shares: { 省: 60, 县: 40 }, basis: '县政府常务会议纪要',
});

export const OTHER_MATCH_ID = `G${IDS.wang}|建档立卡|5201020010001|1`;

/** The batch ids: X holds the rows of schools A and B (甘洛县), Y the other county's. */
export interface ScopeFixtures {
  batchX: number;
  batchY: number;
  objection: Record<keyof typeof PARTIES, number>;
  /** the 困难认定 objection raised to the party's 2025 application */
  recognitionObjection: Record<keyof typeof PARTIES, number>;
  project: Record<keyof typeof PARTIES, number>;
  /** the proof kept with the party's dropout case */
  proof: Record<keyof typeof PARTIES, number>;
  /** the ID number of the party's teacher (教师花名册) */
  teacherIds: Record<keyof typeof PARTIES, string>;
  /** the school pairing that helps the party's school (its helper a school of no party), and its activity with one attachment */
  schoolPairing: Record<keyof typeof PARTIES, number>;
  activity: Record<keyof typeof PARTIES, number>;
  /** the version (time of last change) of every party's activity, as an edit or delete sends it */
  activityVersion: string;
  /** a finished inspection pack of the party's county (its zip in the job's folder), made by that county's user */
  packJob: Record<keyof typeof PARTIES, string>;
  /** an evidence file of an entered indicator value of the party's county */
  evidence: Record<keyof typeof PARTIES, number>;
  /** the id of the party's teacher payable of 2025-10 (待发放) */
  payable: Record<keyof typeof PARTIES, number>;
}

/** The helping schools of the school pairings: in each county, a school of no party. */
export const HELPER_SCHOOLS = { '513433': '5134330091', '520102': '5201000091' } as const;

/** The finished inspection pack of each county: its job id and the file in the job's folder. */
export const PACK_JOBS = {
  '513433': { id: '9ac40000-0000-4000-8000-000000513433', file: '2025学年督导材料包-513433.zip', actor: 'county' },
  '520102': { id: '9ac40000-0000-4000-8000-000000520102', file: '2025学年督导材料包-520102.zip', actor: 'county-gy' },
} as const;

export async function seedScopeFixtures(database: Database, dataDir: string): Promise<ScopeFixtures> {
  const db = database.db;
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
  // paid: a batch of 2024 秋季 paid in full (the ledger and the supervision export read paid rows)
  const batch = async (rows: [Party, [string, string, string]][], paid = false) => {
    const year = paid ? 2024 : 2025;
    const b = await db.insertInto('aid_batches').values({
      school_year: year, term: '秋季', item_code: null, status: paid ? '已发放' : '公示中', row_count: rows.length, amount_fen: 50000 * rows.length, notice_days: 5, notice_start: `${year}-10-01`, notice_end: `${year}-10-10`,
      contact: null, created_by: 'county', created_at: AT, updated_at: AT, approved_by: paid ? 'county' : null, approved_at: paid ? AT : null, paid_at: paid ? AT : null, cancel_reason: null, reissue_of: null,
    }).returning('id').executeTakeFirstOrThrow();
    const id = Number(b.id);
    await db.insertInto('aid_batch_rows').values(rows.map(([p, s], i) => {
      const e = ent(p, s);
      const key = paid ? e.id.replace('2025|', '2024|') : e.id;
      return { batch_id: id, seq: i + 1, entitlement_id: key, pay_key: key, county_code: p.county, payer_county: p.county, student_no: e.student_no, name: e.name, school_code: p.school, school_name: p.schoolName,
        stage: e.stage, grade: e.grade, item_code: e.item_code, item_name: e.item_name, amount_fen: e.amount_fen, fund_source: e.fund_source, shares_json: JSON.stringify({ 中央: 60, 县: 40 }),
        pay_status: paid ? '已发放' : '待发放', fail_reason: null, paid_at: paid ? '2024-11-01' : null };
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
  await batch([[a, a.students[0]], [bb, bb.students[0]]], true);
  await batch([[o, o.students[0]]], true);

  // 困难认定 of each party's first student: 2023 on notice and due to be filed, 2024 decided and not yet
  // on notice, 2025 on notice with an objection not yet answered
  const recognitionObjection = {} as Record<keyof typeof PARTIES, number>;
  for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
    const [no, name] = p.students[0];
    for (const [year, status] of [[2023, '公示中'], [2024, '已认定'], [2025, '公示中']] as const) {
      await db.insertInto('aid_recognitions').values({
        id: `${year}|${no}`, school_year: year, student_no: no, county_code: p.county, school_code: p.school, name, status, application: p.recognition, tier: '比较困难', decision_reason: null,
        applied_at: `${year}-09-05`, decided_at: `${year}-09-20`, decided_by: 'school', notice_start: status === '公示中' ? `${year}-09-21` : null, notice_end: status === '公示中' ? `${year === 2023 ? 2023 : 2099}-09-28` : null,
        filed_at: null, updated_at: AT, actor: 'school',
      }).execute();
    }
    recognitionObjection[key] = Number((await db.insertInto('aid_recognition_objections').values({
      recognition_id: `2025|${no}`, school_code: p.school, county_code: p.county, content: p.recognitionObjection, raised_by: 'county', raised_at: '2025-09-22', answer: null, outcome: null, answered_by: null, answered_at: null,
    }).returning('id').executeTakeFirstOrThrow()).id);
  }

  // 项目台账: one project a school, with a fund source whose use is posted (so a spending could be recorded)
  const project = {} as Record<keyof typeof PARTIES, number>;
  for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
    await addProject(database, admin, { school: p.school, name: p.project, kind: '食堂', budget: '500000', fund: '中央专项资金' });
    project[key] = Number((await db.selectFrom('projects').select('id').where('name', '=', p.project).executeTakeFirstOrThrow()).id);
    await addFund(database, admin, { project: String(project[key]), source: '县级配套', budget: '100000' });
    await postFundUse(database, admin, '2025-10-01', { project: String(project[key]), source: '县级配套', date: '2025-09-01', amount: '100000', content: '校务公开栏' });
  }

  // 督导问责: a 通报 on each school, a 县级自查 on each county
  const supervision = (subject: string, subjectName: string, county: string, kind: string, finding: string) =>
    insertSupervision(db, { county_code: county, school_year: 2025, subject, subject_name: subjectName, kind, matter: finding, record_date: '2025-10-01', finding, result: kind === '县级自查' ? '整改' : null, actor: 'county', at: AT });
  for (const p of parties) await supervision(p.school, p.schoolName, p.county, '通报', p.supervision);
  for (const [county, [, finding]] of Object.entries(COUNTY_MARKERS)) await supervision(county, `行政区划 ${county}`, county, '县级自查', finding);

  // each county's own policy set of 2025 with one item; 甘洛县 has a set of 2024 too, 南明区 none
  for (const [county, [name, , itemName]] of Object.entries(COUNTY_MARKERS)) {
    await buildPolicySet(database, { schoolYear: 2025, regionCode: county, preset: null, name, actor: admin });
    const code = county === '513433' ? POLICY_ITEM.a : POLICY_ITEM.other;
    await editPolicy(database, { schoolYear: 2025, regionCode: county, edit: { kind: 'add', item: itemFromInput(policyItem(code, itemName)) }, reason: null, actor: admin });
  }
  await buildPolicySet(database, { schoolYear: 2024, regionCode: '513433', preset: null, name: COUNTY_MARKERS['513433'][0], actor: admin });

  // 结对帮扶: A's and B's households (both in a village of township 100) paired with a teacher of each
  // school, the other county's with a cadre; a visit to each; a proof kept with each dropout case
  const proof = {} as Record<keyof typeof PARTIES, number>;
  for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
    const username = key === 'a' ? 'teacher-a' : key === 'b' ? 'teacher-b' : null;
    await db.insertInto('household_pairings').values({
      household_no: p.household, county_code: p.county, township_code: key === 'other' ? p.township : '513433100', helper_key: username ? `user:${username}` : `cadre:${p.helper}`, helper_name: p.helper,
      helper_role: username ? 'teacher' : 'cadre', username, school_code: username ? p.school : null, cadre_unit: username ? null : '南明区教育局', assigned_by: 'admin', assigned_at: AT,
    }).execute();
    await db.insertInto('household_visits').values({ household_no: p.household, county_code: p.county, visit_date: '2025-10-01', by_name: p.helper, kind: '入户走访', note: `${p.helper}入户`, actor: 'admin', at: AT }).execute();
    const content = Buffer.from('%PDF-1.4\n%scope\n');
    proof[key] = Number((await db.insertInto('dropout_proofs').values({ case_no: p.caseNo, county_code: p.county, file_name: p.proofFile, mime: 'application/pdf', size: content.length, sha256: 'x'.repeat(64), content, actor: 'county', at: AT })
      .returning('id').executeTakeFirstOrThrow()).id);
  }

  // 三统一: a second case of each party's first student, 劝返中 while the student is 在读
  for (const p of parties) {
    await db.insertInto('dropout_cases').values({
      case_no: `${p.caseNo}9`, county_code: p.county, person_key: `p-${p.caseNo}9`, name: p.students[0][1], id_number: p.students[0][2], id_raw: p.students[0][2], birth_date: '2012-03-05', sex: 'M',
      hukou_region: `${p.township}201`, township_code: p.township, student_no: p.students[0][0], school_code: p.school, sources: '缺勤预警', basis: '连续缺勤 3 天', school_year: 2025, status: '劝返中',
      category: null, note: null, assigned_school: null, township_user: null, village_cadre: null, last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
    }).execute();
    // its opening in 2025-10, counted by school and township in the period report (四个一)
    await db.insertInto('dropout_case_events').values({ case_no: `${p.caseNo}9`, county_code: p.county, action: 'open', from_status: null, to_status: '待核查', event_date: '2025-10-01', detail_json: null, actor: 'county', at: AT }).execute();
  }

  // 教师队伍: each school's helper is on its roster (20 years of service in 2025: an honour due), with a
  // 特岗 hire into the school, a payable of 2025-10; no move crosses two parties
  const teacherIds = {} as Record<keyof typeof PARTIES, string>;
  const payable = {} as Record<keyof typeof PARTIES, number>;
  for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
    teacherIds[key] = withCheckDigit(`${p.county}19850101${{ a: '111', b: '222', other: '333' }[key]}`);
    await seedTeachers(db, [{ name: p.helper, id: teacherIds[key], school_code: p.school, county_code: p.county, education: '本科', title: '一级教师', village: 1, start_month: '2005-08', training_hours: 30, standard_hours: 10 }]);
    await db.insertInto('teacher_moves').values({ county_code: p.county, teacher_key: teacherIds[key], kind: '特岗', school_year: 2025, from_school: null, to_school: p.school, start_on: '2025-09-01', end_on: null, backbone: 1, note: '', actor: 'county', at: AT }).execute();
    payable[key] = Number((await db.insertInto('teacher_payables').values({ county_code: p.county, teacher_key: teacherIds[key], school_code: p.school, item: '乡村教师生活补助', period: '2025-10', amount_fen: 50000, status: '待发放', basis: '种子003', paid_on: null, pay_note: null, actor: 'county', at: AT })
      .returning('id').executeTakeFirstOrThrow()).id);
  }

  // 城乡学校结对帮扶: each party's school helped by a school of its county, one activity with one attachment
  await db.insertInto('schools').values([
    { code: HELPER_SCHOOLS['513433'], name: '甘洛县城区帮扶学校', region_code: '513433100000', county_code: '513433', school_type: '小学', urban_rural: '城区', row_hash: 'h', rev: 1, created_at: AT, updated_at: AT },
    { code: HELPER_SCHOOLS['520102'], name: '南明区城区帮扶学校', region_code: '520102000000', county_code: '520102', school_type: '小学', urban_rural: '城区', row_hash: 'h', rev: 1, created_at: AT, updated_at: AT },
  ]).execute();
  const schoolPairing = {} as Record<keyof typeof PARTIES, number>;
  const activity = {} as Record<keyof typeof PARTIES, number>;
  for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
    schoolPairing[key] = Number((await db.insertInto('school_pairings').values({ county_code: p.county, helper_code: HELPER_SCHOOLS[p.county as keyof typeof HELPER_SCHOOLS], helped_code: p.school, started_on: '2025-09-01', actor: 'admin', at: AT })
      .returning('id').executeTakeFirstOrThrow()).id);
    activity[key] = Number((await db.insertInto('pairing_activities').values({
      pairing_id: schoolPairing[key], county_code: p.county, school_code: p.school, kind: '联合教研', activity_date: '2025-09-20', title: p.activity, summary: null, goal: null, start_at: '2025-09-20 09:00', end_at: null,
      place: null, participants: null, expected_count: null, present_count: null, arrangements: null, safety: null, organisers_json: JSON.stringify([{ person: p.helper, role: '组长', duty: '统筹' }]), actor: 'admin', at: AT,
    }).returning('id').executeTakeFirstOrThrow()).id);
    const content = Buffer.from('%PDF-1.4\n%activity\n');
    await db.insertInto('activity_attachments').values({ activity_id: activity[key], county_code: p.county, file_name: `${p.activity}.pdf`, mime: 'application/pdf', size: content.length, sha256: 'x'.repeat(64), content, actor: 'admin', at: AT }).execute();
  }

  // 指标考核: each county's entered 学生机比 of 2025 with one evidence file, and its finished inspection pack
  const evidence = {} as Record<keyof typeof PARTIES, number>;
  const packJob = {} as Record<keyof typeof PARTIES, string>;
  for (const [county, pack] of Object.entries(PACK_JOBS)) {
    const valueId = Number((await db.insertInto('indicator_values').values({ indicator: 'students-per-computer', county_code: county, school_year: 2025, value: 6.5, evidence: '装备统计表', actor: pack.actor, at: AT })
      .returning('id').executeTakeFirstOrThrow()).id);
    const content = Buffer.from('%PDF-1.4\n%evidence\n');
    const id = Number((await db.insertInto('indicator_evidence').values({ value_id: valueId, county_code: county, indicator: 'students-per-computer', school_year: 2025, file_name: `${county}装备统计表.pdf`, mime: 'application/pdf', size: content.length, sha256: 'x'.repeat(64), content, actor: pack.actor, at: AT })
      .returning('id').executeTakeFirstOrThrow()).id);
    await db.insertInto('jobs').values({
      id: pack.id, kind: 'inspection', params_json: JSON.stringify({ schoolYear: 2025, title: '2025学年 生成督导材料包', file: pack.file, within: county }), file_name: pack.file, status: 'done', progress: 1, message: '已完成',
      result_json: JSON.stringify({ files: 1, out: pack.file, schoolYear: 2025, within: county }), error_json: null, errors_file: null, warnings_file: null, actor: pack.actor, region_code: `${county}000000`, pid: null, created_at: AT, started_at: AT, finished_at: AT,
    }).execute();
    fs.mkdirSync(path.join(dataDir, 'jobs', pack.id), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'jobs', pack.id, pack.file), Buffer.from('PK\x05\x06'.padEnd(22, '\0'), 'latin1'));
    for (const [key, p] of Object.entries(PARTIES) as [keyof typeof PARTIES, Party][]) {
      if (p.county !== county) continue;
      evidence[key] = id;
      packJob[key] = pack.id;
    }
  }

  return { batchX, batchY, objection: objections, recognitionObjection, project, proof, schoolPairing, activity, activityVersion: AT, payable, teacherIds, evidence, packJob };
}
