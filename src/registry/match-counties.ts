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
//
// With `workers` > 1 the counties are compared by worker threads (match-pool.ts, match-worker.ts)
// and merged here in county order: the same result as one county after the other.
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import { schoolYearStart } from '../kernel/school-year.ts';
import { trace } from '../kernel/trace.ts';
import { buildStudentIndex, cityNamesakes, earliestBirthText, idInRoll, matchClosedMembers, OpenMembers, partitionIndex, type ClosedHits, type Namesakes, type StudentIndex } from './match-blocking.rules.ts';
import { matchIdOf, type MemberPerson, type PairDecision, type StudentPerson } from './match.rules.ts';
import { compareInWorkers } from './match-pool.ts';
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
  /** Worker threads comparing counties at once (default 1: one county after the other in this thread). */
  workers?: number;
  /** With workers: called whenever a county is handed out, with how many counties are out and not yet merged (tests: the partitions held at once). */
  onHeld?: (held: number) => void;
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

/** A connection to read partitions with: the run's own, or a worker thread's. */
export interface Reader {
  db: Kysely<DB>;
  sqlite: SQLite.Database | null;
}

/**
 * What the main thread reads once for the whole city and every partition is compared with; plain
 * data, given as it is to each worker thread (workerData).
 */
export interface CityFacts {
  schoolYear: number;
  openStudents: StudentPerson[];
  openMembers: MemberPerson[];
  earliestBirth: string;
  bornFrom: string;
  /** 外地就读: member county → 学籍号 of students of another county with a member's ID. */
  away: Map<string, string[]>;
  namesakeGroups: { roll: Map<string, number>; registry: Map<string, number> };
  rejected: string[];
}

/** What comparing a partition needs, built from CityFacts (in the main thread and in each worker). */
export interface CityIndex {
  facts: CityFacts;
  openIndex: StudentIndex;
  namesakes: Namesakes;
  isRejected: ((memberId: string, studentNo: string) => boolean) | undefined;
  onDate: string;
}

/** `openIndex`: buildStudentIndex(facts.openStudents), when already built. */
export function cityIndex(facts: CityFacts, openIndex = buildStudentIndex(facts.openStudents)): CityIndex {
  openIndex.earliestBirth = facts.earliestBirth;
  const rejected = new Set(facts.rejected);
  return {
    facts,
    openIndex,
    namesakes: cityNamesakes(facts.namesakeGroups.roll, facts.namesakeGroups.registry),
    isRejected: rejected.size === 0 ? undefined : (memberId: string, studentNo: string) => rejected.has(matchIdOf(studentNo, memberId)),
    onDate: schoolYearStart(facts.schoolYear),
  };
}

/** One county's settled pairs, in the order they were decided, and what it adds to the run's counts. */
export interface CountyResult {
  county: string;
  /** The county's own closed students. */
  students: number;
  /** Its closed members (adults not found in the roll included). */
  members: number;
  pairs: ProposedPair[];
  /** Its school-age children with no pair. */
  schoolAgeWithoutPair: string[];
}

/** The decisions of a list's members as pairs to store, and its school-age children without a pair. */
function settleList(decisions: PairDecision[], list: MemberList, onDate: string): { pairs: ProposedPair[]; schoolAgeWithoutPair: string[] } {
  const paired = new Uint8Array(list.people.length);
  const pairs: ProposedPair[] = [];
  for (const d of decisions) {
    const i = d.memberIndex!;
    paired[i] = 1;
    const { studentIndex, status, confidence, method, basis, memberId, listKind, studentNo } = d;
    pairs.push({ studentIndex, status, confidence, method, basis, memberId, listKind, studentNo, household: list.facts[i].household, county: list.facts[i].county });
  }
  const schoolAgeWithoutPair: string[] = [];
  list.people.forEach((m, i) => {
    if (!paired[i] && isSchoolAgeChild(m.birth, list.facts[i].relation, onDate)) schoolAgeWithoutPair.push(m.memberId);
  });
  return { pairs, schoolAgeWithoutPair };
}

/** What one county's partition reads before it is compared (the adults by ID only, filtered in compareCounty). */
export async function readCounty(reader: Reader, facts: CityFacts, county: string) {
  // a test hook: a county whose read fails (a run must then fail as a whole, nothing written)
  if (process.env.FUZHI_TEST_MATCH_FAIL_COUNTY === county) throw new Error(`test: reading county ${county} failed`);
  const { db, sqlite } = reader;
  const closed: StudentPerson[] = [];
  await forEachClosedStudentRowIn(db, sqlite, county, (r) => closed.push(studentOf(r)));
  const own = closed.length;
  await forEachStudentRowOf(db, sqlite, facts.away.get(county) ?? [], (r) => closed.push(studentOf(r)));
  const list = new MemberList();
  await forEachYoungClosedMemberRowIn(db, sqlite, county, facts.bornFrom, list.add);
  const adults: { key: string; id: string }[] = [];
  await forEachAdultIdIn(db, sqlite, county, facts.bornFrom, (r) => adults.push({ key: r.key, id: r.id_number }));
  return { closed, own, list, adults };
}

