// Use cases "dropout list" (the ledger of cases) and "report dropout" (figures per township and school).
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { exportViewer } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { isCaseStatus, CASE_STATUSES } from './case.rules.ts';
import { caseLedgerRow, presentCase } from './case.presenter.ts';
import { DROPOUT_CASE_HEADERS } from './dropout.columns.ts';
import { regionNames } from '../platform/region.repository.ts';
import { enrolledBySchool, listCases, schoolNames } from './dropout.repository.ts';
import { percent, reportLine, RETENTION_HEADER, type ReportLine } from './report.rules.ts';
import { usageError } from '../kernel/errors.ts';

export async function listCaseLedger(database: Database, opts: { out: string; status?: string; full: boolean; actor: Actor }): Promise<{ rows: number; out: string; full: boolean }> {
  if (opts.status && !isCaseStatus(opts.status)) throw usageError(`状态“${opts.status}”无效，应为 ${CASE_STATUSES.join('、')} 之一`, `unknown status "${opts.status}"`);
  const { rows } = await listCases(database.db, scopeOf(opts.actor), opts.status);
  const regions = [...new Set(rows.map((c) => c.township_code ?? c.county_code))];
  const v = await exportViewer(database.db, opts.actor, { full: opts.full, fields: ['idNumber', 'studentNo'], action: 'export.dropout', target: opts.out, regions });
  const n = await writeTable(opts.out, DROPOUT_CASE_HEADERS, rows.map((c) => caseLedgerRow(presentCase(c, v))), { sheetName: '控辍保学台账', textColumns: [0, 2, 5, 12, 13] });
  if (!opts.full) await recordAudit(database.db, { actor: opts.actor.username, action: 'export.dropout', target: opts.out, regions, detail: { rows: n, status: opts.status ?? null } });
  return { rows: n, out: opts.out, full: opts.full };
}

export const DROPOUT_REPORT_HEADERS = ['层级', '代码', '名称', ...CASE_STATUSES, '案件合计', '劝返完成', '在校学生数', RETENTION_HEADER];

export async function reportDropout(database: Database, opts: { out: string; schoolYear: number; actor: Actor }): Promise<{ rows: number; out: string; schoolYear: number }> {
  const db = database.db;
  const { rows } = await listCases(db, scopeOf(opts.actor), undefined);
  const cases = rows.filter((c) => c.school_year === opts.schoolYear);
  const enrolled = await enrolledBySchool(db);
  const bySchool = new Map<string, number>();
  const byTownship = new Map<string, number>();
  for (const e of enrolled) {
    bySchool.set(e.school_code, e.n);
    if (e.region_code) byTownship.set(e.region_code.slice(0, 9), (byTownship.get(e.region_code.slice(0, 9)) ?? 0) + e.n);
  }
  const group = (key: (c: (typeof cases)[number]) => string | null) => {
    const m = new Map<string, string[]>();
    for (const c of cases) {
      const k = key(c);
      if (k) (m.get(k) ?? m.set(k, []).get(k)!).push(c.status);
    }
    return m;
  };
  const lines: ReportLine[] = [];
  for (const [code, statuses] of [...group((c) => c.township_code)].sort()) lines.push(reportLine('乡镇', code, statuses, byTownship.get(code) ?? 0));
  for (const [code, statuses] of [...group((c) => c.assigned_school ?? c.school_code)].sort()) lines.push(reportLine('学校', code, statuses, bySchool.get(code) ?? 0));
  const regions = await regionNames(db);
  const schools = await schoolNames(db);
  const n = await writeTable(
    opts.out,
    DROPOUT_REPORT_HEADERS,
    lines.map((l) => [l.level, l.code, l.level === '学校' ? (schools.get(l.code) ?? '') : (regions.get(l.code) ?? ''), ...CASE_STATUSES.map((s) => l.byStatus[s]), l.total, l.returned, l.enrolled, percent(l.retention)]),
    { sheetName: '控辍保学统计', textColumns: [1] },
  );
  await recordAudit(db, { actor: opts.actor.username, action: 'report.dropout', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear } });
  return { rows: n, out: opts.out, schoolYear: opts.schoolYear };
}
