// Use case "match": compares the registry lists with the 学籍 roster and stores the decisions.
// The first run (and --full) compares every member; after it only members touched by changed
// rows are compared again. Human decisions (match_decisions)
// are never changed by a run. Idempotent.
import type { Database } from '../db/database.ts';
import { refreshStatistics, sayWaiting, takeLongWriteLock } from '../db/long-write.ts';
import type { MatchTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { currentRev, readMeta, writeMeta } from './registry.repository.ts';
import { buildStudentIndex, memberBlockKeys, studentBlockKeys, matchMembers, registryNamesakeCounts } from './match-blocking.rules.ts';
import { matchIdOf, resolveStudentConflicts } from './match.rules.ts';
import { deleteMatches, decisionsFingerprint, loadDecisions, loadMatches, upsertMatches, type StoredMatch } from './match.repository.ts';
import { loadRegistry, loadRoster, matchEveryone, type ProposedPair } from './match-people.ts';
import { PairSpool, pairsInMemory, type PairSource } from './pair-spool.ts';
import { isSchoolAgeChild } from './unenrolled.rules.ts';
import { matchByCounty } from './match-counties.ts';
import { trace } from '../kernel/trace.ts';
import { usageError } from '../kernel/errors.ts';

export interface MatchRunOptions {
  actor: Actor;
  schoolYear: number;
  full?: boolean; // compare everyone again (after a rule change)
  /** Compare everyone with the whole city in memory at once (the former way; FUZHI_MATCH_WHOLE_CITY=1) instead of county by county. */
  wholeCity?: boolean;
  /** After each county of a full comparison (a job's progress). */
  onCounty?: (county: string, done: number, total: number) => void | Promise<void>;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Worker threads comparing counties at once in a full comparison (FUZHI_MATCH_WORKERS; default 1: one county after the other). */
  workers?: number;
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

const pairId = matchIdOf;

/** What the comparison of a run produced, before student-side conflicts and the write. */
interface Compared {
  /** Fresh decisions of the compared members and the stored pairs of members not compared again. */
  pairs: PairSource;
  compared: number;
  members: number;
  students: number;
  /** School-age children who may be unmatched (those with no pair of a non-rejected kind). */
  schoolAge: string[];
}

/** FUZHI_MATCH_WORKERS: the number of worker threads of a full comparison (1 when unset). */
export function matchWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.FUZHI_MATCH_WORKERS;
  if (v === undefined || v === '') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw usageError(`FUZHI_MATCH_WORKERS 应为 1 到 64 之间的整数：${v}`, `FUZHI_MATCH_WORKERS must be an integer from 1 to 64: ${v}`);
  }
  return n;
}

/** Every member compared (the first run, or --full); county by county, the pairs spooled to a file. */
async function compareEveryone(database: Database, opts: MatchRunOptions, rejected: string[], spool: PairSpool): Promise<Compared> {
  const wholeCity = opts.wholeCity ?? process.env.FUZHI_MATCH_WHOLE_CITY === '1';
  const everyone = { schoolYear: opts.schoolYear, rejected, onProgress: opts.onProgress };
  const workers = opts.workers ?? matchWorkersFromEnv();
  const r = wholeCity ? await matchEveryone(database, everyone) : await matchByCounty(database, { ...everyone, onCounty: opts.onCounty, sink: spool, workers });
  return { pairs: wholeCity ? pairsInMemory(r.pairs) : spool, compared: r.members, members: r.members, students: r.students, schoolAge: r.schoolAgeWithoutPair };
}

