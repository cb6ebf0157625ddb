// Matching stage "block": which roster students a registry member is compared with at all.
// Blocks: the exact ID, the first 17 ID characters, the homophone name key, and the birth date
// (the last only to find an ID one digit away when the names differ). Pure and in memory.
import { birthDateFromId, checkDigit } from '../kernel/id-number.ts';
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
  byId: Block;
  /** name key + birth month: the name block, split by month so that common names stay small. */
  byNameMonth: Block;
  /** name key + hukou county of students with no birth date at all (reviewable within a township only). */
  byNameNoBirth: Block;
  /** name key + hukou county: for a member with no birth date at all, who can only be reviewed within a township. */
  byNameCounty: Block;
  /**
   * Near-ID blocks: an ID one substitution or adjacent transposition away keeps at least one of
   * (region + birth date), (birth date + last four) or (region + last four) intact, the birth date
   * taken from the stated field or from the ID. Small blocks instead of everyone born that day.
   */
  byNear: Block;
  /** birth date + first character + length of the name: a one-character name difference where a side has no ID. */
  byBirthInitial: Block;
  /** A year before the earliest student birth date: a member born before it is nobody in the roll but by ID. */
  earliestBirth: string;
}

/** A block: key → one student index, or several (a plain number saves an array for the many unique keys). */
export type Block = Map<string, number | number[]>;

function push(map: Block, key: string | null | undefined, i: number): void {
  if (!key) return;
  const v = map.get(key);
  if (v === undefined) map.set(key, i);
  else if (typeof v === 'number') map.set(key, [v, i]);
  else v.push(i);
}

const NONE: readonly number[] = [];

function hits(map: Block, key: string): readonly number[] {
  const v = map.get(key);
  return v === undefined ? NONE : typeof v === 'number' ? [v] : v;
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
  const idx: StudentIndex = { students, byId: new Map(), byNameMonth: new Map(), byNameNoBirth: new Map(), byNameCounty: new Map(), byNear: new Map(), byBirthInitial: new Map(), earliestBirth: '9999' };
  students.forEach((s, i) => {
    const chars = s.id ?? s.idDigits;
    push(idx.byId, chars, i);
    // a 17-character ID (the last one lost) or a wrong check digit: filed under the completed ID too
    const completed = completedId(chars);
    if (completed && completed !== chars) push(idx.byId, completed, i);
    if (s.region) push(idx.byNameCounty, `${s.nameKey}|${s.region.slice(0, 6)}`, i);
    const bs = births(s);
    if (bs.length === 0 && s.region) push(idx.byNameNoBirth, `${s.nameKey}|${s.region.slice(0, 6)}`, i);
    for (const month of months(bs)) push(idx.byNameMonth, `${s.nameKey}|${month}`, i);
    for (const k of nearKeys(s, bs)) push(idx.byNear, k, i);
    for (const b of bs) {
      push(idx.byBirthInitial, initialKey(s, b), i);
      if (b < idx.earliestBirth) idx.earliestBirth = b;
    }
  });
  idx.earliestBirth = `${Number(idx.earliestBirth.slice(0, 4)) - 1}${idx.earliestBirth.slice(4)}`;
  return idx;
}

function nearKeys(p: Person, bs: string[]): string[] {
  const chars = p.id ?? p.idDigits;
  if (!chars || chars.length !== 18) return [];
  const region = chars.slice(0, 6);
  const last4 = chars.slice(14);
  const keys = [`r${region}${last4}`];
  for (const b of bs) keys.push(`b${region}${b}`, `l${b}${last4}`);
  return keys;
}

function initialKey(p: Person, birth: string): string {
  return `${birth}${p.name[0] ?? ''}${p.name.length}`;
}

/** The valid ID the first 17 characters make with their own check digit (for a lost or mistyped last one). */
function completedId(chars: string | null): string | null {
  if (!chars || chars.length < 17 || !/^\d{17}/.test(chars)) return null;
  return chars.slice(0, 17) + checkDigit(chars.slice(0, 17));
}

