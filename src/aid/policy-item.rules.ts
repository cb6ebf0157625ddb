// Pure rules of the policy page: an aid item as a county officer types it (yuan, any spelling of a
// 学段, shares in percent) made into a validated item, refused bilingually when wrong; adding,
// replacing and retiring items; and the amount history of one item read from the set's versions.
import { usageError } from '../kernel/errors.ts';
import { fenToYuan, yuanToFen } from '../kernel/money.ts';
import { canonicalStage, STAGES } from '../kernel/stage.ts';
import { FUND_LEVELS, AidItemSchema, type AidItem, type PolicySet } from './policy.schema.ts';
import { findItem, validatePolicySet } from './policy.rules.ts';

/** An item as the console sends it: money in yuan, stages in any spelling, shares in percent. */
export interface ItemInput {
  code: string;
  name: string;
  kind: string;
  stages: string[];
  per: 'year' | 'term' | 'day' | 'once' | 'actual';
  yuan: number | null;
  lists?: string[];
  householdTypes?: string[] | null;
  tiers?: string[];
  boardingOnly?: boolean;
  schoolTypes?: string[] | null;
  location?: 'any' | 'local' | 'out-of-area';
  fundSource?: string;
  shares?: Partial<Record<(typeof FUND_LEVELS)[number], number>>;
  outOfAreaPayer?: 'school' | 'home-county';
  basis: string;
}

const PER_WORDS = { year: '年', term: '学期', day: '天', once: '次', actual: '' } as const;

