// Use cases "care list", "report care" and "export care --for 民政". What a reader sees of a care row
// comes from the one presenter (platform/presenter.ts).
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { usageError } from '../kernel/errors.ts';
import type { Term } from '../kernel/school-year.ts';
import { allCounties, recordAudit } from '../platform/audit.repository.ts';
import { exportViewer, mayAskFull, present, presentId, type Viewer } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { CARE_LIST_HEADERS, CARE_REPORT_HEADERS, MINZHENG_HEADERS } from './care.columns.ts';
import { coverageBySchool, termOf, visitWindow } from './care.rules.ts';
import { careExchangeRows, listCareChildren, schoolNameMap, type CareChildRow } from './care.repository.ts';

export interface PresentedCareChild {
  studentNo: string;
  name: string;
  schoolCode: string;
  categories: string[];
  mentor: string | null;
  visitsThisTerm: number;
  lastVisit: string | null;
}

/** A care child as the viewer may see it: a G-form 学籍号 (it is the ID number) masked unless full. */
export function presentCareChild(r: CareChildRow, v: Viewer): PresentedCareChild {
  return {
    studentNo: present(v, 'studentNo', r.student_no) ?? '',
    name: r.name,
    schoolCode: r.school_code,
    categories: r.categories.split('、').filter(Boolean),
    mentor: r.mentor,
    visitsThisTerm: r.visits,
    lastVisit: r.last_visit,
  };
}

export async function listCare(database: Database, opts: { out: string; full: boolean; actor: Actor; today: string }): Promise<{ rows: number; out: string; full: boolean; term: string }> {
  const { schoolYear, term } = termOf(opts.today);
  const { rows } = await listCareChildren(database.db, scopeOf(opts.actor), visitWindow(schoolYear, term));
  const v = await exportViewer(database.db, opts.actor, { full: opts.full, fields: ['studentNo'], action: 'export.care', target: opts.out, regions: opts.full ? await allCounties(database.db) : [] });
  const n = await writeTable(
    opts.out,
    CARE_LIST_HEADERS,
    rows.map((r) => {
      const p = presentCareChild(r, v);
      return [p.studentNo, p.name, p.schoolCode, p.categories.join('、'), p.mentor ?? '', p.visitsThisTerm, p.lastVisit ?? ''];
    }),
    { sheetName: '关爱对象', textColumns: [0, 2] },
  );
  if (!opts.full) await recordAudit(database.db, { actor: opts.actor.username, action: 'export.care', target: opts.out, detail: { rows: n } });
  return { rows: n, out: opts.out, full: opts.full, term: `${schoolYear}${term}` };
}

/** Visit coverage per school of a term, within the actor's scope (the report's figures, nothing written). */
export async function careCoverage(database: Database, opts: { schoolYear: number; term: Term; actor: Actor }) {
  const { rows } = await listCareChildren(database.db, scopeOf(opts.actor), visitWindow(opts.schoolYear, opts.term));
  const lines = coverageBySchool(rows.map((r) => ({ studentNo: r.student_no, schoolCode: r.school_code, mentored: r.mentor !== null, visitsInTerm: r.visits })));
  return { lines, children: lines.reduce((s, l) => s + l.children, 0), visited: lines.reduce((s, l) => s + l.visited, 0) };
}

export async function reportCare(database: Database, opts: { out: string; schoolYear: number; term: Term; actor: Actor }): Promise<{ rows: number; out: string; children: number; visited: number }> {
  const { lines, children, visited } = await careCoverage(database, opts);
  const names = await schoolNameMap(database.db);
  const pct = (x: number | null) => (x === null ? '' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`);
  const n = await writeTable(
    opts.out,
    CARE_REPORT_HEADERS,
    lines.map((l) => [l.schoolCode, names.get(l.schoolCode) ?? '', l.children, l.mentored, l.visited, pct(l.coverage)]),
    { sheetName: '关爱走访统计', textColumns: [0] },
  );
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.care', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear, term: opts.term } });
  return { rows: n, out: opts.out, children, visited };
}

type ExchangeRow = Awaited<ReturnType<typeof careExchangeRows>>[number];

/** The exchange row for 民政: the full ID number only for a role allowed to (the file's purpose is matching by ID). */
export function presentExchangeRow(r: ExchangeRow, v: Viewer): unknown[] {
  return [r.name, r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : '', presentId(v, 'idNumber', r) ?? '', r.birth_date ?? '', r.hukou_region ?? '', r.categories, r.guardian_name ?? '', r.guardian_relation ?? '', present(v, 'phone', r.guardian_phone) ?? '', r.parents_work_place ?? '', r.health ?? '', r.school_name ?? '', r.stage ?? '', r.grade ?? '', r.mentor ?? ''];
}

export async function exportCareExchange(database: Database, opts: { for: string; out: string; actor: Actor }): Promise<{ rows: number; out: string; for: string; fullIds: boolean }> {
  if (opts.for !== '民政') throw usageError(`--for “${opts.for}” 无效：目前只支持 民政`, `--for "${opts.for}" is not supported: only 民政`);
  // the file exists to match children by ID at civil affairs: full IDs for the roles that may read
  // them (an audited read before the file is written), masked for the others
  const full = mayAskFull(opts.actor.role, 'idNumber');
  const v = await exportViewer(database.db, opts.actor, { full, fields: ['idNumber'], action: 'export.care.minzheng', target: opts.out, regions: full ? await allCounties(database.db) : [] });
  const rows = await careExchangeRows(database.db);
  const n = await writeTable(opts.out, MINZHENG_HEADERS, rows.map((r) => presentExchangeRow(r, v)), { sheetName: '民政信息共享', textColumns: [2, 4, 8] });
  if (!full) await recordAudit(database.db, { actor: opts.actor.username, action: 'export.care.minzheng', target: opts.out, detail: { rows: n, fullIds: full } });
  return { rows: n, out: opts.out, for: opts.for, fullIds: full };
}
