// 指标考核 over HTTP, within the caller's scope (an inspector and the county read their region, a
// township its township, a school its school): every indicator, its breakdown by township or school
// (paged, ?format=xlsx), its trend, a county's entered value with evidence (409 for a computed one),
// and the inspector's pack (`fuzhi export inspection`, the caller's region only) as a job whose zip is
// fetched when done.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { FuzhiError, notFound } from '../kernel/errors.ts';
import { schoolYearOf } from '../kernel/school-year.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { sortOf } from '../platform/list-sort.ts';
import { MAX_ATTACHMENT_BYTES, readUpload, sendAttachment } from '../files/attachments.ts';
import { addEvidence, enterIndicatorValue, evidenceOf, readEvidence, indicatorBreakdown, indicatorByCode, indicatorsOf, indicatorTrend } from './indicators.service.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { jobInScope } from '../platform/jobs.repository.ts';
import { toItem } from '../platform/jobs.routes.ts';
import { JobParams } from '../platform/jobs.schema.ts';
import { jobDir, startCommandJob, type JobContext } from '../platform/jobs.service.ts';
import { BreakdownQuery, EnterValue, EvidenceId, EvidenceListQuery, EvidenceParams, EvidenceQuery, IndicatorCode, IndicatorsQuery, PackBody, TrendQuery, type EvidenceListAnswer, type BreakdownRow, type IndicatorList, type IndicatorTrend } from './indicators.schema.ts';

const BREAKDOWN_EXPORT: ListSpec<BreakdownRow> = {
  name: '指标分解',
  columns: [
    { header: '代码', value: (r) => r.code, text: true },
    { header: '名称', value: (r) => r.name },
    { header: '目标值', value: (r) => r.targetText },
    { header: '实际值', value: (r) => r.actualText },
    { header: '分子', value: (r) => r.numerator },
    { header: '分母', value: (r) => r.denominator },
    { header: '是否达标', value: (r) => (r.met === null ? '无数据' : r.met ? '是' : '否') },
  ],
};

