// Matching county by county (a first run, match --full): the same pairs as matchEveryone (the whole
// city at once), with memory that follows the largest county instead of the city. See
// docs/decisions/0007-county-partitions-and-citus.md.
//
// Why the result is the same. Two valid, different IDs are two people (docs/decisions/0002), so a
// "closed" person (a usable ID not ending in 000) pairs with another closed person only by the
// same ID. The city is split into:
//  - the open students and open members of the whole city (≈5% of each list), held throughout;
//  - per county (学籍: the county of the school; registry: the county of the village), the closed
//    students and members, released after the county.
// A closed member's candidates are its own ID among closed students — its county's, plus those
// studying in another county found by one join on the ID (外地就读) — and the open students: all
// in its partition. An open member meets every county's closed students in one pass per county.
// Namesakes (同名同出生日期) are counted over the whole city by the database, and ties between
// candidates are broken by 学籍号 in both paths.
import type { Database } from '../db/database.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { trace } from '../kernel/trace.ts';
import { buildStudentIndex, cityNamesakes, earliestBirthText, idInRoll, matchClosedMembers, OpenMembers, partitionIndex } from './match-blocking.rules.ts';
import { matchIdOf, type MemberPerson, type PairDecision, type StudentPerson } from './match.rules.ts';
import {
  closedStudentsEarliestBirth,
  crossCountyIdStudents,
  forEachAdultIdIn,
  forEachClosedStudentRowIn,
  forEachMemberRowOf,
  forEachOpenMemberRow,
  forEachOpenStudentRow,
  forEachStudentRowOf,
  forEachYoungClosedMemberRowIn,
  namesakeGroups,
  partitionCounties,
  type MemberRow,
} from './match.repository.ts';
import { memberOf, studentOf, type EveryoneOptions, type EveryoneResult, type MemberFacts, type ProposedPair } from './match-people.ts';
import { bornBeforeSchoolAge, isSchoolAgeChild } from './unenrolled.rules.ts';

export interface CountyOptions extends EveryoneOptions {
  /** After each county: its code, and the counties done so far (a job's progress). */
  onCounty?: (county: string, done: number, total: number) => void | Promise<void>;
  /** Where each county's settled pairs go (a PairSpool); without it they are returned in `pairs`. */
  sink?: { add(pairs: readonly ProposedPair[]): void };
}

/** Members as read, with what their pairs store. */
class MemberList {
  readonly people: MemberPerson[] = [];
  readonly facts: MemberFacts[] = [];
  readonly add = (r: MemberRow) => {
    this.people.push(memberOf(r));
    this.facts.push({ household: r.household_no, county: r.county_code, relation: r.relation });
  };
}

export async function matchByCounty(database: Database, opts: CountyOptions): Promise<EveryoneResult> {
  const { db, sqlite } = database;
  const onDate = schoolYearStart(opts.schoolYear);

  // The open students of the whole roll, and what the whole roll decides: who is an adult, namesakes.
  const openStudents: StudentPerson[] = [];
  await forEachOpenStudentRow(db, sqlite, (r) => openStudents.push(studentOf(r)));
  const openIndex = buildStudentIndex(openStudents);
  const earliestBirth = earliestBirthText(Math.min(openIndex.earliestNumber, await closedStudentsEarliestBirth(db, sqlite)));
  openIndex.earliestBirth = earliestBirth;
  const grownUp = bornBeforeSchoolAge(onDate);
  const bornFrom = earliestBirth < grownUp ? earliestBirth : grownUp;
  const groups = await namesakeGroups(db, sqlite, earliestBirth);
  const namesakes = cityNamesakes(groups.roll, groups.registry);
  const rejected = new Set(opts.rejected);
  const isRejected = rejected.size === 0 ? undefined : (memberId: string, studentNo: string) => rejected.has(matchIdOf(studentNo, memberId));
  trace('match: open students and namesakes');

  const openMembers = new MemberList();
  await forEachOpenMemberRow(db, sqlite, openMembers.add);
  const open = new OpenMembers(openMembers.people, openIndex);
  const away = await crossCountyIdStudents(db, sqlite);
  const counties = await partitionCounties(db, sqlite);
  trace(`match: ${openMembers.people.length} open members, ${counties.length} counties`);
  opts.onProgress?.('load', 1, 3);

  const pairs: ProposedPair[] = [];
  const schoolAgeWithoutPair: string[] = [];
  const settle = (decisions: PairDecision[], list: MemberList) => {
    const paired = new Uint8Array(list.people.length);
    const settled: ProposedPair[] = opts.sink ? [] : pairs;
    for (const d of decisions) {
      const i = d.memberIndex!;
      paired[i] = 1;
      const { studentIndex, status, confidence, method, basis, memberId, listKind, studentNo } = d;
      settled.push({ studentIndex, status, confidence, method, basis, memberId, listKind, studentNo, household: list.facts[i].household, county: list.facts[i].county });
    }
    opts.sink?.add(settled);
    list.people.forEach((m, i) => {
      if (!paired[i] && isSchoolAgeChild(m.birth, list.facts[i].relation, onDate)) schoolAgeWithoutPair.push(m.memberId);
    });
  };

  /** What one county's partition reads before it is compared (the adults by ID only, filtered below). */
  const readCounty = async (county: string) => {
    const closed: StudentPerson[] = [];
    await forEachClosedStudentRowIn(db, sqlite, county, (r) => closed.push(studentOf(r)));
    const own = closed.length;
    await forEachStudentRowOf(db, sqlite, away.get(county) ?? [], (r) => closed.push(studentOf(r)));
    const list = new MemberList();
    await forEachYoungClosedMemberRowIn(db, sqlite, county, bornFrom, list.add);
    const adults: { key: string; id: string }[] = [];
    await forEachAdultIdIn(db, sqlite, county, bornFrom, (r) => adults.push({ key: r.key, id: r.id_number }));
    return { closed, own, list, adults };
  };
  // PostgreSQL: the next county is read by the server while this one is compared here (two
  // partitions in memory at most); SQLite reads in this thread, so there is nothing to overlap.
  const overlap = !sqlite;
  let ahead: ReturnType<typeof readCounty> | undefined;

  let members = openMembers.people.length;
  let students = openStudents.length;
  for (let n = 0; n < counties.length; n++) {
    const county = counties[n];
    const { closed, own, list, adults } = await (ahead ?? readCounty(county));
    ahead = overlap && n + 1 < counties.length ? readCounty(counties[n + 1]) : undefined;
    ahead?.catch(() => undefined); // a failure is thrown where it is awaited, in the next county
    students += own;
    const idx = partitionIndex(openIndex, closed, own, earliestBirth);

    const found: string[] = [];
    let skipped = 0;
    for (const a of adults) {
      if (idInRoll(idx, a.id)) found.push(a.key);
      else skipped++;
    }
    await forEachMemberRowOf(db, sqlite, found, list.add);
    members += list.people.length + skipped;

    settle(matchClosedMembers(list.people, idx, namesakes, isRejected), list);
    open.visitClosed(idx.students, idx.closed);
    trace(`match: county ${county} (${own} students, ${list.people.length} members)`);
    await opts.onCounty?.(county, n + 1, counties.length);
  }
  settle(open.decide(namesakes, isRejected), openMembers);
  trace('match: open members decided');
  opts.onProgress?.('load', 2, 3);
  return { pairs, members, students, schoolAgeWithoutPair };
}
