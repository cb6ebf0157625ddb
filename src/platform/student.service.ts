// Students for the web app: the paged list and one student's detail; a full ID number is an
// audited read (个人信息保护法: an audit record for every read of full details).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import { recordAudit } from './audit.repository.ts';
import { MATCH_STATUS_LABELS, STUDENT_MATCH_LABELS, studentMatchFromRank, type MatchStatus } from './match-status.rules.ts';
import { maskIdNumber, maskStudentNo } from './privacy.rules.ts';
import { scopeOf, type Actor } from './scope.ts';
import type { StudentDetail, StudentItem, StudentList, StudentListQuery } from './student.schema.ts';
import { findStudent, listStudents, matchesOfStudent, type StudentRow } from './student.repository.ts';

function toItem(r: StudentRow): StudentItem {
  const matchStatus = studentMatchFromRank(r.match_rank);
  return {
    studentNo: r.student_no,
    studentNoMasked: maskStudentNo(r.student_no),
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    schoolCode: r.school_code,
    schoolName: r.school_name,
    stage: r.stage,
    grade: r.grade,
    status: r.status,
    boarding: Number(r.boarding) === 1,
    idNumber: maskIdNumber(r.id_number),
    idStatus: r.id_status,
    matchStatus,
    matchStatusLabel: STUDENT_MATCH_LABELS[matchStatus],
  };
}

export async function studentList(db: Kysely<DB>, actor: Actor, query: StudentListQuery): Promise<StudentList> {
  const { rows, total } = await listStudents(db, scopeOf(actor), query, query.page, query.pageSize);
  return { items: rows.map(toItem), total };
}

/** The caller has checked the policy for `full`; out of scope answers 404, like a missing student. */
export async function studentDetail(db: Kysely<DB>, actor: Actor, studentNo: string, full: boolean): Promise<StudentDetail> {
  const row = await findStudent(db, scopeOf(actor), studentNo);
  if (!row) throw notFound(`未找到学生“${studentNo}”`, `no student "${studentNo}"`);
  const matches = await matchesOfStudent(db, row.student_no);
  if (full) {
    await recordAudit(db, { actor: actor.username, action: 'student.read-full', target: row.student_no, countyCode: row.county_code });
  }
  return {
    ...toItem(row),
    idNumber: full ? (row.id_number ?? row.id_raw) : maskIdNumber(row.id_number),
    fullId: full,
    ethnicity: row.ethnicity,
    hukouRegion: row.hukou_region,
    matches: matches.map((m) => ({
      matchId: m.match_id,
      listKind: m.list_kind,
      householdNo: m.household_no,
      method: m.method,
      confidence: Number(m.confidence),
      status: m.status as MatchStatus,
      statusLabel: MATCH_STATUS_LABELS[m.status as MatchStatus] ?? m.status,
    })),
  };
}