/** Only the members touched by rows changed since the last run (and those sharing a student with them). */
async function compareChanged(database: Database, opts: MatchRunOptions, lastRev: number, stored: StoredMatch[], rejected: Set<string>): Promise<Compared> {
  const { students, studentRev } = await loadRoster(database);
  opts.onProgress?.('load', 1, 3);
  const { members, memberRev, facts } = await loadRegistry(database);
  opts.onProgress?.('load', 2, 3);
  const index = buildStudentIndex(students);
  const registryNamesakes = registryNamesakeCounts(members, index.earliestBirth);

  const storedByMember = new Map<string, StoredMatch[]>();
  const storedByStudent = new Map<string, StoredMatch[]>();
  for (const m of stored) {
    (storedByMember.get(m.member_id) ?? storedByMember.set(m.member_id, []).get(m.member_id)!).push(m);
    (storedByStudent.get(m.student_no) ?? storedByStudent.set(m.student_no, []).get(m.student_no)!).push(m);
  }
  const affected = new Set<number>();
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
  const memberIndex = new Map(members.map((m, i) => [m.memberId, i]));
  const compute = (set: Set<number>): ProposedPair[] =>
    matchMembers(
      [...set].map((i) => members[i]),
      index,
      registryNamesakes,
      rejected.size === 0 ? undefined : (memberId, studentNo) => rejected.has(pairId(studentNo, memberId)),
    ).map((p) => {
      const f = facts[memberIndex.get(p.memberId)!];
      return { ...p, household: f.household, county: f.county };
    });
  let fresh = compute(affected);
  // Members outside the set that share a student with it must be decided again too (student-side uniqueness).
  const touched = new Set<string>();
  for (const p of fresh) touched.add(p.studentNo);
  for (const i of affected) for (const m of storedByMember.get(members[i].memberId) ?? []) touched.add(m.student_no);
  const extra = new Set<number>();
  for (const s of touched) {
    for (const m of storedByStudent.get(s) ?? []) {
      const i = memberIndex.get(m.member_id);
      if (i !== undefined && !affected.has(i)) extra.add(i);
    }
  }
  if (extra.size > 0) {
    fresh = fresh.concat(compute(extra));
    for (const i of extra) affected.add(i);
  }
  const affectedIds = new Set([...affected].map((i) => members[i].memberId));
  const kept: ProposedPair[] = stored
    .filter((m) => !affectedIds.has(m.member_id))
    .map((m) => ({ studentIndex: -1, status: m.status as 'auto' | 'review', confidence: m.confidence, method: m.method, basis: m.basis, memberId: m.member_id, listKind: m.list_kind, studentNo: m.student_no, household: m.household_no, county: m.county_code }));
  const onDate = schoolYearStart(opts.schoolYear);
  const schoolAge = members.filter((m, i) => isSchoolAgeChild(m.birth, facts[i].relation, onDate)).map((m) => m.memberId);
  return { pairs: pairsInMemory(kept, fresh), compared: affected.size, members: members.length, students: students.length, schoolAge };
}

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

  trace('match: start');
  const stored = await loadMatches(db);
  const decisions = await loadDecisions(db);
  const rejected = new Set(decisions.filter((d) => d.decision === 'rejected').map((d) => d.match_id));
  const decided = new Set(decisions.map((d) => d.match_id));
  const spool = incremental ? null : new PairSpool();
  try {
    const run = spool ? await compareEveryone(database, opts, [...rejected], spool) : await compareChanged(database, opts, lastRev, stored, rejected);
    opts.onProgress?.('compare', run.compared, run.members);
    trace('match: compared');
    const summary = await writeFinal(database, opts, { rev, stored, decisions, decided, run, incremental });
    await writeMeta(db, 'match_summary', JSON.stringify({ fingerprint, summary }));
    return summary;
  } finally {
    spool?.dispose();
  }
}

/**
 * The final state, written: fresh decisions for compared members, stored ones for the rest, then
 * student-side conflicts (resolveStudentConflicts, read in two passes over the pairs: the auto
 * pairs per student first, then each chunk resolved and written). Unchanged pairs are not written;
 * a pair no longer proposed disappears unless a person decided on it.
 */
