// 四查三比对, pure: who is of compulsory age, whether identification found a child in school, which
// students the absences warn about, and how a case is numbered and its sources merged.
import { ageOn } from '../kernel/dates.ts';
import { schoolYearStart, termDates } from '../kernel/school-year.ts';
import type { PairDecision, Person } from '../registry/match.rules.ts';
import { CASE_SOURCES, UNEXPLAINED_ABSENCES } from './dropout.columns.ts';

/** 义务教育 ages as the brief fixes them: 6 to 15 full years on 1 September of the school year. */
export const COMPULSORY_AGES = { from: 6, to: 15 } as const;

export function isCompulsoryAge(birth: string | null, schoolYear: number): boolean {
  if (!birth) return false;
  const age = ageOn(birth, schoolYearStart(schoolYear));
  return age >= COMPULSORY_AGES.from && age <= COMPULSORY_AGES.to;
}

/**
 * A pair this strong means the child is the enrolled student: an auto-confirmed pair, or any
 * reviewable pair registry match.rules keeps with name evidence (score ≥ 0.55: the same name, sex
 * and township with the 学籍 birth date missing; a one-character name difference with the same
 * birth date and township; name + birth date elsewhere). Measured on a generated county
 * (test/dropout-acceptance.test.ts): at 0.7 an enrolled child with neither ID nor birth date in
 * 学籍 was suspected; at 0.55 no child out of school is hidden by a namesake.
 */
export const FOUND_AT = 0.55;

export function isFound(decisions: readonly Pick<PairDecision, 'status' | 'confidence'>[]): boolean {
  return decisions.some((d) => d.status === 'auto' || d.confidence >= FOUND_AT);
}

/** One case per child: the usable ID, else the normalised name and birth date. */
export function personKeyOf(p: Pick<Person, 'id' | 'name' | 'birth'>): string {
  return p.id ?? `${p.name}|${p.birth ?? '?'}`;
}

/** 案件编号: KC + county code + a 5-digit sequence within the county, never reused. */
export function caseNoOf(county: string, seq: number): string {
  return `KC${county}${String(seq).padStart(5, '0')}`;
}

export function caseSeqOf(caseNo: string): number {
  return Number(caseNo.slice(8)) || 0;
}

/** The sources of a case in their fixed order, without repeats. */
export function mergeSources(existing: string, added: readonly string[]): string {
  const all = new Set([...existing.split('、').filter(Boolean), ...added]);
  return (CASE_SOURCES as readonly string[]).filter((s) => all.has(s)).concat([...all].filter((s) => !(CASE_SOURCES as readonly string[]).includes(s))).join('、');
}

/** From this many days of unexplained absence a student is reported (一日家访, 二日定方案, 三日正式报告). */
export const ABSENCE_WARNING_DAYS = 3;

export interface Absence {
  studentNo: string;
  date: string;
  kind: string;
}

/** Students with ABSENCE_WARNING_DAYS or more distinct days of 旷课/无故缺勤 within the school year, and their day counts. */
export function absenceWarnings(absences: readonly Absence[], schoolYear: number): Map<string, number> {
  const from = termDates(schoolYear, '秋季').start;
  const to = `${schoolYear + 1}-08-31`;
  const days = new Map<string, Set<string>>();
  for (const a of absences) {
    if (!UNEXPLAINED_ABSENCES.includes(a.kind) || a.date < from || a.date > to) continue;
    let set = days.get(a.studentNo);
    if (!set) days.set(a.studentNo, (set = new Set()));
    set.add(a.date);
  }
  const out = new Map<string, number>();
  for (const [no, set] of days) if (set.size >= ABSENCE_WARNING_DAYS) out.set(no, set.size);
  return out;
}
