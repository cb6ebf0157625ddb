// POST /api/jobs/import (upload a list), POST /api/jobs/match, GET /api/jobs, GET /api/jobs/:id,
// GET /api/jobs/:id/errors (the rejected rows, in the upload's own format; an audited read).
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../kernel/errors.ts';
import { recordAudit } from './audit.repository.ts';
import { actorOf } from './http.ts';
import { authorize } from './policy.ts';
import { presentDeep } from './presenter.ts';
import { withoutServerPaths } from './job-result.rules.ts';
import { scopeOf } from './scope.ts';
import { ImportJobQuery, JOB_LIST_LABELS, JOB_STATUS_LABELS, JobListQuery, JobParams, MatchJobBody, type JobItem, type JobList } from './jobs.schema.ts';
import { answerList, type ListSpec } from './list-export.ts';
import { shanghaiDateTime } from '../kernel/dates.ts';
import { jobInScope, listJobs, type JobRow } from './jobs.repository.ts';
import { startImportJob, startMatchJob, UPLOAD_LIMIT_BYTES, type JobContext } from './jobs.service.ts';

/** The outcome of a job in one line, as the job table shows it. */
function outcomeText(j: JobItem): string {
  if (j.status === 'failed') return j.error?.message ?? j.message ?? '';
  const r = j.result;
  if (!r) return j.message ?? '';
  if (j.kind === 'inspection') return `${r.files ?? 0} 个文件：指标达标 ${r.met ?? 0}，未达标 ${r.notMet ?? 0}，无数据或未填报 ${r.noData ?? 0}`;
  if (j.kind === 'match') return `自动确认 ${r.auto ?? 0}，待复核 ${r.review ?? 0}，未比中 ${r.unmatched ?? 0}`;
  return `新增 ${r.inserted ?? 0}，更新 ${r.updated ?? 0}，未变 ${r.unchanged ?? 0}，拒收 ${r.rejected ?? 0}${r.warnings ? `，提示 ${r.warnings}` : ''}`;
}

/** 任务清单.xlsx */
const JOB_EXPORT: ListSpec<JobItem> = {
  name: '任务清单',
  columns: [
    { header: '时间', value: (j) => shanghaiDateTime(j.createdAt), text: true },
    { header: '操作人', value: (j) => j.actor },
    { header: '任务', value: (j) => j.title },
    { header: '文件', value: (j) => j.fileName },
    { header: '状态', value: (j) => j.statusLabel },
    { header: '结果', value: outcomeText },
    { header: '完成时间', value: (j) => shanghaiDateTime(j.finishedAt), text: true },
  ],
};

export function toItem(r: JobRow): JobItem {
  const params = JSON.parse(r.params_json) as { list?: string; listKind?: string | null; schoolYear?: number; title?: string };
  const title = r.kind === 'import' ? `导入${JOB_LIST_LABELS[params.list ?? ''] ?? ''}${params.listKind ? `（${params.listKind}）` : ''}` : (params.title ?? `${params.schoolYear ?? ''}学年 比对`);
  const error = r.error_json ? (JSON.parse(r.error_json) as { code: string; message: string; messageEn: string }) : null;
  return {
    id: r.id,
    kind: r.kind,
    title,
    fileName: r.file_name,
    status: r.status as JobItem['status'],
    statusLabel: JOB_STATUS_LABELS[r.status] ?? r.status,
    progress: Number(r.progress),
    message: r.message,
    // rows stored before results were kept without paths are shown without them too
    result: r.result_json ? presentDeep(withoutServerPaths(JSON.parse(r.result_json)) as JobItem['result']) : null,
    error: error ? presentDeep({ code: error.code, message: error.message, messageEn: error.messageEn }) : null,
    hasErrorsFile: r.status === 'done' && r.errors_file !== null && fs.existsSync(r.errors_file),
    actor: r.actor,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export function jobRoutes(app: FastifyInstance, ctx: JobContext | null): void {
  // uploads arrive as the raw file; it is streamed to disk, never held whole in memory
  app.addContentTypeParser('application/octet-stream', { bodyLimit: UPLOAD_LIMIT_BYTES }, (_req, payload, done) => done(null, payload));
  const context = (): JobContext => {
    if (!ctx) throw notFound('此服务器未配置后台任务', 'background jobs are not configured on this server');
    return ctx;
  };

  app.post('/api/jobs/import', { bodyLimit: UPLOAD_LIMIT_BYTES }, async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'job.run');
    const q = ImportJobQuery.parse(request.query);
    const job = await startImportJob(context(), actor, { kind: q.list, listKind: q.listKind, fileName: q.fileName, body: request.body as Readable });
    return reply.status(202).send(toItem(job));
  });

  app.post('/api/jobs/match', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'job.run');
    const { schoolYear } = MatchJobBody.parse(request.body);
    return reply.status(202).send(toItem(await startMatchJob(context(), actor, schoolYear)));
  });

  app.get('/api/jobs', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'job.read');
    const { db } = context();
    const list = async (q: JobListQuery): Promise<JobList> => {
      const { rows, total } = await listJobs(db, scopeOf(actor), actor.username, q.page, q.pageSize, q);
      return { items: rows.map(toItem), total };
    };
    return answerList(request, reply, db, JobListQuery.parse(request.query), list, JOB_EXPORT);
  });

  app.get('/api/jobs/:id', async (request): Promise<JobItem> => {
    const actor = actorOf(request);
    authorize(actor, 'job.read');
    const { id } = JobParams.parse(request.params);
    const job = await jobInScope(context().db, scopeOf(actor), actor.username, id);
    if (!job) throw notFound('未找到该任务', 'no such job');
    return toItem(job);
  });

  app.get('/api/jobs/:id/errors', async (request, reply) => {
    const actor = actorOf(request);
    // the rejected rows are the uploaded rows as they were, IDs included: for those who may import
    authorize(actor, 'job.run');
    const { id } = JobParams.parse(request.params);
    const job = await jobInScope(context().db, scopeOf(actor), actor.username, id);
    if (!job?.errors_file || !fs.existsSync(job.errors_file)) throw notFound('该任务没有被拒收的行', 'this job has no rejected rows');
    await recordAudit(context().db, { actor: actor.username, action: 'job.errors-download', target: job.file_name ?? id, regions: [actor.regionCode], detail: { job: id } });
    const ext = path.extname(job.errors_file);
    const name = `${path.basename(job.file_name ?? 'import', path.extname(job.file_name ?? ''))}-被拒收的行${ext}`;
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    void reply.type(ext === '.csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(fs.createReadStream(job.errors_file));
  });
}
