// What the disbursement batch machinery (src/aid) needs of teacher payables: a period's unpaid
// payables within a scope, the teachers' bank cards, and the payables' status once a batch row is
// paid or fails. Also the import of those cards (`fuzhi teacher accounts FILE`). The batch, its
// 公示, approval and payment live in src/aid; this file keeps the teacher tables in step.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { TeacherBankAccountTable } from '../db/projects-schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { inputError, usageError } from '../kernel/errors.ts';
import { parseIdNumber } from '../kernel/id-number.ts';
import { cellText } from '../kernel/values.ts';
import { openTable } from '../files/read-table.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { DataScope, Actor } from '../platform/scope.ts';
import { putTeacherAccounts, setPayableStatus, teacherAccounts, teacherByKey, unpaidPayablesOf } from './teacher-moves.repository.ts';

/** The key a payable has in a batch (aid_batch_rows.entitlement_id and pay_key). */
export const payableKey = (id: number) => `teacher-payable|${id}`;
export const payableIdOf = (key: string): number | null => (/^teacher-payable\|\d+$/.test(key) ? Number(key.split('|')[1]) : null);

/** A payables period as generated: YYYY-MM (monthly subsidies) or YYYY (a school year's tuition refunds). */
export function checkPeriod(period: string): string {
  const p = period.trim();
  if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(p)) throw usageError(`期间“${period}”应为 年-月（如 2026-03，每月补贴）或学年（如 2025，学费补偿）`, `period "${period}" must be year-month (e.g. 2026-03) or a school year (e.g. 2025)`);
  return p;
}

/** The school year and term a period falls in (秋季 Sep–Feb, 春季 Mar–Aug; a school year's refunds: 全年). */
export function periodTerm(period: string): { schoolYear: number; term: string } {
  const [y, m] = period.split('-').map(Number);
  if (m === undefined) return { schoolYear: y, term: '全年' };
  if (m >= 9) return { schoolYear: y, term: '秋季' };
  return { schoolYear: y - 1, term: m <= 2 ? '秋季' : '春季' };
}

export async function unpaidPayables(db: Kysely<DB>, period: string, scope: DataScope) {
  return unpaidPayablesOf(db, checkPeriod(period), scope);
}

export async function teacherPayAccounts(db: Kysely<DB>, keys: string[]) {
  return teacherAccounts(db, keys);
}

/** After a batch row of a payable is paid or fails: the payable says so (the ledger and the inspector's pack read it). */
export async function settlePayables(db: Kysely<DB>, actor: Actor, rows: { key: string; status: string; on: string; note: string }[]): Promise<void> {
  const at = nowIso();
  for (const r of rows) {
    const id = payableIdOf(r.key);
    if (id === null) continue;
    await setPayableStatus(db, [id], { status: r.status, paid_on: r.status === '已发放' ? r.on : null, pay_note: r.note, actor: actor.username, at });
  }
}

const ACCOUNT_SPEC: TableSpec = {
  kind: 'teacher-bank-accounts',
  label: '教师补助发放账户',
  columns: [
    { key: 'id', header: '身份证件号', aliases: ['身份证号', '公民身份号码', '证件号码'], required: true },
    { key: 'name', header: '姓名', aliases: ['户名', '持卡人姓名', '教师姓名'], required: true },
    { key: 'account', header: '银行卡号', aliases: ['账号', '卡号', '银行账号'], required: true },
    { key: 'bank', header: '开户行', aliases: ['开户银行'], required: false },
  ],
};

/** `fuzhi teacher accounts FILE`: each teacher's own card (持卡人 must be the teacher); one bad row and nothing is stored. */
export async function importTeacherAccounts(database: Database, o: { file: string; actor: Actor }) {
  const t = await openTable(o.file, ACCOUNT_SPEC);
  const at = nowIso();
  const rows: TeacherBankAccountTable[] = [];
  for await (const r of t.rows) {
    const rawId = cellText(r.values.id);
    const key = parseIdNumber(rawId).id ?? rawId.trim();
    const teacher = await teacherByKey(database.db, key);
    const where = (column: string, value: string) => ({ file: o.file, row: r.row, column, value });
    if (!teacher) throw inputError('TEACHER_ACCOUNT', `第 ${r.row} 行：身份证件号不在教师花名册中，未导入任何账户`, `row ${r.row}: the ID number is not in the teacher roster; nothing imported`, where('身份证件号', rawId));
    const name = cellText(r.values.name).replace(/\s/g, '');
    if (name !== teacher.name.replace(/\s/g, '')) throw inputError('TEACHER_ACCOUNT', `第 ${r.row} 行：持卡人“${name}”与教师花名册姓名不符（补助只发到教师本人账户），未导入任何账户`, `row ${r.row}: holder "${name}" is not the teacher on the roster (paid to the teacher's own card only); nothing imported`, where('姓名', name));
    const account = cellText(r.values.account).replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(account)) throw inputError('TEACHER_ACCOUNT', `第 ${r.row} 行：银行卡号应为 12–19 位数字，未导入任何账户`, `row ${r.row}: a bank card number has 12–19 digits; nothing imported`, where('银行卡号', '(略)'));
    rows.push({ teacher_key: teacher.teacher_key, county_code: teacher.county_code, holder_name: teacher.name, account_no: account, bank_name: cellText(r.values.bank) || null, updated_at: at, actor: o.actor.username });
  }
  await database.db.transaction().execute(async (trx) => {
    await putTeacherAccounts(trx, rows);
    await recordAudit(trx, { actor: o.actor.username, action: 'teacher.accounts.import', target: o.file, regions: [...new Set(rows.map((r) => r.county_code))], detail: { rows: rows.length } });
  });
  return { ok: true, rows: rows.length, file: o.file };
}
