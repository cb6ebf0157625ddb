// What other capabilities (aid, dropout) may ask of the registry: the students found on the lists
// (by a confirmed or auto-confirmed match) with their list memberships, and students by 学籍号.
import { resolveStage } from '../kernel/stage.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DataScope } from '../platform/scope.ts';
import { studentScope } from '../platform/scope.ts';

export interface ListMembership {
  listKind: string; // 建档立卡 | 低保 | 特困 | 孤儿 | 残疾
  householdNo: string;
  memberId: string;
  householdType: string | null; // 脱贫户, 未脱贫户, 返贫户, 脱贫不稳定户, 边缘易致贫户, 突发严重困难户…
  yearIdentified: number | null;
  yearExited: number | null;
  matchStatus: 'auto' | 'confirmed';
}

export interface StudentFacts {
  studentNo: string;
  name: string;
  idNumber: string | null;
  schoolCode: string;
  schoolName: string;
  schoolType: string;
  schoolRegion: string;
  countyCode: string;
  stage: string | null;
  grade: string | null;
  boarding: boolean;
  status: string; // 学籍状态
  hukouRegion: string | null;
}

export interface ListedStudent extends StudentFacts {
  lists: ListMembership[];
}

const STUDENT_COLUMNS = [
  'students.student_no',
  'students.name',
  'students.id_number',
  'students.school_code',
  'schools.name as school_name',
  'schools.school_type',
  'schools.region_code as school_region',
  'students.county_code',
  'students.stage',
  'students.grade',
  'students.boarding',
  'students.status',
  'students.hukou_region',
] as const;

type StudentRow = {
  student_no: string;
  name: string;
  id_number: string | null;
  school_code: string;
  school_name: string;
  school_type: string;
  school_region: string;
  county_code: string;
  stage: string | null;
  grade: string | null;
  boarding: number;
  status: string;
  hukou_region: string | null;
};

function facts(r: StudentRow): StudentFacts {
  return {
    studentNo: r.student_no,
    name: r.name,
    idNumber: r.id_number,
    schoolCode: r.school_code,
    schoolName: r.school_name,
    schoolType: r.school_type,
    schoolRegion: r.school_region,
    countyCode: r.county_code,
    // canonical whatever was stored (older rows may say 普通高中, or nothing with 年级 八年级)
    stage: resolveStage(r.stage, r.grade, r.school_type),
    grade: r.grade,
    boarding: r.boarding === 1,
    status: r.status,
    hukouRegion: r.hukou_region,
  };
}

/** Every student matched (自动确认 or 人工确认, not 已否决) to at least one list member, with the memberships. */
export async function listedStudents(db: Kysely<DB>, scope: DataScope = { kind: 'all' }): Promise<ListedStudent[]> {
  const pairs = await db
    .selectFrom('matches')
    .innerJoin('members', 'members.member_id', 'matches.member_id')
    .leftJoin('match_decisions', 'match_decisions.match_id', 'matches.match_id')
    .select([
      'matches.student_no',
      'matches.status',
      'match_decisions.decision',
      'members.list_kind',
      'members.household_no',
      'members.member_id',
      'members.household_type',
      'members.year_identified',
      'members.year_exited',
    ])
    .execute();
  const byStudent = new Map<string, ListMembership[]>();
  for (const p of pairs) {
    const effective = p.decision ?? p.status;
    if (effective !== 'auto' && effective !== 'confirmed') continue;
    const list = byStudent.get(p.student_no) ?? [];
    list.push({
      listKind: p.list_kind,
      householdNo: p.household_no,
      memberId: p.member_id,
      householdType: p.household_type,
      yearIdentified: p.year_identified,
      yearExited: p.year_exited,
      matchStatus: effective,
    });
    byStudent.set(p.student_no, list);
  }
  const out: ListedStudent[] = [];
  const nos = [...byStudent.keys()];
  for (const chunk of chunks(nos, 5000)) {
    for (const s of await studentsByNo(db, chunk, scope)) out.push({ ...s, lists: byStudent.get(s.studentNo) ?? [] });
  }
  return out;
}

/** Students by 学籍号 (those out of scope or unknown are simply absent). */
export async function studentsByNo(db: Kysely<DB>, studentNos: string[], scope: DataScope = { kind: 'all' }): Promise<StudentFacts[]> {
  const out: StudentFacts[] = [];
  for (const chunk of chunks(studentNos, 5000)) {
    const rows = await db
      .selectFrom('students')
      .innerJoin('schools', 'schools.code', 'students.school_code')
      .select([...STUDENT_COLUMNS])
      .where('students.student_no', 'in', chunk)
      .where(studentScope(scope))
      .execute();
    for (const r of rows) out.push(facts(r));
  }
  return out;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
