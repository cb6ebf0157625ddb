// Loading the people to compare, and the comparison of every member (the first run, match --full).
import type { Database } from '../db/database.ts';
import { parseIdNumber } from '../kernel/id-number.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { cleanCode } from '../kernel/values.ts';
import { buildStudentIndex, idInRoll, matchMembers, registryNamesakeCounts, type StudentIndex } from './match-blocking.rules.ts';
import { matchIdOf, type MemberPerson, type PairDecision, type StudentPerson } from './match.rules.ts';
import { forEachAdultId, forEachMemberRow, forEachMemberRowOf, forEachStudentRow, forEachYoungMemberRow, type MemberRow, type PersonRow } from './match.repository.ts';
import { bornBeforeSchoolAge, isSchoolAgeChild } from './unenrolled.rules.ts';
import { trace } from '../kernel/trace.ts';

const UNUSABLE_WITH_DIGITS = new Set(['bad_checksum', 'bad_date', 'truncated17', 'malformed']);

/** The ID characters of an unusable ID that still carry evidence (see match.rules compareIds). */
function digitsOf(r: PersonRow): string | null {
  if (r.id_number) return null;
  if (UNUSABLE_WITH_DIGITS.has(r.id_status)) return parseIdNumber(r.id_raw).digits;
  // an 18-digit number cell: Excel kept its first 15 significant digits (region, birth date, one more)
  if (r.id_status === 'excel_destroyed' && r.id_raw) {
    const cleaned = cleanCode(r.id_raw);
    return /^\d{18}$/.test(cleaned) ? cleaned : null;
  }
  return null;
}

// studentOf and memberOf spell out the same eight fields on purpose: a literal gives each kind one
// compact object shape; building them by spreading a shared person doubled the heap of a city and
// the time of its comparison (measured on the 100k bench).
export function studentOf(r: PersonRow): StudentPerson {
  return {
    name: r.name_norm,
    nameKey: r.name_key,
    sex: r.sex,
    birth: r.birth_date,
    id: r.id_number,
    idStatus: r.id_status,
    idDigits: digitsOf(r),
    region: r.region,
    studentNo: r.key,
    idFromStudentNo: r.id_status === 'from_student_no',
  };
}

export function memberOf(r: PersonRow & { list_kind: string }): MemberPerson {
  return {
    name: r.name_norm,
    nameKey: r.name_key,
    sex: r.sex,
    birth: r.birth_date,
    id: r.id_number,
    idStatus: r.id_status,
    idDigits: digitsOf(r),
    region: r.region,
    memberId: r.key,
    listKind: r.list_kind,
  };
}

export interface MemberFacts {
  household: string;
  county: string;
  relation: string | null;
}

export interface Roster {
  students: StudentPerson[];
  studentRev: Int32Array;
}

export interface Registry {
  members: MemberPerson[];
  memberRev: Int32Array;
  facts: MemberFacts[];
}

/** The whole roster; rows are read one at a time and turned into compact people (memory is the limit). */
export async function loadRoster(database: Database): Promise<Roster> {
  const students: StudentPerson[] = [];
  const revs: number[] = [];
  await forEachStudentRow(database.db, database.sqlite, (r) => {
    students.push(studentOf(r));
    revs.push(r.rev);
  });
  return { students, studentRev: Int32Array.from(revs) };
}

/**
 * The registry members; with `adults`, the members born before adults.bornFrom with a usable ID
 * are read in full only when adults.inRoll says their ID is in the roll (most are parents and
 * grandparents: only an ID can point at a student), and counted in `skipped`.
 */
export async function loadRegistry(database: Database, adults?: { bornFrom: string; inRoll: (id: string) => boolean }): Promise<Registry & { skipped: number }> {
  const members: MemberPerson[] = [];
  const revs: number[] = [];
  const facts: MemberFacts[] = [];
  const add = (r: MemberRow) => {
    members.push(memberOf(r));
    revs.push(r.rev);
    facts.push({ household: r.household_no, county: r.county_code, relation: r.relation });
  };
  let skipped = 0;
  if (!adults) {
    await forEachMemberRow(database.db, database.sqlite, add);
  } else {
    await forEachYoungMemberRow(database.db, database.sqlite, adults.bornFrom, add);
    const found: string[] = [];
    await forEachAdultId(database.db, database.sqlite, adults.bornFrom, (r) => {
      if (adults.inRoll(r.id_number)) found.push(r.key);
      else skipped++;
    });
    await forEachMemberRowOf(database.db, database.sqlite, found, add);
  }
  return { members, memberRev: Int32Array.from(revs), facts, skipped };
}

/** A proposed pair with what its row stores about the member. */
export interface ProposedPair extends PairDecision {
  household: string;
  county: string;
}

export interface EveryoneOptions {
  schoolYear: number;
  /** match ids a person rejected: never proposed again. */
  rejected: string[];
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface EveryoneResult {
  pairs: ProposedPair[];
  members: number;
  students: number;
  /** School-age children with no pair proposed (a confirmed decision may still match them). */
  schoolAgeWithoutPair: string[];
}

/** Compares every member with the whole roster (a first run, or --full). */
export async function matchEveryone(database: Database, opts: EveryoneOptions): Promise<EveryoneResult> {
  const { students } = await loadRoster(database);
  trace('match: roster loaded');
  opts.onProgress?.('load', 1, 3);
  const index: StudentIndex = buildStudentIndex(students);
  trace('match: index built');
  const onDate = schoolYearStart(opts.schoolYear);
  // a member born before both the earliest student and any school age can only be found by ID
  const grownUp = bornBeforeSchoolAge(onDate);
  const bornFrom = index.earliestBirth < grownUp ? index.earliestBirth : grownUp;
  const { members, facts, skipped } = await loadRegistry(database, { bornFrom, inRoll: (id) => idInRoll(index, id) });
  trace('match: members loaded');
  opts.onProgress?.('load', 2, 3);
  const registryNamesakes = registryNamesakeCounts(members, index.earliestBirth);
  const rejected = new Set(opts.rejected);
  const decisions = matchMembers(
    members,
    index,
    registryNamesakes,
    rejected.size === 0 ? undefined : (memberId, studentNo) => rejected.has(matchIdOf(studentNo, memberId)),
  );
  trace('match: members compared');
  const paired = new Uint8Array(members.length);
  const pairs: ProposedPair[] = decisions.map((d) => {
    const i = d.memberIndex!;
    paired[i] = 1;
    return { ...d, household: facts[i].household, county: facts[i].county };
  });
  const schoolAgeWithoutPair: string[] = [];
  members.forEach((m, i) => {
    if (!paired[i] && isSchoolAgeChild(m.birth, facts[i].relation, onDate)) schoolAgeWithoutPair.push(m.memberId);
  });
  return { pairs, members: members.length + skipped, students: students.length, schoolAgeWithoutPair };
}
