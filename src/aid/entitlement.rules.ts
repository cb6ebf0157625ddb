// The pure heart of 资助: (policy set, student with list memberships, term) → entitlements, each with
// a reason a person can read. No database, no clock: the caller passes everything in.
import type { AidItem, AidTerm, PolicySet, Tier } from './policy.schema.ts';
import { isCashItem, pendingReason } from './policy.schema.ts';
import { canonicalStage, stageStartYear } from '../kernel/stage.ts';
import { fenToYuan } from '../kernel/money.ts';

export interface AidMembership {
  listKind: string;
  householdType: string | null;
  yearIdentified: number | null;
  yearExited: number | null;
}

export interface AidStudent {
  studentNo: string;
  name: string;
  schoolCode: string;
  schoolName: string;
  schoolType: string;
  schoolRegion: string;
  countyCode: string;
  stage: string | null;
  grade: string | null;
  boarding: boolean;
  status: string;
  hukouRegion: string | null;
  lists: AidMembership[];
  /** A filed recognition (家庭经济困难学生认定) for this school year, if any. */
  tier?: Tier | null;
}

export interface EmergencyGrant {
  itemCode: string;
  fen: number | null;
  reason: string;
}

export interface TermContext {
  schoolYear: number;
  term: AidTerm;
  /** Days attended this term, for items paid per school day (营养改善计划). */
  daysAttended?: number;
  /** One-off grants recorded for this student and term (应急救助 / 临时补助). */
  emergencies?: EmergencyGrant[];
}

export interface Entitlement {
  studentNo: string;
  itemCode: string;
  itemName: string;
  kind: string;
  /** Amount for the term in fen; null for 据实 waivers and loans (no cash from a batch). */
  amountFen: number | null;
  cash: boolean;
  reason: string;
  basis: string;
  /** The county that pays: the school's, or the home county for out-of-area students when the item says so. */
  payerCounty: string;
  fundSource: string;
  shares: Record<string, number>;
}

export interface Pending {
  studentNo: string;
  itemCode: string;
  reason: string;
}

export interface EntitleResult {
  entitlements: Entitlement[];
  pending: Pending[];
}

