// Activity records and school pairings over HTTP. GET /api/schools/pairings: the pairings of the
// user's scope with the minimums each has met and 结对率; GET /api/activities: the paged list (filters
// type/school/pairing/date range, sort, ?format=xlsx); GET /api/activities/:id: one record with its
// attachments; POST /api/activities: log one (a school its own or its pairings', a county its county's);
// POST /api/activities/:id/attachments: a file as the raw body (?fileName=, checked by content, ≤ 10 MB);
// GET …/attachments/:n: download (audited); GET …/plan: the printable plan (活动方案) as PDF (audited);
// PUT/DELETE /api/activities/:id with the version read (?version= on DELETE): a stale one is 409 (audited);
// POST /api/activities/import?fileName=: an activity list as the raw body (.xlsx/.xls/.csv, ≤ 20 MB),
// every good row in one transaction, each bad one named by file, row, column and value;
// POST /api/schools/pairings: a county pairs two of its schools (duplicates 409, a self-pair 400).
// Outside the scope → 404, as if it did not exist.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { sortOf } from '../platform/list-sort.ts';
import { authorize } from '../platform/policy.ts';
import { presentText } from '../platform/presenter.ts';
import { scopeOf } from '../platform/scope.ts';
import { schoolYearOf } from '../kernel/school-year.ts';
import { activityOf, addAttachment, deleteActivity, editActivity, organisersOf, pairingOverview, planOf, planPdf, recordActivity } from './activity-steps.ts';
import { addPairing } from './pairing-steps.ts';
import { importActivities } from './activity-import.ts';
import { readUpload, sendAttachment } from '../files/attachments.ts';
import { attachmentOf, attachmentsOf, listActivities, type ActivityRow } from './activity.repository.ts';
import { canonicalKind, MAX_ATTACHMENT_BYTES } from './activity.rules.ts';
import {
  ActivityBody, ActivityEditBody, ActivityImportQuery, type ActivityImportAnswer, ActivityListQuery, ActivityParams, ActivityVersionQuery, AttachmentParams, AttachmentQuery, PairingBody, PairingOverviewQuery,
  type ActivityAnswer, type ActivityDeleteAnswer, type ActivityEditAnswer, type PairingAnswer, type ActivityDetail, type ActivityItem, type ActivityList, type AttachmentAnswer, type PairingOverview,
} from './activity.schema.ts';

const opt = (v: string | null) => (v === null ? null : presentText(v));

function itemOf(a: ActivityRow): ActivityItem {
  return {
    id: a.id, type: a.kind, title: presentText(a.title), schoolCode: a.school_code, schoolName: a.school_name, pairing: a.pairing_id, helperName: a.helper_name, date: a.activity_date,
    start: a.start_at, end: a.end_at, place: opt(a.place), organisers: organisersOf(a).map((o) => ({ person: o.person, role: o.role, duty: presentText(o.duty) })),
    expected: a.expected_count, present: a.present_count, attachments: a.attachments, hasSummary: Boolean(a.summary), version: a.at,
  };
}

export const ACTIVITY_EXPORT: ListSpec<ActivityItem> = {
  name: '活动记录',
  columns: [
    { header: '活动编号', value: (a) => a.id },
    { header: '活动类型', value: (a) => a.type },
    { header: '活动名称', value: (a) => a.title },
    { header: '学校标识码', value: (a) => a.schoolCode, text: true },
    { header: '学校', value: (a) => a.schoolName },
    { header: '结对编号', value: (a) => a.pairing },
    { header: '帮扶学校', value: (a) => a.helperName },
    { header: '开始时间', value: (a) => a.start ?? a.date },
    { header: '结束时间', value: (a) => a.end },
    { header: '地点', value: (a) => a.place },
    { header: '组织人员', value: (a) => a.organisers.map((o) => `${o.person}（${o.role}）`).join('、') },
    { header: '应到人数', value: (a) => a.expected },
    { header: '实到人数', value: (a) => a.present },
    { header: '附件数', value: (a) => a.attachments },
    { header: '已总结', value: (a) => (a.hasSummary ? '是' : '否') },
  ],
};

/** The body, refused as soon as it passes the limit. */
function readCapped(body: unknown, fileName: string): Promise<Buffer> {
  return readUpload(body, fileName, {
    code: 'BAD_ATTACHMENT', limit: MAX_ATTACHMENT_BYTES,
    tooBig: [`附件 ${fileName} 超过 10 MB`, `attachment ${fileName} exceeds 10 MB`],
    notAFile: ['请上传附件文件（application/octet-stream）', 'send the file as the request body (application/octet-stream)'],
  });
}

const IMPORT_LIMIT = 20 * 1024 * 1024;

