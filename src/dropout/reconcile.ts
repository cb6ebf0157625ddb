// Use case "report reconcile" (三统一): the dropout ledger, the 学籍 roll and the 建档立卡 registry
// compared child by child; every difference listed with the sources that disagree. Read-only; the
// file and the API answer pass the one presenter (ID numbers and G-form 学籍号 masked).
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { present, viewerOf, type Viewer } from '../platform/presenter.ts';
import { regionInScope, scopeOf, type Actor, type DataScope } from '../platform/scope.ts';
import { isCompulsoryAge } from './check.rules.ts';
import { reconcileSources } from './dropout.repository.ts';
import { countByKind, DIFF_KINDS, reconcile, type Difference, type DiffKind } from './reconcile.rules.ts';

export const RECONCILE_HEADERS = ['姓名', '身份证件号', '出生日期', '案件编号', '学籍号', '户编号', '不一致来源', '差异类别', '差异说明'];

/** The differences the actor's scope covers (a school: its students; a region: its townships and schools). */
export async function reconcileDifferences(database: Database, schoolYear: number, actor: Actor): Promise<Difference[]> {
  // children of 6–15 on 1 September; born up to 16 years before, so the registry read stays small
  const bornFrom = `${Number(schoolYearStart(schoolYear).slice(0, 4)) - 17}-01-01`;
  const src = await reconcileSources(database.db, bornFrom);
  const latest = new Map(src.decisions.map((d) => [d.match_id, d.decision]));
  const matched = new Map<string, string>();
  for (const m of src.matches) {
    const d = latest.get(m.match_id);
    if (d === 'confirmed' || (m.status === 'auto' && d !== 'rejected')) matched.set(m.member_id, m.student_no);
  }
  const diffs = reconcile(
    src.cases.map((c) => ({ caseNo: c.case_no, status: c.status, category: c.category, name: c.name, idNumber: c.id_number, birth: c.birth_date, studentNo: c.student_no, township: c.township_code })),
    src.students.map((s) => ({ studentNo: s.student_no, status: s.status, stage: s.stage, name: s.name, idNumber: s.id_number, birth: s.birth_date, schoolCode: s.school_code })),
    src.registry.map((m) => ({ memberId: m.member_id, householdNo: m.household_no, name: m.name, idNumber: m.id_number, birth: m.birth_date, village: m.village_code, matchedStudentNo: matched.get(m.member_id) ?? null, compulsoryAge: isCompulsoryAge(m.birth_date, schoolYear) })),
  );
  const schoolRegion = new Map(src.students.map((s) => [s.school_code, s.region_code ?? '']));
  return diffs.filter((d) => inScope(scopeOf(actor), d, schoolRegion));
}

function inScope(scope: DataScope, d: Difference, schoolRegion: Map<string, string>): boolean {
  if (scope.kind === 'school') return d.schoolCode === scope.schoolCode;
  return regionInScope(scope, d.township ?? '') || (d.schoolCode !== null && regionInScope(scope, schoolRegion.get(d.schoolCode) ?? ''));
}

export function presentDifference(d: Difference, v: Viewer) {
  return {
    name: d.name,
    idNumber: present(v, 'idNumber', d.idNumber) ?? '',
    birthDate: d.birth ?? '',
    caseNo: d.caseNo ?? '',
    studentNo: present(v, 'studentNo', d.studentNo) ?? '',
    household: present(v, 'household', d.householdNo) ?? '',
    sources: d.sources,
    kind: DIFF_KINDS[d.kind],
    detail: d.detail,
  };
}

export async function reportReconcile(database: Database, opts: { out: string; schoolYear: number; actor: Actor }): Promise<{ rows: number; out: string; schoolYear: number } & Record<DiffKind, number>> {
  const diffs = await reconcileDifferences(database, opts.schoolYear, opts.actor);
  const v = viewerOf(opts.actor);
  const n = await writeTable(opts.out, RECONCILE_HEADERS, diffs.map((d) => Object.values(presentDifference(d, v))), { sheetName: '三统一比对差异', textColumns: [1, 3, 4, 5] });
  const counts = countByKind(diffs);
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.reconcile', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear, ...counts } });
  return { rows: n, out: opts.out, schoolYear: opts.schoolYear, ...counts };
}
