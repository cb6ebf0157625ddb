// Matching stage "block": which roster students a registry member is compared with at all.
// Two valid, different ID numbers are always two people (match.rules compareIds), so the index
// has two tiers:
//  - every student is filed under its ID characters (and under the ID its first 17 make);
//  - only the "open" students, those a member with a valid ID can still be paired with (no usable
//    ID, or an ID ending in 000 that Excel may have rounded), are filed under the name, near-ID
//    and birth-date blocks.
// A member with a valid ID looks up those two tiers. An open member (no usable ID) can be any
// student: its name, near-ID and birth-date keys are looked up by one pass over the other
// students, filtered by number keys and name keys so that most students cost no string at all.
// The candidates are the same as if every student were filed under every block. Pure, in memory.
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
  /** Every student: the ID characters, and the ID completed from the first 17 characters. */
  byId: Block;
  /** Students with no usable ID or an ID ending in 000 (see isOpen), indexed by every block. */
  open: OpenBlocks;
  /** Students not in `open`: the pass over them finds the open members' candidates. */
  closed: Int32Array;
  /** A year before the earliest student birth date: a member born before it is nobody in the roll but by ID. */
  earliestBirth: string;
  /** The earliest birth date (YYYYMMDD) among these students, or 99999999 (see earliestBirthText). */
  earliestNumber: number;
}

/**
 * Near-ID blocks: an ID one substitution or adjacent transposition away keeps at least one of
 * (region + birth date), (birth date + last four) or (region + last four) intact, the birth date
 * taken from the stated field or from the ID. Small blocks instead of everyone born that day.
 * Keyed by numbers (fileNear), which cost no string per lookup.
 */
interface NearBlocks {
  nearRegionLast4: NumBlock;
  nearRegionBirth: NumBlock;
  nearBirthLast4: NumBlock;
}

export interface OpenBlocks extends NearBlocks {
  /** name key + birth month: the name block, split by month so that common names stay small. */
  byNameMonth: Block;
  /** name key + hukou county of students with no birth date at all (reviewable within a township only). */
  byNameNoBirth: Block;
  /** name key + hukou county: for a member with no birth date at all, who can only be reviewed within a township. */
  byNameCounty: Block;
  /** birth date + first character + length of the name (initialNumber): a one-character name difference where a side has no ID. */
  byBirthInitial: NumBlock;
}

/** A block: key → one student index, or several (a plain number saves an array for the many unique keys). */
export type Block = Map<string, number | number[]>;
export type NumBlock = Map<number, number | number[]>;

function push<K>(map: Map<K, number | number[]>, key: K | null | undefined, i: number): void {
  if (key === null || key === undefined) return;
  const v = map.get(key);
  if (v === undefined) map.set(key, i);
  else if (typeof v === 'number') map.set(key, [v, i]);
  else v.push(i);
}

const NONE: readonly number[] = [];

function hits<K>(map: Map<K, number | number[]>, key: K): readonly number[] {
  const v = map.get(key);
  if (v === undefined) return NONE;
  if (typeof v !== 'number') return v;
  ONE[0] = v; // reused: callers iterate at once and do not nest lookups of the same helper
  return ONE;
}
const ONE: number[] = [0];

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

/**
 * Open: a person with a valid ID that does not end in 000 can only be paired with the same ID
 * (or, both ways, with an ID Excel rounded to …000); everyone else is open.
 */
export function isOpen(p: Person): boolean {
  return !p.id || p.id.endsWith('000');
}

/** earliestBirth from the earliest birth date (YYYYMMDD number) of a roll: a year before it. */
export function earliestBirthText(earliest: number): string {
  if (earliest === 99999999) return '9998';
  const e = String(earliest);
  return `${Number(e.slice(0, 4)) - 1}-${e.slice(4, 6)}-${e.slice(6, 8)}`;
}

