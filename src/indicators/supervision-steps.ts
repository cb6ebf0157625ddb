// Use cases of supervision: record a finding on a school or region (the level follows from the records
// before on the same matter: 通报, then 约谈, then 问责), record a 县级自查 or 市级复查, and the
// supervision ledger the inspection pack carries.
import type { Database } from '../db/database.ts';
import { parseDate } from '../kernel/dates.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { regionInScope, scopeOf, type Actor } from '../platform/scope.ts';
import { schoolsInScope } from '../platform/region.repository.ts';
import { CHECK_KINDS, CHECK_RESULTS, ESCALATION, matterKey, nextLevel, subjectKind } from './supervision.rules.ts';
import { insertSupervision, subjectNamed, supervisionOf } from './supervision.repository.ts';

function day(text: string, today: string): string {
  const d = parseDate(text);
  if (!d.date || d.precision !== 'day') throw usageError(`--date 日期“${text}”无法识别（应为 年-月-日）`, `--date "${text}" not recognised`);
  if (d.date > today) throw usageError('--date 日期晚于今天', '--date is after today');
  return d.date;
}

async function subjectOf(database: Database, code: string) {
  if (!subjectKind(code)) throw usageError(`--subject “${code}”应为 10 位学校标识码或 6/9/12 位行政区划代码`, `--subject "${code}" must be a 10-digit school code or a 6/9/12-digit region code`);
  const s = await subjectNamed(database.db, code);
  if (!s) throw notFound(`${code} 不在已导入的学校名单中（或该区划下没有学校）`, `${code} is not an imported school nor a region with schools`);
  return s;
}

export async function recordFinding(database: Database, actor: Actor, today: string, o: { subject: string; matter: string; date: string; finding: string; schoolYear: number }) {
  if (!o.matter.trim() || !o.finding.trim()) throw usageError('--matter 事项和 --finding 情况不能为空', '--matter and --finding must not be empty');
  const s = await subjectOf(database, o.subject);
  const date = day(o.date, today);
  return database.db.transaction().execute(async (trx) => {
    const key = matterKey(o.matter);
    const before = (await supervisionOf(trx, { subject: o.subject })).filter((r) => (ESCALATION as readonly string[]).includes(r.kind) && matterKey(r.matter) === key);
    const level = nextLevel(before.length);
    const id = await insertSupervision(trx, { county_code: s.county_code, school_year: o.schoolYear, subject: o.subject, subject_name: s.name, kind: level, matter: o.matter.trim(), record_date: date, finding: o.finding.trim(), result: null, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: `supervision.${level}`, target: String(id), regions: [s.county_code], detail: { subject: o.subject, matter: o.matter.trim(), level, times: before.length + 1 } });
    return { ok: true, record: id, subject: o.subject, name: s.name, level, times: before.length + 1 };
  });
}

export async function recordCheck(database: Database, actor: Actor, today: string, o: { kind: string; subject: string; date: string; result: string; finding: string; schoolYear: number }) {
  if (!(CHECK_KINDS as readonly string[]).includes(o.kind)) throw usageError(`--kind 应为 ${CHECK_KINDS.join('、')}`, `--kind must be one of ${CHECK_KINDS.join(', ')}`);
  if (!(CHECK_RESULTS as readonly string[]).includes(o.result)) throw usageError(`--result 应为 ${CHECK_RESULTS.join('、')}`, `--result must be one of ${CHECK_RESULTS.join(', ')}`);
  if (!o.finding.trim()) throw usageError('--finding 情况不能为空', '--finding must not be empty');
  const s = await subjectOf(database, o.subject);
  const date = day(o.date, today);
  const id = await database.db.transaction().execute(async (trx) => {
    const rid = await insertSupervision(trx, { county_code: s.county_code, school_year: o.schoolYear, subject: o.subject, subject_name: s.name, kind: o.kind, matter: o.kind, record_date: date, finding: o.finding.trim(), result: o.result, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'supervision.check', target: String(rid), regions: [s.county_code], detail: { kind: o.kind, subject: o.subject, result: o.result } });
    return rid;
  });
  return { ok: true, record: id, kind: o.kind, subject: o.subject, result: o.result };
}

export const SUPERVISION_HEADERS = ['编号', '学年', '对象代码', '对象', '类别', '事项', '日期', '情况', '结果', '登记人'];

export async function listSupervision(database: Database, o: { out: string; schoolYear?: number; actor: Actor }) {
  const scope = scopeOf(o.actor);
  const mine = await schoolsInScope(database.db, scope);
  // a school's records by its code, a region's when the region lies in the caller's scope
  const rows = (await supervisionOf(database.db, { schoolYear: o.schoolYear })).filter((r) => (r.subject.length === 10 ? mine(r.subject) : regionInScope(scope, r.subject)));
  const n = await writeTable(o.out, SUPERVISION_HEADERS, rows.map((r) => [r.id, r.school_year, r.subject, r.subject_name, r.kind, r.matter, r.record_date, r.finding, r.result ?? '', r.actor]), { sheetName: '督导问责台账', textColumns: [2] });
  await recordAudit(database.db, { actor: o.actor.username, action: 'supervision.list', target: o.out, detail: { rows: n } });
  const count = (k: string) => rows.filter((r) => r.kind === k).length;
  return { rows: n, out: o.out, 通报: count('通报'), 约谈: count('约谈'), 问责: count('问责'), 县级自查: count('县级自查'), 市级复查: count('市级复查') };
}
