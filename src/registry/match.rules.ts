// Precise identification, pure: block → compare → score → decide. Turns registry members and the
// 学籍 roster into candidate pairs with a confidence, a method (比对方式) and a readable 依据.
// Precision first: only unambiguous evidence is auto-confirmed; namesakes always go to review.
import { idDistance } from '../kernel/id-number.ts';
import { maskIdNumber } from '../platform/privacy.rules.ts';
import { nameDistance } from '../kernel/names.ts';
import { sharedLevel } from '../kernel/region-code.ts';
import { contentHash } from '../kernel/hash.ts';

export interface Person {
  name: string; // normalised
  nameKey: string; // homophone key
  sex: string | null;
  birth: string | null;
  id: string | null; // usable 18-digit ID
  idStatus: string;
  idDigits: string | null; // cleaned characters of an unusable ID (bad checksum, 17 digits, Excel 000 tail)
  region: string | null; // 12 digits: hukou (student) or village (member)
}

export interface StudentPerson extends Person {
  studentNo: string;
  idFromStudentNo: boolean;
}

export interface MemberPerson extends Person {
  memberId: string;
  listKind: string;
}

export type IdRelation = 'exact' | 'near' | 'prefix17' | 'prefix15' | 'conflict' | 'far' | 'none';
export type NameRelation = 'exact' | 'homophone' | 'close' | 'different';
export type Agreement = 'equal' | 'month' | 'different' | 'unknown';

export interface Comparison {
  id: IdRelation;
  idDetail: string; // substitution / transposition
  name: NameRelation;
  birth: Agreement;
  sex: Agreement;
  region: number; // shared region level 0..5
}

export type Tier = 'auto' | 'review';

export interface Candidate {
  studentIndex: number;
  comparison: Comparison;
  score: number; // 0..1
  tier: Tier | null; // null: too weak to keep
  autoEligible: boolean;
  method: string;
}

export interface Decision {
  studentIndex: number;
  status: Tier;
  confidence: number;
  method: string;
  basis: string;
}

/** The ID characters a person brings to comparison: the usable ID or the digits of an unusable one. */
function idChars(p: Person): string | null {
  return p.id ?? p.idDigits;
}

/** As a number, an ID is an 18-digit value with the check character X read as 10. */
function idValue(s: string): number {
  return Number(s.slice(0, 17)) * 10 + (s[17] === 'X' ? 10 : Number(s[17]));
}

/**
 * One side is the other as Excel kept it: a number with 15 (cell) or 17 (double) significant
 * digits, so within a thousand of the real ID (…190986 → …191000, …084727 → …084740).
 */
export function excelRounded(x: string, y: string): boolean {
  return Math.abs(idValue(x) - idValue(y)) <= 1000;
}

export function compareIds(a: Person, b: Person): { rel: IdRelation; detail: string } {
  if (a.id && b.id) {
    if (a.id === b.id) return { rel: 'exact', detail: '' };
    // Excel keeps 15 significant digits; one time in eleven the 000 tail even passes the check digit
    if ((a.id.endsWith('000') || b.id.endsWith('000')) && excelRounded(a.id, b.id)) return { rel: 'prefix15', detail: '' };
    return { rel: 'conflict', detail: '' };
  }
  const x = idChars(a);
  const y = idChars(b);
  if (!x || !y) return { rel: 'none', detail: '' };
  if (a.idStatus === 'excel_destroyed' || b.idStatus === 'excel_destroyed') {
    return x.length === 18 && y.length === 18 && excelRounded(x, y) ? { rel: 'prefix15', detail: '' } : { rel: 'none', detail: '' };
  }
  if (x.length === 18 && y.length === 18) {
    const d = idDistance(x, y);
    if (d === 'equal') return { rel: 'exact', detail: '' }; // both unusable yet identical: same record typed once
    if (d === 'substitution' || d === 'transposition') return { rel: 'near', detail: d };
    return { rel: 'far', detail: '' };
  }
  if (x.length === 17 || y.length === 17) {
    const [short, long] = x.length === 17 ? [x, y] : [y, x];
    if (long.length === 18 && long.startsWith(short)) return { rel: 'prefix17', detail: '' };
    if (long.length === 18 && idDistance(short, long.slice(0, 17)) !== 'far') return { rel: 'near', detail: 'substitution' };
  }
  return { rel: 'far', detail: '' };
}

