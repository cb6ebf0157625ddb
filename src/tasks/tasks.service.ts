// 我的任务: the open work of the user. A township, county or school user: the open dropout cases of
// their scope with the next step due, and the absence warnings of students without an open case;
// a teacher: the children they mentor not yet visited this term. The rules are tasks.rules.ts; the
// data comes from the services of the dropout and care capabilities.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { mentorChildren } from '../care/mentor-children.ts';
import { openWorkOf } from '../dropout/open-work.ts';
import { sealRef, type RefKey } from '../platform/opaque-ref.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { STUDENT_REF } from '../registry/student.service.ts';
import { absenceStreak, absenceTask, addDays, careTask, caseTask, sortTasks, WARNING_FRESH_DAYS } from './tasks.rules.ts';
import { by, pageRows } from '../platform/list-memory.ts';
import { TASK_KINDS, TASK_LEVELS, type TaskItem, type TaskList, type TaskListQuery } from './tasks.schema.ts';

/** Absences are read back this far: enough to see a streak that is still current. */
const LOOK_BACK_DAYS = WARNING_FRESH_DAYS + 21;

async function teacherTasks(db: Kysely<DB>, actor: Actor, key: RefKey, today: string): Promise<TaskItem[]> {
  const { termEnd, children } = await mentorChildren(db, actor.username, today);
  return children.flatMap((c) => {
    const t = careTask(c, termEnd, today);
    return t ? [{ ...t, name: c.name, caseNo: null, childId: sealRef(key, STUDENT_REF, c.studentNo) }] : [];
  });
}

async function caseworkTasks(db: Kysely<DB>, actor: Actor, key: RefKey, today: string): Promise<TaskItem[]> {
  const work = await openWorkOf(db, scopeOf(actor), addDays(today, -LOOK_BACK_DAYS));
  const items: TaskItem[] = [];
  for (const { row: c, absences } of work.cases) {
    const t = caseTask({ caseNo: c.case_no, name: c.name, status: c.status, openedOn: c.opened_at.slice(0, 10), lastVisit: c.last_visit }, absenceStreak(absences, today), today);
    if (t) items.push({ ...t, name: c.name, caseNo: c.case_no, childId: null });
  }
  for (const s of work.absentStudents) {
    const streak = absenceStreak(s.dates, today);
    if (streak) items.push({ ...absenceTask(s.name, streak), name: s.name, caseNo: null, childId: sealRef(key, STUDENT_REF, s.studentNo) });
  }
  return items;
}

/** The user's tasks, most pressing first unless another sort is asked, filtered and paged. */
export async function tasksOf(db: Kysely<DB>, actor: Actor, key: RefKey, today: string, q: TaskListQuery = { page: 1, pageSize: 100 }): Promise<TaskList> {
  const all = sortTasks(actor.role === 'teacher' ? await teacherTasks(db, actor, key, today) : await caseworkTasks(db, actor, key, today));
  const shown = all.filter((t) => (!q.kind || t.kind === q.kind) && (!q.level || t.level === q.level));
  const { items, total } = pageRows(shown, q, {
    level: by((t) => TASK_LEVELS.indexOf(t.level)),
    due: by((t) => t.due),
    kind: by((t) => TASK_KINDS.indexOf(t.kind)),
    name: by((t) => t.name),
  });
  return { items, total, urgent: all.filter((t) => t.level === 'urgent').length, today };
}
