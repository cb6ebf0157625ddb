// GET /api/aid/coverage/drill: 应助尽助 coverage one level at a time (county → township → school →
// the entitled students of one school), within the user's scope: a school user starts at and cannot
// leave its school, a township user its township; a node outside the scope is 404. 学籍号 go
// through the presenter. Counties and townships carry their names from the regions table (the code
// when there is none). The tables of a level page on the server and export .xlsx:
// GET /api/aid/coverage/drill/rows (the townships of a county, the schools of a township) and
// GET /api/aid/coverage/drill/students (the entitled students of a school); the chart keeps every
// row of the level from /drill.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { by, pageRows } from '../platform/list-memory.ts';
import { authorize } from '../platform/policy.ts';
import { present, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type DataScope } from '../platform/scope.ts';
import { regionNames } from '../platform/region.repository.ts';
import { childRows, figures, reaches, startOf, townshipOf } from './coverage-drill.rules.ts';
import { drillFacts, drillStudents, firstCounty, schoolNode } from './coverage-drill.repository.ts';
import {
  CoverageDrillQuery,
  DRILL_LEVELS,
  DrillRowsQuery,
  DrillStudentsQuery,
  type CoverageDrill,
  type DrillLevel,
  type DrillRow,
  type DrillRowList,
  type DrillStudent,
  type DrillStudentList,
} from './coverage-drill.schema.ts';

const CODE_LENGTH: Record<DrillLevel, number> = { county: 6, township: 9, school: 10 };
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

interface Node {
  level: DrillLevel;
  code: string;
  region: string;
  name: string;
  start: { level: DrillLevel; code: string };
}

/** The rows of a level with the townships named from the regions table (the code when there is none). */
async function namedRows(db: Kysely<DB>, rows: DrillRow[]): Promise<DrillRow[]> {
  const names = await regionNames(db, rows.filter((r) => r.level === 'township').map((r) => r.code));
  return rows.map((r) => (r.level === 'township' ? { ...r, name: names.label(r.code) } : r));
}

/** The node asked for (or where the user starts), checked against the user's scope. */
async function nodeOf(db: Kysely<DB>, scope: DataScope, q: { schoolYear: number; term: string; level?: DrillLevel; code?: string }): Promise<Node> {
  const start = startOf(scope) ?? (scope.kind === 'all' ? { level: 'county' as const, code: (await firstCounty(db, q.schoolYear, q.term)) ?? '' } : null);
  if (!start) throw notFound('没有可查看的覆盖率', 'no coverage within your scope');
  const level = q.level ?? start.level;
  const code = q.level ? (q.code ?? '') : start.code;
  if (code !== '' && code.length !== CODE_LENGTH[level]) {
    throw usageError(`${level} 层级的代码应为 ${CODE_LENGTH[level]} 位`, `a ${level} code has ${CODE_LENGTH[level]} digits`);
  }
  let region = code;
  let name = code === '' ? '' : (await regionNames(db, [code])).label(code);
  if (level === 'school') {
    const s = await schoolNode(db, code);
    if (!s) throw notFound(`没有标识码为 ${code} 的学校`, `no school ${code}`);
    region = s.region;
    name = s.name;
  }
  if (!reaches(scope, level, code, region)) throw notFound(`没有代码为 ${code} 的${level === 'school' ? '学校' : '地区'}`, `no ${level} ${code}`);
  return { level, code, region, name, start };
}

function studentsOf(request: FastifyRequest, rows: Awaited<ReturnType<typeof drillStudents>>): DrillStudent[] {
  const v = viewerOf(actorOf(request));
  return rows.map((s) => ({
    studentNo: present(v, 'studentNo', s.studentNo) ?? '',
    name: s.name,
    itemName: s.itemName,
    batched: s.payStatus !== null,
    paid: s.payStatus === '已发放',
    payStatus: s.payStatus ?? '未纳入批次',
  }));
}

/** 覆盖率.xlsx of a level: its townships or schools with their figures. */
const ROW_EXPORT: ListSpec<DrillRow> = {
  name: '应助尽助覆盖率',
  columns: [
    { header: '代码', value: (r) => r.code, text: true },
    { header: '名称', value: (r) => r.name },
    { header: '应享人次', value: (r) => r.entitled },
    { header: '纳入批次', value: (r) => r.batched },
    { header: '已发放', value: (r) => r.paid },
    { header: '覆盖率（%）', value: (r) => pct(r.rate) },
  ],
};

