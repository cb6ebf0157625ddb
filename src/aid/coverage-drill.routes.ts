// GET /api/aid/coverage/drill: 应助尽助 coverage one level at a time (county → township → school →
// the entitled students of one school), within the user's scope: a school user starts at and cannot
// leave its school, a township user its township; a node outside the scope is 404. 学籍号 go
// through the presenter. Counties and townships carry their names from the regions table (the code
// when there is none).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { present, viewerOf } from '../platform/presenter.ts';
import { scopeOf } from '../platform/scope.ts';
import { regionNames } from '../platform/region.repository.ts';
import { childRows, figures, reaches, startOf, townshipOf } from './coverage-drill.rules.ts';
import { drillFacts, drillStudents, firstCounty, schoolNode } from './coverage-drill.repository.ts';
import { CoverageDrillQuery, DRILL_LEVELS, type CoverageDrill, type DrillLevel } from './coverage-drill.schema.ts';

const CODE_LENGTH: Record<DrillLevel, number> = { county: 6, township: 9, school: 10 };

export function coverageDrillRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/aid/coverage/drill', async (request): Promise<CoverageDrill> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const q = CoverageDrillQuery.parse(request.query);
    const scope = scopeOf(actor);
    const start = startOf(scope) ?? (scope.kind === 'all' ? { level: 'county' as const, code: (await firstCounty(db, q.schoolYear, q.term)) ?? '' } : null);
    if (!start) throw notFound('没有可查看的覆盖率', 'no coverage within your scope');
    const level = q.level ?? start.level;
    const code = q.level ? (q.code ?? '') : start.code;
    if (code !== '' && code.length !== CODE_LENGTH[level]) {
      throw usageError(`${level} 层级的代码应为 ${CODE_LENGTH[level]} 位`, `a ${level} code has ${CODE_LENGTH[level]} digits`);
    }
    let region = code;
    let schoolName = '';
    if (level === 'school') {
      const s = await schoolNode(db, code);
      if (!s) throw notFound(`没有标识码为 ${code} 的学校`, `no school ${code}`);
      region = s.region;
      schoolName = s.name;
    }
    if (!reaches(scope, level, code, region)) throw notFound(`没有代码为 ${code} 的${level === 'school' ? '学校' : '地区'}`, `no ${level} ${code}`);

    const ancestors = { county: region.slice(0, 6), township: townshipOf(region) };
    const from = DRILL_LEVELS.indexOf(start.level);
    const above = DRILL_LEVELS.slice(from, DRILL_LEVELS.indexOf(level)).filter((l): l is 'county' | 'township' => l !== 'school');

    const facts = code === '' ? [] : await drillFacts(db, q.schoolYear, q.term, level, code, scope);
    const rows = level === 'school' ? [] : childRows(level, facts);
    const names = await regionNames(db, [code, ...above.map((l) => ancestors[l]), ...rows.filter((r) => r.level === 'township').map((r) => r.code)]);
    const trail = above.map((l) => ({ level: l, code: ancestors[l], name: names.label(ancestors[l]) }));
    const v = viewerOf(actor);
    const students =
      level === 'school'
        ? (await drillStudents(db, q.schoolYear, q.term, code, scope)).map((s) => ({
            studentNo: present(v, 'studentNo', s.studentNo) ?? '',
            name: s.name,
            itemName: s.itemName,
            batched: s.payStatus !== null,
            paid: s.payStatus === '已发放',
            payStatus: s.payStatus ?? '未纳入批次',
          }))
        : [];
    return {
      level, code, name: level === 'school' ? schoolName : names.label(code), trail, total: figures(facts),
      rows: rows.map((r) => (r.level === 'township' ? { ...r, name: names.label(r.code) } : r)), students,
    };
  });
}
