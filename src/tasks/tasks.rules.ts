// 我的任务, pure: the next step of an open dropout case, the absence early warning (domain.md §3:
// a school visits the home on the first day of unexplained absence, makes a plan with the village
// on the second, reports formally from the third) and the care visit coverage of a term (§4: each
// child visited at least once a term). No database, no clock: `today` is given.

/** A case 待核查 is verified (入户核查) within this many days of being opened (our working rule). */
export const VERIFY_DAYS = 15;
/** A case 劝返中 gets a persuasion visit at least this often. */
export const PERSUADE_EVERY_DAYS = 30;
/** An absence streak whose last day is older than this is no longer a current warning. */
export const WARNING_FRESH_DAYS = 7;

export type TaskLevel = 'urgent' | 'due' | 'later';

export interface Task {
  kind: 'case' | 'absence' | 'care';
  title: string;
  detail: string;
  due: string;
  level: TaskLevel;
}

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
export function addDays(date: string, n: number): string {
  return new Date(ms(date) + n * DAY).toISOString().slice(0, 10);
}
function weekday(date: string): number {
  return new Date(ms(date)).getUTCDay();
}

/** Whether b is the school day after a (the next day, or Monday after a Friday). */
function nextSchoolDay(a: string, b: string): boolean {
  const gap = (ms(b) - ms(a)) / DAY;
  if (gap === 1) return true;
  return gap > 1 && gap <= 3 && weekday(a) === 5 && weekday(b) === 1;
}

export interface Streak {
  days: number;
  from: string;
  last: string;
}

/** The current run of unexplained absences (school days in a row), or null when there is none lately. */
export function absenceStreak(dates: readonly string[], today: string): Streak | null {
  const sorted = [...new Set(dates)].filter((d) => d <= today).sort();
  if (sorted.length === 0) return null;
  const last = sorted[sorted.length - 1];
  if ((ms(today) - ms(last)) / DAY > WARNING_FRESH_DAYS) return null;
  let from = last;
  let days = 1;
  for (let i = sorted.length - 2; i >= 0 && nextSchoolDay(sorted[i], from); i--) {
    from = sorted[i];
    days++;
  }
  return { days, from, last };
}

/** The step the absence rule asks for on day n of a streak, who does it and by when. */
export function absenceStep(streak: Streak): { title: string; detail: string; due: string; level: TaskLevel } {
  if (streak.days === 1) return { title: '学校当日家访', detail: `无故缺勤第 1 天（${streak.last}）：学校当日家访，了解原因`, due: streak.last, level: 'due' };
  if (streak.days === 2) return { title: '会同村委制定劝返方案', detail: `连续无故缺勤 2 天（${streak.from} 起）：学校会同村（居）委会制定劝返方案`, due: streak.last, level: 'urgent' };
  return { title: '书面报告乡镇和教育局', detail: `连续无故缺勤 ${streak.days} 天（${streak.from} 起）：第 3 天起正式书面报告乡镇人民政府和县教育局`, due: streak.last, level: 'urgent' };
}

function levelOf(due: string, today: string): TaskLevel {
  if (due < today) return 'urgent';
  return (ms(due) - ms(today)) / DAY <= 3 ? 'due' : 'later';
}

export interface OpenCase {
  caseNo: string;
  name: string;
  status: string;
  openedOn: string; // date the case was opened
  lastVisit: string | null;
}

/** The next step of an open case: the absence rule first (it is the most pressing), then the status's own step. */
export function caseTask(c: OpenCase, streak: Streak | null, today: string): Task | null {
  if (streak) {
    const s = absenceStep(streak);
    return { kind: 'case', ...s, detail: `${c.caseNo} ${c.name}：${s.detail}` };
  }
  if (c.status === '待核查') {
    const due = addDays(c.openedOn, VERIFY_DAYS);
    return { kind: 'case', title: '入户核查', detail: `${c.caseNo} ${c.name}：核查后排除（写明类别）或确认辍学，立案后 ${VERIFY_DAYS} 天内完成`, due, level: levelOf(due, today) };
  }
  if (c.status === '劝返中') {
    const since = c.lastVisit ?? c.openedOn;
    const due = addDays(since, PERSUADE_EVERY_DAYS);
    const last = c.lastVisit ? `最近走访 ${c.lastVisit}` : '尚无劝返走访';
    return { kind: 'case', title: '劝返走访', detail: `${c.caseNo} ${c.name}：${last}，每 ${PERSUADE_EVERY_DAYS} 天至少走访一次`, due, level: levelOf(due, today) };
  }
  return null;
}

/** An absence warning of a student with no open case. */
export function absenceTask(name: string, streak: Streak): Task {
  const s = absenceStep(streak);
  return { kind: 'absence', ...s, detail: `${name}：${s.detail}` };
}

/** A care child not yet visited this term: due by the end of the term's visit window. */
export function careTask(c: { name: string; visitsThisTerm: number; lastVisit: string | null }, termEnd: string, today: string): Task | null {
  if (c.visitsThisTerm > 0) return null;
  const last = c.lastVisit ? `最近走访 ${c.lastVisit}` : '从未走访';
  return { kind: 'care', title: '本学期走访', detail: `${c.name}：本学期尚未走访（${last}）`, due: termEnd, level: levelOf(termEnd, today) === 'urgent' ? 'urgent' : (ms(termEnd) - ms(today)) / DAY <= 30 ? 'due' : 'later' };
}

const LEVEL_ORDER: Record<TaskLevel, number> = { urgent: 0, due: 1, later: 2 };

/** Most pressing first: level, then due date. */
export function sortTasks<T extends Task>(tasks: T[]): T[] {
  return [...tasks].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.due.localeCompare(b.due));
}