const disposition = (fallback: string, name: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function activityRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;

  app.get('/api/schools/pairings', async (request): Promise<PairingOverview> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.read');
    const q = PairingOverviewQuery.parse(request.query);
    const d = today();
    return pairingOverview(database, actor, q.schoolYear ?? schoolYearOf(d), d);
  });

  app.post('/api/schools/pairings', async (request, reply): Promise<PairingAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.pair');
    const body = PairingBody.parse(request.body ?? {});
    const r = await addPairing(database, actor, today(), body);
    void reply.code(201);
    return { ok: true, pairing: r.pairing, helper: r.helper, helped: r.helped };
  });

  app.get('/api/activities', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'activity.read');
    const query = ActivityListQuery.parse(request.query);
    let kind: string | undefined;
    if (query.type) {
      const k = canonicalKind(query.type);
      if (!k) throw usageError(`活动类型“${query.type}”无法识别`, `activity type "${query.type}" not recognised`, { column: 'type', value: query.type });
      kind = k;
    }
    const list = async (q: ActivityListQuery): Promise<ActivityList> => {
      const { rows, total } = await listActivities(db, scopeOf(actor), { kind, school: q.school, pairing: q.pairing, from: q.from, to: q.to, sort: sortOf(q.sort, 'date', true) }, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
      return { items: rows.map(itemOf), total };
    };
    return answerList(request, reply, db, query, list, ACTIVITY_EXPORT);
  });

  app.get('/api/activities/:id', async (request): Promise<ActivityDetail> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.read');
    const { id } = ActivityParams.parse(request.params);
    const a = await activityOf(database, actor, id);
    const files = await attachmentsOf(db, a.id);
    return {
      ...itemOf(a), goal: opt(a.goal), participants: opt(a.participants), arrangements: opt(a.arrangements), safety: opt(a.safety), summary: opt(a.summary), actor: a.actor, at: a.at,
      files: files.map((f, i) => ({ n: i + 1, fileName: f.file_name, mime: f.mime, size: f.size, actor: f.actor, at: f.at })),
    };
  });

  app.post('/api/activities', async (request): Promise<ActivityAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.record');
    const body = ActivityBody.parse(request.body ?? {});
    return recordActivity(database, actor, today(), body);
  });

  app.post('/api/activities/import', { bodyLimit: IMPORT_LIMIT + 1024 }, async (request): Promise<ActivityImportAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.record');
    const q = ActivityImportQuery.parse(request.query);
    const content = await readUpload(request.body, q.fileName, {
      code: 'BAD_UPLOAD', limit: IMPORT_LIMIT,
      tooBig: [`文件 ${q.fileName} 超过 20 MB`, `file ${q.fileName} exceeds 20 MB`],
      notAFile: ['请上传活动记录表文件（application/octet-stream）', 'send the activity list as the request body (application/octet-stream)'],
    });
    // the reader tells the format by the name's extension and the content: a scratch copy under its own name
    const name = path.basename(q.fileName.replace(/\\/g, '/'));
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'fuzhi-activity-import-'));
    try {
      const file = path.join(dir, name);
      await fs.promises.writeFile(file, content);
      return await importActivities(database, { file, fileName: name, sheet: q.sheet, actor, today: today() });
    } catch (e) {
      // the answer names the file as uploaded, never the server's scratch path
      if (e instanceof FuzhiError && e.where?.file) throw new FuzhiError(e.code, e.messageZh, e.messageEn, { where: { ...e.where, file: name }, exitCode: e.exitCode, status: e.status, cause: e });
      throw e;
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });

  app.put('/api/activities/:id', async (request): Promise<ActivityEditAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.record');
    const { id } = ActivityParams.parse(request.params);
    const body = ActivityEditBody.parse(request.body ?? {});
    return editActivity(database, actor, today(), id, body);
  });

  app.delete('/api/activities/:id', async (request): Promise<ActivityDeleteAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.record');
    const { id } = ActivityParams.parse(request.params);
    const { version } = ActivityVersionQuery.parse(request.query);
    return deleteActivity(database, actor, id, version);
  });

  app.post('/api/activities/:id/attachments', { bodyLimit: 64 * 1024 * 1024 }, async (request): Promise<AttachmentAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'activity.record');
    const { id } = ActivityParams.parse(request.params);
    const { fileName } = AttachmentQuery.parse(request.query);
    await activityOf(database, actor, id); // outside the scope: 404 before the body is read
    return addAttachment(database, actor, id, fileName, await readCapped(request.body, fileName));
  });

  app.get('/api/activities/:id/attachments/:n', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'activity.read');
    const { id, n } = AttachmentParams.parse(request.params);
    const a = await activityOf(database, actor, id);
    const f = await attachmentOf(db, a.id, n);
    if (!f) throw notFound(`活动 ${id} 没有第 ${n} 个附件`, `activity ${id} has no attachment ${n}`);
    await recordAudit(db, { actor: actor.username, action: 'activity.attachment-read', target: String(a.id), detail: { n, file: f.file_name }, countyCode: a.county_code });
    return sendAttachment(reply, { mime: f.mime, fileName: f.file_name, fallback: `activity-${a.id}-${n}${f.file_name.slice(f.file_name.lastIndexOf('.'))}`, content: f.content });
  });

  app.get('/api/activities/:id/plan', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'activity.read');
    const { id } = ActivityParams.parse(request.params);
    const a = await activityOf(database, actor, id);
    const pdf = await planPdf(planOf(a), today());
    await recordAudit(db, { actor: actor.username, action: 'activity.plan', target: String(a.id), countyCode: a.county_code });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', disposition(`activity-plan-${a.id}.pdf`, `${a.title}活动方案.pdf`))
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
