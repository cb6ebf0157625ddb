// 三统一 (the ledger, the 学籍 system and the poverty registry agree), pure: every child on which two
// sources disagree, with which sources and how. Rows come from the repositories; no database here.
export interface ReconcileCase {
  caseNo: string;
  status: string;
  category: string | null;
  name: string;
  idNumber: string | null;
  birth: string | null;
  studentNo: string | null;
  township: string | null;
}
export interface ReconcileStudent {
  studentNo: string;
  status: string; // 学籍状态
  stage: string | null;
  name: string;
  idNumber: string | null;
  birth: string | null;
  schoolCode: string;
}
export interface ReconcileRegistryChild {
  memberId: string;
  householdNo: string;
  name: string;
  idNumber: string | null;
  birth: string | null;
  village: string | null;
  /** 学籍号 of the identified student (registry matching: automatic or confirmed by a person) */
  matchedStudentNo: string | null;
  compulsoryAge: boolean;
}

export const DIFF_KINDS = {
  returnedButOut: '台账已复学，学籍仍为辍学/休学',
  outButEnrolled: '台账为辍学（劝返中），学籍为在读',
  dropoutWithoutCase: '学籍为辍学，控辍台账无此儿童',
  registryWithoutAny: '建档立卡适龄儿童既无学籍也无控辍案件',
} as const;
export type DiffKind = keyof typeof DIFF_KINDS;

export interface Difference {
  kind: DiffKind;
  /** the sources that disagree: 台账, 学籍, 扶贫 */
  sources: string;
  detail: string;
  name: string;
  idNumber: string | null;
  birth: string | null;
  caseNo: string | null;
  studentNo: string | null;
  householdNo: string | null;
  /** where the row belongs, for data scope: a township code and/or a school code */
  township: string | null;
  schoolCode: string | null;
}

const OUT_STATUSES = new Set(['辍学', '休学']);
const BACK_IN_SCHOOL = new Set(['已复学', '送教上门']);
const COMPULSORY_STAGES = new Set(['小学', '初中']);
const nameBirth = (name: string, birth: string | null) => `${name}|${birth ?? '?'}`;

export function reconcile(cases: readonly ReconcileCase[], students: readonly ReconcileStudent[], registry: readonly ReconcileRegistryChild[]): Difference[] {
  const studentByNo = new Map(students.map((s) => [s.studentNo, s]));
  const studentById = new Map(students.filter((s) => s.idNumber).map((s) => [s.idNumber!, s]));
  const caseByStudent = new Map(cases.filter((c) => c.studentNo).map((c) => [c.studentNo!, c]));
  const caseById = new Map(cases.filter((c) => c.idNumber).map((c) => [c.idNumber!, c]));
  const caseByNameBirth = new Map(cases.map((c) => [nameBirth(c.name, c.birth), c]));
  const out: Difference[] = [];

  for (const c of cases) {
    const s = (c.studentNo ? studentByNo.get(c.studentNo) : undefined) ?? (c.idNumber ? studentById.get(c.idNumber) : undefined);
    if (!s) continue;
    const base = { name: c.name, idNumber: c.idNumber ?? s.idNumber, birth: c.birth, caseNo: c.caseNo, studentNo: s.studentNo, householdNo: null, township: c.township, schoolCode: s.schoolCode };
    if (BACK_IN_SCHOOL.has(c.status) && OUT_STATUSES.has(s.status)) {
      out.push({ ...base, kind: 'returnedButOut', sources: '台账≠学籍', detail: `台账状态“${c.status}”，学籍状态“${s.status}”` });
    } else if (c.status === '劝返中' && s.status === '在读') {
      out.push({ ...base, kind: 'outButEnrolled', sources: '台账≠学籍', detail: `台账状态“劝返中”，学籍状态“在读”（学校 ${s.schoolCode}）` });
    }
  }
  for (const s of students) {
    if (s.status !== '辍学' || (s.stage && !COMPULSORY_STAGES.has(s.stage))) continue;
    if (caseByStudent.has(s.studentNo) || (s.idNumber && caseById.has(s.idNumber)) || caseByNameBirth.has(nameBirth(s.name, s.birth))) continue;
    out.push({ kind: 'dropoutWithoutCase', sources: '学籍≠台账', detail: `学籍状态“辍学”（学校 ${s.schoolCode}），控辍台账无案件`, name: s.name, idNumber: s.idNumber, birth: s.birth, caseNo: null, studentNo: s.studentNo, householdNo: null, township: null, schoolCode: s.schoolCode });
  }
  for (const m of registry) {
    if (!m.compulsoryAge) continue;
    const enrolled = (m.matchedStudentNo !== null && studentByNo.has(m.matchedStudentNo)) || (m.idNumber !== null && studentById.has(m.idNumber));
    const hasCase = (m.idNumber !== null && caseById.has(m.idNumber)) || caseByNameBirth.has(nameBirth(m.name, m.birth));
    if (enrolled || hasCase) continue;
    out.push({ kind: 'registryWithoutAny', sources: '扶贫≠学籍、台账', detail: `户编号 ${m.householdNo} 的适龄儿童在学籍和控辍台账中都找不到`, name: m.name, idNumber: m.idNumber, birth: m.birth, caseNo: null, studentNo: null, householdNo: m.householdNo, township: m.village?.slice(0, 9) ?? null, schoolCode: null });
  }
  return out;
}

export function countByKind(diffs: readonly Difference[]): Record<DiffKind, number> {
  const counts = Object.fromEntries(Object.keys(DIFF_KINDS).map((k) => [k, 0])) as Record<DiffKind, number>;
  for (const d of diffs) counts[d.kind]++;
  return counts;
}