export function buildStudentIndex(students: StudentPerson[]): StudentIndex {
  const open: OpenBlocks = {
    byNameMonth: new Map(),
    byNameNoBirth: new Map(),
    byNameCounty: new Map(),
    nearRegionLast4: new Map(),
    nearRegionBirth: new Map(),
    nearBirthLast4: new Map(),
    byBirthInitial: new Map(),
  };
  const idx: StudentIndex = { students, byId: new Map(), open, closed: new Int32Array(0), earliestBirth: '9999', earliestNumber: 99999999 };
  const closed: number[] = [];
  let earliest = 99999999;
  for (let i = 0; i < students.length; i++) {
    const s = students[i];
    const chars = s.id ?? s.idDigits;
    push(idx.byId, chars, i);
    if (!isOpen(s)) {
      closed.push(i);
      // a valid ID: its birth date is a real date
      const fromId = digitsValue(s.id!, 6, 14);
      if (fromId < earliest) earliest = fromId;
      if (s.birth) earliest = Math.min(earliest, birthNumber(s.birth));
      continue;
    }
    // a 17-character ID (the last one lost) or a wrong check digit: filed under the completed ID too
    const completed = completedId(chars);
    if (completed && completed !== chars) push(idx.byId, completed, i);
    if (s.region) push(open.byNameCounty, `${s.nameKey}|${s.region.slice(0, 6)}`, i);
    const bs = births(s);
    if (bs.length === 0 && s.region) push(open.byNameNoBirth, `${s.nameKey}|${s.region.slice(0, 6)}`, i);
    for (const month of months(bs)) push(open.byNameMonth, `${s.nameKey}|${month}`, i);
    fileNear(open, s, bs, i);
    for (const b of bs) {
      const n = birthNumber(b);
      push(open.byBirthInitial, initialNumber(n, s.name), i);
      if (n < earliest) earliest = n;
    }
  }
  idx.closed = Int32Array.from(closed);
  idx.earliestNumber = earliest;
  idx.earliestBirth = earliestBirthText(earliest);
  return idx;
}

/**
 * The index of one county partition: the open students of the whole roll (`openIndex`, built from
 * them alone) and some closed students (valid IDs not ending in 000), which are filed under their
 * ID only. `own` of them (the first ones) are the county's; the rest were added because a member
 * of the county has their ID. `earliestBirth` is the whole roll's. The open blocks are shared
 * with `openIndex`, never changed.
 */
export function partitionIndex(openIndex: StudentIndex, closed: StudentPerson[], own: number, earliestBirth: string): StudentIndex {
  const base = openIndex.students.length;
  const byId: Block = new Map(openIndex.byId);
  const ownIdx = new Int32Array(own);
  for (let j = 0; j < closed.length; j++) {
    const i = base + j;
    if (j < own) ownIdx[j] = i;
    const id = closed[j].id!;
    const v = byId.get(id);
    // copy, never push: an array here may be the open index's own
    byId.set(id, v === undefined ? i : typeof v === 'number' ? [v, i] : [...v, i]);
  }
  return { students: openIndex.students.concat(closed), byId, open: openIndex.open, closed: ownIdx, earliestBirth, earliestNumber: openIndex.earliestNumber };
}