/** A Yi name written with or without its middle dot is the same name (吉克·阿呷 = 吉克阿呷). */
function undotted(name: string): string {
  return name.includes('·') ? name.replace(/·/g, '') : name;
}

export function compareNames(a: Person, b: Person): NameRelation {
  if (a.name === b.name || undotted(a.name) === undotted(b.name)) return 'exact';
  if (a.nameKey && a.nameKey === b.nameKey) return 'homophone';
  // one character wrong in a name of three or more (a misread character, not a homophone)
  if (a.name.length >= 3 && a.name.length === b.name.length && nameDistance(a.name, b.name) === 1) return 'close';
  return 'different';
}

function agree(a: string | null, b: string | null): Agreement {
  if (!a || !b) return 'unknown';
  return a === b ? 'equal' : 'different';
}

function agreeBirth(a: string | null, b: string | null): Agreement {
  if (!a || !b) return 'unknown';
  if (a === b) return 'equal';
  // 出生年月 exports keep only the month: YYYY-MM-01 against a full date of the same month
  if (a.slice(0, 7) === b.slice(0, 7) && (a.endsWith('-01') || b.endsWith('-01'))) return 'month';
  return 'different';
}

export function compare(m: Person, s: Person): Comparison {
  const ids = compareIds(m, s);
  return {
    id: ids.rel,
    idDetail: ids.detail,
    name: compareNames(m, s),
    birth: agreeBirth(m.birth, s.birth),
    sex: agree(m.sex, s.sex),
    region: sharedLevel(m.region, s.region),
  };
}

const NAME_OK = (n: NameRelation) => n === 'exact' || n === 'homophone';
const BIRTH_OK = (b: Agreement) => b === 'equal' || b === 'month';

/**
 * Scores one pair. The ladder, strongest first (precision first — see docs/decisions/0002):
 *  - the same valid ID and the name agrees: auto;
 *  - an ID one substitution / adjacent transposition / the missing last digit away, name and birth agree: auto;
 *  - no usable ID on one side: name + birth date + sex + same township: auto only if unique (decide());
 *  - everything weaker that still points at the same child: review.
 */
