// Use case "dropout check" (四查三比对): the township roster and the registry children of compulsory
// age against the 学籍 roll (identified as carefully as registry matching: the same compare/score/
// decide through match-blocking), students whose 学籍状态 is 辍学/休学, and unexplained absences.
// Opens one case per child with every source that found it; idempotent; a decided case is never
// touched again (case.rules FINAL_STATUSES and every status past 待核查).
import type { Database } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { schoolYearStart } from '../kernel/school-year.ts';
import { maskStudentNo } from '../platform/privacy.rules.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { buildStudentIndex, matchMembers, registryNamesakeCounts } from '../registry/match-blocking.rules.ts';
import type { MemberPerson, PairDecision } from '../registry/match.rules.ts';
import { memberOf, studentOf } from '../registry/match-people.ts';
import { absenceWarnings, caseNoOf, caseSeqOf, isCompulsoryAge, isFound, mergeSources, personKeyOf } from './check.rules.ts';
import type { CaseSource } from './dropout.columns.ts';
import { insertCases, insertEvents, loadAbsences, loadCases, loadRegistryChildren, loadRosterChildren, loadStudents, updateCase, type CaseEventRow, type CaseRow, type RosterRow, type StudentRow } from './dropout.repository.ts';

export interface CheckOptions {
  schoolYear: number;
  actor: Actor;
  today: string;
}

export interface CheckSummary {
  cases: number;
  new: number;
  updated: number;
  suspected: number;
  bySource: Record<string, number>;
  checked: { roster: number; registry: number; students: number };
  schoolYear: number;
}

/** A child suspected by one or more sources, before it becomes or joins a case. */
interface Suspect {
  key: string;
  name: string;
  id: string | null;
  idRaw: string | null;
  birth: string | null;
  sex: string | null;
  region: string | null;
  county: string;
  studentNo: string | null;
  schoolCode: string | null;
  sources: Set<CaseSource>;
  basis: string[];
}

const ENROLLED = new Set(['在读', '休学']);
const OUT_OF_SCHOOL = new Set(['辍学', '休学']);
const COMPULSORY_STAGES = new Set(['小学', '初中']);

function byDecisionOf(decisions: PairDecision[]): Map<number, PairDecision[]> {
  const map = new Map<number, PairDecision[]>();
  for (const d of decisions) {
    const list = map.get(d.memberIndex!);
    if (list) list.push(d);
    else map.set(d.memberIndex!, [d]);
  }
  return map;
}

export async function runDropoutCheck(database: Database, opts: CheckOptions): Promise<CheckSummary> {
  const { db } = database;
  const bornFrom = `${opts.schoolYear - 16}-09-02`; // 15 full years on 1 September at the oldest
  const students = await loadStudents(db);
  const enrolledRows = students.filter((s) => ENROLLED.has(s.status));
  const index = buildStudentIndex(enrolledRows.map(studentOf));
  const outRows = students.filter((s) => OUT_OF_SCHOOL.has(s.status));
  const outIndex = buildStudentIndex(outRows.map(studentOf));
  const suspects = new Map<string, Suspect>();

  const add = (key: string, base: Omit<Suspect, 'key' | 'sources' | 'basis'>, source: CaseSource, basis: string) => {
    let s = suspects.get(key);
    if (!s) suspects.set(key, (s = { key, ...base, sources: new Set(), basis: [] }));
    s.sources.add(source);
    if (!s.basis.includes(basis)) s.basis.push(basis);
    s.studentNo ??= base.studentNo;
    s.schoolCode ??= base.schoolCode;
    s.region ??= base.region;
  };
  const studentKey = (r: StudentRow) => personKeyOf(studentOf(r));
  const studentBase = (r: StudentRow) => ({
    name: r.name, id: r.id_number, idRaw: r.id_raw, birth: r.birth_date, sex: r.sex, region: r.region ?? r.school_region, county: r.county_code, studentNo: r.key, schoolCode: r.school_code,
  });

  /** 户籍 vs 学籍 and 名单 vs 学籍: children of compulsory age not identified among the enrolled. */
  const compare = <R extends RosterRow>(rows: R[], people: MemberPerson[], source: CaseSource, why: (r: R) => string) => {
    const namesakes = registryNamesakeCounts(people);
    const found = byDecisionOf(matchMembers(people, index, namesakes));
    const missing = people.map((_, i) => i).filter((i) => !isFound(found.get(i) ?? []));
    // the same child may be a 辍学/休学 student whose ID is mangled: that student's case, not a second one
    const inOut = byDecisionOf(matchMembers(missing.map((i) => people[i]), outIndex, namesakes));
    missing.forEach((i, k) => {
      const r = rows[i];
      const out = (inOut.get(k) ?? []).find((d) => d.status === 'auto');
      const key = out ? studentKey(outRows[out.studentIndex]) : personKeyOf(people[i]);
      add(key, { name: r.name, id: r.id_number, idRaw: r.id_raw, birth: r.birth_date, sex: r.sex, region: r.region, county: r.county_code, studentNo: null, schoolCode: null }, source, why(r));
    });
  };

  const roster = (await loadRosterChildren(db, bornFrom)).filter((r) => isCompulsoryAge(r.birth_date, opts.schoolYear));
  compare(roster, roster.map((r) => memberOf({ ...r, list_kind: '花名册' })), '户籍比对', () => '户籍比对：花名册中的适龄儿童未在学籍（在读、休学）中找到');
  const registry = (await loadRegistryChildren(db, bornFrom)).filter((r) => isCompulsoryAge(r.birth_date, opts.schoolYear));
  // a child on two lists is compared once
  const seen = new Set<string>();
  const distinct = registry.filter((r) => (r.id_number ? !seen.has(r.id_number) && seen.add(r.id_number) : true));
  compare(distinct, distinct.map(memberOf), '名单比对', (r) => `名单比对：${r.list_kind}户 ${r.household_no} 的适龄子女未在学籍中找到`);

  for (const r of outRows) {
    const compulsory = r.birth_date ? isCompulsoryAge(r.birth_date, opts.schoolYear) : COMPULSORY_STAGES.has(r.stage ?? '');
    if (compulsory) add(studentKey(r), studentBase(r), '学籍状态', `学籍状态：${r.status}（学籍号 ${maskStudentNo(r.key)}）`);
  }
  const byNo = new Map(enrolledRows.map((r) => [r.key, r]));
  const absences = await loadAbsences(db, schoolYearStart(opts.schoolYear), `${opts.schoolYear + 1}-08-31`);
  for (const [no, days] of absenceWarnings(absences, opts.schoolYear)) {
    const r = byNo.get(no);
    if (r && r.status === '在读') add(studentKey(r), studentBase(r), '缺勤预警', `缺勤预警：本学年旷课或无故缺勤 ${days} 天`);
  }

  return writeCases(database, opts, [...suspects.values()], { roster: roster.length, registry: distinct.length, students: students.length });
}

