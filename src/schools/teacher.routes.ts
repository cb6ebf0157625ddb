// 教师队伍 over HTTP, scoped (a school its own teachers, a township or county its region, the inspector
// reads): GET /api/teachers (roster, paged, xlsx), /training (学时 vs ≥ 80 / ≥ 24, 乡村教师培训率 vs
// ≥ 85% per school), /rotation (交流轮岗 vs 10% — 凉山 5% — and ≥ 30% backbone, schools behind),
// /moves (GET list, POST a move: the CLI's use case and refusals), /payables (ledger, xlsx; POST
// …/generate and …/pay: the CLI's use cases over the county's own teachers), /honours.
// Teacher ID numbers go through the presenter (FIELD_VISIBILITY.teacherIdNumber).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { fenToYuan } from '../kernel/money.ts';
import { parseIdNumber } from '../kernel/id-number.ts';
import { schoolYearOf } from '../kernel/school-year.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { openRef, sealRef } from '../platform/opaque-ref.ts';
import { authorize } from '../platform/policy.ts';
import { fullViewer, presentId, type Viewer, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { schoolDirectory } from './schools.repository.ts';
import { generatePayables, payPayables, recordMove } from './teacher-moves.ts';
import { BACKBONE_TARGET, rotationFigures } from './teacher-moves.rules.ts';
import { listMoves, listPayables, listTeachers, rotationMoves, schoolsInScope, teacherInScope, teachersInScope, type TeacherRow } from './teacher.repository.ts';
import { honourDue, meetsStandard, MIN_CONTINUING_HOURS, MIN_STANDARD_HOURS, MIN_VILLAGE_TRAINING_RATE, serviceYears, teacherFigures } from './teacher.rules.ts';
import {
  MoveBody, MoveListQuery, PayableGenerateBody, PayableListQuery, SchoolYearQuery, TeacherListQuery,
  type HonourList, type PayableGenerateAnswer, type PayablePayAnswer, type MoveAnswer, type MoveItem, type MoveList, type PayableItem, type PayableList, type RotationReport, type TeacherItem, type TeacherList, type TrainingReport,
} from './teacher.schema.ts';

export const TEACHER_REF = 't';

const idOf = (v: Viewer, t: { id_number: string | null; id_raw: string | null }) => presentId(v, 'teacherIdNumber', t);
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10);

const TEACHER_EXPORT: ListSpec<TeacherItem> = {
  name: '教师花名册',
  fields: ['teacherIdNumber'],
  columns: [
    { header: '学校标识码', value: (t) => t.schoolCode, text: true },
    { header: '学校名称', value: (t) => t.schoolName },
    { header: '姓名', value: (t) => t.name },
    { header: '身份证件号', value: (t) => t.idNumber ?? '', text: true },
    { header: '学历', value: (t) => t.education ?? '' },
    { header: '职称', value: (t) => t.title ?? '' },
    { header: '是否乡村教师', value: (t) => (t.village ? '是' : '否') },
    { header: '教龄', value: (t) => t.years ?? '' },
    { header: '本年度培训学时', value: (t) => t.trainingHours ?? '' },
    { header: '规范性培训学时', value: (t) => t.standardHours ?? '' },
    { header: `达到${MIN_CONTINUING_HOURS}学时`, value: (t) => (t.continuingMet ? '是' : '否') },
    { header: `规范性培训达到${MIN_STANDARD_HOURS}学时`, value: (t) => (t.standardMet ? '是' : '否') },
  ],
};

const MOVE_EXPORT: ListSpec<MoveItem> = {
  name: '教师交流轮岗支教特岗',
  fields: ['teacherIdNumber'],
  columns: [
    { header: '类型', value: (m) => m.kind },
    { header: '姓名', value: (m) => m.name },
    { header: '身份证件号', value: (m) => m.idNumber ?? '', text: true },
    { header: '原学校', value: (m) => m.fromName ?? '' },
    { header: '交流到（招聘到）', value: (m) => m.toName },
    { header: '开始日期', value: (m) => m.start },
    { header: '结束日期', value: (m) => m.end ?? '' },
    { header: '学年', value: (m) => m.schoolYear },
    { header: '骨干教师', value: (m) => (m.backbone ? '是' : '否') },
    { header: '说明', value: (m) => m.note },
  ],
};

const PAYABLE_EXPORT: ListSpec<PayableItem> = {
  name: '教师补助发放台账',
  fields: ['teacherIdNumber'],
  columns: [
    { header: '编号', value: (p) => p.id },
    { header: '学校标识码', value: (p) => p.schoolCode, text: true },
    { header: '学校名称', value: (p) => p.schoolName },
    { header: '姓名', value: (p) => p.name },
    { header: '身份证件号', value: (p) => p.idNumber ?? '', text: true },
    { header: '项目', value: (p) => p.item },
    { header: '期间', value: (p) => p.period, text: true },
    { header: '金额（元）', value: (p) => p.amount },
    { header: '状态', value: (p) => p.status },
    { header: '发放日期', value: (p) => p.paidOn ?? '' },
    { header: '凭据或原因', value: (p) => p.payNote ?? '' },
    { header: '依据', value: (p) => p.basis },
  ],
};