export function indicatorRoutes(app: FastifyInstance, database: Database, jobs: JobContext | null = null): void {
  const db = database.db;

  app.get('/api/indicators', async (request): Promise<IndicatorList> => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.read');
    const q = IndicatorsQuery.parse(request.query);
    const schoolYear = q.schoolYear ?? schoolYearOf(today());
    return { schoolYear, items: await indicatorsOf(database, actor, { schoolYear, today: today(), region: q.region }) };
  });

  app.get('/api/indicators/:code/breakdown', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.read');
    const { code } = IndicatorCode.parse(request.params);
    indicatorByCode(code);
    const q = BreakdownQuery.parse(request.query);
    const schoolYear = q.schoolYear ?? schoolYearOf(today());
    let rows: BreakdownRow[] | null = null;
    const list = async (p: BreakdownQuery) => {
      rows ??= await indicatorBreakdown(database, actor, { code, level: p.level, schoolYear, today: today() });
      const { key, desc } = sortOf(p.sort, 'code');
      const sorted = [...rows].sort((a, b) => {
        const d = key === 'actual' ? (a.actual ?? -1) - (b.actual ?? -1) || a.code.localeCompare(b.code) : a.code.localeCompare(b.code);
        return desc ? -d : d;
      });
      return { items: sorted.slice((p.page - 1) * p.pageSize, p.page * p.pageSize), total: sorted.length };
    };
    return answerList(request, reply, db, q, list, BREAKDOWN_EXPORT);
  });

  app.get('/api/indicators/:code/trend', async (request): Promise<IndicatorTrend> => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.read');
    const { code } = IndicatorCode.parse(request.params);
    const q = TrendQuery.parse(request.query);
    return indicatorTrend(database, actor, { code, schoolYear: q.schoolYear ?? schoolYearOf(today()), today: today(), years: q.years });
  });

  app.post('/api/indicators/:code/values', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.enter');
    const { code } = IndicatorCode.parse(request.params);
    const b = EnterValue.parse(request.body);
    return reply.status(201).send(await enterIndicatorValue(database, actor, { code, ...b }));
  });

  // evidence files of an entered value: upload (≤ 10 MB, type by content), list, download (audited)
  app.post('/api/indicators/:code/values/:id/evidence', { bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.enter');
    const { code, id } = EvidenceParams.parse(request.params);
    const { fileName } = EvidenceQuery.parse(request.query);
    const content = await readUpload(request.body, fileName, {
      code: 'BAD_EVIDENCE', limit: MAX_ATTACHMENT_BYTES,
      tooBig: [`佐证材料 ${fileName} 超过 10 MB`, `evidence file ${fileName} exceeds 10 MB`],
      notAFile: ['请上传佐证材料文件（application/octet-stream）', 'send the evidence file as the request body (application/octet-stream)'],
    });
    return reply.status(201).send(await addEvidence(database, actor, { code, valueId: id, fileName, content }));
  });

  app.get('/api/indicators/:code/evidence', async (request): Promise<EvidenceListAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.read');
    const { code } = IndicatorCode.parse(request.params);
    const q = EvidenceListQuery.parse(request.query);
    const rows = await evidenceOf(database, actor, { code, schoolYear: q.schoolYear ?? schoolYearOf(today()) });
    return { items: rows.map((r) => ({ id: r.id, valueId: r.value_id, indicator: r.indicator, schoolYear: r.school_year, fileName: r.file_name, mime: r.mime, size: r.size, by: r.actor, at: r.at })) };
  });

  app.get('/api/indicator-evidence/:id', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.read');
    const { id } = EvidenceId.parse(request.params);
    const f = await readEvidence(database, actor, id);
    return sendAttachment(reply, { mime: f.mime, fileName: f.file_name, fallback: `evidence-${f.id}${path.extname(f.file_name)}`, content: f.content });
  });

  // the inspector's pack: a job running `fuzhi export inspection` into the job's folder, narrowed to
  // the caller's region (a county's staff get their county's pack); fetched when done
  app.post('/api/inspection-pack', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.pack');
    const q = PackBody.parse(request.body ?? {});
    const schoolYear = q.schoolYear ?? schoolYearOf(today());
    if (!jobs) throw notFound('此服务器未配置后台任务，请用命令 fuzhi export inspection 生成', 'background jobs are not configured on this server: use `fuzhi export inspection`');
    const scope = scopeOf(actor);
    if (scope.kind !== 'all' && scope.kind !== 'region') {
      throw new FuzhiError('PACK_SCOPE', '督导材料包按区县或乡镇生成，您的账号没有所属地区', 'the inspection pack is made for a county or township; your account has none', { status: 403 });
    }
    const within = scope.kind === 'region' ? scope.prefix : null;
    const name = `${schoolYear}学年督导材料包${within ? `-${within}` : ''}.zip`;
    const job = await startCommandJob(jobs, actor, {
      kind: 'inspection',
      params: { schoolYear, title: `${schoolYear}学年 生成督导材料包`, file: name, within },
      args: (dir) => ['export', 'inspection', '--out', path.join(dir, name), '--school-year', String(schoolYear), ...(within ? ['--within', within] : [])],
      audit: 'job.inspection',
      target: name,
      fileName: name,
    });
    return reply.status(202).send(toItem(job));
  });

  app.get('/api/inspection-pack/:id', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.pack');
    const { id } = JobParams.parse(request.params);
    if (!jobs) throw notFound('此服务器未配置后台任务', 'background jobs are not configured on this server');
    const job = await jobInScope(db, scopeOf(actor), actor.username, id);
    const file = job?.kind === 'inspection' && job.status === 'done' ? path.join(jobDir(jobs, id), (JSON.parse(job.params_json) as { file: string }).file) : null;
    if (!file || !fs.existsSync(file)) throw notFound('未找到已生成的督导材料包（任务未完成或不在您的管辖范围内）', 'no finished inspection pack of that job within your scope');
    await recordAudit(db, { actor: actor.username, action: 'inspection.download', target: path.basename(file), regions: [actor.regionCode], detail: { job: id } });
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`);
    void reply.header('cache-control', 'no-store');
    void reply.header('content-length', String(fs.statSync(file).size));
    return reply.type('application/zip').send(fs.createReadStream(file));
  });
}