async function writeFinal(
  database: Database,
  opts: MatchRunOptions,
  at: { rev: number; stored: StoredMatch[]; decisions: Awaited<ReturnType<typeof loadDecisions>>; decided: Set<string>; run: Compared; incremental: boolean },
): Promise<MatchRunSummary> {
  const { db } = database;
  const { rev, stored, decisions, decided, run, incremental } = at;
  const keepIds = stored.length + decisions.length > 0;
  const finalIdSet = new Set<string>();
  const autoSeen = new Set<string>();
  const autoTwice = new Set<string>();
  for await (const chunk of run.pairs.chunks()) {
    for (const p of chunk) {
      if (keepIds) finalIdSet.add(pairId(p.studentNo, p.memberId));
      if (p.status !== 'auto') continue;
      const k = `${p.listKind}|${p.studentNo}`;
      if (autoSeen.has(k)) autoTwice.add(k);
      else autoSeen.add(k);
    }
  }
  autoSeen.clear();
  trace('match: final pairs resolved');

  const now = nowIso();
  const storedById = new Map(stored.map((m) => [m.match_id, m]));
  const decisionById = new Map(decisions.map((d) => [d.match_id, d.decision]));
  const schoolAge = new Set(run.schoolAge);
  const matchedSchoolAge = new Set<string>();
  const counts = { auto: 0, review: 0, confirmed: 0, rejected: 0 };
  // Counts of the state after the run, with human decisions overriding computed statuses
  // (a pair is final or decided or both; final ids are unique).
  const count = (memberId: string, effective: string) => {
    counts[effective as keyof typeof counts]++;
    if (effective !== 'rejected' && schoolAge.has(memberId)) matchedSchoolAge.add(memberId);
  };
  const changedCounties = new Set<string>();
  let upserted = 0;
  const deletes = stored.filter((m) => !finalIdSet.has(m.match_id) && !decided.has(m.match_id)).map((m) => m.match_id);

  await db.transaction().execute(async (trx) => {
    await takeLongWriteLock(trx, sayWaiting);
    for await (const chunk of run.pairs.chunks()) {
      const upserts: MatchTable[] = [];
      for (const p of resolveStudentConflicts(chunk, (q) => autoTwice.has(`${q.listKind}|${q.studentNo}`))) {
        const id = pairId(p.studentNo, p.memberId);
        count(p.memberId, decisionById.get(id) ?? p.status);
        const old = storedById.get(id);
        if (old && old.status === p.status && old.confidence === p.confidence && old.method === p.method && old.basis === p.basis) continue;
        changedCounties.add(p.county);
        upserts.push({
          match_id: id,
          student_no: p.studentNo,
          member_id: p.memberId,
          list_kind: p.listKind,
          household_no: p.household,
          county_code: p.county,
          method: p.method,
          confidence: p.confidence,
          status: p.status,
          basis: p.basis,
          computed_rev: rev,
          updated_at: now,
        });
      }
      await upsertMatches(trx, upserts, database.sqlite);
      upserted += upserts.length;
    }
    await deleteMatches(trx, deletes);
    await writeMeta(trx, 'match_rev', String(rev));
  });
  if (upserted + deletes.length > 1000) await refreshStatistics(db, 'matches');
  if (upserted + deletes.length > 0) {
    // after the commit: a match never holds the audit log (the ops store) while it writes
    await recordAudit(db, { actor: opts.actor.username, action: 'match.run', target: `rev ${rev}`, regions: [...changedCounties], detail: { compared: run.compared, upserts: upserted, deletes: deletes.length, incremental } });
  }
  opts.onProgress?.('write', 3, 3);
  trace('match: written');

  for (const d of decisions) if (!finalIdSet.has(d.match_id)) count(d.member_id, d.decision);
  const unmatched = run.schoolAge.reduce((n, id) => n + (matchedSchoolAge.has(id) ? 0 : 1), 0);
  return { ...counts, unmatched, members: run.members, students: run.students, compared: run.compared, written: upserted + deletes.length, incremental, schoolYear: opts.schoolYear };
}
