// What is still to do in a scope, for 我的任务 (src/tasks): the open cases (待核查, 劝返中) with the
// unexplained absences of their children, and the students with unexplained absences since a date.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DataScope } from '../platform/scope.ts';
import { absencesInScope, openCasesInScope, unexplainedAbsences, type CaseRow } from './dropout.repository.ts';

export interface OpenWork {
  cases: { row: CaseRow; absences: string[] }[];
  /** students of the scope with unexplained absences and no open case */
  absentStudents: { studentNo: string; name: string; dates: string[] }[];
}

export async function openWorkOf(db: Kysely<DB>, scope: DataScope, absencesFrom: string): Promise<OpenWork> {
  const open = await openCasesInScope(db, scope);
  const caseStudents = new Set(open.flatMap((c) => (c.student_no ? [c.student_no] : [])));
  const byStudent = new Map<string, string[]>();
  for (const a of await unexplainedAbsences(db, [...caseStudents], absencesFrom)) byStudent.set(a.studentNo, [...(byStudent.get(a.studentNo) ?? []), a.date]);
  const absent = new Map<string, { studentNo: string; name: string; dates: string[] }>();
  for (const a of await absencesInScope(db, scope, absencesFrom)) {
    if (caseStudents.has(a.studentNo)) continue;
    const s = absent.get(a.studentNo) ?? { studentNo: a.studentNo, name: a.name, dates: [] };
    s.dates.push(a.date);
    absent.set(a.studentNo, s);
  }
  return { cases: open.map((row) => ({ row, absences: row.student_no ? (byStudent.get(row.student_no) ?? []) : [] })), absentStudents: [...absent.values()] };
}
