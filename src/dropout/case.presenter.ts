// What a reader sees of one dropout case: the ledger row of interfaces.md. ALL masking of a case
// happens here, in presentCase (ID number, 学籍号), so the coming shared presenter can take it over.
import { ageOn } from '../kernel/dates.ts';
import { maskId } from '../kernel/id-number.ts';
import { maskStudentNo } from '../kernel/student-no.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import type { CaseRow } from './dropout.repository.ts';

export interface PresentedCase {
  caseNo: string;
  name: string;
  idNumber: string;
  birthDate: string;
  age: number | null;
  hukouRegion: string;
  sources: string;
  status: string;
  category: string;
  responsible: string;
  lastVisit: string;
  outcome: string;
  studentNo: string;
  schoolCode: string;
  basis: string;
  township: string;
}

export function responsibleOf(c: Pick<CaseRow, 'assigned_school' | 'township_user' | 'village_cadre'>): string {
  return [c.assigned_school && `学校 ${c.assigned_school}`, c.township_user && `乡镇 ${c.township_user}`, c.village_cadre && `村 ${c.village_cadre}`].filter(Boolean).join('；');
}

/** The case as shown: ID and G-form 学籍号 masked unless `full` (a role allowed to, and audited by the caller). */
export function presentCase(c: CaseRow, full: boolean): PresentedCase {
  const id = c.id_number ?? c.id_raw ?? '';
  return {
    caseNo: c.case_no,
    name: c.name,
    idNumber: full ? id : maskId(id),
    birthDate: c.birth_date ?? '',
    age: c.birth_date ? ageOn(c.birth_date, schoolYearStart(c.school_year)) : null,
    hukouRegion: c.hukou_region ?? '',
    sources: c.sources,
    status: c.status,
    category: c.category ?? '',
    responsible: responsibleOf(c),
    lastVisit: c.last_visit ?? '',
    outcome: c.outcome ? `${c.outcome}（${c.outcome_date ?? ''}）` : '',
    studentNo: c.student_no ? (full ? c.student_no : maskStudentNo(c.student_no)) : '',
    schoolCode: c.school_code ?? c.assigned_school ?? '',
    basis: c.basis,
    township: c.township_code ?? '',
  };
}

/** The ledger row in DROPOUT_CASE_HEADERS order. */
export function caseLedgerRow(p: PresentedCase): unknown[] {
  return [p.caseNo, p.name, p.idNumber, p.birthDate, p.age ?? '', p.hukouRegion, p.sources, p.status, p.category, p.responsible, p.lastVisit, p.outcome, p.studentNo, p.schoolCode, p.basis];
}
