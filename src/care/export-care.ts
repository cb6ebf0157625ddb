// Use cases "care list", "report care" and "export care --for 民政". All masking of a care row is in
// presentCareChild / presentExchangeRow, so the coming shared presenter can take them over.
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { maskId } from '../kernel/id-number.ts';
import { maskStudentNo } from '../kernel/student-no.ts';
import type { Term } from '../kernel/school-year.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { CARE_LIST_HEADERS, CARE_REPORT_HEADERS, MINZHENG_HEADERS } from './care.columns.ts';
import { coverageBySchool, termOf, visitWindow } from './care.rules.ts';
import { careExchangeRows, listCareChildren, schoolNameMap, type CareChildRow } from './care.repository.ts';

const ROLES_SEEING_FULL = new Set(['admin', 'county']);

function checkFull(full: boolean, actor: Actor): void {
  if (full && !ROLES_SEEING_FULL.has(actor.role)) throw new FuzhiError('FORBIDDEN', '当前角色无权查看完整学籍号或身份证号', 'this role may not see full student or ID numbers', { status: 403 });
}

export interface PresentedCareChild {
  studentNo: string;
  name: string;
  schoolCode: string;
  categories: string[];
  mentor: string | null;
  visitsThisTerm: number;
  lastVisit: string | null;
}

/** A care child as shown: the G-form 学籍号 (it contains the ID number) masked unless `full`. */
export function presentCareChild(r: CareChildRow, full: boolean): PresentedCareChild {
  return {
    studentNo: full ? r.student_no : maskStudentNo(r.student_no),
    name: r.name,
    schoolCode: r.school_code,
    categories: r.categories.split('、').filter(Boolean),
    mentor: r.mentor,
    visitsThisTerm: r.visits,
    lastVisit: r.last_visit,
  };
}

export async function listCare(database: Database, opts: { out: string; full: boolean; actor: Actor; today: string }): Promise<{ rows: number; out: string; full: boolean; term: string }> {
  checkFull(opts.full, opts.actor);
  const { schoolYear, term } = termOf(opts.today);
  const { rows } = await listCareChildren(database.db, scopeOf(opts.actor), visitWindow(schoolYear, term));
  const n = await writeTable(
    opts.out,
    CARE_LIST_HEADERS,
    rows.map((r) => {
      const p = presentCareChild(r, opts.full);
      return [p.studentNo, p.name, p.schoolCode, p.categories.join('、'), p.mentor ?? '', p.visitsThisTerm, p.lastVisit ?? ''];
    }),
    { sheetName: '关爱对象', textColumns: [0, 2] },
  );
  await recordAudit(database.db, { actor: opts.actor.username, action: opts.full ? 'export.care.full' : 'export.care', target: opts.out, detail: { rows: n } });
  return { rows: n, out: opts.out, full: opts.full, term: `${schoolYear}${term}` };
}

export async function reportCare(database: Database, opts: { out: string; schoolYear: number; term: Term; actor: Actor }): Promise<{ rows: number; out: string; children: number; visited: number }> {
  const { rows } = await listCareChildren(database.db, scopeOf(opts.actor), visitWindow(opts.schoolYear, opts.term));
  const lines = coverageBySchool(rows.map((r) => ({ studentNo: r.student_no, schoolCode: r.school_code, mentored: r.mentor !== null, visitsInTerm: r.visits })));
  const names = await schoolNameMap(database.db);
  const pct = (x: number | null) => (x === null ? '' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`);
  const n = await writeTable(
    opts.out,
    CARE_REPORT_HEADERS,
    lines.map((l) => [l.schoolCode, names.get(l.schoolCode) ?? '', l.children, l.mentored, l.visited, pct(l.coverage)]),
    { sheetName: '关爱走访统计', textColumns: [0] },
  );
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.care', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear, term: opts.term } });
  return { rows: n, out: opts.out, children: lines.reduce((s, l) => s + l.children, 0), visited: lines.reduce((s, l) => s + l.visited, 0) };
}

type ExchangeRow = Awaited<ReturnType<typeof careExchangeRows>>[number];

/** The exchange row for 民政: the full ID number only for a role allowed to (the file's purpose is matching by ID). */
export function presentExchangeRow(r: ExchangeRow, full: boolean): unknown[] {
  const id = r.id_number ?? r.id_raw ?? '';
  return [r.name, r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : '', full ? id : maskId(id), r.birth_date ?? '', r.hukou_region ?? '', r.categories, r.guardian_name ?? '', r.guardian_relation ?? '', r.guardian_phone ?? '', r.parents_work_place ?? '', r.health ?? '', r.school_name ?? '', r.stage ?? '', r.grade ?? '', r.mentor ?? ''];
}

export async function exportCareExchange(database: Database, opts: { for: string; out: string; actor: Actor }): Promise<{ rows: number; out: string; for: string; fullIds: boolean }> {
  if (opts.for !== '民政') throw usageError(`--for “${opts.for}” 无效：目前只支持 民政`, `--for "${opts.for}" is not supported: only 民政`);
  const full = ROLES_SEEING_FULL.has(opts.actor.role);
  const rows = await careExchangeRows(database.db);
  const n = await writeTable(opts.out, MINZHENG_HEADERS, rows.map((r) => presentExchangeRow(r, full)), { sheetName: '民政信息共享', textColumns: [2, 4, 8] });
  await recordAudit(database.db, { actor: opts.actor.username, action: 'export.care.minzheng', target: opts.out, detail: { rows: n, fullIds: full } });
  return { rows: n, out: opts.out, for: opts.for, fullIds: full };
}