/** Every 学段 spelling of kernel/stage.ts made canonical; an unknown one refused with the choices. */
export function parseStages(texts: string[]): AidItem['stages'] {
  if (texts.length === 0) throw usageError('请至少选择一个学段', 'choose at least one stage');
  const out: AidItem['stages'] = [];
  for (const t of texts) {
    const s = canonicalStage(t);
    if (!s) throw usageError(`学段“${t}”无法识别：请写 ${STAGES.join('、')}（或 学前教育、普通高中、中等职业教育 等写法）`, `unknown stage "${t}": use one of ${STAGES.join(', ')} or a known spelling`);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

function checkShares(shares: ItemInput['shares']): Record<string, number> {
  const entries = Object.entries<number | undefined>(shares ?? {}).filter((e): e is [string, number] => e[1] !== undefined && e[1] !== 0);
  for (const [level, v] of entries) {
    if (!(FUND_LEVELS as readonly string[]).includes(level)) throw usageError(`分担层级“${level}”无效：只能是 中央、省、市、县`, `unknown funding level "${level}"`);
    if (!Number.isInteger(v) || v < 0 || v > 100) throw usageError(`${level}分担比例 ${v}% 无效：须为 0–100 的整数`, `${level} share ${v}% must be a whole number from 0 to 100`);
  }
  const sum = entries.reduce((a, [, v]) => a + v, 0);
  if (entries.length > 0 && sum !== 100) throw usageError(`各级分担比例之和为 ${sum}%，必须为 100%`, `funding shares sum to ${sum}%, they must sum to 100%`);
  return Object.fromEntries(entries);
}

function amountOf(i: ItemInput): AidItem['amount'] {
  if (i.per === 'actual') return { per: 'actual' };
  if (i.yuan === null || i.yuan === undefined) {
    if (i.per === 'once') return { per: 'once', fen: null };
    throw usageError('请填写金额', 'the amount is required');
  }
  if (!Number.isFinite(i.yuan) || i.yuan <= 0) throw usageError(`金额 ${i.yuan} 元无效：必须大于 0`, `amount ${i.yuan} yuan is invalid: it must be greater than 0`);
  return { per: i.per, fen: yuanToFen(i.yuan) };
}

/** The item the input describes, validated; `retired` kept from the item it replaces. */
export function itemFromInput(i: ItemInput, keep?: AidItem): AidItem {
  const candidate = {
    code: i.code.trim(),
    name: i.name.trim(),
    kind: i.kind,
    stages: parseStages(i.stages),
    amount: amountOf(i),
    conditions: {
      ...(i.lists && i.lists.length > 0 ? { lists: i.lists } : {}),
      ...(i.householdTypes && i.householdTypes.length > 0 ? { householdTypes: i.householdTypes } : {}),
      ...(i.tiers && i.tiers.length > 0 ? { tiers: i.tiers } : {}),
      boardingOnly: i.boardingOnly ?? false,
      ...(i.schoolTypes && i.schoolTypes.length > 0 ? { schoolTypes: i.schoolTypes } : {}),
      location: i.location ?? 'any',
      ...(keep?.conditions.schoolCodes ? { schoolCodes: keep.conditions.schoolCodes } : {}),
      ...(keep?.conditions.statuses ? { statuses: keep.conditions.statuses } : {}),
    },
    funding: { source: i.fundSource ?? '财政资金', shares: checkShares(i.shares) },
    outOfAreaPayer: i.outOfAreaPayer ?? 'school',
    basis: i.basis.trim(),
    ...(keep?.retired ? { retired: keep.retired } : {}),
  };
  const r = AidItemSchema.safeParse(candidate);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const field = first.path.join('.');
  const zh: Record<string, string> = { code: '项目代码只能含小写字母、数字和连字符', name: '请填写项目名称', basis: '请填写政策依据（至少 4 个字）', kind: '项目类别无效' };
  const top = String(first.path[0] ?? '');
  throw usageError(`资助项目不合规：${zh[top] ?? `${field}：${first.message}`}`, `invalid aid item: ${field}: ${first.message}`);
}

export function amountWords(item: AidItem): string {
  if (item.amount.per === 'actual') return '据实';
  if (item.amount.fen === null) return '待填写';
  return `${fenToYuan(item.amount.fen)} 元/${PER_WORDS[item.amount.per]}`;
}

export function addItem(p: PolicySet, item: AidItem): PolicySet {
  if (p.items.some((i) => i.code === item.code)) throw usageError(`项目代码“${item.code}”已存在`, `item code "${item.code}" already exists`);
  return validatePolicySet({ ...p, items: [...p.items, item] });
}

export function replaceItem(p: PolicySet, code: string, item: AidItem): PolicySet {
  findItem(p, code);
  if (item.code !== code) throw usageError('项目代码不能修改', 'an item code cannot be changed');
  return validatePolicySet({ ...p, items: p.items.map((i) => (i.code === code ? item : i)) });
}

export function retireItem(p: PolicySet, code: string, o: { at: string; by: string; reason: string }): PolicySet {
  const item = findItem(p, code);
  if (item.retired) throw usageError(`“${item.name}”已于 ${item.retired.at.slice(0, 10)} 停止执行`, `"${item.name}" was retired on ${item.retired.at.slice(0, 10)}`);
  return validatePolicySet({ ...p, items: p.items.map((i) => (i.code === item.code ? { ...i, retired: o } : i)) });
}

/** What changed between two versions of an item, in words (for the history row). */
export function describeChange(before: AidItem, after: AidItem): string {
  const parts: string[] = [];
  if (amountWords(before) !== amountWords(after)) parts.push(`金额 ${amountWords(before)} → ${amountWords(after)}`);
  if (before.name !== after.name) parts.push(`名称 ${before.name} → ${after.name}`);
  if (before.stages.join('/') !== after.stages.join('/')) parts.push(`学段 ${before.stages.join('/')} → ${after.stages.join('/')}`);
  if (JSON.stringify(before.conditions) !== JSON.stringify(after.conditions)) parts.push('条件已修改');
  if (JSON.stringify(before.funding) !== JSON.stringify(after.funding)) parts.push('资金来源或分担比例已修改');
  if (before.kind !== after.kind || before.basis !== after.basis || before.outOfAreaPayer !== after.outOfAreaPayer) parts.push('类别、依据或发放方式已修改');
  return `${after.name}（${after.code}）${parts.length ? parts.join('，') : '无变化'}`;
}

export interface PolicyVersion {
  version: number;
  policy: PolicySet;
  actor: string;
  at: string;
  reason: string | null;
  change: string;
}

export interface AmountChange {
  version: number;
  amount: string;
  actor: string;
  at: string;
  reason: string | null;
}

/** The amounts an item has had, oldest first: one row each time it appeared or its amount changed. */
export function amountHistory(versions: PolicyVersion[], code: string): AmountChange[] {
  const out: AmountChange[] = [];
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const item = v.policy.items.find((i) => i.code === code);
    if (!item) continue;
    const amount = amountWords(item);
    if (out.length > 0 && out[out.length - 1].amount === amount) continue;
    out.push({ version: v.version, amount, actor: v.actor, at: v.at, reason: v.reason });
  }
  return out;
}
