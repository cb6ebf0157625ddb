// Use cases on one dropout case: close (with an optional proof file), confirm, assign, visit,
// return. Each checks the step with case.rules, writes the case, its history event and an audit
// entry in one transaction; a refused step changes nothing (exit 1).
import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { parseDate } from '../kernel/dates.ts';
import { FuzhiError, inputError, notFound, usageError } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { applyStep, type CaseStep } from './case.rules.ts';
import { PROOF_RULE } from './proof.rules.ts';
import { checkFile, storedFile, storedName } from '../files/attachments.ts';
import { findCase, insertEvents, insertProof, updateCase, type CaseRow } from './dropout.repository.ts';
import { schoolExists, userRole } from './people.repository.ts';

export interface StepContext {
  actor: Actor;
  today: string;
}

export interface StepAnswer {
  ok: true;
  caseNo: string;
  status: string;
  [k: string]: unknown;
}

function refused(code: string, zh: string, en: string): FuzhiError {
  return code === 'ILLEGAL_STEP' || code === 'CASE_STATUS' ? new FuzhiError(code, zh, en, { status: 409, exitCode: 1 }) : usageError(zh, en);
}

/** A calendar date people typed (--date): a real day, not after today. */
export function dayOf(input: string, option: string, today: string): string {
  const d = parseDate(input);
  if (!d.date || d.precision !== 'day') throw usageError(`${option} 日期“${input}”无法识别（应为 年-月-日）`, `${option} date "${input}" not understood (write YYYY-MM-DD)`);
  if (d.date > today) throw usageError(`${option} 日期 ${d.date} 晚于今天 ${today}`, `${option} date ${d.date} is after today ${today}`);
  return d.date;
}

async function runStep(
  database: Database,
  ctx: StepContext,
  caseNo: string,
  step: CaseStep,
  write: (c: CaseRow, status: string) => { patch: Partial<CaseRow>; detail: Record<string, unknown>; eventDate?: string },
  extra?: (trx: Transaction<DB>, c: CaseRow) => Promise<void>,
): Promise<StepAnswer> {
  const at = nowIso();
  return database.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, caseNo.trim().toUpperCase());
    if (!c) throw notFound(`案件编号 ${caseNo} 不存在（见 dropout list）`, `no case ${caseNo} (see dropout list)`);
    const result = applyStep(c.status, step);
    if (!result.ok) throw refused(result.code, `${c.case_no}：${result.zh}`, `${c.case_no}: ${result.en}`);
    const { patch, detail, eventDate } = write(c, result.status);
    const category = result.category ?? patch.category;
    await updateCase(trx, c.case_no, { ...patch, ...(category ? { category } : {}), status: result.status, updated_at: at });
    await insertEvents(trx, [{ case_no: c.case_no, county_code: c.county_code, action: step.kind, from_status: c.status, to_status: result.status, event_date: eventDate ?? ctx.today, detail_json: JSON.stringify(detail), actor: ctx.actor.username, at }]);
    if (extra) await extra(trx, c);
    await recordAudit(trx, { actor: ctx.actor.username, action: `dropout.${step.kind}`, target: c.case_no, detail: { from: c.status, to: result.status, ...detail }, countyCode: c.county_code });
    return { ok: true as const, caseNo: c.case_no, status: result.status, ...(category ? { category } : {}) };
  });
}

export interface Proof {
  fileName: string;
  mime: string;
  content: Buffer;
}

function readProof(file: string): Proof {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw inputError('FILE_NOT_FOUND', `找不到证明材料文件 ${file}`, `proof file not found: ${file}`, { file });
  }
  const head = Buffer.alloc(16);
  if (size > 0) {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
  }
  const check = checkFile(PROOF_RULE, path.basename(file), size, head);
  if (!check.ok) throw inputError('BAD_PROOF', check.zh, check.en, { file });
  return { fileName: path.basename(file), mime: check.mime, content: fs.readFileSync(file) };
}

