// Use case "match": compares the registry lists with the 学籍 roster and stores the decisions.
// Incremental: after the first run only members touched by changed rows are compared again;
// human decisions (match_decisions) are never changed by a run. Idempotent.
import type { Database } from '../db/database.ts';
import type { MatchTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { parseIdNumber } from '../kernel/id-number.ts';
import { cleanCode } from '../kernel/values.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { currentRev, readMeta, writeMeta } from './registry.repository.ts';
import { buildStudentIndex, memberBlockKeys, studentBlockKeys, matchMembers, registryNamesakeCounts } from './match-blocking.rules.ts';
import { matchIdOf, resolveStudentConflicts, type MemberPerson, type PairDecision, type StudentPerson } from './match.rules.ts';
import {
  deleteMatches,
  decisionsFingerprint,
  forEachMemberRow,
  forEachStudentRow,
  loadDecisions,
  loadMatches,
  upsertMatches,
  type PersonRow,
  type StoredMatch,
} from './match.repository.ts';
import { isSchoolAgeChild } from './unenrolled.rules.ts';
import { schoolYearStart } from '../kernel/school-year.ts';

export interface MatchRunOptions {
  actor: Actor;
  schoolYear: number;
  full?: boolean; // compare everyone again (after a rule change)
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface MatchRunSummary {
  auto: number;
  review: number;
  unmatched: number;
  confirmed: number;
  rejected: number;
  members: number;
  students: number;
  compared: number; // members compared in this run
  written: number; // match rows inserted, changed or removed
  incremental: boolean;
  schoolYear: number;
}

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

function studentOf(r: PersonRow): StudentPerson {
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

function memberOf(r: PersonRow & { list_kind: string }): MemberPerson {
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

const pairId = matchIdOf;

export async function runMatching(database: Database, opts: MatchRunOptions): Promise<MatchRunSummary> {
  const { db } = database;
  const rev = await currentRev(db);
  const lastRev = Number((await readMeta(db, 'match_rev')) ?? '-1');
  const incremental = !opts.full && lastRev >= 0;
  // Nothing imported and nothing decided since the last run of this school year: its result stands.
  const fingerprint = `${rev}|${opts.schoolYear}|${await decisionsFingerprint(db)}`;
  const last = await readMeta(db, 'match_summary');
  if (incremental && rev === lastRev && last) {
    const saved = JSON.parse(last) as { fingerprint: string; summary: MatchRunSummary };
    if (saved.fingerprint === fingerprint) return { ...saved.summary, compared: 0, written: 0, incremental: true };
  }

  // Rows are read one at a time and turned into compact people: at city scale memory is the limit.
  const students: StudentPerson[] = [];
  const studentRevs: number[] = [];
  await forEachStudentRow(db, database.sqlite, (r) => {
    students.push(studentOf(r));
    studentRevs.push(r.rev);
  });
  const studentRev = Int32Array.from(studentRevs);
  studentRevs.length = 0;
  opts.onProgress?.('load', 1, 3);
  const members: MemberPerson[] = [];
  const memberRevs: number[] = [];
  const memberFacts: { household: string; county: string; relation: string | null }[] = [];
  await forEachMemberRow(db, database.sqlite, (r) => {
    members.push(memberOf(r));
    memberRevs.push(r.rev);
    memberFacts.push({ household: r.household_no, county: r.county_code, relation: r.relation });
  });
  const memberRev = Int32Array.from(memberRevs);
  memberRevs.length = 0;
  const stored = await loadMatches(db);
  const decisions = await loadDecisions(db);
  opts.onProgress?.('load', 2, 3);
  const index = buildStudentIndex(students);
  const registryNamesakes = registryNamesakeCounts(members, index.earliestBirth);
  const rejected = new Set(decisions.filter((d) => d.decision === 'rejected').map((d) => d.match_id));
  const decided = new Set(decisions.map((d) => d.match_id));

  // Which members to compare again.
  const storedByMember = new Map<string, StoredMatch[]>();
  const storedByStudent = new Map<string, StoredMatch[]>();
  for (const m of stored) {
    (storedByMember.get(m.member_id) ?? storedByMember.set(m.member_id, []).get(m.member_id)!).push(m);
    (storedByStudent.get(m.student_no) ?? storedByStudent.set(m.student_no, []).get(m.student_no)!).push(m);
  }
  let affected: Set<number>;
  if (!incremental) {
    affected = new Set(members.map((_, i) => i));
  } else {
    affected = new Set();
    const changedKeys = new Set<string>();
    const changedStudents = new Set<string>();
    students.forEach((st, i) => {
      if (studentRev[i] > lastRev) {
        changedStudents.add(st.studentNo);
        for (const k of studentBlockKeys(students[i])) changedKeys.add(k);
      }
    });
    members.forEach((m, i) => {
      if (memberRev[i] > lastRev) affected.add(i);
      else if (changedKeys.size > 0 && memberBlockKeys(m).some((k) => changedKeys.has(k))) affected.add(i);
      else if ((storedByMember.get(m.memberId) ?? []).some((x) => changedStudents.has(x.student_no))) affected.add(i);
    });
  }
  const memberIndex = new Map(members.map((m, i) => [m.memberId, i]));
  const compute = (set: Set<number>) =>
    matchMembers(
      set.size === members.length ? members : [...set].map((i) => members[i]),
      index,
      registryNamesakes,
      (memberId, studentNo) => rejected.has(pairId(studentNo, memberId)),
    );
  let fresh = compute(affected);
  // Members outside the set that share a student with it must be decided again too (student-side uniqueness).
  if (incremental) {
    const touched = new Set<string>();
    for (const p of fresh) touched.add(p.studentNo);
    for (const i of affected) for (const m of storedByMember.get(members[i].memberId) ?? []) touched.add(m.student_no);
    const extra = new Set<number>();
    for (const s of touched) for (const m of storedByStudent.get(s) ?? []) {
      const i = memberIndex.get(m.member_id);
      if (i !== undefined && !affected.has(i)) extra.add(i);
    }
    if (extra.size > 0) {
      fresh = fresh.concat(compute(extra));
      for (const i of extra) affected.add(i);
    }
  }
  opts.onProgress?.('compare', affected.size, members.length);

  // Final state: fresh decisions for affected members, stored ones for the rest, then student-side conflicts.
  const affectedIds = new Set([...affected].map((i) => members[i].memberId));
  const keptStored: PairDecision[] = stored
    .filter((m) => !affectedIds.has(m.member_id))
    .map((m) => ({ studentIndex: -1, status: m.status as 'auto' | 'review', confidence: m.confidence, method: m.method, basis: m.basis, memberId: m.member_id, listKind: m.list_kind, studentNo: m.student_no }));
  const final = resolveStudentConflicts([...keptStored, ...fresh]);

  const now = nowIso();
  const storedById = new Map(stored.map((m) => [m.match_id, m]));
  const finalIds = final.map((p) => pairId(p.studentNo, p.memberId));
  const finalIdSet = new Set(finalIds);

  const upserts: MatchTable[] = [];
  for (let k = 0; k < final.length; k++) {
    const p = final[k];
    const id = finalIds[k];
    const old = storedById.get(id);
    if (old && old.status === p.status && old.confidence === p.confidence && old.method === p.method && old.basis === p.basis) continue;
    const mr = memberFacts[memberIndex.get(p.memberId)!];
    upserts.push({
      match_id: id,
      student_no: p.studentNo,
      member_id: p.memberId,
      list_kind: p.listKind,
      household_no: mr.household,
      county_code: mr.county,
      method: p.method,
      confidence: p.confidence,
      status: p.status,
      basis: p.basis,
      computed_rev: rev,
      updated_at: now,
    });
  }
  // A pair no longer proposed disappears, unless a person decided on it: that decision stands.
  const deletes = stored.filter((m) => !finalIdSet.has(m.match_id) && !decided.has(m.match_id)).map((m) => m.match_id);

  await db.transaction().execute(async (trx) => {
    await upsertMatches(trx, upserts, database.sqlite);
    await deleteMatches(trx, deletes);
    await writeMeta(trx, 'match_rev', String(rev));
    if (upserts.length + deletes.length > 0) {
      await recordAudit(trx, { actor: opts.actor.username, action: 'match.run', target: `rev ${rev}`, detail: { compared: affected.size, upserts: upserts.length, deletes: deletes.length, incremental } });
    }
  });
  opts.onProgress?.('write', 3, 3);

  // Counts of the state after the run, with human decisions overriding computed statuses.
  const decisionById = new Map(decisions.map((d) => [d.match_id, d.decision]));
  const counts = { auto: 0, review: 0, confirmed: 0, rejected: 0 };
  const matchedMembers = new Set<string>();
  const finalState = new Map<string, { memberId: string; status: string }>();
  final.forEach((p, k) => finalState.set(finalIds[k], { memberId: p.memberId, status: p.status }));
  for (const d of decisions) if (!finalState.has(d.match_id)) finalState.set(d.match_id, { memberId: d.member_id, status: d.decision });
  for (const [id, st] of finalState) {
    const effective = decisionById.get(id) ?? st.status;
    counts[effective as keyof typeof counts]++;
    if (effective !== 'rejected') matchedMembers.add(st.memberId);
  }
  const onDate = schoolYearStart(opts.schoolYear);
  let unmatched = 0;
  members.forEach((m, i) => {
    if (!matchedMembers.has(m.memberId) && isSchoolAgeChild(m.birth, memberFacts[i].relation, onDate)) unmatched++;
  });
  const summary = { ...counts, unmatched, members: members.length, students: students.length, compared: affected.size, written: upserts.length + deletes.length, incremental, schoolYear: opts.schoolYear };
  await writeMeta(db, 'match_summary', JSON.stringify({ fingerprint, summary }));
  return summary;
}