/** Households included at once whatever their exit year: 返贫 and the monitored types (domain §1 动态管理). */
const AT_ONCE = new Set(['未脱贫户', '返贫户', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户']);

export function homeCounty(s: AidStudent): string | null {
  return s.hukouRegion && s.hukouRegion.length >= 6 ? s.hukouRegion.slice(0, 6) : null;
}

/** 外地就读: the hukou county differs from the school's county. */
export function isOutOfArea(s: AidStudent): boolean {
  const home = homeCounty(s);
  return home !== null && home !== s.schoolRegion.slice(0, 6);
}

interface Qualification {
  ok: boolean;
  words: string; // "建档立卡 脱贫户, 同一学段继续享受"
}

/** Whether one membership qualifies this term, with the words that say why (or why not). */
export function membershipQualifies(policy: PolicySet, s: AidStudent, m: AidMembership, schoolYear: number): Qualification {
  const label = m.listKind === '建档立卡' ? (m.householdType ?? '建档立卡户') : m.listKind;
  const exited = m.listKind === '建档立卡' && m.yearExited !== null && !AT_ONCE.has(m.householdType ?? '');
  if (!exited) {
    const atOnce = m.householdType !== null && m.householdType !== '未脱贫户' && AT_ONCE.has(m.householdType);
    return { ok: true, words: atOnce ? `${label}, 及时纳入` : label };
  }
  if (policy.exitedHouseholds === 'keep') return { ok: true, words: `${label}, 脱贫不脱政策` };
  const start = stageStartYear(s.stage, s.grade, schoolYear);
  if (start === null) return { ok: true, words: `${label}, 年级不详按同一学段继续享受` };
  if (m.yearExited! >= start) return { ok: true, words: `${label}, 同一学段继续享受` };
  return { ok: false, words: `${label}（${m.yearExited}年脱贫，${start}学年起已升入新学段）` };
}

function qualify(policy: PolicySet, item: AidItem, s: AidStudent, schoolYear: number): Qualification {
  const relevant = s.lists.filter((m) => (item.conditions.lists as string[]).includes(m.listKind))
    .filter((m) => m.listKind !== '建档立卡' || !item.conditions.householdTypes || item.conditions.householdTypes.includes(m.householdType ?? ''));
  const results = relevant.map((m) => membershipQualifies(policy, s, m, schoolYear));
  const ok = results.filter((r) => r.ok);
  if (ok.length > 0) return { ok: true, words: [...new Set(ok.map((r) => r.words))].join('、') };
  if (s.tier && item.conditions.tiers.includes(s.tier)) return { ok: true, words: `认定为家庭经济困难学生（${s.tier}）` };
  return { ok: false, words: results.map((r) => r.words).join('、') || '不在名单上' };
}

/** Facts of the student that an item's conditions rule on; null when all hold, else why not. */
export function conditionFailure(item: AidItem, s: AidStudent): string | null {
  const c = item.conditions;
  if (!c.statuses.includes(s.status)) return `学籍状态 ${s.status}`;
  const stage = canonicalStage(s.stage); // tolerant of spellings stored before they were made canonical
  if (!stage || !(item.stages as string[]).includes(stage)) return `学段 ${s.stage ?? '不详'}`;
  if (c.boardingOnly && !s.boarding) return '非寄宿生';
  if (c.schoolTypes && !c.schoolTypes.includes(s.schoolType)) return `办学类型 ${s.schoolType}`;
  if (c.location === 'local' && isOutOfArea(s)) return '外地就读';
  if (c.location === 'out-of-area' && !isOutOfArea(s)) return '本地就读';
  if (c.schoolCodes && c.schoolCodes.length > 0 && !c.schoolCodes.includes(s.schoolCode)) return '所在学校不在适用名单';
  return null;
}

/** The amount of a yearly item for one term: half the year unless the policy says otherwise. */
export function termShare(yearFen: number, term: AidTerm, override?: Partial<Record<AidTerm, number>>): number {
  const set = override?.[term];
  if (set !== undefined) return set;
  const half = Math.floor(yearFen / 2);
  return term === '秋季' ? yearFen - half : half;
}

function studentWords(s: AidStudent): string {
  return `${canonicalStage(s.stage) ?? s.stage ?? ''}${s.boarding ? '寄宿生' : '学生'}`;
}

function yuan(fen: number): string {
  return String(fenToYuan(fen));
}

/** Amount and its wording for one qualifying student, or a pending reason. */
function amountFor(item: AidItem, ctx: TermContext, grant?: EmergencyGrant): { fen: number | null; words: string } | { pending: string } {
  const a = item.amount;
  switch (a.per) {
    case 'actual':
      return { fen: null, words: a.capFen ? `据实（每学年不超过 ${yuan(a.capFen)} 元）` : '据实减免' };
    case 'year': {
      const f = termShare(a.fen!, ctx.term, a.termFen);
      return { fen: f, words: `${yuan(f)} 元/学期` };
    }
    case 'term':
      return { fen: a.fen!, words: `${yuan(a.fen!)} 元/学期` };
    case 'day':
      if (ctx.daysAttended === undefined) return { pending: '在校天数待录入' };
      return { fen: a.fen! * ctx.daysAttended, words: `${yuan(a.fen!)} 元/天 × ${ctx.daysAttended} 天 = ${yuan(a.fen! * ctx.daysAttended)} 元` };
    case 'once': {
      const f = a.fen ?? grant?.fen ?? null;
      if (f === null) return { pending: '临时补助金额待填写' };
      return { fen: f, words: `一次性 ${yuan(f)} 元` };
    }
  }
}

/** Every entitlement of one student for one term under a policy set; at most one per item. */
export function entitlementsFor(policy: PolicySet, s: AidStudent, ctx: TermContext): EntitleResult {
  const out: EntitleResult = { entitlements: [], pending: [] };
  for (const item of policy.items) {
    if (item.retired || conditionFailure(item, s) !== null) continue;
    const grant = ctx.emergencies?.find((g) => g.itemCode === item.code);
    let words: string;
    if (item.amount.per === 'once') {
      if (!grant) continue; // 应急救助 only for a recorded case (三明 003 第2条)
      words = grant.reason;
    } else {
      const q = qualify(policy, item, s, ctx.schoolYear);
      if (!q.ok) continue;
      words = q.words;
    }
    const blank = pendingReason(item);
    if (blank) {
      out.pending.push({ studentNo: s.studentNo, itemCode: item.code, reason: blank });
      continue;
    }
    const amount = amountFor(item, ctx, grant);
    if ('pending' in amount) {
      out.pending.push({ studentNo: s.studentNo, itemCode: item.code, reason: amount.pending });
      continue;
    }
    out.entitlements.push(entitlement(item, s, words, amount));
  }
  return out;
}

function entitlement(item: AidItem, s: AidStudent, words: string, amount: { fen: number | null; words: string }): Entitlement {
  const away = isOutOfArea(s);
  const home = homeCounty(s);
  const byHome = away && item.outOfAreaPayer === 'home-county' && home !== null;
  const place = away ? (byHome ? ', 外地就读由生源地发放' : ', 外地就读') : '';
  return {
    studentNo: s.studentNo,
    itemCode: item.code,
    itemName: item.name,
    kind: item.kind,
    amountFen: amount.fen,
    cash: isCashItem(item),
    reason: `${studentWords(s)}, ${words}${place} → ${item.name} ${amount.words}`,
    basis: item.basis,
    payerCounty: byHome ? home : s.schoolRegion.slice(0, 6),
    fundSource: item.funding.source,
    shares: item.funding.shares,
  };
}

/** Why a student no longer has an item (recorded as the stop reason, so no aid stops unexplained). */
export function whyNot(policy: PolicySet, itemCode: string, s: AidStudent | undefined, ctx: TermContext): string {
  if (!s) return '已不在困难家庭名单或本库学籍中';
  const item = policy.items.find((i) => i.code === itemCode);
  if (!item) return '资助政策中已无此项目';
  if (item.retired) return `项目已停止执行（${item.retired.at.slice(0, 10)}）：${item.retired.reason}`;
  const failed = conditionFailure(item, s);
  if (failed) return `不再符合条件：${failed}`;
  const blank = pendingReason(item);
  if (blank) return blank;
  return `不再符合条件：${qualify(policy, item, s, ctx.schoolYear).words}`;
}