/** One county's closed members compared with its partition; the partition index is returned for the open members' pass. */
export async function compareCounty(reader: Reader, city: CityIndex, county: string, read: Awaited<ReturnType<typeof readCounty>>): Promise<{ result: CountyResult; idx: StudentIndex }> {
  const { closed, own, list, adults } = read;
  const idx = partitionIndex(city.openIndex, closed, own, city.facts.earliestBirth);
  const found: string[] = [];
  let skipped = 0;
  for (const a of adults) {
    if (idInRoll(idx, a.id)) found.push(a.key);
    else skipped++;
  }
  await forEachMemberRowOf(reader.db, reader.sqlite, found, list.add);
  const settled = settleList(matchClosedMembers(list.people, idx, city.namesakes, city.isRejected), list, city.onDate);
  trace(`match: county ${county} (${own} students, ${list.people.length} members)`);
  return { result: { county, students: own, members: list.people.length + skipped, ...settled }, idx };
}

/** A county in a worker thread: its pairs, and the open members' candidates among its closed students. */
export async function countyInWorker(reader: Reader, city: CityIndex, scan: (students: StudentPerson[], closed: ArrayLike<number>) => ClosedHits, county: string): Promise<{ result: CountyResult; hits: ClosedHits }> {
  const { result, idx } = await compareCounty(reader, city, county, await readCounty(reader, city.facts, county));
  return { result, hits: scan(idx.students, idx.closed) };
}

export async function matchByCounty(database: Database, opts: CountyOptions): Promise<EveryoneResult> {
  const { db, sqlite } = database;
  const onDate = schoolYearStart(opts.schoolYear);

  // The open students of the whole roll, and what the whole roll decides: who is an adult, namesakes.
  const openStudents: StudentPerson[] = [];
  await forEachOpenStudentRow(db, sqlite, (r) => openStudents.push(studentOf(r)));
  const openIndex = buildStudentIndex(openStudents);
  const earliestBirth = earliestBirthText(Math.min(openIndex.earliestNumber, await closedStudentsEarliestBirth(db, sqlite)));
  const grownUp = bornBeforeSchoolAge(onDate);
  const bornFrom = earliestBirth < grownUp ? earliestBirth : grownUp;
  const groups = await namesakeGroups(db, sqlite, earliestBirth);
  trace('match: open students and namesakes');

  const openMembers = new MemberList();
  await forEachOpenMemberRow(db, sqlite, openMembers.add);
  const away = await crossCountyIdStudents(db, sqlite);
  const counties = await partitionCounties(db, sqlite);
  const facts: CityFacts = { schoolYear: opts.schoolYear, openStudents, openMembers: openMembers.people, earliestBirth, bornFrom, away, namesakeGroups: groups, rejected: opts.rejected };
  const city = cityIndex(facts, openIndex);
  const open = new OpenMembers(openMembers.people, city.openIndex);
  trace(`match: ${openMembers.people.length} open members, ${counties.length} counties`);
  opts.onProgress?.('load', 1, 3);

  const pairs: ProposedPair[] = [];
  const schoolAgeWithoutPair: string[] = [];
  let members = openMembers.people.length;
  let students = openStudents.length;
  /** A county's results, taken in county order. */
  const take = (r: { pairs: ProposedPair[]; schoolAgeWithoutPair: string[] }) => {
    if (opts.sink) opts.sink.add(r.pairs);
    else for (const p of r.pairs) pairs.push(p);
    for (const id of r.schoolAgeWithoutPair) schoolAgeWithoutPair.push(id);
  };

  const workers = Math.min(opts.workers ?? 1, counties.length);
  // an in-memory SQLite database cannot be opened by another thread: one county after the other
  if (workers > 1 && (database.options ?? { dbPath: sqlite?.name }).dbPath !== ':memory:') {
    // Counties compared by worker threads, each with its own read connection; their results are
    // merged here in county order, so the pairs and the open members' candidates are the same.
    await compareInWorkers(database, facts, counties, workers, {
      merge: (result, hits) => {
        students += result.students;
        members += result.members;
        take(result);
        open.merge(hits);
      },
      onCounty: opts.onCounty,
      onHeld: opts.onHeld,
    });
  } else {
    // PostgreSQL: the next county is read by the server while this one is compared here (two
    // partitions in memory at most); SQLite reads in this thread, so there is nothing to overlap.
    const overlap = !sqlite;
    let ahead: ReturnType<typeof readCounty> | undefined;
    for (let n = 0; n < counties.length; n++) {
      const county = counties[n];
      const read = await (ahead ?? readCounty(database, facts, county));
      ahead = overlap && n + 1 < counties.length ? readCounty(database, facts, counties[n + 1]) : undefined;
      ahead?.catch(() => undefined); // a failure is thrown where it is awaited, in the next county
      const { result, idx } = await compareCounty(database, city, county, read);
      students += result.students;
      members += result.members;
      take(result);
      open.visitClosed(idx.students, idx.closed);
      await opts.onCounty?.(county, n + 1, counties.length);
    }
  }
  take(settleList(open.decide(city.namesakes, city.isRejected), openMembers, onDate));
  trace('match: open members decided');
  opts.onProgress?.('load', 2, 3);
  return { pairs, members, students, schoolAgeWithoutPair };
}