/** A proof that arrived as bytes (an upload over HTTP): the same checks as a file on disk. */
export function proofFromBytes(fileName: string, content: Buffer): Proof {
  const name = storedName(fileName);
  const check = checkFile(PROOF_RULE, name, content.length, content);
  if (!check.ok) throw inputError('BAD_PROOF', check.zh, check.en, { file: name });
  return { fileName: name, mime: check.mime, content };
}

/** Closes a case; the proof is a file path (the CLI) or bytes already checked by proofFromBytes (HTTP). */
export async function closeCase(database: Database, ctx: StepContext, caseNo: string, o: { category: string; note: string; proof?: string | Proof }): Promise<StepAnswer> {
  const proof = typeof o.proof === 'string' ? readProof(o.proof) : (o.proof ?? null);
  return runStep(
    database,
    ctx,
    caseNo,
    { kind: 'close', category: o.category, note: o.note },
    () => ({ patch: { note: o.note }, detail: { category: o.category, note: o.note, proof: proof?.fileName ?? null } }),
    proof
      ? async (trx, c) =>
          insertProof(trx, { case_no: c.case_no, county_code: c.county_code, ...storedFile(proof, ctx.actor.username) })
      : undefined,
  );
}

export async function confirmCase(database: Database, ctx: StepContext, caseNo: string, note?: string): Promise<StepAnswer> {
  return runStep(database, ctx, caseNo, { kind: 'confirm' }, () => ({ patch: {}, detail: { note: note ?? null } }));
}

export async function assignCase(database: Database, ctx: StepContext, caseNo: string, o: { school?: string; townshipUser?: string; villageCadre?: string }): Promise<StepAnswer> {
  if (!o.school && !o.townshipUser && !o.villageCadre) throw usageError('请至少指定 --school、--township-user 或 --village-cadre 之一', 'give at least one of --school, --township-user, --village-cadre');
  if (o.school && !(await schoolExists(database.db, o.school))) throw usageError(`学校 ${o.school} 不在学校名单中`, `school ${o.school} is not in the school list`);
  if (o.townshipUser) {
    const role = await userRole(database.db, o.townshipUser);
    if (role !== 'township') throw usageError(`账号 ${o.townshipUser} 不存在或不是乡镇账号`, `account ${o.townshipUser} does not exist or is not a township account`);
  }
  return runStep(database, ctx, caseNo, { kind: 'assign' }, (c) => ({
    patch: { assigned_school: o.school ?? c.assigned_school, township_user: o.townshipUser ?? c.township_user, village_cadre: o.villageCadre ?? c.village_cadre },
    detail: { school: o.school ?? null, townshipUser: o.townshipUser ?? null, villageCadre: o.villageCadre ?? null },
  }));
}

export async function visitCase(database: Database, ctx: StepContext, caseNo: string, o: { date: string; by: string; note: string; next?: string }): Promise<StepAnswer> {
  const date = dayOf(o.date, '--date', ctx.today);
  if (!o.by.trim() || !o.note.trim()) throw usageError('走访须写明 --by 和 --note', 'a visit needs --by and --note');
  return runStep(database, ctx, caseNo, { kind: 'visit' }, (c) => ({
    patch: { last_visit: c.last_visit && c.last_visit > date ? c.last_visit : date },
    detail: { date, by: o.by, note: o.note, next: o.next ?? null },
    eventDate: date,
  }));
}

export async function returnCase(database: Database, ctx: StepContext, caseNo: string, o: { outcome: string; date: string; school?: string }): Promise<StepAnswer> {
  const date = dayOf(o.date, '--date', ctx.today);
  if (o.school && !(await schoolExists(database.db, o.school))) throw usageError(`学校 ${o.school} 不在学校名单中`, `school ${o.school} is not in the school list`);
  const answer = await runStep(database, ctx, caseNo, { kind: 'return', outcome: o.outcome }, (c) => ({
    patch: { outcome: o.outcome, outcome_date: date, assigned_school: o.school ?? c.assigned_school },
    detail: { outcome: o.outcome, date, school: o.school ?? null },
    eventDate: date,
  }));
  return { ...answer, outcome: o.outcome };
}
