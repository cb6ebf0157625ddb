// Students for the web app: the paged list and one student's detail, shaped by the presenter for
// the viewer's role; a full read is authorised and audited before anything is returned.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import { MATCH_STATUS_LABELS, STUDENT_MATCH_LABELS, studentMatchFromRank, type MatchStatus } from './match-status.rules.ts';
import { openRef, sealRef, type RefKey } from '../platform/opaque-ref.ts';
import { MATCH_REF } from './match-list.service.ts';
import { fullViewer, present, presentId, shownAs, type Viewer, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import type { StudentDetail, StudentItem, StudentList, StudentListQuery } from './student.schema.ts';
import { findStudent, listStudents, matchesOfStudent, type StudentRow } from './student.repository.ts';

export const STUDENT_REF = 's';

/** The 学籍号 behind a URL's :id: an opaque reference from a list, or a 学籍号 typed by a user. */
export function studentNoOf(key: RefKey, id: string): string {
  return openRef(key, STUDENT_REF, id) ?? id.trim().toUpperCase();
}

export function toItem(r: StudentRow, v: Viewer, key: RefKey): StudentItem {
  const poverty = shownAs(v, 'poverty') !== 'hidden';
  const matchStatus = poverty ? studentMatchFromRank(r.match_rank) : null;
  return {
    id: sealRef(key, STUDENT_REF, r.student_no),
    studentNo: present(v, 'studentNo', r.student_no) ?? '',
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    schoolCode: r.school_code,
    schoolName: r.school_name,
    stage: r.stage,
    grade: r.grade,
    status: r.status,
    boarding: Number(r.boarding) === 1,
    idNumber: presentId(v, 'idNumber', r),
    idStatus: r.id_status,
    matchStatus,
    matchStatusLabel: matchStatus ? STUDENT_MATCH_LABELS[matchStatus] : null,
  };
}

export async function studentList(db: Kysely<DB>, actor: Actor, query: StudentListQuery, key: RefKey): Promise<StudentList> {
  const viewer = viewerOf(actor);
  const filter = { ...query, exactNumbers: shownAs({ role: actor.role, full: true }, 'studentNo') !== 'full' };
  const { rows, total } = await listStudents(db, scopeOf(actor), filter, query.page, query.pageSize, shownAs(viewer, 'poverty') !== 'hidden');
  return { items: rows.map((r) => toItem(r, viewer, key)), total };
}

export async function studentDetail(db: Kysely<DB>, actor: Actor, studentNo: string, full: boolean, key: RefKey): Promise<StudentDetail> {
  const row = await findStudent(db, scopeOf(actor), studentNo);
  if (!row) throw notFound('未找到该学生（或不在您的数据范围内）', 'no such student in your scope');
  const viewer = full
    ? await fullViewer(db, actor, {
        fields: ['idNumber', 'studentNo'],
        action: 'student.read-full',
        target: `${present(viewerOf(actor), 'studentNo', row.student_no) ?? ''} ${row.name}`,
        regions: [row.county_code, row.school_region],
      })
    : viewerOf(actor);
  const poverty = shownAs(viewer, 'poverty') !== 'hidden';
  const matches = poverty ? await matchesOfStudent(db, row.student_no) : [];
  return {
    ...toItem(row, viewer, key),
    fullId: full,
    ethnicity: row.ethnicity,
    hukouRegion: row.hukou_region,
    matches: matches.map((m) => ({
      matchId: sealRef(key, MATCH_REF, m.match_id),
      listKind: m.list_kind,
      householdNo: present(viewer, 'household', m.household_no),
      method: m.method,
      confidence: Number(m.confidence),
      status: m.status as MatchStatus,
      statusLabel: MATCH_STATUS_LABELS[m.status as MatchStatus] ?? m.status,
    })),
  };
}
