// The county's disbursement work in the browser (发放批次): batches of a term, create, 公示 (the list
// as PDF or xlsx; starting the period), objections and answers, approve, cancel, the bank's payment
// file, the bank's result; and 应助尽助 coverage for the charts. Each step calls the same use case
// as the command line, so the rules and the audit are the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { fenToYuan } from '../kernel/money.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { authorize } from '../platform/policy.ts';
import { present, viewerOf, type Viewer } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { answer, moveBatch, raiseObjection } from './batch-steps.ts';
import { answerDue } from './batch.rules.ts';
import { getBatch, getObjection, type BatchRow } from './batch.repository.ts';
import { batchLinesPage, batchReach, listBatches, objectionsOf, payCounts } from './batch-read.repository.ts';
import {
  AnswerBody,
  BankResultQuery,
  BatchLinesQuery,
  BatchListQuery,
  BatchParams,
  CancelBody,
  CoverageQuery,
  CreateBatchInput,
  PayFileQuery,
  NoticeBody,
  NoticeFileQuery,
  ObjectionBody,
  type BatchDetail,
  type BatchItem,
  type BatchLineItem,
  type BatchLineList,
  type BatchList,
  type Coverage,
} from './batch.schema.ts';
import { createBatch, createTeacherBatch } from './create-batch.ts';
import { coverageFacts } from './coverage.repository.ts';
import { coverageRows } from './coverage.rules.ts';
import { payWithResult, writePaymentFile } from './pay-batch.ts';
import { publishNotice } from './publish-notice.ts';

function toItem(b: BatchRow): BatchItem {
  return {
    id: Number(b.id),
    schoolYear: b.school_year,
    term: b.term,
    item: b.item_code,
    kind: b.payee_kind === 'teacher' ? 'teacher' : 'student',
    period: b.period,
    status: b.status,
    rows: b.row_count,
    amount: fenToYuan(b.amount_fen),
    noticeStart: b.notice_start,
    noticeEnd: b.notice_end,
    approvedBy: b.approved_by,
    approvedAt: b.approved_at,
    createdBy: b.created_by,
    createdAt: b.created_at,
  };
}

