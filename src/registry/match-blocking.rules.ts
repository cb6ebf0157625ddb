// Matching stage "block": which roster students a registry member is compared with at all.
// Blocks: the exact ID, the first 17 ID characters, the homophone name key, and the birth date
// (the last only to find an ID one digit away when the names differ). Pure and in memory.
import { birthDateFromId } from '../kernel/id-number.ts';
import {
  compare,
  decide,
  score,
  type Candidate,
  type MemberPerson,
  type PairDecision,
  type Person,
  type StudentPerson,
} from './match.rules.ts';

export interface StudentIndex {
  students: StudentPerson[];
  byId: Map<string, number[]>;
  byId17: Map<string, number[]>;
  /** name key + birth month: the name block, split by month so that common names stay small. */
  byNameMonth: Map<string, number[]>;
  /** name key of students with no birth date at all. */
  byNameNoBirth: Map<string, number[]>;
  byNameKey: Map<string, number[]>;
  byBirth: Map<string, number[]>;
  /** name key + birth + sex → how many students share it (namesakes in the roll). */
  namesakes: Map<string, number>;
  /** A year before the earliest student birth date: a member born before it is nobody in the roll but by ID. */
  earliestBirth: string;
}

function push(map: Map<string, number[]>, key: string | null | undefined, i: number): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

export function namesakeKey(p: Person): string | null {
  return p.birth ? `${p.nameKey}|${p.birth}|${p.sex ?? '?'}` : null;
}

/** The birth dates a person can be looked up by: the stated one and the one inside a (possibly broken) ID. */
function births(p: Person): string[] {
  const out: string[] = [];
  if (p.birth) out.push(p.birth);
  const chars = p.id ?? p.idDigits;
  if (chars && chars.length >= 14) {
    const fromId = p.id ? birthDateFromId(p.id) : birthDateFromId(`${chars.slice(0, 17)}0`.slice(0, 18));
    if (fromId && fromId !== p.birth) out.push(fromId);
  }
  return out;
}

export function buildStudentIndex(students: StudentPerson[]): StudentIndex {
  const idx: StudentIndex = { students, byId: new Map(), byId17: new Map(), byNameMonth: new Map(), byNameNoBirth: new Map(), byNameKey: new Map(), byBirth: new Map(), namesakes: new Map(), earliestBirth: '9999' };
  students.forEach((s, i) => {
    const chars = s.id ?? s.idDigits;
    push(idx.byId, chars, i);
    if (chars && chars.length >= 17) push(idx.byId17, chars.slice(0, 17), i);
    push(idx.byNameKey, s.nameKey, i);
    const bs = births(s);
    if (bs.length === 0) push(idx.byNameNoBirth, s.nameKey, i);
    for (const month of months(bs)) push(idx.byNameMonth, `${s.nameKey}|${month}`, i);
    for (const b of bs) {
      push(idx.byBirth, b, i);
      if (b < idx.earliestBirth) idx.earliestBirth = b;
    }
    const nk = namesakeKey(s);
    if (nk) idx.namesakes.set(nk, (idx.namesakes.get(nk) ?? 0) + 1);
  });
  idx.earliestBirth = `${Number(idx.earliestBirth.slice(0, 4)) - 1}${idx.earliestBirth.slice(4)}`;
  return idx;
}

function idKeys(p: Person, keys: string[]): void {
  const chars = p.id ?? p.idDigits;
  if (chars) keys.push(`i:${chars}`);
  if (chars && chars.length >= 17) keys.push(`7:${chars.slice(0, 17)}`);
}

function months(bs: string[]): string[] {
  return [...new Set(bs.map((b) => b.slice(0, 7)))];
}

/**
 * The block keys of a student and of a member, built so that a student and a member share a key
 * whenever candidatesFor can compare them: a changed student touches exactly those members.
 */
export function studentBlockKeys(s: Person): string[] {
  const keys: string[] = [];
  idKeys(s, keys);
  const bs = births(s);
  keys.push(`n:${s.nameKey}`);
  if (bs.length === 0) keys.push(`nb:${s.nameKey}`);
  for (const m of months(bs)) keys.push(`nm:${s.nameKey}|${m}`);
  for (const b of bs) keys.push(`b:${b}`);
  return keys;
}

export function memberBlockKeys(m: Person): string[] {
  const keys: string[] = [];
  idKeys(m, keys);
  const bs = births(m);
  if (bs.length === 0) keys.push(`n:${m.nameKey}`);
  else keys.push(`nb:${m.nameKey}`);
  for (const mo of months(bs)) keys.push(`nm:${m.nameKey}|${mo}`);
  for (const b of bs) keys.push(`b:${b}`);
  return keys;
}

