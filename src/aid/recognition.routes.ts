// 困难认定 in the console: GET /api/aid/recognitions (the applications of a year in the user's
// scope), GET /api/aid/recognitions/listed (students on the registry and 低保/特困/孤儿/残疾 lists,
// 特别困难 by default), POST /api/aid/recognitions (a school records an application), POST
// /api/aid/recognitions/:id/decide (the school's tier), POST …/notice (公示) with its list as
// xlsx, POST …/file (存档 after the period). A school sees and acts on its own students only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { present, viewerOf } from '../platform/presenter.ts';
import { openRef, sealRef } from '../platform/opaque-ref.ts';
import { scopeOf } from '../platform/scope.ts';
import { listedStudents, studentsByNo } from '../registry/listed-students.service.ts';
import { ApplyBody, DecideBody, ListedQuery, ObjectionParams, RecognitionAnswerBody, RecognitionObjectionBody, RecognitionParams, RecognitionQuery, YearBody, type ListedList, type RecognitionList } from './aid-pages.schema.ts';
import { sendWritten } from './batch.routes.ts';
import { answerRecognitionObjection, applyRecognition, decideRecognition, fileRecognitions, noticeRecognitions, objectRecognition, writeRecognitionNotice } from './manage-recognition.ts';
import { objectionsOfRecognitions, recognitionInScope, recognitionsPage } from './recognition.repository.ts';

const REF = 'r';

export function recognitionRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;

  app.get('/api/aid/recognitions', async (request): Promise<RecognitionList> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const q = RecognitionQuery.parse(request.query);
    const { rows, total } = await recognitionsPage(db, q, scopeOf(actor), q.page, q.pageSize);
    const v = viewerOf(actor);
    const key = refKeyOf(request);
    const objections = await objectionsOfRecognitions(db, rows.map((r) => r.id));
    return {
      total,
      items: rows.map((r) => ({
        id: sealRef(key, REF, r.id), studentNo: present(v, 'studentNo', r.student_no) ?? '', name: r.name, schoolCode: r.school_code, status: r.status, tier: r.tier,
        application: r.application, decisionReason: r.decision_reason, appliedAt: r.applied_at, decidedAt: r.decided_at, decidedBy: r.decided_by, noticeEnd: r.notice_end, filedAt: r.filed_at,
        objections: objections.filter((x) => x.recognition_id === r.id).map((x) => ({ id: Number(x.id), text: x.content, raisedBy: x.raised_by, raisedAt: x.raised_at, answer: x.answer, outcome: x.outcome })),
      })),
    };
  });

  app.get('/api/aid/recognitions/listed', async (request): Promise<ListedList> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const q = ListedQuery.parse(request.query);
    const all = (await listedStudents(db, scopeOf(actor))).filter((s) => !q.q || s.name.includes(q.q)).sort((a, b) => a.schoolCode.localeCompare(b.schoolCode) || a.name.localeCompare(b.name, 'zh'));
    const v = viewerOf(actor);
    return {
      total: all.length,
      items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((s) => {
        const lists = [...new Set(s.lists.map((l) => (l.listKind === '建档立卡' && l.householdType ? `建档立卡（${l.householdType}）` : l.listKind)))];
        return { studentNo: present(v, 'studentNo', s.studentNo) ?? '', name: s.name, schoolName: s.schoolName, lists, tier: '特别困难' as const, basis: `在${lists.join('、')}名单中，默认认定为特别困难` };
      }),
    };
  });

  app.post('/api/aid/recognitions', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.recognize');
    const b = ApplyBody.parse(request.body);
    const no = b.studentNo.toUpperCase();
    // a school records applications of its own students only: another school's student is "not found"
    const [s] = await studentsByNo(db, [no], scopeOf(actor));
    if (!s) throw notFound('本校（本地区）学籍中没有这个学籍号', 'no such student in your scope');
    const r = await applyRecognition(database, { schoolYear: b.schoolYear, studentNo: no, application: b.application, actor, today: today() });
    return reply.status(201).send({ ok: true, status: r.status, id: sealRef(refKeyOf(request), REF, `${b.schoolYear}|${no}`) });
  });

  app.post('/api/aid/recognitions/:id/decide', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.recognize');
    const { id } = RecognitionParams.parse(request.params);
    const b = DecideBody.parse(request.body);
    const key = openRef(refKeyOf(request), REF, id);
    const row = key ? await recognitionInScope(db, key, scopeOf(actor)) : undefined;
    if (!row) throw notFound('未找到该认定申请', 'no such application');
    const r = await decideRecognition(database, { schoolYear: row.school_year, studentNo: row.student_no, tier: b.tier, reason: b.reason, actor, today: today() });
    return { ok: true, status: r.status, tier: r.tier };
  });

  app.post('/api/aid/recognitions/:id/objections', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.recognize');
    const { id } = RecognitionParams.parse(request.params);
    const { text } = RecognitionObjectionBody.parse(request.body);
    const key = openRef(refKeyOf(request), REF, id);
    const row = key ? await recognitionInScope(db, key, scopeOf(actor)) : undefined;
    if (!row) throw notFound('未找到该认定申请', 'no such application');
    return reply.status(201).send(await objectRecognition(database, { row, text, actor, today: today() }));
  });

  app.post('/api/aid/recognitions/objections/:id/answer', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.recognize');
    const { id } = ObjectionParams.parse(request.params);
    const b = RecognitionAnswerBody.parse(request.body);
    return answerRecognitionObjection(database, { id, scope: scopeOf(actor), text: b.text, outcome: b.outcome, actor });
  });

  app.post('/api/aid/recognitions/notice', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.recognize');
    const b = YearBody.parse(request.body);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-recognition-'));
    try {
      const r = await noticeRecognitions(database, { schoolYear: b.schoolYear, days: b.days, out: path.join(dir, 'notice.xlsx'), actor, today: today(), scope: scopeOf(actor) });
      return { ok: true, rows: r.rows, noticeStart: r.noticeStart, noticeEnd: r.noticeEnd };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/api/aid/recognitions/notice', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const { schoolYear } = YearBody.parse(request.query);
    return sendWritten(reply, `认定结果公示-${schoolYear}.xlsx`, (file) => writeRecognitionNotice(database, { schoolYear, out: file, scope: scopeOf(actor) }));
  });

  app.post('/api/aid/recognitions/file', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.recognize');
    const b = YearBody.parse(request.body);
    return fileRecognitions(database, { schoolYear: b.schoolYear, actor, today: today(), scope: scopeOf(actor) });
  });
}
