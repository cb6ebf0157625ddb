// Use cases of 家庭经济困难学生认定: a family applies, the school decides a tier, the decisions go on
// 公示 (a list without IDs or labels) and are filed; filed tiers feed `fuzhi entitle`.
import type { Database } from '../db/database.ts';
import { FuzhiError, notFound } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { writeTable } from '../files/write-table.ts';
import { studentsByNo } from '../registry/listed-students.service.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor, DataScope } from '../platform/scope.ts';
import { noticeEndDate } from './batch.rules.ts';
import { nextRecognition, parseTier, type RecognitionStatus } from './recognition.rules.ts';
import {
  answerRecognitionObjectionRow,
  getRecognition,
  insertRecognitionObjection,
  objectionsOfRecognitions,
  putRecognition,
  recognitionObjectionInScope,
  recognitionsOfYear,
  updateRecognitions,
  type RecognitionRow,
} from './recognition.repository.ts';

interface Base { schoolYear: number; actor: Actor; today: string; scope?: DataScope }

const idOf = (y: number, no: string) => `${y}|${no}`;

export async function applyRecognition(database: Database, o: Base & { studentNo: string; application: string }) {
  const [s] = await studentsByNo(database.db, [o.studentNo]);
  if (!s) throw notFound(`学籍中没有学生 ${o.studentNo}`, `no student ${o.studentNo} in the roster`);
  return database.db.transaction().execute(async (trx) => {
    const old = await getRecognition(trx, idOf(o.schoolYear, o.studentNo));
    const status = nextRecognition(old?.status as RecognitionStatus | undefined, 'apply', o);
    await putRecognition(trx, {
      id: idOf(o.schoolYear, o.studentNo), school_year: o.schoolYear, student_no: s.studentNo, county_code: s.countyCode, school_code: s.schoolCode,
      name: s.name, status, application: o.application, tier: null, decision_reason: null, applied_at: o.today, decided_at: null, decided_by: null,
      notice_start: null, notice_end: null, filed_at: null, updated_at: nowIso(), actor: o.actor.username,
    });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.recognition.apply', target: s.studentNo, countyCode: s.countyCode });
    return { ok: true, studentNo: s.studentNo, status };
  });
}