async function writeCases(database: Database, opts: CheckOptions, suspects: Suspect[], checked: CheckSummary['checked']): Promise<CheckSummary> {
  const at = nowIso();
  const bySource: Record<string, number> = {};
  for (const s of suspects) for (const src of s.sources) bySource[src] = (bySource[src] ?? 0) + 1;
  let created = 0;
  let updated = 0;
  let total = 0;
  await database.db.transaction().execute(async (trx) => {
    const existing = await loadCases(trx);
    const byKey = new Map(existing.map((c) => [c.person_key, c]));
    const seq = new Map<string, number>();
    for (const c of existing) seq.set(c.county_code, Math.max(seq.get(c.county_code) ?? 0, caseSeqOf(c.case_no)));
    const inserts: CaseRow[] = [];
    const events: CaseEventRow[] = [];
    const event = (c: Pick<CaseRow, 'case_no' | 'county_code'>, action: string, from: string | null, detail: unknown): CaseEventRow => ({
      case_no: c.case_no, county_code: c.county_code, action, from_status: from, to_status: '待核查', event_date: opts.today, detail_json: JSON.stringify(detail), actor: opts.actor.username, at,
    });
    for (const s of [...suspects].sort((a, b) => a.key.localeCompare(b.key))) {
      const sources = [...s.sources];
      const old = byKey.get(s.key);
      if (old) {
        // a decided case is never reopened nor changed; a pending one only gains sources
        if (old.status !== '待核查') continue;
        const merged = mergeSources(old.sources, sources);
        if (merged === old.sources) continue;
        const basis = [...new Set([...old.basis.split('；'), ...s.basis])].join('；');
        await updateCase(trx, old.case_no, { sources: merged, basis, student_no: old.student_no ?? s.studentNo, school_code: old.school_code ?? s.schoolCode, updated_at: at });
        events.push(event(old, 'source', '待核查', { sources: merged }));
        updated++;
        continue;
      }
      const next = (seq.get(s.county) ?? 0) + 1;
      seq.set(s.county, next);
      const row: CaseRow = {
        case_no: caseNoOf(s.county, next), county_code: s.county, person_key: s.key, name: s.name, id_number: s.id, id_raw: s.idRaw, birth_date: s.birth, sex: s.sex,
        hukou_region: s.region, township_code: s.region ? s.region.slice(0, 9) : null, student_no: s.studentNo, school_code: s.schoolCode, sources: mergeSources('', sources),
        basis: s.basis.join('；'), school_year: opts.schoolYear, status: '待核查', category: null, note: null, assigned_school: null, township_user: null, village_cadre: null,
        last_visit: null, outcome: null, outcome_date: null, opened_at: at, updated_at: at,
      };
      byKey.set(s.key, row);
      inserts.push(row);
      events.push(event(row, 'open', null, { sources: row.sources }));
      created++;
    }
    await insertCases(trx, inserts);
    await insertEvents(trx, events);
    total = existing.length + inserts.length;
    await recordAudit(trx, { actor: opts.actor.username, action: 'dropout.check', target: `school year ${opts.schoolYear}`, detail: { new: created, updated, suspected: suspects.length } });
  });
  return { cases: total, new: created, updated, suspected: suspects.length, bySource, checked, schoolYear: opts.schoolYear };
}
