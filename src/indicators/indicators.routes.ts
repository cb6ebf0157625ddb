// 指标考核 over HTTP, within the caller's scope (an inspector and the county read their region, a
// township its township, a school its school): every indicator, its breakdown by township or school
// (paged, ?format=xlsx), its trend, a county's entered value with evidence (409 for a computed one),
// and the inspector's pack (`fuzhi export inspection`) as one zip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { schoolYearOf } from '../kernel/school-year.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf, type DataScope } from '../platform/scope.ts';
import { sortOf } from '../platform/list-sort.ts';
import { countiesOfSchools } from './indicators.repository.ts';
import { enterIndicatorValue, indicatorBreakdown, indicatorByCode, indicatorsOf, indicatorTrend } from './indicators.service.ts';
import { exportInspection } from './report-indicators.ts';
import { BreakdownQuery, EnterValue, IndicatorCode, IndicatorsQuery, TrendQuery, type BreakdownRow, type IndicatorList, type IndicatorTrend } from './indicators.schema.ts';

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

/** The pack holds every ledger of the database: only a caller whose scope covers every county may take it. */
function coversAll(scope: DataScope, counties: string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind !== 'region') return false;
  return counties.every((c) => c.startsWith(scope.prefix));
}

export function indicatorRoutes(app: FastifyInstance, database: Database): void {
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

  app.get('/api/inspection-pack', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'indicator.pack');
    const q = IndicatorsQuery.pick({ schoolYear: true }).parse(request.query);
    if (!coversAll(scopeOf(actor), await countiesOfSchools(db))) {
      throw new FuzhiError(
        'PACK_SCOPE',
        '督导材料包汇总本库全部台账；库中含有您管辖范围以外的区县，请由市级或管理员账号下载',
        'the inspection pack holds every ledger of the database, which has counties outside your scope: ask a city or administrator account',
        { status: 403 },
      );
    }
    const schoolYear = q.schoolYear ?? schoolYearOf(today());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-pack-'));
    try {
      const out = path.join(dir, `${schoolYear}学年督导材料包.zip`);
      await exportInspection(database, { out, schoolYear, actor, today: today() });
      const body = fs.readFileSync(out);
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(out))}`);
      void reply.header('cache-control', 'no-store');
      void reply.header('content-length', String(body.length));
      return reply.type('application/zip').send(body);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
