// Use case `fuzhi dropout report-case CASE --out FILE [--full]`: the written report of one case
// (劝返复学登记与书面报告) as .xlsx or a printable .pdf; the ID masked unless asked for in full (audited).
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { notFound, usageError } from '../kernel/errors.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { exportViewer } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { presentCase } from './case.presenter.ts';
import { caseReport } from './case-report.rules.ts';
import { caseEvents, findCaseInScope, schoolNames } from './dropout.repository.ts';

export async function reportCase(database: Database, o: { caseNo: string; out: string; full: boolean; actor: Actor }) {
  const ext = path.extname(o.out).toLowerCase();
  if (!['.pdf', '.xlsx', '.csv'].includes(ext)) throw usageError('书面报告须为 .pdf、.xlsx 或 .csv', 'the report must be .pdf, .xlsx or .csv');
  const c = await findCaseInScope(database.db, scopeOf(o.actor), o.caseNo);
  if (!c) throw notFound(`未找到案件“${o.caseNo}”`, `no case "${o.caseNo}"`);
  const v = await exportViewer(database.db, o.actor, { full: o.full, fields: ['idNumber', 'studentNo'], action: 'export.dropout-case', target: c.case_no, regions: [c.township_code ?? c.county_code] });
  const schools = await schoolNames(database.db);
  const report = caseReport(c, presentCase(c, v), await caseEvents(database.db, c.case_no), c.school_code ? (schools.get(c.school_code) ?? null) : null);
  if (ext === '.pdf') {
    const { writeCaseReportPdf } = await import('./case-report-pdf.ts');
    await writeCaseReportPdf(o.out, report);
  } else {
    const rows = [...report.fields.map(([k, val]) => [k, val, '', '']), ['办理经过', '', '', ''], ['日期', '事项', '办理人', '情况'], ...report.steps];
    await writeTable(o.out, ['项目', '内容', '', ''], rows, { sheetName: '劝返复学报告', title: [report.title] });
  }
  if (!o.full) await recordAudit(database.db, { actor: o.actor.username, action: 'export.dropout-case', target: c.case_no, regions: [c.township_code ?? c.county_code] });
  return { ok: true as const, case: c.case_no, status: c.status, steps: report.steps.length, file: o.out, full: o.full };
}
