// Use case `fuzhi import bank-accounts FILE`: the cards aid is paid to (学籍号, 持卡人, 关系, 账号,
// 开户行). Each rejected row is reported with its reason; cards not in the student's or a guardian's
// name are stored but flagged.
import type { Database } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { cellText } from '../kernel/values.ts';
import { openTable } from '../files/read-table.ts';
import type { TableSpec } from '../files/table-spec.ts';
import { studentsByNo } from '../registry/listed-students.service.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { cardFlag, cleanAccount } from './payment.rules.ts';
import { putAccounts } from './recognition.repository.ts';

export const ACCOUNT_SPEC: TableSpec = {
  kind: 'bank-accounts',
  label: '资助发放账户',
  columns: [
    { key: 'studentNo', header: '学籍号', aliases: ['全国学籍号'], required: true },
    { key: 'holder', header: '持卡人姓名', aliases: ['户名', '账户名', '持卡人'], required: true },
    { key: 'relation', header: '与学生关系', aliases: ['持卡人关系', '关系'], required: true },
    { key: 'account', header: '银行卡号', aliases: ['账号', '卡号', '银行账号'], required: true },
    { key: 'bank', header: '开户行', aliases: ['开户银行'], required: false },
  ],
};

interface Rejected { row: number; reason: string }

export async function importAccounts(database: Database, o: { file: string; actor: Actor }) {
  const t = await openTable(o.file, ACCOUNT_SPEC);
  const raw: { row: number; studentNo: string; holder: string; relation: string; account: string | null; bank: string }[] = [];
  for await (const r of t.rows) {
    raw.push({ row: r.row, studentNo: cellText(r.values.studentNo).toUpperCase(), holder: cellText(r.values.holder), relation: cellText(r.values.relation), account: cleanAccount(cellText(r.values.account)), bank: cellText(r.values.bank) });
  }
  const students = new Map((await studentsByNo(database.db, raw.map((r) => r.studentNo))).map((s) => [s.studentNo, s]));
  const rejected: Rejected[] = [];
  const flagged: { row: number; studentNo: string; reason: string }[] = [];
  const at = nowIso();
  const rows = raw.flatMap((r) => {
    const s = students.get(r.studentNo);
    if (!s) { rejected.push({ row: r.row, reason: `学籍中没有学生 ${r.studentNo}` }); return []; }
    if (!r.account) { rejected.push({ row: r.row, reason: '银行卡号须为 12–19 位数字' }); return []; }
    if (!r.holder) { rejected.push({ row: r.row, reason: '持卡人姓名为空' }); return []; }
    const flag = cardFlag(s.name, r.holder, r.relation);
    if (flag) flagged.push({ row: r.row, studentNo: r.studentNo, reason: flag });
    return [{ student_no: s.studentNo, county_code: s.countyCode, holder_name: r.holder, holder_relation: r.relation, account_no: r.account, bank_name: r.bank || null, updated_at: at, actor: o.actor.username }];
  });
  await database.db.transaction().execute(async (trx) => {
    await putAccounts(trx, rows);
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.accounts.import', target: o.file, detail: { rows: rows.length, rejected: rejected.length, flagged: flagged.length } });
  });
  return { inserted: rows.length, rejected: rejected.length, flagged: flagged.length, rejectedRows: rejected.slice(0, 20), flags: flagged.slice(0, 50) };
}