/** 应享未发放名单.xlsx of a school: its entitled students with their pay state (学籍号 as shown). */
const STUDENT_EXPORT: ListSpec<DrillStudent> = {
  name: '应助尽助学生名单',
  columns: [
    { header: '学籍号', value: (s) => s.studentNo, text: true },
    { header: '姓名', value: (s) => s.name },
    { header: '资助项目', value: (s) => s.itemName },
    { header: '纳入批次', value: (s) => (s.batched ? '是' : '否') },
    { header: '发放状态', value: (s) => s.payStatus },
  ],
  fields: ['studentNo'],
};

const STATE_OF: Record<DrillStudentsQuery['state'] & string, (s: DrillStudent) => boolean> = {
  paid: (s) => s.paid,
  batched: (s) => s.batched && !s.paid,
  unbatched: (s) => !s.batched,
};
const stateRank = (s: DrillStudent) => (!s.batched ? 0 : s.paid ? 2 : 1);

export function coverageDrillRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/aid/coverage/drill', async (request): Promise<CoverageDrill> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const q = CoverageDrillQuery.parse(request.query);
    const scope = scopeOf(actor);
    const { level, code, region, name, start } = await nodeOf(db, scope, q);

    const ancestors = { county: region.slice(0, 6), township: townshipOf(region) };
    const from = DRILL_LEVELS.indexOf(start.level);
    const above = DRILL_LEVELS.slice(from, DRILL_LEVELS.indexOf(level)).filter((l): l is 'county' | 'township' => l !== 'school');

    const facts = code === '' ? [] : await drillFacts(db, q.schoolYear, q.term, level, code, scope);
    const names = await regionNames(db, above.map((l) => ancestors[l]));
    const trail = above.map((l) => ({ level: l, code: ancestors[l], name: names.label(ancestors[l]) }));
    const students = level === 'school' ? studentsOf(request, await drillStudents(db, q.schoolYear, q.term, code, scope)) : [];
    return { level, code, name, trail, total: figures(facts), rows: level === 'school' ? [] : await namedRows(db, childRows(level, facts)), students };
  });

  // the table of the level below a county or a township (a school's is /students)
  app.get('/api/aid/coverage/drill/rows', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const scope = scopeOf(actor);
    const query = DrillRowsQuery.parse(request.query);
    const { level, code } = await nodeOf(db, scope, query);
    const all = level === 'school' || code === '' ? [] : await namedRows(db, childRows(level, await drillFacts(db, query.schoolYear, query.term, level, code, scope)));
    const list = (q: DrillRowsQuery): Promise<DrillRowList> => {
      const text = q.q?.toLowerCase();
      const rows = text ? all.filter((r) => r.name.toLowerCase().includes(text) || r.code.startsWith(text)) : all;
      // childRows comes lowest rate first: that stays the order when no sort is asked
      return Promise.resolve(pageRows(rows, q, { name: by((r) => r.name), entitled: by((r) => r.entitled), batched: by((r) => r.batched), paid: by((r) => r.paid), rate: by((r) => r.rate) }, { tie: by((r) => r.code) }));
    };
    return answerList(request, reply, db, query, list, ROW_EXPORT);
  });

  // the entitled students of one school (the user's own school when none is named)
  app.get('/api/aid/coverage/drill/students', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const scope = scopeOf(actor);
    const query = DrillStudentsQuery.parse(request.query);
    const node = await nodeOf(db, scope, { ...query, level: query.code ? 'school' : undefined });
    if (node.level !== 'school') throw usageError('请指定学校标识码（code）', 'name the school (code)');
    const all = studentsOf(request, await drillStudents(db, query.schoolYear, query.term, node.code, scope));
    const list = (q: DrillStudentsQuery): Promise<DrillStudentList> => {
      const rows = all.filter((s) => (!q.state || STATE_OF[q.state](s)) && (!q.q || s.name.startsWith(q.q)));
      // drillStudents comes unpaid first, then by 学籍号: that stays the order when no sort is asked
      return Promise.resolve(pageRows(rows, q, { name: by((s) => s.name), item: by((s) => s.itemName), status: by(stateRank) }));
    };
    return answerList(request, reply, db, query, list, STUDENT_EXPORT);
  });
}