export function score(c: Comparison, s: StudentPerson, m: MemberPerson): Omit<Candidate, 'studentIndex' | 'comparison'> {
  const nameOk = NAME_OK(c.name);
  const birthOk = BIRTH_OK(c.birth);
  const sexOk = c.sex !== 'different';
  const via = s.idFromStudentNo ? '学籍号' : '身份证号';
  const legacy = m.idStatus === 'converted15' || s.idStatus === 'converted15' ? '（15位旧号转换）' : '';
  switch (c.id) {
    case 'exact':
      if (nameOk && c.birth !== 'different') return { score: c.name === 'exact' ? 0.99 : 0.98, tier: 'auto', autoEligible: true, method: `${via}${legacy}` };
      // one character of a three-or-more character name misread, the same ID and birth date: the same child
      if (c.name === 'close' && c.birth === 'equal' && c.sex !== 'different') return { score: 0.96, tier: 'auto', autoEligible: true, method: `${via}${legacy}+姓名近似` };
      if (nameOk || c.name === 'close') return { score: 0.85, tier: 'review', autoEligible: false, method: `${via}${legacy}+姓名近似` };
      return { score: 0.7, tier: 'review', autoEligible: false, method: `${via}${legacy}（姓名不符）` };
    case 'near':
    case 'prefix17':
    case 'prefix15': {
      const label = c.id === 'near' ? '身份证号近似' : c.id === 'prefix17' ? '身份证号缺末位' : '身份证号前15位';
      if (nameOk && birthOk && sexOk) return { score: c.id === 'prefix15' ? 0.93 : 0.95, tier: 'auto', autoEligible: c.id !== 'prefix15' || c.region >= 4, method: `${label}+姓名+出生日期` };
      // the birth date is missing on one side: the ID digits carry it; the same name in the same township
      if (c.name === 'exact' && c.birth === 'unknown' && sexOk && c.region >= 4) return { score: 0.94, tier: 'auto', autoEligible: c.id !== 'prefix15', method: `${label}+姓名+户籍地` };
      if (nameOk || (c.name === 'close' && birthOk)) return { score: 0.8, tier: 'review', autoEligible: false, method: `${label}+姓名` };
      // a prefix within a thousand only says "same county, same birthday": not enough without the name
      if (birthOk && sexOk && c.id !== 'prefix15') return { score: 0.7, tier: 'review', autoEligible: false, method: `${label}+出生日期` };
      return { score: 0, tier: null, autoEligible: false, method: '' };
    }
    case 'conflict':
      return { score: 0, tier: null, autoEligible: false, method: '' }; // two valid, different IDs: two people
    case 'far':
    case 'none': {
      if (c.birth === 'unknown' && c.name === 'exact' && c.sex !== 'different' && c.region >= 4) {
        return { score: 0.55, tier: 'review', autoEligible: false, method: '姓名+性别+户籍地（出生日期缺失）' };
      }
      if (!birthOk || c.sex === 'different') return { score: 0, tier: null, autoEligible: false, method: '' };
      const penalty = c.id === 'far' ? 0.05 : 0;
      if (c.name === 'exact' && c.birth === 'equal' && c.sex === 'equal' && c.region >= 4) {
        return { score: 0.92 - penalty, tier: 'auto', autoEligible: c.id === 'none', method: '姓名+出生日期+性别+户籍地' };
      }
      if (nameOk && c.region >= 3) return { score: 0.8 - penalty, tier: 'review', autoEligible: false, method: '姓名+出生日期+性别' };
      if (nameOk) return { score: 0.7 - penalty, tier: 'review', autoEligible: false, method: '姓名+出生日期（户籍地不同）' };
      if (c.name === 'close' && c.region >= 4) return { score: 0.6 - penalty, tier: 'review', autoEligible: false, method: '姓名近似+出生日期+户籍地' };
      return { score: 0, tier: null, autoEligible: false, method: '' };
    }
  }
}

const ID_WORDS: Record<IdRelation, string> = {
  exact: '身份证号一致',
  near: '身份证号仅差一位',
  prefix17: '身份证号前17位一致（一方缺末位）',
  prefix15: '身份证号与 Excel 截断后的数值相符（前15位有效）',
  conflict: '身份证号不同',
  far: '身份证号不一致（一方号码无效）',
  none: '一方无可用身份证号',
};

/** 依据: what a person reads to judge the pair. */
export function basisOf(c: Comparison, s: StudentPerson, m: MemberPerson, extra: string[] = []): string {
  const parts: string[] = [];
  let idWord = ID_WORDS[c.id];
  if (c.id === 'near') idWord += c.idDetail === 'transposition' ? '（相邻两位颠倒）' : '（一位录错）';
  if (c.id === 'exact' && s.idFromStudentNo) idWord = '学籍号中的身份证号与户籍成员证件号一致';
  if (c.id !== 'none') idWord += `：学籍 ${maskIdNumber(s.id ?? s.idDigits) ?? ''} / 户籍 ${maskIdNumber(m.id ?? m.idDigits) ?? ''}`;
  parts.push(idWord);
  parts.push(
    c.name === 'exact' ? `姓名一致（${s.name}）` : c.name === 'homophone' ? `姓名同音（学籍“${s.name}”/户籍“${m.name}”）` : c.name === 'close' ? `姓名相差一字（学籍“${s.name}”/户籍“${m.name}”）` : `姓名不同（学籍“${s.name}”/户籍“${m.name}”）`,
  );
  parts.push(c.birth === 'equal' ? `出生日期一致（${s.birth}）` : c.birth === 'month' ? '出生年月一致' : c.birth === 'different' ? `出生日期不同（${s.birth}/${m.birth}）` : '出生日期缺失');
  if (c.sex !== 'unknown') parts.push(c.sex === 'equal' ? '性别一致' : '性别不同');
  parts.push(['户籍地不同', '同省', '同市', '同县', '同乡镇', '同村'][c.region]);
  return [...parts, ...extra].join('；');
}

