// 我的任务: the open work of the user. A township, county or school user: the open dropout cases of
// their scope with the next step due, and the absence warnings of students without an open case;
// a teacher: the children they mentor not yet visited this term. The rules are tasks.rules.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listCareChildren } from '../care/care.repository.ts';
import { termOf, visitWindow } from '../care/care.rules.ts';
import { absencesInScope, openCasesInScope, unexplainedAbsences } from '../dropout/dropout.repository.ts';
import { sealRef, type RefKey } from '../platform/opaque-ref.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { STUDENT_REF } from '../platform/student.service.ts';
import { absenceStreak, absenceTask, addDays, careTask, caseTask, sortTasks, WARNING_FRESH_DAYS } from './tasks.rules.ts';
import type { TaskItem, TaskList } from './tasks.schema.ts';

/** Absences are read back this far: enough to see a streak that is still current. */
const LOOK_BACK_DAYS = WARNING_FRESH_DAYS + 21;

function byStudent<T extends { studentNo: string; date: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.studentNo, [...(m.get(r.studentNo) ?? []), r]);
  return m;
}

async function teacherTasks(db: Kysely<DB>, actor: Actor, key: RefKey, today: string): Promise<TaskItem[]> {
  const { schoolYear, term } = termOf(today);
  const window = visitWindow(schoolYear, term);
  const { rows } = await listCareChildren(db, { kind: 'mentor', username: actor.username }, window);
  return rows.flatMap((r) => {
    const t = careTask({ name: r.name, visitsThisTerm: r.visits, lastVisit: r.last_visit }, window.end, today);
    return t ? [{ ...t, name: r.name, caseNo: null, childId: sealRef(key, STUDENT_REF, r.student_no) }] : [];
  });
}

async function caseworkTasks(db: Kysely<DB>, actor: Actor, key: RefKey, today: string): Promise<TaskItem[]> {
  const scope = scopeOf(actor);
  const from = addDays(today, -LOOK_BACK_DAYS);
  const open = await openCasesInScope(db, scope);
  const caseStudents = open.flatMap((c) => (c.student_no ? [c.student_no] : []));
  const caseAbsences = byStudent(await unexplainedAbsences(db, caseStudents, from));
  const items: TaskItem[] = [];
  for (const c of open) {
    const streak = c.student_no ? absenceStreak((caseAbsences.get(c.student_no) ?? []).map((a) => a.date), today) : null;
    const t = caseTask({ caseNo: c.case_no, name: c.name, status: c.status, openedOn: c.opened_at.slice(0, 10), lastVisit: c.last_visit }, streak, today);
    if (t) items.push({ ...t, name: c.name, caseNo: c.case_no, childId: null });
  }
  const withCase = new Set(caseStudents);
  for (const [studentNo, rows] of byStudent(await absencesInScope(db, scope, from))) {
    if (withCase.has(studentNo)) continue;
    const streak = absenceStreak(rows.map((r) => r.date), today);
    if (streak) items.push({ ...absenceTask(rows[0].name, streak), name: rows[0].name, caseNo: null, childId: sealRef(key, STUDENT_REF, studentNo) });
  }
  return items;
}

export async function tasksOf(db: Kysely<DB>, actor: Actor, key: RefKey, today: string): Promise<TaskList> {
  const items = sortTasks(actor.role === 'teacher' ? await teacherTasks(db, actor, key, today) : await caseworkTasks(db, actor, key, today));
  return { items, total: items.length, today };
}
