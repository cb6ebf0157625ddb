// What a reader sees of one dropout case: the ledger row of interfaces.md, through the one presenter
// (platform/presenter.ts) for the ID number, the 学籍号 and the address.
import { ageOn } from '../kernel/dates.ts';
import { present, presentId, type Viewer } from '../platform/presenter.ts';
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

/** The case as the viewer may see it (a full viewer was authorised and audited by the caller). */
export function presentCase(c: CaseRow, v: Viewer): PresentedCase {
  return {
    caseNo: c.case_no,
    name: c.name,
    idNumber: presentId(v, 'idNumber', c) ?? '',
    birthDate: c.birth_date ?? '',
    age: c.birth_date ? ageOn(c.birth_date, schoolYearStart(c.school_year)) : null,
    hukouRegion: c.hukou_region ?? '',
    sources: c.sources,
    status: c.status,
    category: c.category ?? '',
    responsible: responsibleOf(c),
    lastVisit: c.last_visit ?? '',
    outcome: c.outcome ? `${c.outcome}（${c.outcome_date ?? ''}）` : '',
    studentNo: present(v, 'studentNo', c.student_no) ?? '',
    schoolCode: c.school_code ?? c.assigned_school ?? '',
    basis: c.basis,
    township: c.township_code ?? '',
  };
}

/** The ledger row in DROPOUT_CASE_HEADERS order. */
export function caseLedgerRow(p: PresentedCase): unknown[] {
  return [p.caseNo, p.name, p.idNumber, p.birthDate, p.age ?? '', p.hukouRegion, p.sources, p.status, p.category, p.responsible, p.lastVisit, p.outcome, p.studentNo, p.schoolCode, p.basis];
}