export async function decideRecognition(database: Database, o: Base & { studentNo: string; tier: string; reason?: string }) {
  const tier = parseTier(o.tier);
  return database.db.transaction().execute(async (trx) => {
    const old = await getRecognition(trx, idOf(o.schoolYear, o.studentNo));
    if (!old) throw new FuzhiError('AID_RECOGNITION_STEP', `${o.studentNo} 在 ${o.schoolYear} 学年没有认定申请`, `${o.studentNo} has no application in ${o.schoolYear}`);
    const status = nextRecognition(old.status as RecognitionStatus, 'decide', { ...o, tier });
    await putRecognition(trx, { ...old, status, tier, decision_reason: o.reason ?? null, decided_at: o.today, decided_by: o.actor.username, notice_start: null, notice_end: null, filed_at: null, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.recognition.decide', target: o.studentNo, detail: { tier, was: old.tier }, countyCode: old.county_code });
    return { ok: true, studentNo: o.studentNo, status, tier };
  });
}

/** Puts every decided application of the year on 公示 and writes the list (序号, 姓名, 学校代码, 认定结果). */
export async function noticeRecognitions(database: Database, o: Base & { out: string; days?: number }) {
  const rows = (await recognitionsOfYear(database.db, o.schoolYear, o.scope)).filter((r) => r.status === '已认定' || r.status === '未认定');
  if (rows.length === 0) throw new FuzhiError('AID_RECOGNITION_EMPTY', '没有待公示的认定结果', 'no decided applications to put on notice');
  const end = noticeEndDate(o.today, o.days ?? 5);
  const title = [`${o.schoolYear}—${o.schoolYear + 1}学年家庭经济困难学生认定结果公示`, `公示期：${o.today} 至 ${end}`];
  const n = await writeTable(o.out, ['序号', '姓名', '学校标识码', '认定结果'], rows.map((r, i) => [i + 1, r.name, r.school_code, r.tier ?? '未认定']), { title, sheetName: '认定公示' });
  await database.db.transaction().execute(async (trx) => {
    for (const r of rows) nextRecognition(r.status as RecognitionStatus, 'notice', o);
    await updateRecognitions(trx, rows.map((r) => r.id), { status: '公示中', notice_start: o.today, notice_end: end, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.recognition.notice', target: `${o.schoolYear}`, detail: { rows: n, end } });
  });
  return { rows: n, file: o.out, noticeStart: o.today, noticeEnd: end };
}

export async function fileRecognitions(database: Database, o: Base) {
  const rows = await recognitionsOfYear(database.db, o.schoolYear, o.scope ?? { kind: 'all' }, '公示中');
  // a decision with an objection not yet answered waits (公示 objections, 认定 reopened by the answer)
  const open = new Set((await objectionsOfRecognitions(database.db, rows.map((r) => r.id))).filter((x) => x.answer === null).map((x) => x.recognition_id));
  const due = rows.filter((r) => o.today > (r.notice_end ?? '') && !open.has(r.id));
  if (due.length === 0 && open.size > 0) throw new FuzhiError('AID_RECOGNITION_STEP', `有 ${open.size} 条异议尚未答复，答复后才能存档`, `${open.size} objections are not answered yet; answer them before filing`, { status: 409 });
  if (due.length === 0) throw new FuzhiError('AID_RECOGNITION_STEP', rows.length ? `公示期至 ${rows[0].notice_end} 结束，尚不能存档` : '没有公示中的认定结果', rows.length ? `the notice runs until ${rows[0].notice_end}` : 'nothing is on notice', { status: 409 });
  await database.db.transaction().execute(async (trx) => {
    await updateRecognitions(trx, due.map((r) => r.id), { status: '已存档', filed_at: o.today, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.recognition.file', target: `${o.schoolYear}`, detail: { rows: due.length } });
  });
  return { ok: true, filed: due.length, waiting: rows.length - due.length, objected: open.size };
}

/** Filed tiers of a school year (未认定 excluded), for the entitlement run. */
export async function filedTiers(database: Database, schoolYear: number): Promise<Map<string, string>> {
  const rows = await recognitionsOfYear(database.db, schoolYear, { kind: 'all' }, '已存档');
  return new Map(rows.filter((r) => r.tier).map((r) => [r.student_no, r.tier!]));
}

/** The 公示 list of the decisions on notice in the scope (序号, 姓名, 学校标识码, 认定结果): no ID, no household label. */
export async function writeRecognitionNotice(database: Database, o: { schoolYear: number; out: string; scope: DataScope }) {
  const rows = await recognitionsOfYear(database.db, o.schoolYear, o.scope, '公示中');
  if (rows.length === 0) throw new FuzhiError('AID_RECOGNITION_EMPTY', '没有公示中的认定结果', 'no decisions are on notice', { status: 404 });
  const title = [`${o.schoolYear}—${o.schoolYear + 1}学年家庭经济困难学生认定结果公示`, `公示期：${rows[0].notice_start ?? ''} 至 ${rows[0].notice_end ?? ''}`];
  return writeTable(o.out, ['序号', '姓名', '学校标识码', '认定结果'], rows.map((r, i) => [i + 1, r.name, r.school_code, r.tier ?? '未认定']), { title, sheetName: '认定公示' });
}

/** An objection to a decision on 公示 (认定结果公示); it holds the decision back from filing until answered. */
export async function objectRecognition(database: Database, o: { row: RecognitionRow; text: string; actor: Actor; today: string }) {
  if (o.row.status !== '公示中') throw new FuzhiError('AID_RECOGNITION_STEP', `状态为“${o.row.status}”，只能对公示中的认定结果提出异议`, `status "${o.row.status}": objections are raised during the notice`, { status: 409 });
  return database.db.transaction().execute(async (trx) => {
    const id = await insertRecognitionObjection(trx, { recognition_id: o.row.id, school_code: o.row.school_code, county_code: o.row.county_code, content: o.text, raised_by: o.actor.username, raised_at: nowIso(), answer: null, outcome: null, answered_by: null, answered_at: null });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.recognition.object', target: o.row.student_no, countyCode: o.row.county_code, detail: { objection: id } });
    return { ok: true, objection: id };
  });
}

/** The school's answer: keep the decision (it may then be filed) or reopen it for a new decision (已申请). */
export async function answerRecognitionObjection(database: Database, o: { id: number; scope: DataScope; text: string; outcome: 'keep' | 'reopen'; actor: Actor }) {
  return database.db.transaction().execute(async (trx) => {
    const x = await recognitionObjectionInScope(trx, o.id, o.scope);
    if (!x) throw notFound('未找到该异议', 'no such objection');
    if (x.answer !== null) throw new FuzhiError('AID_RECOGNITION_STEP', '该异议已答复', 'the objection is answered already', { status: 409 });
    await answerRecognitionObjectionRow(trx, o.id, { answer: o.text, outcome: o.outcome, answered_by: o.actor.username, answered_at: nowIso() });
    const row = await getRecognition(trx, x.recognition_id);
    if (o.outcome === 'reopen' && row) await updateRecognitions(trx, [row.id], { status: '已申请', notice_start: null, notice_end: null, updated_at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.recognition.answer', target: row?.student_no ?? x.recognition_id, countyCode: x.county_code, detail: { objection: o.id, outcome: o.outcome } });
    return { ok: true, outcome: o.outcome, status: o.outcome === 'reopen' ? '已申请' : (row?.status ?? null) };
  });
}
