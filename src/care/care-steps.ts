// Use cases of the care capability: import the ledger, pair a child with a mentor (a teacher account
// of the child's school), log a visit. Each change is audited.
import type { Database } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { dayOf } from '../dropout/case-steps.ts';
import { importTable, type TableImportSummary } from '../dropout/import-table.ts';
import { studentDirectory } from '../dropout/import.repository.ts';
import { CARE_COLUMNS, MENTOR_KINDS, VISIT_KINDS } from './care.columns.ts';
import { normalizeCareRow, type KnownStudent } from './care.rules.ts';
import { findCareChild, findUser, insertVisit, upsertMentor } from './care.repository.ts';

export async function importCare(database: Database, opts: { file: string; sheet?: string; errorsFile?: string; actor: Actor }): Promise<TableImportSummary> {
  const byNo = new Map<string, KnownStudent>();
  const byId = new Map<string, KnownStudent>();
  for (const s of await studentDirectory(database.db)) {
    byNo.set(s.student_no, s);
    if (s.id_number) byId.set(s.id_number, s);
  }
  return importTable(
    database,
    { kind: 'care', spec: CARE_COLUMNS, table: 'care_children', key: 'student_no', keyLabel: ['学生', 'student'], normalize: (v) => normalizeCareRow(v, { byNo: (n) => byNo.get(n), byId: (i) => byId.get(i) }) },
    opts,
  );
}

async function careChild(database: Database, studentNo: string) {
  const child = await findCareChild(database.db, studentNo.trim().toUpperCase());
  if (!child) throw notFound(`学籍号 ${studentNo} 不在关爱对象台账中（先 import care）`, `student ${studentNo} is not in the care ledger (import care first)`);
  return child;
}

/** A teacher account of the child's school, or why not. */
async function teacherOf(database: Database, username: string, schoolCode: string, option: string) {
  const user = await findUser(database.db, username);
  if (!user || user.role !== 'teacher' || user.school_code !== schoolCode) {
    throw new FuzhiError('NOT_A_TEACHER', `${option} ${username} 不是该生所在学校（${schoolCode}）的教师账号`, `${option} ${username} is not a teacher account of the child's school (${schoolCode})`, { status: 400, exitCode: 1 });
  }
  return user;
}

export async function assignMentor(database: Database, actor: Actor, studentNo: string, o: { mentor: string; kind?: string }): Promise<{ ok: true; studentNo: string; mentor: string; kind: string }> {
  const kind = o.kind ?? '一对一';
  if (!(MENTOR_KINDS as readonly string[]).includes(kind)) throw usageError(`结对方式“${kind}”无效，应为 ${MENTOR_KINDS.join('、')}`, `unknown kind "${kind}"; use ${MENTOR_KINDS.join(', ')}`);
  const child = await careChild(database, studentNo);
  await teacherOf(database, o.mentor, child.school_code, '--mentor');
  const at = nowIso();
  await database.db.transaction().execute(async (trx) => {
    await upsertMentor(trx, { student_no: child.student_no, county_code: child.county_code, school_code: child.school_code, mentor: o.mentor, kind, assigned_by: actor.username, assigned_at: at });
    await recordAudit(trx, { actor: actor.username, action: 'care.assign', target: child.student_no, detail: { mentor: o.mentor, kind }, countyCode: child.county_code });
  });
  return { ok: true, studentNo: child.student_no, mentor: o.mentor, kind };
}

export async function logVisit(database: Database, actor: Actor, today: string, studentNo: string, o: { date: string; by: string; kind: string; note: string }): Promise<{ ok: true; studentNo: string; date: string; kind: string }> {
  if (!(VISIT_KINDS as readonly string[]).includes(o.kind)) throw usageError(`走访方式“${o.kind}”无效，应为 ${VISIT_KINDS.join('、')}`, `unknown kind "${o.kind}"; use ${VISIT_KINDS.join(', ')}`);
  if (!o.note.trim()) throw usageError('走访须写明 --note', 'a visit needs --note');
  const date = dayOf(o.date, '--date', today);
  const child = await careChild(database, studentNo);
  await teacherOf(database, o.by, child.school_code, '--by');
  await database.db.transaction().execute(async (trx) => {
    await insertVisit(trx, { student_no: child.student_no, county_code: child.county_code, school_code: child.school_code, visit_date: date, by_user: o.by, kind: o.kind, note: o.note, actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'care.visit', target: child.student_no, detail: { date, by: o.by, kind: o.kind }, countyCode: child.county_code });
  });
  return { ok: true, studentNo: child.student_no, date, kind: o.kind };
}
