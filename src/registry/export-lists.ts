// Use cases "export matches" and "export unenrolled": the files interfaces.md fixes, masked by default.
import { shanghaiDateTime } from '../kernel/dates.ts';
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { ageOn } from '../kernel/dates.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { allCounties, recordAudit } from '../platform/audit.repository.ts';
import { exportViewer, present, presentId, type Viewer } from '../platform/presenter.ts';
import type { Actor } from '../platform/scope.ts';
import { ENROLLED_STATUSES } from './registry.columns.ts';
import { regionNames } from '../platform/region.repository.ts';
import { matchExportRows, memberMatchStates, membersForUnenrolled } from './export.repository.ts';
import { MATCH_STATUS_LABELS } from './match-status.rules.ts';
import { categoryOfAge, isChildRelation } from './unenrolled.rules.ts';

export interface ExportOptions {
  out: string;
  full: boolean;
  actor: Actor;
}

/** The viewer of an export: masked, or full (authorised and audited before a row is read). */
async function viewerFor(database: Database, opts: ExportOptions, action: string): Promise<Viewer> {
  return exportViewer(database.db, opts.actor, { full: opts.full, fields: ['idNumber', 'studentNo'], action, target: opts.out, regions: opts.full ? await allCounties(database.db) : [] });
}

export const MATCH_HEADERS = ['学籍号', '姓名', '身份证件号', '户编号', '户类型', '比对方式', '置信度', '状态', '依据', '学校标识码', '成员姓名', '名单', '学籍状态', '复核意见', '比对编号', '复核时间'];

export async function exportMatches(database: Database, opts: ExportOptions): Promise<{ rows: number; out: string; full: boolean }> {
  const v = await viewerFor(database, opts, 'export.matches');
  async function* rows() {
    for await (const r of matchExportRows(database.db)) {
      const status = r.decision ?? r.status;
      yield [
        present(v, 'studentNo', r.student_no) ?? '',
        r.student_name,
        presentId(v, 'idNumber', { id_number: r.student_id_number, id_raw: r.student_id_raw }) ?? '',
        r.household_no,
        r.household_type ?? '',
        r.method,
        r.confidence.toFixed(2),
        MATCH_STATUS_LABELS[status as keyof typeof MATCH_STATUS_LABELS] ?? status,
        r.basis,
        r.school_code,
        r.member_name,
        r.list_kind,
        r.student_status,
        r.decision_reason ?? '',
        r.match_id,
        shanghaiDateTime(r.decided_at), // people read Beijing time; the database keeps UTC
      ];
    }
  }
  const n = await writeTable(opts.out, MATCH_HEADERS, rows(), { sheetName: '比对结果', textColumns: [0, 2, 3, 14] });
  if (!opts.full) await recordAudit(database.db, { actor: opts.actor.username, action: 'export.matches', target: opts.out, detail: { rows: n } });
  return { rows: n, out: opts.out, full: opts.full };
}

export const UNENROLLED_HEADERS = ['户编号', '姓名', '身份证件号', '出生日期', '年龄', '类别', '所在村', '名单', '户类型', '与户主关系', '比对情况'];

export interface UnenrolledRow {
  householdNo: string;
  name: string;
  id: string;
  birth: string;
  age: number | null;
  category: string;
  village: string;
  listKind: string;
  householdType: string;
  relation: string;
  note: string;
  memberId: string;
}

/** Registry children aged 3–17 (or of unknown age) with no confirmed match to a student in school. */
export async function unenrolledChildren(database: Database, schoolYear: number, v: Viewer): Promise<UnenrolledRow[]> {
  const onDate = schoolYearStart(schoolYear);
  const states = new Map<string, { enrolled: boolean; notes: Set<string> }>();
  for (const s of await memberMatchStates(database.db)) {
    const effective = s.decision ?? s.status;
    let st = states.get(s.member_id);
    if (!st) states.set(s.member_id, (st = { enrolled: false, notes: new Set() }));
    if (effective === 'auto' || effective === 'confirmed') {
      if (ENROLLED_STATUSES.includes(s.student_status)) st.enrolled = true;
      else st.notes.add(`已比对到学籍，学籍状态：${s.student_status}`);
    } else if (effective === 'review') st.notes.add('有待复核的学籍候选');
  }
  const names = await regionNames(database.db);
  const seenIds = new Set<string>();
  const out: UnenrolledRow[] = [];
  for (const m of await membersForUnenrolled(database.db)) {
    const st = states.get(m.member_id);
    if (st?.enrolled) continue;
    const age = m.birth_date ? ageOn(m.birth_date, onDate) : null;
    const category = age === null ? (isChildRelation(m.relation) ? '义务教育疑似失学' : null) : categoryOfAge(age);
    if (!category) continue;
    if (m.id_number) {
      if (seenIds.has(m.id_number)) continue; // the same child on two lists is listed once
      seenIds.add(m.id_number);
    }
    const notes = [...(st?.notes ?? [])];
    if (age === null) notes.unshift('出生日期不详，请核实年龄');
    out.push({
      householdNo: m.household_no,
      name: m.name,
      id: presentId(v, 'idNumber', m) ?? '',
      birth: m.birth_date ?? '',
      age,
      category,
      village: m.village_code ? (names.label(m.village_code)) : '',
      listKind: m.list_kind,
      householdType: m.household_type ?? '',
      relation: m.relation ?? '',
      note: notes.length > 0 ? notes.join('；') : '未比对到学籍',
      memberId: m.member_id,
    });
  }
  return out;
}

export async function exportUnenrolled(database: Database, opts: ExportOptions & { schoolYear: number }): Promise<{ rows: number; out: string; schoolYear: number; byCategory: Record<string, number> }> {
  const v = await viewerFor(database, opts, 'export.unenrolled');
  const rows = await unenrolledChildren(database, opts.schoolYear, v);
  const byCategory: Record<string, number> = {};
  for (const r of rows) byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
  const n = await writeTable(
    opts.out,
    UNENROLLED_HEADERS,
    rows.map((r) => [r.householdNo, r.name, r.id, r.birth, r.age ?? '', r.category, r.village, r.listKind, r.householdType, r.relation, r.note]),
    { sheetName: '未入学名单', textColumns: [0, 2] },
  );
  if (!opts.full) await recordAudit(database.db, { actor: opts.actor.username, action: 'export.unenrolled', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear } });
  return { rows: n, out: opts.out, schoolYear: opts.schoolYear, byCategory };
}
