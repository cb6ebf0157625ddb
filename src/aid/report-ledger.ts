// Use cases for money paid: the 台账 by fund source, item and level of government (专款专用), and
// the payment export for the province's online supervision system (扶贫(惠民)资金在线监管). The
// supervision layout is documented in src/aid/README.md; its columns never change meaning.
import type { Database } from '../db/database.ts';
import { fenToYuan } from '../kernel/money.ts';
import { writeTable } from '../files/write-table.ts';
import { allCounties, recordAudit } from '../platform/audit.repository.ts';
import { exportViewer, present } from '../platform/presenter.ts';
import type { Actor, DataScope } from '../platform/scope.ts';
import { paidLines } from './batch.repository.ts';
import { LEVELS, ledger, splitByLevel } from './payment.rules.ts';

export const LEDGER_HEADERS = ['资金来源', '资助项目', '人次', '金额', '中央', '省', '市', '县', '未规定分担'];

export async function reportLedger(database: Database, o: { schoolYear: number; term: string | null; out: string }) {
  const lines = await paidLines(database.db, o.schoolYear, o.term);
  const rows = ledger(lines.map((l) => ({ fundSource: l.fund_source, itemName: l.item_name, amountFen: l.amount_fen, shares: JSON.parse(l.shares_json) as Record<string, number> })));
  const cells = rows.map((r) => [r.fundSource, r.itemName, r.count, fenToYuan(r.fen), ...[...LEVELS, '未分担'].map((l) => fenToYuan(r.byLevel[l] ?? 0))]);
  const totalFen = rows.reduce((a, r) => a + r.fen, 0);
  const n = await writeTable(o.out, LEDGER_HEADERS, cells, { sheetName: '资助资金台账', title: [`${o.schoolYear}学年${o.term ?? '全年'}学生资助资金发放台账`] });
  const bySource: Record<string, number> = {};
  for (const r of rows) bySource[r.fundSource] = fenToYuan(Math.round((bySource[r.fundSource] ?? 0) * 100) + r.fen);
  return { rows: n, file: o.out, payments: lines.length, amount: fenToYuan(totalFen), bySource };
}

export const SUPERVISION_HEADERS = ['序号', '年度', '学期', '区县代码', '发放县代码', '学校标识码', '学校名称', '学籍号', '姓名', '资助项目', '资金来源', '发放金额', '发放日期', '批次号', '中央资金', '省级资金', '市级资金', '县级资金', '未规定分担'];

export async function exportSupervision(database: Database, o: { schoolYear: number; term: string | null; out: string; full: boolean; actor: Actor; scope?: DataScope }) {
  // the province's system may need the full 学籍号: given only on request, and audited first
  const v = await exportViewer(database.db, o.actor, { full: o.full, fields: ['studentNo'], action: 'export.supervision', target: o.out, regions: o.full ? await allCounties(database.db) : [] });
  const lines = await paidLines(database.db, o.schoolYear, o.term, o.scope);
  const cells = lines.map((l, i) => {
    const parts = splitByLevel(l.amount_fen, JSON.parse(l.shares_json) as Record<string, number>);
    return [i + 1, l.school_year, l.term, l.county_code, l.payer_county, l.school_code, l.school_name, present(v, 'studentNo', l.student_no) ?? '', l.name, l.item_name, l.fund_source, fenToYuan(l.amount_fen), l.paid_at ?? '', l.batch_id, ...[...LEVELS, '未分担'].map((k) => fenToYuan(parts[k] ?? 0))];
  });
  const n = await writeTable(o.out, SUPERVISION_HEADERS, cells, { sheetName: '资金发放明细', textColumns: [3, 4, 5, 7] });
  if (!o.full) await recordAudit(database.db, { actor: o.actor.username, action: 'export.supervision', target: o.out, detail: { rows: n } });
  return { rows: n, file: o.out, amount: fenToYuan(lines.reduce((a, l) => a + l.amount_fen, 0)), full: o.full };
}
