// Use case `fuzhi export entitlements`: the term's entitlement list, one row per student and item
// (columns from interfaces.md; 金额 in yuan for the term, 0 for 据实 waivers with a note).
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { fenToYuan } from '../kernel/money.ts';
import { allCounties, recordAudit } from '../platform/audit.repository.ts';
import { exportViewer, present } from '../platform/presenter.ts';
import type { Actor, DataScope } from '../platform/scope.ts';
import { termEntitlements } from './entitlement.repository.ts';

export const ENTITLEMENT_HEADERS = ['学籍号', '姓名', '学校标识码', '学段', '资助项目', '金额', '依据', '学校名称', '年级', '项目类别', '金额说明', '认定理由', '发放县', '资金来源'];

export async function exportEntitlements(
  database: Database,
  o: { schoolYear: number; term: string; out: string; scope?: DataScope; full: boolean; actor: Actor },
): Promise<{ rows: number; file: string; amount: number; full: boolean }> {
  // 学籍号 masked (a G-form is the ID number) unless asked for in full, which is audited first
  const v = await exportViewer(database.db, o.actor, { full: o.full, fields: ['studentNo'], action: 'export.entitlements', target: o.out, regions: o.full ? await allCounties(database.db) : [] });
  const rows = (await termEntitlements(database.db, o.schoolYear, o.term, o.scope)).filter((r) => r.status === 'active');
  let fen = 0;
  const data = rows.map((r) => {
    if (r.cash) fen += r.amount_fen ?? 0;
    return [
      present(v, 'studentNo', r.student_no) ?? '', r.name, r.school_code, r.stage ?? '', r.item_name, r.cash ? fenToYuan(r.amount_fen ?? 0) : 0, r.basis,
      r.school_name, r.grade ?? '', r.kind, r.cash ? '' : '据实减免，不发放现金', r.reason, r.payer_county, r.fund_source,
    ];
  });
  const n = await writeTable(o.out, ENTITLEMENT_HEADERS, data, { sheetName: '应享资助', textColumns: [0, 2] });
  if (!o.full) await recordAudit(database.db, { actor: o.actor.username, action: 'export.entitlements', target: o.out, detail: { rows: n, schoolYear: o.schoolYear, term: o.term } });
  return { rows: n, file: o.out, amount: fenToYuan(fen), full: o.full };
}