/** Students sharing the member's name key, birth date and sex (either sex when unknown): the month block holds them all. */
function rollNamesakes(idx: StudentIndex, m: Person): number {
  if (!m.birth) return 0;
  let n = 0;
  for (const i of hits(idx.byNameMonth, `${m.nameKey}|${m.birth.slice(0, 7)}`)) {
    const s = idx.students[i];
    if (s.birth === m.birth && (!m.sex || !s.sex || s.sex === m.sex)) n++;
  }
  return n;
}

function idKeys(p: Person, keys: string[]): void {
  const chars = p.id ?? p.idDigits;
  if (chars) keys.push(`i:${chars}`);
  const completed = completedId(chars);
  if (completed && completed !== chars) keys.push(`i:${completed}`);
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
  if (s.region) keys.push(`n:${s.nameKey}|${s.region.slice(0, 6)}`);
  if (bs.length === 0 && s.region) keys.push(`nb:${s.nameKey}|${s.region.slice(0, 6)}`);
  for (const m of months(bs)) keys.push(`nm:${s.nameKey}|${m}`);
  for (const k of nearKeys(s, bs)) keys.push(`x:${k}`);
  for (const b of bs) keys.push(`c:${initialKey(s, b)}`);
  return keys;
}

export function memberBlockKeys(m: Person): string[] {
  const keys: string[] = [];
  idKeys(m, keys);
  const bs = births(m);
  if (bs.length === 0) {
    if (m.region) keys.push(`n:${m.nameKey}|${m.region.slice(0, 6)}`);
  } else if (m.region) keys.push(`nb:${m.nameKey}|${m.region.slice(0, 6)}`);
  for (const mo of months(bs)) keys.push(`nm:${m.nameKey}|${mo}`);
  for (const k of nearKeys(m, bs)) keys.push(`x:${k}`);
  for (const b of bs) keys.push(`c:${initialKey(m, b)}`);
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
    for (const i of hits(idx.byId, chars)) consider(i);
    const completed = completedId(chars);
    if (completed && completed !== chars) for (const i of hits(idx.byId, completed)) consider(i);
  }
  const bs = births(m);
  // an adult of the household: only an ID can point at a student
  if (bs.length > 0 && bs.every((b) => b < idx.earliestBirth)) return out;
  if (bs.length === 0) {
    // no birth date to narrow by: without it a pair can only be reviewed within a township (match.rules)
    if (m.region) for (const i of hits(idx.byNameCounty, `${m.nameKey}|${m.region.slice(0, 6)}`)) consider(i);
  } else {
    for (const month of months(bs)) for (const i of hits(idx.byNameMonth, `${m.nameKey}|${month}`)) consider(i);
    if (m.region) for (const i of hits(idx.byNameNoBirth, `${m.nameKey}|${m.region.slice(0, 6)}`)) consider(i);
  }
  // Near-ID blocks: a one-digit typo or swap, whatever the names say.
  if (chars && chars.length === 18) {
    for (const k of nearKeys(m, bs)) {
      for (const i of hits(idx.byNear, k)) {
        if (seen[i] === stamp) continue;
        const s = idx.students[i];
        const sc = (s.id ?? s.idDigits)!;
        if (atMostTwoApart(sc, chars)) consider(i);
      }
    }
  }
  // One character of the name differs and one side has no ID: same birth date, same initial, same length.
  if (m.name.length >= 3) {
    for (const b of bs) {
      for (const i of hits(idx.byBirthInitial, initialKey(m, b))) {
        if (seen[i] === stamp) continue;
        const s = idx.students[i];
        if (!chars || !(s.id ?? s.idDigits)) consider(i);
      }
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
        namesakesInRoll: () => rollNamesakes(idx, m),
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

/** Namesake counts in the registry, for the members who could be students at all (born after earliestBirth). */
export function registryNamesakeCounts(members: MemberPerson[], earliestBirth = ''): Map<string, number> {
  const map = new Map<string, number>();
  for (const m of members) {
    if (m.birth && m.birth < earliestBirth) continue;
    const nk = namesakeKey(m);
    if (nk) map.set(`${m.listKind}|${nk}`, (map.get(`${m.listKind}|${nk}`) ?? 0) + 1);
  }
  return map;
}
