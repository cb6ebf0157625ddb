// GET /api/dropout/cases: the case ledger within the reader's scope (a township its township).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { regionNames } from '../platform/region.repository.ts';
import { viewerOf } from '../platform/presenter.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { presentCase } from './case.presenter.ts';
import { CaseListQuery, type CaseList } from './dropout.schema.ts';
import { listCases } from './dropout.repository.ts';

/** 控辍保学案件.xlsx: the ledger's columns (the written report of one case is its own file). */
const CASE_EXPORT: ListSpec<CaseList['items'][number]> = {
  name: '控辍保学案件',
  columns: [
    { header: '案件编号', value: (c) => c.caseNo, text: true },
    { header: '姓名', value: (c) => c.name },
    { header: '状态', value: (c) => c.status },
    { header: '户籍乡镇', value: (c) => c.townshipName },
    { header: '乡镇代码', value: (c) => c.township, text: true },
    { header: '来源', value: (c) => c.sources },
  ],
};

export function dropoutRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/dropout/cases', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const list = async (q: CaseListQuery): Promise<CaseList> => {
      const { rows, total } = await listCases(db, scopeOf(actor), q.status, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }, q);
      const names = await regionNames(db, rows.map((r) => r.township_code ?? ''));
      return {
        items: rows.map((r) => {
          const p = presentCase(r, viewerOf(actor));
          return { caseNo: p.caseNo, name: p.name, status: p.status, township: p.township, townshipName: names.label(p.township), sources: p.sources };
        }),
        total,
      };
    };
    return answerList(request, reply, db, CaseListQuery.parse(request.query), list, CASE_EXPORT);
  });
}