/** The number a run of decimal digits spells, or -1 if one is not a digit. */
function digitsValue(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** YYYY-MM-DD as the number YYYYMMDD. */
function birthNumber(b: string): number {
  return digitsValue(b, 0, 4) * 10000 + digitsValue(b, 5, 7) * 100 + digitsValue(b, 8, 10);
}

/** The last four ID characters as a number (X counts as 10), or -1. */
function last4Number(chars: string): number {
  let n = 0;
  for (let k = 14; k < 18; k++) {
    const c = chars.charCodeAt(k);
    const d = c === 88 ? 10 : c - 48;
    if (d < 0 || d > 10) return -1;
    n = n * 11 + d;
  }
  return n;
}

/** Files person i under its near-ID keys (the numbers of nearKeys): an 18-character ID only. */
function fileNear(blocks: NearBlocks, p: Person, bs: string[], i: number): void {
  const chars = p.id ?? p.idDigits;
  if (!chars || chars.length !== 18) return;
  const region = digitsValue(chars, 0, 6);
  const last4 = last4Number(chars);
  if (region < 0 || last4 < 0) return;
  push(blocks.nearRegionLast4, region * 1e5 + last4, i);
  for (const b of bs) {
    const bn = birthNumber(b);
    push(blocks.nearRegionBirth, region * 1e8 + bn, i);
    push(blocks.nearBirthLast4, bn * 1e5 + last4, i);
  }
}

/** Whatever is filed under any near-ID key of these ID characters and birth dates (YYYYMMDD numbers), once per key. */
function forNear(blocks: NearBlocks, chars: string, births: readonly number[], each: (i: number) => void): void {
  const region = digitsValue(chars, 0, 6);
  const last4 = last4Number(chars);
  if (region < 0 || last4 < 0) return;
  for (const i of hits(blocks.nearRegionLast4, region * 1e5 + last4)) each(i);
  for (const bn of births) {
    for (const i of hits(blocks.nearRegionBirth, region * 1e8 + bn)) each(i);
    for (const i of hits(blocks.nearBirthLast4, bn * 1e5 + last4)) each(i);
  }
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

function idKeys(p: Person, keys: string[]): void {
  const chars = p.id ?? p.idDigits;
  if (chars) keys.push(`i:${chars}`);
  const completed = completedId(chars);
  if (completed && completed !== chars) keys.push(`i:${completed}`);
}

function months(bs: string[]): string[] {
  if (bs.length === 1) return [bs[0].slice(0, 7)];
  return [...new Set(bs.map((b) => b.slice(0, 7)))];
}

/**
 * The block keys of a student and of a member, built so that a student and a member share a key
 * whenever they can be compared: a changed student touches exactly those members.
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

function isAdult(bs: string[], idx: StudentIndex): boolean {
  return bs.length > 0 && bs.every((b) => b < idx.earliestBirth);
}

/**
 * The candidates of one member among the students of both tiers. For an open member this is not
 * all of them: the closed students it may be paired with come from findOpenCandidates.
 */
export function candidatesFor(m: MemberPerson, idx: StudentIndex, out: Candidate[] = []): Candidate[] {
  let v = visits.get(idx);
  if (!v) visits.set(idx, (v = { stamp: 0, seen: new Uint32Array(idx.students.length) }));
  const stamp = ++v.stamp;
  const seen = v.seen;
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
  if (isAdult(bs, idx)) return out;
  const open = idx.open;
  if (bs.length === 0) {
    // no birth date to narrow by: without it a pair can only be reviewed within a township (match.rules)
    if (m.region) for (const i of hits(open.byNameCounty, `${m.nameKey}|${m.region.slice(0, 6)}`)) consider(i);
  } else {
    for (const month of months(bs)) for (const i of hits(open.byNameMonth, `${m.nameKey}|${month}`)) consider(i);
    if (m.region) for (const i of hits(open.byNameNoBirth, `${m.nameKey}|${m.region.slice(0, 6)}`)) consider(i);
  }
  // Near-ID blocks: a one-digit typo or swap, whatever the names say.
  if (chars && chars.length === 18) {
    forNear(open, chars, bs.map(birthNumber), (i) => {
      if (seen[i] === stamp) return;
      const s = idx.students[i];
      if (atMostTwoApart((s.id ?? s.idDigits)!, chars)) consider(i);
    });
  }
  // One character of the name differs and one side has no ID: same birth date, same initial, same length.
  if (m.name.length >= 3) {
    for (const b of bs) {
      for (const i of hits(open.byBirthInitial, initialNumber(birthNumber(b), m.name))) {
        if (seen[i] === stamp) continue;
        const s = idx.students[i];
        if (s.name.length === m.name.length && s.name[0] === m.name[0] && (!chars || !(s.id ?? s.idDigits))) consider(i);
      }
    }
  }
  return out;
}

/** The open members' lookups into the closed students, keyed without strings where possible. */
interface OpenLookups extends NearBlocks {
  names: Set<string>; // name keys worth looking at (open members', and those needing namesake counts)
  byNameMonth: Block; // name key + month → open member
  byNameCounty: Block; // name key + county → open member without a birth date
  byBirthInitial: NumBlock; // open members with no ID characters at all
  /** ID characters (and completed ID) → open member: only when the closed students are not in the index's byId (county partitions). */
  byId: Block | null;
}

function initialNumber(birth: number, name: string): number {
  return (birth * 65536 + name.charCodeAt(0)) * 64 + Math.min(name.length, 63);
}

/** The lookups of the open members (those not adult) into closed students; `withIds`: of every member's ID characters too. */
function openLookups(members: MemberPerson[], openMembers: number[], extraNames: Set<string>, withIds: number[] | null): OpenLookups {
  const L: OpenLookups = { names: new Set(extraNames), byNameMonth: new Map(), byNameCounty: new Map(), nearRegionLast4: new Map(), nearRegionBirth: new Map(), nearBirthLast4: new Map(), byBirthInitial: new Map(), byId: withIds ? new Map() : null };
  for (const k of openMembers) {
    const m = members[k];
    L.names.add(m.nameKey);
    const bs = births(m);
    if (bs.length === 0) {
      if (m.region) push(L.byNameCounty, `${m.nameKey}|${m.region.slice(0, 6)}`, k);
    } else for (const month of months(bs)) push(L.byNameMonth, `${m.nameKey}|${month}`, k);
    const chars = m.id ?? m.idDigits;
    fileNear(L, m, bs, k);
    if (!chars && m.name.length >= 3) for (const b of bs) push(L.byBirthInitial, initialNumber(birthNumber(b), m.name), k);
  }
  if (L.byId && withIds) {
    for (const k of withIds) {
      const m = members[k];
      const chars = m.id ?? m.idDigits;
      if (!chars) continue;
      push(L.byId, chars, k);
      const completed = completedId(chars);
      if (completed && completed !== chars) push(L.byId, completed, k);
    }
  }
  return L;
}

/**
 * One pass over closed students (`closed`: their positions in `students`): calls add(k, i) for
 * every open member k that student i is a candidate of by the same blocks candidatesFor uses,
 * and counts, in `counts` if given, how many of them share each needed name key and birth date
 * by sex (namesakes in the roll).
 */
function scanClosed(L: OpenLookups, members: MemberPerson[], students: StudentPerson[], closed: ArrayLike<number>, add: (k: number, i: number) => void, counts: Map<string, number[]> | null): void {
  const near = L.nearRegionLast4.size + L.nearRegionBirth.size + L.nearBirthLast4.size > 0;
  const initials = L.byBirthInitial.size > 0;
  const byName = L.byNameMonth.size + L.byNameCounty.size > 0;
  const byId = L.byId && L.byId.size > 0 ? L.byId : null;
  for (let j = 0; j < closed.length; j++) {
    const i = closed[j];
    const s = students[i];
    const id = s.id!; // closed: a valid ID
    if (byId) for (const k of [...hits(byId, id)]) add(k, i);
    const idBirth = digitsValue(id, 6, 14);
    const stated = s.birth ? birthNumber(s.birth) : -1;
    if (L.names.has(s.nameKey)) {
      if (counts && s.birth) {
        const key = `${s.nameKey}|${s.birth}`;
        let c = counts.get(key);
        if (!c) counts.set(key, (c = [0, 0, 0]));
        c[s.sex === 'M' ? 0 : s.sex === 'F' ? 1 : 2]++;
      }
      if (byName) {
        const bs = births(s);
        for (const month of months(bs)) for (const k of hits(L.byNameMonth, `${s.nameKey}|${month}`)) add(k, i);
        if (s.region) for (const k of hits(L.byNameCounty, `${s.nameKey}|${s.region.slice(0, 6)}`)) add(k, i);
      }
    }
    const birthNumbers = stated >= 0 && stated !== idBirth ? [stated, idBirth] : [idBirth];
    if (near) {
      forNear(L, id, birthNumbers, (k) => {
        const m = members[k];
        if (atMostTwoApart(id, (m.id ?? m.idDigits)!)) add(k, i);
      });
    }
    if (initials) {
      for (const bn of birthNumbers) {
        for (const k of hits(L.byBirthInitial, initialNumber(bn, s.name))) {
          const m = members[k];
          if (m.name.length === s.name.length && m.name[0] === s.name[0]) add(k, i);
        }
      }
    }
  }
}

/** add(k, i) for findOpenCandidates: compares member k with student i once. */
function candidateAdder(members: MemberPerson[], students: StudentPerson[], cands: Candidate[][]) {
  const have = new Map<number, Set<number>>(); // open member → students already among its candidates
  return (k: number, i: number) => {
    let set = have.get(k);
    if (!set) have.set(k, (set = new Set(cands[k].map((c) => c.studentIndex))));
    if (set.has(i)) return;
    set.add(i);
    const m = members[k];
    const s = students[i];
    const comparison = compare(m, s);
    const scored = score(comparison, s, m);
    if (scored.tier !== null) cands[k].push({ studentIndex: i, comparison, ...scored });
  };
}

/**
 * One pass over the closed students: the candidates of the open members among them (the same
 * blocks candidatesFor uses), and how many closed students share each needed name key, birth
 * date and sex (namesakes in the roll).
 */
function findOpenCandidates(
  members: MemberPerson[],
  openMembers: number[],
  extraNames: Set<string>,
  idx: StudentIndex,
  cands: Candidate[][],
): Map<string, number[]> {
  const L = openLookups(members, openMembers, extraNames, null);
  const counts = new Map<string, number[]>(); // name key|birth → [M, F, unknown]
  scanClosed(L, members, idx.students, idx.closed, candidateAdder(members, idx.students, cands), counts);
  return counts;
}

/** Students sharing the member's name key, birth date and sex (either sex when unknown). */
function rollNamesakes(idx: StudentIndex, m: Person, closedCounts: Map<string, number[]>): number {
  if (!m.birth) return 0;
  let n = 0;
  for (const i of hits(idx.open.byNameMonth, `${m.nameKey}|${m.birth.slice(0, 7)}`)) {
    const s = idx.students[i];
    if (s.birth === m.birth && (!m.sex || !s.sex || s.sex === m.sex)) n++;
  }
  const c = closedCounts.get(`${m.nameKey}|${m.birth}`);
  if (c) n += m.sex === 'M' ? c[0] + c[2] : m.sex === 'F' ? c[1] + c[2] : c[0] + c[1] + c[2];
  return n;
}

const ID_BACKED = new Set(['exact', 'near', 'prefix17']);

/** How a member's namesakes are counted when its best candidate is a name-only auto (decide()). */
export interface Namesakes {
  inRoll(m: MemberPerson): number;
  inRegistry(m: MemberPerson): number;
}

/**
 * Decides every member's candidates. Candidates of equal score are taken in 学籍号 order, so the
 * result does not depend on the order the students were read in (or how they were partitioned).
 */
function decideAll(members: MemberPerson[], cands: Candidate[][], students: StudentPerson[], namesakes: Namesakes, isRejected: (memberId: string, studentNo: string) => boolean, out: PairDecision[] = []): PairDecision[] {
  for (let k = 0; k < members.length; k++) {
    const found = cands[k];
    if (!found || found.length === 0) continue;
    const m = members[k];
    const candidates = found.filter((c) => !isRejected(m.memberId, students[c.studentIndex].studentNo));
    if (candidates.length === 0) continue;
    if (candidates.length > 1) candidates.sort((a, b) => (students[a.studentIndex].studentNo < students[b.studentIndex].studentNo ? -1 : 1));
    const decisions = decide({ member: m, candidates, namesakesInRoll: () => namesakes.inRoll(m), namesakesInRegistry: () => namesakes.inRegistry(m) }, students);
    for (const d of decisions) {
      out.push({ studentIndex: d.studentIndex, status: d.status, confidence: d.confidence, method: d.method, basis: d.basis, memberId: m.memberId, listKind: m.listKind, studentNo: students[d.studentIndex].studentNo, memberIndex: k });
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
  const cands: Candidate[][] = new Array(members.length);
  const openMembers: number[] = [];
  const namesakeNames = new Set<string>();
  for (let k = 0; k < members.length; k++) {
    const m = members[k];
    const found = (cands[k] = candidatesFor(m, idx));
    if (isOpen(m) && !isAdult(births(m), idx)) openMembers.push(k);
    // a name-only auto candidate: the namesakes among the closed students will be counted
    else for (const c of found) if (c.tier === 'auto' && !ID_BACKED.has(c.comparison.id)) namesakeNames.add(m.nameKey);
  }
  const closedCounts = findOpenCandidates(members, openMembers, namesakeNames, idx, cands);
  return decideAll(members, cands, idx.students, {
    inRoll: (m) => rollNamesakes(idx, m, closedCounts),
    inRegistry: (m) => namesakeCount(registryNamesakes, m, `${m.listKind}|`),
  }, isRejected);
}

/**
 * Matching in county partitions: the closed members of one county against a partition index
 * (partitionIndex). Their candidates are complete there: a closed member pairs only with its own
 * ID (closed students: the county's and those added for that ID) or with open students (all in
 * the partition). Namesakes are counted over the whole city (`namesakes`).
 */
export function matchClosedMembers(members: MemberPerson[], idx: StudentIndex, namesakes: Namesakes, isRejected: (memberId: string, studentNo: string) => boolean = () => false): PairDecision[] {
  const cands: Candidate[][] = new Array(members.length);
  for (let k = 0; k < members.length; k++) cands[k] = candidatesFor(members[k], idx);
  return decideAll(members, cands, idx.students, namesakes, isRejected);
}

/**
 * What the open members found among the closed students of one partition (OpenScan.scan): the
 * students that became a candidate of one of them (in the order they first did), and each
 * candidate in the order it was found, its studentIndex a position in `students`. Plain data: a
 * worker thread computes it and the main thread merges it (OpenMembers.merge), county after county.
 */
export interface ClosedHits {
  students: StudentPerson[];
  hits: { member: number; candidate: Candidate }[];
}

/**
 * The open members' lookups into closed students (pure): what a worker thread needs to find their
 * candidates in a partition without holding their candidates.
 */
export class OpenScan {
  private readonly L: OpenLookups;

  constructor(readonly members: MemberPerson[], openIndex: StudentIndex) {
    const young: number[] = [];
    members.forEach((m, k) => {
      if (!isAdult(births(m), openIndex)) young.push(k);
    });
    this.L = openLookups(members, young, new Set(), members.map((_, k) => k));
  }

  /** The candidates of the open members among the closed students of one partition (`closed`: their positions in `students`). */
  scan(students: StudentPerson[], closed: ArrayLike<number>): ClosedHits {
    const seen = new Map<number, Set<number>>(); // open member → partition students compared
    const kept = new Map<number, number>(); // partition position → position in out.students
    const out: ClosedHits = { students: [], hits: [] };
    scanClosed(this.L, this.members, students, closed, (k, i) => {
      let set = seen.get(k);
      if (!set) seen.set(k, (set = new Set()));
      if (set.has(i)) return;
      set.add(i);
      const m = this.members[k];
      const s = students[i];
      const comparison = compare(m, s);
      const scored = score(comparison, s, m);
      if (scored.tier === null) return;
      let at = kept.get(i);
      if (at === undefined) kept.set(i, (at = out.students.push(s) - 1));
      out.hits.push({ member: k, candidate: { studentIndex: at, comparison, ...scored } });
    }, null);
    return out;
  }
}

/**
 * The open members of the whole city (no usable ID, or one ending in 000): compared with the
 * open students at once, then with the closed students of one county partition after another
 * (visitClosed, or scan in a worker and merge here, in county order). The closed students they
 * pair with are kept; the rest of a partition is not.
 */
export class OpenMembers {
  private readonly cands: Candidate[][];
  private readonly students: StudentPerson[];
  private readonly scanner: OpenScan;

  constructor(readonly members: MemberPerson[], openIndex: StudentIndex) {
    this.students = openIndex.students.slice();
    this.cands = members.map((m) => candidatesFor(m, openIndex));
    this.scanner = new OpenScan(members, openIndex);
  }

  /**
   * The closed students of one partition (`closed`: their positions in `students`); each closed
   * student of the city is visited in exactly one call. A student that becomes a candidate is kept.
   */
  visitClosed(students: StudentPerson[], closed: ArrayLike<number>): void {
    this.merge(this.scanner.scan(students, closed));
  }

  /** Takes one partition's hits (OpenScan.scan): partitions merged in the same order give the same candidates. */
  merge(found: ClosedHits): void {
    const base = this.students.length;
    for (const s of found.students) this.students.push(s);
    for (const h of found.hits) {
      h.candidate.studentIndex += base;
      this.cands[h.member].push(h.candidate);
    }
  }

  decide(namesakes: Namesakes, isRejected: (memberId: string, studentNo: string) => boolean = () => false): PairDecision[] {
    return decideAll(this.members, this.cands, this.students, namesakes, isRejected);
  }
}

/** Namesakes counted over a whole city from its namesake groups (namesakeGroups: name key|birth|sex → count, groups of two or more only). */
export function cityNamesakes(roll: Map<string, number>, registry: Map<string, number>): Namesakes {
  return {
    inRoll: (m) => {
      if (!m.birth) return 0;
      const at = (sex: string) => roll.get(`${m.nameKey}|${m.birth}|${sex}`) ?? 0;
      return m.sex === 'M' ? at('M') + at('?') : m.sex === 'F' ? at('F') + at('?') : at('M') + at('F') + at('?');
    },
    inRegistry: (m) => namesakeCount(registry, m, `${m.listKind}|`),
  };
}

/** How many people share the member's name key, birth date and sex (either sex when unknown). */
function namesakeCount(counts: Map<string, number>, p: Person, prefix: string): number {
  if (!p.birth) return 0;
  if (p.sex) return counts.get(`${prefix}${p.nameKey}|${p.birth}|${p.sex}`) ?? 0;
  return ['M', 'F', '?'].reduce((n, sex) => n + (counts.get(`${prefix}${p.nameKey}|${p.birth}|${sex}`) ?? 0), 0);
}

/** Whether a valid ID is any student's ID (or the ID the first 17 characters of an unusable one make): the only way an adult can be in the roll. */
export function idInRoll(idx: StudentIndex, id: string): boolean {
  return idx.byId.has(id);
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
