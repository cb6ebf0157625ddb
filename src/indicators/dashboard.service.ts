// The overview (概览): figures for the actor's scope, with ages taken on Sept 1 of the school year.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { today } from '../kernel/clock.ts';
import { schoolYearOf, schoolYearStart } from '../kernel/school-year.ts';
import type { DataScope } from '../platform/scope.ts';
import type { Dashboard } from './dashboard.schema.ts';
import { countMatches, countMembers, countStudents, schoolFigures } from './dashboard.repository.ts';

const TOP_SCHOOLS = 20;

export async function dashboardOf(db: Kysely<DB>, scope: DataScope, date = today()): Promise<Dashboard> {
  const schoolYear = schoolYearOf(date);
  const ageDate = schoolYearStart(schoolYear);
  // Aged 3–17 on Sept 1: born after that day 18 years earlier, on or before it 3 years earlier.
  const bornAfter = `${schoolYear - 18}-09-01`;
  const bornOnOrBefore = `${schoolYear - 3}-09-01`;
  const [students, members, matches, schools] = await Promise.all([
    countStudents(db, scope),
    countMembers(db, scope, bornAfter, bornOnOrBefore),
    countMatches(db, scope),
    schoolFigures(db, scope),
  ]);
  schools.sort((a, b) => b.matched - a.matched || b.students - a.students || a.code.localeCompare(b.code));
  return {
    schoolYear,
    ageDate,
    students,
    ...members,
    matches: { review: matches.review ?? 0, auto: matches.auto ?? 0, confirmed: matches.confirmed ?? 0, rejected: matches.rejected ?? 0 },
    schools: schools.slice(0, TOP_SCHOOLS),
  };
}
