// The children a teacher mentors with this term's visits, for 我的任务 (src/tasks): visit coverage.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { termOf, visitWindow } from './care.rules.ts';
import { listCareChildren } from './care.repository.ts';

export async function mentorChildren(db: Kysely<DB>, username: string, today: string): Promise<{ termEnd: string; children: { studentNo: string; name: string; visitsThisTerm: number; lastVisit: string | null }[] }> {
  const { schoolYear, term } = termOf(today);
  const window = visitWindow(schoolYear, term);
  const { rows } = await listCareChildren(db, { kind: 'mentor', username }, window);
  return { termEnd: window.end, children: rows.map((r) => ({ studentNo: r.student_no, name: r.name, visitsThisTerm: r.visits, lastVisit: r.last_visit })) };
}