/** Cheap pre-check before a full comparison: the strings differ in at most two positions. */
function atMostTwoApart(a: string, b: string): boolean {
  let diff = 0;
  for (let k = 0; k < a.length; k++) if (a.charCodeAt(k) !== b.charCodeAt(k) && ++diff > 2) return false;
  return true;
}

/** Per-index scratch: which students the current member was already compared with (no Set per member). */
const visits = new WeakMap<StudentIndex, { stamp: number; seen: Uint32Array }>();

export function candidatesFor(m: MemberPerson, idx: StudentIndex): Candidate[] {
  let v = visits.get(idx);
  if (!v) visits.set(idx, (v = { stamp: 0, seen: new Uint32Array(idx.students.length) }));
  const stamp = ++v.stamp;
  const seen = v.seen;
  const out: Candidate[] = [];
  const consider = (i: number) => {
    if (seen[i] === stamp) return;
    seen[i] = stamp;
    const s = idx.students[i];
    const comparison = compare(m, s);
    const scored = score(comparison, s, m);
    if (scored.tier !== null) out.push({ studentIndex: i, comparison, ...scored });
  };
  const chars = m.id ?? m.idDigits;
  if (chars) {
    for (const i of idx.byId.get(chars) ?? []) consider(i);
    if (chars.length >= 17) for (const i of idx.byId17.get(chars.slice(0, 17)) ?? []) consider(i);
  }
  const bs = births(m);
  // an adult of the household: only an ID can point at a student
  if (bs.length > 0 && bs.every((b) => b < idx.earliestBirth)) return out;
  if (bs.length === 0) {
    for (const i of idx.byNameKey.get(m.nameKey) ?? []) consider(i); // no birth date to narrow by: the whole name block
  } else {
    for (const month of months(bs)) for (const i of idx.byNameMonth.get(`${m.nameKey}|${month}`) ?? []) consider(i);
    for (const i of idx.byNameNoBirth.get(m.nameKey) ?? []) consider(i);
  }
  // Birth-date block: a near ID whose names differ, or a one-character name difference where a side has no ID.
  for (const b of bs) {
    for (const i of idx.byBirth.get(b) ?? []) {
      if (seen[i] === stamp) continue;
      const s = idx.students[i];
      const sc = s.id ?? s.idDigits;
      if (chars && sc && sc.length === chars.length && atMostTwoApart(sc, chars)) consider(i);
      else if ((!chars || !sc) && s.name.length === m.name.length && s.name.length >= 3 && s.name[0] === m.name[0]) consider(i);
    }
  }
  return out;
}

/** Match a set of members against the roster index: the decisions, before student-side conflicts. */
export function matchMembers(
  members: MemberPerson[],
  idx: StudentIndex,
  registryNamesakes: Map<string, number>,
  isRejected: (memberId: string, studentNo: string) => boolean = () => false,
): PairDecision[] {
  const out: PairDecision[] = [];
  for (const m of members) {
    const candidates = candidatesFor(m, idx).filter((c) => !isRejected(m.memberId, idx.students[c.studentIndex].studentNo));
    const decisions = decide(
      {
        member: m,
        candidates,
        namesakesInRoll: () => namesakeCount(idx.namesakes, m, ''),
        namesakesInRegistry: () => namesakeCount(registryNamesakes, m, `${m.listKind}|`),
      },
      idx.students,
    );
    for (const d of decisions) out.push({ ...d, memberId: m.memberId, listKind: m.listKind, studentNo: idx.students[d.studentIndex].studentNo });
  }
  return out;
}

/** How many people share the member's name key, birth date and sex (either sex when unknown). */
function namesakeCount(counts: Map<string, number>, p: Person, prefix: string): number {
  if (!p.birth) return 0;
  if (p.sex) return counts.get(`${prefix}${p.nameKey}|${p.birth}|${p.sex}`) ?? 0;
  return ['M', 'F', '?'].reduce((n, sex) => n + (counts.get(`${prefix}${p.nameKey}|${p.birth}|${sex}`) ?? 0), 0);
}

export function registryNamesakeCounts(members: MemberPerson[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const m of members) {
    const nk = namesakeKey(m);
    if (nk) map.set(`${m.listKind}|${nk}`, (map.get(`${m.listKind}|${nk}`) ?? 0) + 1);
  }
  return map;
}