/** The school year asked for, or the one containing today (Beijing time). */
const yearOf = (request: FastifyRequest) => SchoolYearQuery.parse(request.query).schoolYear ?? schoolYearOf(today());

export function teacherRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;

  const viewer = async (actor: Actor, full: boolean, target: string) =>
    full ? fullViewer(db, actor, { fields: ['teacherIdNumber'], action: 'teacher.read-full', target, regions: [actor.regionCode] }) : viewerOf(actor);

  app.get('/api/teachers', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.read');
    const year = schoolYearOf(today());
    const key = refKeyOf(request);
    const list = async (q: TeacherListQuery): Promise<TeacherList> => {
      const v = await viewer(actor, q.full === '1', `/api/teachers page ${q.page}`);
      const { rows, total } = await listTeachers(db, scopeOf(actor), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }, q);
      return {
        items: rows.map((t) => ({
          id: sealRef(key, TEACHER_REF, t.teacher_key), name: t.name, idNumber: idOf(v, t), schoolCode: t.school_code, schoolName: t.school_name,
          education: t.education, title: t.title, village: t.village === 1, startMonth: t.start_month, years: serviceYears(t, year),
          trainingHours: t.training_hours, standardHours: t.standard_hours, continuingMet: (t.training_hours ?? 0) >= MIN_CONTINUING_HOURS, standardMet: meetsStandard(t),
        })),
        total,
      };
    };
    return answerList(request, reply, db, TeacherListQuery.parse(request.query), list, TEACHER_EXPORT);
  });

  app.get('/api/teachers/training', async (request): Promise<TrainingReport> => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.read');
    const schoolYear = yearOf(request);
    const teachers = await teachersInScope(db, scopeOf(actor));
    const line = (rows: TeacherRow[]) => {
      const f = teacherFigures(rows, schoolYear);
      const villageRate = pct(f.villageTrained, f.village);
      return { teachers: f.teachers, continuingMet: f.continuingMet, standardMet: f.standardMet, village: f.village, villageTrained: f.villageTrained, villageRate, behind: villageRate !== null && villageRate < MIN_VILLAGE_TRAINING_RATE };
    };
    const bySchool = new Map<string, TeacherRow[]>();
    for (const t of teachers) bySchool.set(t.school_code, [...(bySchool.get(t.school_code) ?? []), t]);
    return {
      schoolYear, minContinuing: MIN_CONTINUING_HOURS, minStandard: MIN_STANDARD_HOURS, villageTarget: MIN_VILLAGE_TRAINING_RATE,
      totals: line(teachers),
      schools: [...bySchool.entries()].map(([code, rows]) => ({ schoolCode: code, schoolName: rows[0].school_name, ...line(rows) })),
    };
  });

  app.get('/api/teachers/rotation', async (request): Promise<RotationReport> => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.read');
    const schoolYear = yearOf(request);
    const scope = scopeOf(actor);
    const [teachers, moves, schools] = await Promise.all([teachersInScope(db, scope), rotationMoves(db, scope), schoolDirectory(db)]);
    const countyOf = (code: string | null) => (code ? schools.get(code)?.county_code : undefined);
    const counties = [...new Set(teachers.map((t) => t.county_code))].sort();
    const lines: RotationReport['schools'] = [];
    const figures = counties.map((county) => {
      // a move counts at the school it leaves; a 特岗 hire only takes the teacher out of the eligible
      const own = moves.filter((m) => countyOf(m.from_school ?? m.to_school) === county);
      const roster = teachers.filter((t) => t.county_code === county);
      const { bySchool, ...f } = rotationFigures(roster, own, schoolYear, county);
      // every school of the roster has its line, also one with nobody due to rotate yet
      const listed = new Set(bySchool.map((l) => l.school));
      for (const code of new Set(roster.map((t) => t.school_code))) if (!listed.has(code)) bySchool.push({ school: code, eligible: 0, rotated: 0, backbone: 0 });
      bySchool.sort((x, y) => x.school.localeCompare(y.school));
      for (const l of bySchool) {
        const rate = pct(l.rotated, l.eligible);
        lines.push({ schoolCode: l.school, schoolName: schools.get(l.school)?.name ?? '', county, eligible: l.eligible, rotated: l.rotated, backbone: l.backbone, rate, target: f.target, behind: l.eligible > 0 && (rate ?? 0) < f.target });
      }
      return { county, ...f };
    });
    const year = moves.filter((m) => m.school_year === schoolYear);
    return {
      schoolYear, backboneTarget: BACKBONE_TARGET, counties: figures, schools: lines, behind: lines.filter((l) => l.behind).map((l) => l.schoolCode),
      supportTeaching: year.filter((m) => m.kind === '支教').length, specialPostHires: year.filter((m) => m.kind === '特岗').length,
    };
  });

  app.get('/api/teachers/moves', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.read');
    const v = viewerOf(actor);
    const list = async (q: MoveListQuery): Promise<MoveList> => {
      const { rows, total } = await listMoves(db, scopeOf(actor), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }, q);
      return {
        items: rows.map((m) => ({
          id: m.id, kind: m.kind, name: m.name ?? '', idNumber: idOf(v, m), fromSchool: m.from_school, fromName: m.from_name, toSchool: m.to_school, toName: m.to_name ?? m.to_school,
          start: m.start_on, end: m.end_on, schoolYear: m.school_year, backbone: m.backbone === 1, note: m.note,
        })),
        total,
      };
    };
    return answerList(request, reply, db, MoveListQuery.parse(request.query), list, MOVE_EXPORT);
  });

  app.post('/api/teachers/moves', async (request, reply): Promise<MoveAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.move');
    const body = MoveBody.parse(request.body ?? {});
    const scope = scopeOf(actor);
    // the roster's reference, or an ID number typed by a script; outside the scope: the same 404
    const key = openRef(refKeyOf(request), TEACHER_REF, body.teacher) ?? parseIdNumber(body.teacher).id;
    const teacher = key ? await teacherInScope(db, scope, key) : undefined;
    if (!teacher) throw notFound('教师不在您管辖范围内的教师花名册中', 'the teacher is not in the roster within your scope');
    const codes = [body.to, body.from].filter((c): c is string => Boolean(c));
    const seen = await schoolsInScope(db, scope, codes);
    const outside = codes.filter((c) => !seen.has(c));
    if (outside.length) throw notFound(`学校 ${outside.join('、')} 不在已导入的学校名单中或不在您的管辖范围内`, `school ${outside.join(', ')} is not in the school list within your scope`);
    const r = await recordMove(database, actor, today(), { teacher: teacher.teacher_key, kind: body.kind, from: body.from, to: body.to, start: body.start, end: body.end, schoolYear: body.schoolYear, note: body.note });
    void reply.code(201);
    return { ok: true, move: r.move, teacher: r.teacher, kind: r.kind, backbone: r.backbone };
  });

  app.get('/api/teachers/payables', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.read');
    const v = viewerOf(actor);
    const list = async (q: PayableListQuery): Promise<PayableList> => {
      const { rows, total, amounts } = await listPayables(db, scopeOf(actor), { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }, q);
      return {
        items: rows.map((p) => ({
          id: p.id, schoolCode: p.school_code, schoolName: p.school_name ?? '', name: p.name ?? '', idNumber: idOf(v, p), item: p.item, period: p.period,
          amount: fenToYuan(p.amount_fen), status: p.status, paidOn: p.paid_on, payNote: p.pay_note, basis: p.basis,
        })),
        total,
        amounts: { due: fenToYuan(amounts['待发放'] ?? 0), paid: fenToYuan(amounts['已发放'] ?? 0), failed: fenToYuan(amounts['发放失败'] ?? 0) },
      };
    };
    return answerList(request, reply, db, PayableListQuery.parse(request.query), list, PAYABLE_EXPORT);
  });

  // the CLI's `teacher payables generate`: idempotent, over the caller's county only
  app.post('/api/teachers/payables/generate', async (request): Promise<PayableGenerateAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.pay');
    const body = PayableGenerateBody.parse(request.body ?? {});
    if (Boolean(body.month) === (body.schoolYear !== undefined)) throw usageError('请给出月份（每月补贴）或学年（学费补偿）其中之一', 'give either a month (monthly subsidies) or a school year (tuition refunds)', { column: 'month' });
    const r = await generatePayables(database, actor, body);
    return { ok: true, period: r.period, due: r.due, created: r.created, existing: r.existing, amount: r.amount };
  });

  // the CLI's `teacher payables pay`: refused — payables are paid through a teacher batch (POST /api/aid/batches {kind:'teacher'})
  app.post('/api/teachers/payables/pay', async (request): Promise<PayablePayAnswer> => {
    authorize(actorOf(request), 'teacher.pay');
    return await payPayables();
  });

  app.get('/api/teachers/honours', async (request): Promise<HonourList> => {
    const actor = actorOf(request);
    authorize(actor, 'teacher.read');
    const schoolYear = yearOf(request);
    const v = viewerOf(actor);
    const items = (await teachersInScope(db, scopeOf(actor))).flatMap((t) => {
      const honour = honourDue(t, schoolYear);
      return honour === null ? [] : [{ name: t.name, idNumber: idOf(v, t), schoolCode: t.school_code, schoolName: t.school_name, startMonth: t.start_month, years: serviceYears(t, schoolYear) ?? honour, honour }];
    });
    return { schoolYear, items, total: items.length };
  });
}
