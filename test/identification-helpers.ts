// Shared by the identification tests: load a generated county and measure the matcher against
// the generator's truth (precision and recall of 自动确认, recall with 待复核, the unenrolled list).
import type { Database } from '../src/db/database.ts';
import type { GeneratedCounty, MemberTruth } from '../src/demo/generate.ts';
import { normalizeName } from '../src/kernel/names.ts';
import { ageOn } from '../src/kernel/dates.ts';
import { schoolYearStart } from '../src/kernel/school-year.ts';

export interface Quality {
  autoPairs: number;
  autoCorrect: number;
  autoPrecision: number;
  autoRecall: number;
  reviewRecall: number; // auto or review holds the true pair
  inRoster: number;
  namesakeAutoWrong: number;
  wrongAuto: { member: string; student: string; truth: string | null; basis: string }[];
}

export function truthKey(householdNo: string, name: string): string {
  return `${householdNo.trim()}|${normalizeName(name)}`;
}

export function truthIndex(truth: MemberTruth[]): Map<string, MemberTruth[]> {
  const m = new Map<string, MemberTruth[]>();
  for (const t of truth) {
    const k = truthKey(t.householdNo, t.nameInFile);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

/** The truth of a stored member: by household and name, then by birth date or ID among same-named members. */
export function truthOf(index: Map<string, MemberTruth[]>, householdNo: string, name: string, birth: string | null, id: string | null): MemberTruth | undefined {
  const list = index.get(truthKey(householdNo, name));
  if (!list || list.length === 1) return list?.[0];
  return list.find((t) => id !== null && t.trueId === id) ?? list.find((t) => t.birthDate === birth) ?? list[0];
}

export async function measure(database: Database, county: GeneratedCounty): Promise<Quality> {
  const rows = await database.db
    .selectFrom('matches')
    .innerJoin('members', 'members.member_id', 'matches.member_id')
    .leftJoin('match_decisions', 'match_decisions.match_id', 'matches.match_id')
    .select(['matches.student_no', 'members.household_no', 'members.name', 'members.birth_date', 'members.id_number', 'matches.status', 'match_decisions.decision', 'matches.basis'])
    .execute();
  const truth = truthIndex(county.truth);
  const trueByStudent = new Map<string, MemberTruth>();
  for (const t of county.truth) if (t.studentNo) trueByStudent.set(t.studentNo, t);
  let autoPairs = 0;
  let autoCorrect = 0;
  let namesakeAutoWrong = 0;
  const wrongAuto: Quality['wrongAuto'] = [];
  const foundAuto = new Set<MemberTruth>();
  const foundAny = new Set<MemberTruth>();
  for (const r of rows) {
    const t = truthOf(truth, r.household_no, r.name, r.birth_date, r.id_number);
    const status = r.decision ?? r.status;
    const correct = Boolean(t && t.studentNo === r.student_no);
    if (status === 'auto' || status === 'confirmed') {
      autoPairs++;
      if (correct) {
        autoCorrect++;
        foundAuto.add(t!);
      } else {
        const other = trueByStudent.get(r.student_no);
        if (other && t && normalizeName(other.trueName) === normalizeName(t.trueName) && other.birthDate === t.birthDate) namesakeAutoWrong++;
        wrongAuto.push({ member: `${r.household_no} ${r.name}`, student: r.student_no, truth: t?.studentNo ?? null, basis: r.basis });
      }
    }
    if (correct && status !== 'rejected') foundAny.add(t!);
  }
  const inRoster = county.truth.filter((t) => t.studentNo !== null);
  return {
    autoPairs,
    autoCorrect,
    autoPrecision: autoPairs === 0 ? 1 : autoCorrect / autoPairs,
    autoRecall: foundAuto.size / inRoster.length,
    reviewRecall: foundAny.size / inRoster.length,
    inRoster: inRoster.length,
    namesakeAutoWrong,
    wrongAuto: wrongAuto.slice(0, 10),
  };
}

/** Children truly not enrolled on the school year's start, by age band. */
export function trulyNotEnrolled(county: GeneratedCounty, schoolYear: number): { all: MemberTruth[]; compulsory: MemberTruth[] } {
  const on = schoolYearStart(schoolYear);
  const all = county.truth.filter((t) => {
    const age = ageOn(t.birthDate, on);
    return age >= 3 && age <= 17 && !t.enrolled;
  });
  const compulsory = all.filter((t) => {
    const age = ageOn(t.birthDate, on);
    return age >= 6 && age <= 14;
  });
  return { all, compulsory };
}