export interface MemberDecisionInput {
  member: MemberPerson;
  candidates: Candidate[];
  /** Students in the whole roll sharing name key, birth date and sex with this member (namesake count); asked only when needed. */
  namesakesInRoll: number | (() => number);
  /** Members of the same list sharing name key, birth date and sex (namesakes in the registry). */
  namesakesInRegistry: number | (() => number);
}

/**
 * Decides one member's candidates: keeps at most three, auto-confirms only an unambiguous best.
 * Student-side uniqueness (one student auto-matched by two members of a list) is settled by
 * resolveStudentConflicts afterwards.
 */
export function decide(input: MemberDecisionInput, students: StudentPerson[]): Decision[] {
  const kept = input.candidates.filter((c) => c.tier !== null).sort((a, b) => b.score - a.score);
  if (kept.length === 0) return [];
  const best = kept[0];
  const autoCount = kept.filter((c) => c.tier === 'auto').length;
  const idBacked = best.comparison.id === 'exact' || best.comparison.id === 'near' || best.comparison.id === 'prefix17';
  const count = (n: number | (() => number)) => (typeof n === 'number' ? n : n());
  let auto = best.tier === 'auto' && best.autoEligible && autoCount === 1;
  const why: string[] = [];
  if (best.tier === 'auto' && autoCount > 1) why.push(`有 ${autoCount} 个同等候选，需人工判断`);
  if (auto && !idBacked && (count(input.namesakesInRoll) > 1 || count(input.namesakesInRegistry) > 1)) {
    auto = false;
    why.push('存在同名同出生日期同性别者（同名人），需人工判断');
  }
  // An ID-backed best makes weaker name-only candidates noise; otherwise show up to three.
  const shown = auto || (idBacked && best.score >= 0.95) ? [best] : kept.slice(0, 3);
  return shown.map((c, i) => ({
    studentIndex: c.studentIndex,
    status: i === 0 && auto ? 'auto' : 'review',
    confidence: Math.round((i === 0 && auto ? c.score : Math.min(c.score, 0.89)) * 100) / 100,
    method: c.method,
    basis: basisOf(c.comparison, students[c.studentIndex], input.member, i === 0 ? why : []),
  }));
}

export interface PairDecision extends Decision {
  memberId: string;
  listKind: string;
  studentNo: string;
  /** Position of the member in the list given to matchMembers (absent for stored pairs). */
  memberIndex?: number;
}

/**
 * The stable id of a pair: opaque, because a G-form 学籍号 carries the full ID number and ids are
 * shown, typed and logged. The same pair always gets the same id, so decisions survive re-runs.
 */
export function matchIdOf(studentNo: string, memberId: string): string {
  return `M${contentHash(`${studentNo}|${memberId}`).toUpperCase()}`;
}

/** Two members of one list auto-confirmed to the same student: neither is unambiguous. */
export function resolveStudentConflicts<P extends PairDecision>(pairs: P[], autoTwice?: (p: P) => boolean): P[] {
  let twice = autoTwice;
  if (!twice) {
    const autoByStudent = new Map<string, number>();
    for (const p of pairs) {
      if (p.status !== 'auto') continue;
      const k = `${p.listKind}|${p.studentNo}`;
      autoByStudent.set(k, (autoByStudent.get(k) ?? 0) + 1);
    }
    twice = (p) => (autoByStudent.get(`${p.listKind}|${p.studentNo}`) ?? 0) >= 2;
  }
  return pairs.map((p) => {
    if (p.status !== 'auto' || !twice(p)) return p;
    return { ...p, status: 'review', confidence: Math.min(p.confidence, 0.89), basis: `${p.basis}；该学生同时与名单中另一成员自动匹配（可能重复登记），需人工判断` };
  });
}
