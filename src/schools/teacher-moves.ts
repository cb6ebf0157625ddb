// Use cases of teacher moves and payables: record a 交流轮岗 / 支教 / 特岗 move, the rotation report of a
// school year (who is behind), generate the rural subsidies of a month or the tuition refunds of a
// school year (idempotent), and the payables ledger (ID numbers via present()). Payables are paid
// through the aid batch machinery (teacher batches, see teacher-pay.ts and docs/decisions), which
// writes each payable's status back; the old direct payment is refused.
import type { Database } from '../db/database.ts';
import { parseIdNumber } from '../kernel/id-number.ts';
import { FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { parseDate } from '../kernel/dates.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { exportViewer, presentId } from '../platform/presenter.ts';
import { schoolInScope, scopeOf, type Actor } from '../platform/scope.ts';
import { schoolsInScope } from '../platform/region.repository.ts';
import { allTeachers, schoolDirectory } from './schools.repository.ts';
import { allMoves, insertMove, insertPayables, payablesOf, teacherByKey, type Payable } from './teacher-moves.repository.ts';
import { BACKBONE_TARGET, isBackbone, monthlyPayables, moveProblem, rotationFigures, tuitionRefund, type PayableItem } from './teacher-moves.rules.ts';

function day(text: string, option: string): string {
  const d = parseDate(text);
  if (!d.date || d.precision !== 'day') throw usageError(`${option} 日期“${text}”无法识别（应为 年-月-日）`, `${option} date "${text}" not recognised`);
  return d.date;
}

export async function recordMove(database: Database, actor: Actor, today: string, o: { teacher: string; kind: string; from?: string; to: string; start: string; end?: string; schoolYear: number; note?: string }) {
  const key = parseIdNumber(o.teacher).id ?? o.teacher.trim();
  const teacher = await teacherByKey(database.db, key);
  if (!teacher) throw notFound('教师不在已导入的教师花名册中（按身份证件号查找）', 'the teacher is not in the imported roster (looked up by ID number)');
  const schools = await schoolDirectory(database.db);
  for (const code of [o.to, o.from].filter((c): c is string => Boolean(c))) if (!schools.has(code)) throw notFound(`学校 ${code} 不在已导入的学校名单中`, `school ${code} is not in the imported school list`);
  const move = { kind: o.kind, from_school: o.from ?? null, to_school: o.to, start_on: day(o.start, '--start'), end_on: o.end ? day(o.end, '--end') : null };
  if (move.start_on > today && o.kind === '特岗') throw usageError('特岗招聘日期晚于今天', 'the hire date is after today');
  const problem = moveProblem(move);
  if (problem) throw new FuzhiError('TEACHER_MOVE', `${teacher.name}：${problem.zh}`, `${problem.en}`);
  const county = schools.get(o.to)!.county_code;
  const id = await database.db.transaction().execute(async (trx) => {
    const mid = await insertMove(trx, { county_code: county, teacher_key: key, school_year: o.schoolYear, ...move, backbone: isBackbone(teacher.title) ? 1 : 0, note: o.note?.trim() ?? '', actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'teacher.move', target: String(mid), regions: [county, teacher.county_code], detail: { kind: o.kind, name: teacher.name, from: move.from_school, to: o.to, start: move.start_on, end: move.end_on } });
    return mid;
  });
  return { ok: true, move: id, teacher: teacher.name, kind: o.kind, backbone: isBackbone(teacher.title) };
}

export const ROTATION_HEADERS = ['学校标识码', '学校名称', '应交流教师（任教满6年）', '本学年交流轮岗', '交流比例', '其中优秀/高级/一级', '县目标', '是否落后'];

export async function reportRotation(database: Database, o: { schoolYear: number; out: string; actor: Actor }) {
  const [all, moves, schools, mine] = await Promise.all([allTeachers(database.db), allMoves(database.db), schoolDirectory(database.db), schoolsInScope(database.db, scopeOf(o.actor))]);
  const teachers = all.filter((t) => mine(t.school_code));
  const counties = [...new Set(teachers.map((t) => t.county_code))].sort();
  const rows: unknown[][] = [];
  const byCounty = counties.map((county) => {
    const f = rotationFigures(teachers.filter((t) => t.county_code === county), moves, o.schoolYear, county);
    for (const l of f.bySchool) {
      const rate = l.eligible === 0 ? null : Math.round((l.rotated * 1000) / l.eligible) / 10;
      rows.push([l.school, schools.get(l.school)?.name ?? '', l.eligible, l.rotated, rate === null ? '' : `${rate}%`, l.backbone, `${f.target}%`, l.eligible > 0 && (rate ?? 0) < f.target ? '是' : '否']);
    }
    return { county, ...f, behind: f.bySchool.filter((l) => l.eligible > 0 && (l.rotated * 100) / l.eligible < f.target).map((l) => l.school) };
  });
  const n = await writeTable(o.out, ROTATION_HEADERS, rows, { sheetName: '教师交流轮岗', textColumns: [0] });
  const year = moves.filter((m) => m.school_year === o.schoolYear);
  await recordAudit(database.db, { actor: o.actor.username, action: 'report.rotation', target: o.out, detail: { rows: n, schoolYear: o.schoolYear } });
  return {
    rows: n, out: o.out, schoolYear: o.schoolYear, backboneTarget: BACKBONE_TARGET,
    counties: byCounty.map(({ bySchool: _, ...c }) => c),
    supportTeaching: year.filter((m) => m.kind === '支教').length,
    specialPostHires: year.filter((m) => m.kind === '特岗').length,
  };
}

/** The rotation fraction the indicators need (all counties together). */
export async function rotationFacts(database: Database, schoolYear: number) {
  const [teachers, moves] = await Promise.all([allTeachers(database.db), allMoves(database.db)]);
  const f = rotationFigures(teachers, moves, schoolYear, teachers[0]?.county_code ?? '');
  return { numerator: f.rotated, denominator: f.eligible };
}

/** Rotation school by school: eligible teachers at their school, a move at the school left. */
export async function rotationBySchool(database: Database, schoolYear: number): Promise<{ school: string; eligible: number; rotated: number }[]> {
  const [teachers, moves] = await Promise.all([allTeachers(database.db), allMoves(database.db)]);
  return rotationFigures(teachers, moves, schoolYear, teachers[0]?.county_code ?? '').bySchool;
}

export async function generatePayables(database: Database, actor: Actor, o: { month?: string; schoolYear?: number }) {
  if (Boolean(o.month) === (o.schoolYear !== undefined)) throw usageError('请给出 --month YYYY-MM（每月补贴）或 --school-year Y（学费补偿）其中之一', 'give either --month YYYY-MM (monthly subsidies) or --school-year Y (tuition refunds)');
  if (o.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(o.month)) throw usageError(`--month “${o.month}”应为 年-月，如 2026-03`, `--month "${o.month}" must be year-month, e.g. 2026-03`);
  const [all, schools] = await Promise.all([allTeachers(database.db), schoolDirectory(database.db)]);
  // over HTTP a county generates for its own teachers only
  const scope = scopeOf(actor);
  const teachers = all.filter((t) => schoolInScope(scope, { code: t.school_code, county_code: t.county_code }));
  const at = nowIso();
  const rows = teachers.flatMap((t) => {
    const items: PayableItem[] = o.month ? monthlyPayables(t, schools.get(t.school_code)?.urban_rural ?? null, o.month) : [tuitionRefund(t, o.schoolYear!)].filter((x): x is PayableItem => x !== null);
    return items.map((i) => ({ county_code: t.county_code, teacher_key: t.teacher_key, school_code: t.school_code, ...i, status: '待发放', paid_on: null, pay_note: null, actor: actor.username, at }));
  });
  const period = o.month ?? String(o.schoolYear);
  const created = await database.db.transaction().execute(async (trx) => {
    const c = await insertPayables(trx, rows);
    await recordAudit(trx, { actor: actor.username, action: 'teacher.payables', target: period, regions: [...new Set(rows.map((r) => r.county_code))], detail: { created: c, due: rows.length } });
    return c;
  });
  return { ok: true, period, due: rows.length, created, existing: rows.length - created, amount: fenToYuan(rows.reduce((s, r) => s + r.amount_fen, 0)) };
}

/**
 * The old direct payment of payables is refused: they are paid through a disbursement batch (src/aid,
 * `fuzhi batch create --kind teacher --period P`), with its 公示, approval and proof per row, so that
 * nothing is paid twice or without notice. The batch keeps each payable's status in step.
 */
export function payPayables(): Promise<never> {
  return Promise.reject(new FuzhiError(
    'TEACHER_PAY_BY_BATCH',
    '教师补助须通过发放批次发放（公示、审批后凭银行发放结果或逐人确认登记）：fuzhi batch create --kind teacher --period 期间，或在“教师队伍 → 补贴与荣誉”中点“生成发放批次”；未作任何更改',
    'teacher payables are paid through a disbursement batch (notice, approval, then the bank result or a per-row confirmation): fuzhi batch create --kind teacher --period P, or 生成发放批次 on the teachers page; nothing changed',
    { exitCode: 1, status: 409 },
  ));
}

export const PAYABLE_HEADERS = ['编号', '学校标识码', '学校名称', '姓名', '身份证件号', '项目', '期间', '金额（元）', '状态', '发放日期', '凭据或原因', '依据'];

export async function listPayables(database: Database, o: { out: string; period?: string; full?: boolean; actor: Actor }) {
  const v = await exportViewer(database.db, o.actor, { full: Boolean(o.full), fields: ['teacherIdNumber'], action: 'teacher.payables.list', target: o.out });
  const [all, teachers, schools, mine] = await Promise.all([payablesOf(database.db, { period: o.period }), allTeachers(database.db), schoolDirectory(database.db), schoolsInScope(database.db, scopeOf(o.actor))]);
  const rows = all.filter((r) => mine(r.school_code));
  const byKey = new Map(teachers.map((t) => [t.teacher_key, t]));
  const line = (r: Payable) => {
    const t = byKey.get(r.teacher_key);
    return [r.id, r.school_code, schools.get(r.school_code)?.name ?? '', t?.name ?? '', presentId(v, 'teacherIdNumber', t) ?? '', r.item, r.period, fenToYuan(r.amount_fen), r.status, r.paid_on ?? '', r.pay_note ?? '', r.basis];
  };
  const n = await writeTable(o.out, PAYABLE_HEADERS, rows.map(line), { sheetName: '教师补助发放台账', textColumns: [1, 4] });
  await recordAudit(database.db, { actor: o.actor.username, action: 'teacher.payables.list', target: o.out, detail: { rows: n, period: o.period ?? null } });
  const sum = (status: string) => fenToYuan(rows.filter((r) => r.status === status).reduce((s, r) => s + r.amount_fen, 0));
  return { rows: n, out: o.out, due: sum('待发放'), paid: sum('已发放'), failed: sum('发放失败') };
}