/** A file the use case writes, sent and then removed. */
export async function sendWritten(reply: FastifyReply, name: string, write: (file: string) => Promise<unknown>): Promise<FastifyReply> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-aid-'));
  try {
    const file = path.join(dir, name);
    await write(file);
    const body = fs.readFileSync(file);
    const ext = path.extname(name);
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    void reply.type(ext === '.pdf' ? 'application/pdf' : ext === '.csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(body);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The batch as the user may reach it: a batch none of whose rows lies in their scope does not exist
 * for them (404, as an unknown id); to act on it, every row must lie in their scope (403 otherwise:
 * a batch spanning counties is the city's or the administrator's).
 */
async function batchFor(db: Database['db'], actor: Actor, id: number, need: 'read' | 'manage'): Promise<BatchRow> {
  const batch = await getBatch(db, id);
  const scope = scopeOf(actor);
  if (scope.kind === 'all') return batch;
  const { rows, inScope } = await batchReach(db, id, scope);
  if (inScope === 0) throw notFound(`没有编号为 ${id} 的发放批次`, `no disbursement batch ${id}`);
  if (need === 'manage' && inScope < rows) {
    throw new FuzhiError('FORBIDDEN', `批次 ${id} 含有您管辖范围以外的学生，只能由上级或管理员办理`, `batch ${id} holds students outside your scope: a higher level or an administrator acts on it`, { status: 403 });
  }
  return batch;
}

function lineItem(v: Viewer, l: Awaited<ReturnType<typeof batchLinesPage>>['rows'][number], kind: string): BatchLineItem {
  return {
    line: Number(l.id),
    seq: l.seq,
    // a teacher batch's rows carry the teacher's key (the ID number): shown as the teacher roster shows it
    studentNo: (kind === 'teacher' ? present(v, 'teacherIdNumber', l.student_no) : present(v, 'studentNo', l.student_no)) ?? '',
    name: l.name,
    schoolCode: l.school_code,
    schoolName: l.school_name,
    itemName: l.item_name,
    amount: fenToYuan(l.amount_fen),
    payStatus: l.pay_status,
    failReason: l.fail_reason,
  };
}

/** 发放批次N名单.xlsx: a batch's rows as the drawer shows them (学籍号 masked as shown). */
const LINE_EXPORT: ListSpec<BatchLineItem> = {
  name: '发放批次名单',
  columns: [
    { header: '序号', value: (l) => l.seq },
    { header: '学籍号', value: (l) => l.studentNo, text: true },
    { header: '姓名', value: (l) => l.name },
    { header: '学校标识码', value: (l) => l.schoolCode, text: true },
    { header: '学校', value: (l) => l.schoolName },
    { header: '项目', value: (l) => l.itemName },
    { header: '金额（元）', value: (l) => l.amount },
    { header: '发放状态', value: (l) => l.payStatus },
    { header: '未发放原因', value: (l) => l.failReason },
  ],
  fields: ['studentNo'],
};

/** 发放批次.xlsx: one line per batch (its rows are the 公示 list and the bank file). */
const BATCH_EXPORT: ListSpec<BatchItem> = {
  name: '发放批次',
  columns: [
    { header: '批次', value: (b) => b.id },
    { header: '学年', value: (b) => b.schoolYear },
    { header: '学期', value: (b) => b.term },
    { header: '项目', value: (b) => b.item ?? '全部项目' },
    { header: '人次', value: (b) => b.rows },
    { header: '金额（元）', value: (b) => b.amount },
    { header: '状态', value: (b) => b.status },
    { header: '公示开始', value: (b) => b.noticeStart, text: true },
    { header: '公示结束', value: (b) => b.noticeEnd, text: true },
    { header: '审批人', value: (b) => b.approvedBy },
  ],
};

export function aidRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;

  app.get('/api/aid/batches', async (request, reply) => {
    authorize(actorOf(request), 'aid.readFunds');
    const list = async (q: BatchListQuery): Promise<BatchList> => {
      const { rows, total } = await listBatches(db, scopeOf(actorOf(request)), q, q.page, q.pageSize);
      return { items: rows.map(toItem), total };
    };
    return answerList(request, reply, db, BatchListQuery.parse(request.query), list, BATCH_EXPORT);
  });

  app.post('/api/aid/batches', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const b = CreateBatchInput.parse(request.body);
    if (b.kind === 'teacher') {
      authorize(actor, 'teacher.pay');
      return reply.status(201).send(await createTeacherBatch(database, { period: b.period, actor }));
    }
    return reply.status(201).send(await createBatch(database, { schoolYear: b.schoolYear, term: b.term, item: b.item, actor }));
  });

  app.get('/api/aid/batches/:id', async (request): Promise<BatchDetail> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    const { id } = BatchParams.parse(request.params);
    const q = BatchLinesQuery.parse(request.query);
    const scope = scopeOf(actor);
    const v = viewerOf(actor);
    const batch = await batchFor(db, actor, id, 'read');
    const [lines, counts, objections] = await Promise.all([batchLinesPage(db, id, scope, q, q.page, q.pageSize), payCounts(db, id, scope), objectionsOf(db, id, scope)]);
    return {
      ...toItem(batch),
      payCounts: counts,
      lines: { total: lines.total, items: lines.rows.map((l) => lineItem(v, l, batch.payee_kind)) },
      // objections name people and concern the whole batch: the county's and the inspectors'
      objections: objections
        .filter(() => scope.kind === 'all' || scope.kind === 'region')
        .map((o) => ({ id: Number(o.id), text: o.content, raisedAt: o.raised_at, answer: o.answer, answeredAt: o.answered_at, due: o.raised_at ? answerDue(o.raised_at.slice(0, 10)) : null })),
    };
  });

  // the rows of one batch as their own list: paged, filtered, sorted and exported like every table
  app.get('/api/aid/batches/:id/rows', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    const { id } = BatchParams.parse(request.params);
    const batch = await batchFor(db, actor, id, 'read');
    const v = viewerOf(actor);
    const list = async (q: BatchLinesQuery): Promise<BatchLineList> => {
      const { rows, total } = await batchLinesPage(db, id, scopeOf(actor), q, q.page, q.pageSize);
      return { items: rows.map((l) => lineItem(v, l, batch.payee_kind)), total };
    };
    const spec = batch.payee_kind === 'teacher' ? { ...LINE_EXPORT, columns: LINE_EXPORT.columns.map((c) => (c.header === '学籍号' ? { ...c, header: '身份证件号' } : c)), fields: ['teacherIdNumber' as const] } : LINE_EXPORT;
    return answerList(request, reply, db, BatchLinesQuery.parse(request.query), list, { ...spec, name: `发放批次${id}名单` });
  });

  app.post('/api/aid/batches/:id/notice', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, id, 'manage');
    const body = NoticeBody.parse(request.body ?? {});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-notice-'));
    try {
      return await publishNotice(database, id, { out: path.join(dir, 'notice.xlsx'), days: body.days, contact: body.contact, actor, today: today() });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/api/aid/batches/:id/notice', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    const { id } = BatchParams.parse(request.params);
    const { format } = NoticeFileQuery.parse(request.query);
    const b = await batchFor(db, actor, id, 'read');
    if (b.status === '草稿') throw usageError('批次尚未开始公示：请先发布公示', 'the batch is not on notice yet');
    // a school prints the lines of its own students
    return sendWritten(reply, `公示名单-批次${id}.${format}`, (file) => publishNotice(database, id, { out: file, actor, today: today(), scope: scopeOf(actor) }));
  });

  app.post('/api/aid/batches/:id/objections', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, id, 'manage');
    const b = ObjectionBody.parse(request.body);
    return reply.status(201).send(await raiseObjection(database, id, { actor, today: today(), text: b.text, studentNo: b.studentNo }));
  });

  app.post('/api/aid/objections/:id/answer', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, (await getObjection(db, id)).batch_id, 'manage');
    return answer(database, id, { actor, today: today(), text: AnswerBody.parse(request.body).text });
  });

  app.post('/api/aid/batches/:id/approve', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, id, 'manage');
    return moveBatch(database, id, 'approve', { actor, today: today() });
  });

  app.post('/api/aid/batches/:id/cancel', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, id, 'manage');
    return moveBatch(database, id, 'cancel', { actor, today: today(), reason: CancelBody.parse(request.body).reason });
  });

  // the bank's file carries full account numbers: for the bureau's staff only, and audited by the use case
  app.get('/api/aid/batches/:id/payfile', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, id, 'manage');
    // a teacher batch's cards and ID numbers are masked unless asked for in full (?full=1, an audited read)
    const { full } = PayFileQuery.parse(request.query);
    return sendWritten(reply, `银行代发文件-批次${id}.xlsx`, (file) => writePaymentFile(database, id, { out: file, actor, full: full === '1' }));
  });

  app.post('/api/aid/batches/:id/bank-result', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const { id } = BatchParams.parse(request.params);
    await batchFor(db, actor, id, 'manage');
    const { fileName } = BankResultQuery.parse(request.query);
    const ext = path.extname(fileName).toLowerCase();
    if (!['.csv', '.xlsx', '.xls'].includes(ext)) throw usageError('银行结果文件须为 .csv、.xlsx 或 .xls', 'the bank result must be .csv, .xlsx or .xls');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bank-'));
    try {
      const file = path.join(dir, `result${ext}`);
      await pipeline(request.body as Readable, fs.createWriteStream(file));
      return await payWithResult(database, id, { file, actor, today: today() });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/api/aid/coverage', async (request): Promise<Coverage> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const q = CoverageQuery.parse(request.query);
    const facts = await coverageFacts(db, q.schoolYear, q.term, scopeOf(actor));
    const rows = coverageRows(facts);
    const paid = facts.filter((f) => f.payStatus === '已发放').length;
    return {
      items: rows.map((r) => ({ ...r, rate: r.entitled === 0 ? null : r.paid / r.entitled })),
      entitled: facts.length,
      paid,
      rate: facts.length === 0 ? null : paid / facts.length,
    };
  });
}
