// The care capability's pure rules: a ledger row → a record of a known student, the term a date
// belongs to, and the per-school coverage figures (关爱对象人数, 已结对, 已走访, 走访覆盖率).
import { parseIdNumber } from '../kernel/id-number.ts';
import { parseStudentNo } from '../kernel/student-no.ts';
import { termDates, type Term } from '../kernel/school-year.ts';
import { cellText, parseYesNo } from '../kernel/values.ts';
import type { CareChildTable } from '../db/dropout-schema.ts';
import type { Normalized, Problem } from '../registry/normalize.rules.ts';
import { CARE_CATEGORIES } from './care.columns.ts';

export type CareRecord = Omit<CareChildTable, 'row_hash' | 'rev' | 'created_at' | 'updated_at'>;

export interface KnownStudent {
  student_no: string;
  county_code: string;
  school_code: string;
  name: string;
}

export interface StudentLookup {
  byNo(no: string): KnownStudent | undefined;
  byId(id: string): KnownStudent | undefined;
}

function problem(column: string, value: unknown, zh: string, en: string): Problem {
  return { column, value: cellText(value), zh, en };
}

function optional(v: unknown): string | null {
  const t = cellText(v).trim();
  return t === '' ? null : t;
}

/** 类别 as written: several joined by 、 (or ，,;/ and spaces), each one of CARE_CATEGORIES. */
export function parseCategories(v: unknown): { categories: string[]; unknown: string[] } {
  const parts = cellText(v).split(/[、,，;；/\s]+/).filter(Boolean);
  const categories = (CARE_CATEGORIES as readonly string[]).filter((c) => parts.includes(c));
  return { categories, unknown: parts.filter((p) => !(CARE_CATEGORIES as readonly string[]).includes(p)) };
}

export function normalizeCareRow(v: Record<string, unknown>, students: StudentLookup): Normalized<CareRecord> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const no = parseStudentNo(v.studentNo).value;
  const id = parseIdNumber(v.idNumber).id;
  const student = (no ? students.byNo(no) : undefined) ?? (id ? students.byId(id) : undefined);
  if (!no && !id) errors.push(problem('学籍号', v.studentNo, '学籍号和身份证件号都为空', 'neither a student number nor an ID number'));
  else if (!student) errors.push(problem(no ? '学籍号' : '身份证件号', no ? v.studentNo : v.idNumber, '在学籍名单中找不到这名学生', 'no such student in the 学籍 roster'));
  const { categories, unknown } = parseCategories(v.categories);
  if (unknown.length > 0 || categories.length === 0) {
    errors.push(problem('类别', v.categories, `类别应为 ${CARE_CATEGORIES.join('、')} 中的一个或几个（用“、”分隔）`, `category must be one or more of ${CARE_CATEGORIES.join(', ')}`));
  }
  const name = cellText(v.name).replace(/\s+/g, '');
  if (student && name && name !== student.name.replace(/\s+/g, '')) {
    warnings.push(problem('姓名', v.name, `姓名与学籍不一致（学籍为“${student.name}”），以学籍为准`, `name differs from the 学籍 roster ("${student.name}"); the roster's is kept`));
  }
  if (errors.length > 0 || !student) return { ok: false, errors, warnings };
  const boarding = parseYesNo(v.boarding);
  return {
    ok: true,
    warnings,
    record: {
      student_no: student.student_no,
      county_code: student.county_code,
      school_code: student.school_code,
      name: student.name,
      categories: categories.join('、'),
      parents_work_place: optional(v.parentsWork),
      guardian_name: optional(v.guardianName),
      guardian_relation: optional(v.guardianRelation),
      guardian_phone: optional(v.guardianPhone),
      health: optional(v.health),
      boarding: boarding === null ? null : boarding ? 1 : 0,
    },
  };
}

/** The term containing a date: Sept–Feb 秋季 of the school year starting that September, Mar–Aug 春季. */
export function termOf(date: string): { schoolYear: number; term: Term } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (m >= 9) return { schoolYear: y, term: '秋季' };
  if (m <= 2) return { schoolYear: y - 1, term: '秋季' };
  return { schoolYear: y - 1, term: '春季' };
}

/** The dates a term's visits count in: 秋季 1 Sept – end of February, 春季 1 March – 31 August (no gap between terms). */
export function visitWindow(schoolYear: number, term: Term): { start: string; end: string } {
  const t = termDates(schoolYear, term);
  return term === '秋季' ? { start: t.start, end: `${schoolYear + 1}-02-29` } : { start: t.start, end: `${schoolYear + 1}-08-31` };
}

export interface CoverageInput {
  studentNo: string;
  schoolCode: string;
  mentored: boolean;
  visitsInTerm: number;
}

export interface CoverageLine {
  schoolCode: string;
  children: number;
  mentored: number;
  visited: number;
  coverage: number | null;
}

/** Per school: every care child counted once; visited = at least one visit within the term. */
export function coverageBySchool(children: readonly CoverageInput[]): CoverageLine[] {
  const by = new Map<string, CoverageLine>();
  const seen = new Set<string>();
  for (const c of children) {
    if (seen.has(c.studentNo)) continue;
    seen.add(c.studentNo);
    let line = by.get(c.schoolCode);
    if (!line) by.set(c.schoolCode, (line = { schoolCode: c.schoolCode, children: 0, mentored: 0, visited: 0, coverage: null }));
    line.children++;
    if (c.mentored) line.mentored++;
    if (c.visitsInTerm > 0) line.visited++;
  }
  const lines = [...by.values()].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode));
  for (const l of lines) l.coverage = l.children === 0 ? null : l.visited / l.children;
  return lines;
}
