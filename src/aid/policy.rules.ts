// Pure operations on policy sets: installing a seed preset for a school year, and the edits a
// bureau makes (set an amount, a school list, a term deadline), each returning a new validated set.
import { FuzhiError, usageError } from '../kernel/errors.ts';
import type { Preset } from './presets/preset.ts';
import { PolicySetSchema, type AidItem, type AidTerm, type PolicySet, type PolicySetInput } from './policy.schema.ts';

/** Validates a policy set, turning zod's complaints into one readable error (exit 2). */
export function validatePolicySet(input: PolicySetInput): PolicySet {
  const r = PolicySetSchema.safeParse(input);
  if (r.success) return r.data;
  const first = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw usageError(`资助政策不合规：${first}`, `invalid policy set: ${first}`);
}

export function presetPolicy(preset: Preset, schoolYear: number, regionCode: string | null = null): PolicySet {
  return validatePolicySet({
    name: `${schoolYear}学年 ${preset.name}`,
    preset: preset.id,
    regionCode,
    schoolYear,
    items: preset.items,
  });
}

/**
 * The policy set that applies to a place — a school's region (schools.region_code, never a guess
 * from the school code) or a region user's own prefix: the set of the most specific region that
 * contains it, else the database-wide set (region null), else none.
 */
export function policySetFor(sets: PolicySet[], region: string): PolicySet | undefined {
  const specificFirst = [...sets].sort((a, b) => (b.regionCode ?? '').length - (a.regionCode ?? '').length);
  return specificFirst.find((p) => p.regionCode === null || region.startsWith(p.regionCode));
}

/** An item by its code or its exact name (名称 must then be unique in the set). */
export function findItem(policy: PolicySet, key: string): AidItem {
  const byCode = policy.items.find((i) => i.code === key);
  if (byCode) return byCode;
  const byName = policy.items.filter((i) => i.name === key);
  if (byName.length === 1) return byName[0];
  const known = policy.items.map((i) => `${i.code}（${i.name}）`).join(', ');
  throw new FuzhiError(
    'AID_ITEM_UNKNOWN',
    `资助项目“${key}”${byName.length > 1 ? '名称不唯一，请用项目代码' : '不存在'}；可用：${known}`,
    `aid item "${key}" ${byName.length > 1 ? 'is ambiguous, use its code' : 'not found'}; known: ${known}`,
    { exitCode: 2 },
  );
}

function replaceItem(policy: PolicySet, code: string, change: (i: AidItem) => AidItem): PolicySet {
  return validatePolicySet({ ...policy, items: policy.items.map((i) => (i.code === code ? change(i) : i)) });
}

/** Sets a yearly (or per-term, per-day, one-off) amount in fen; 据实 items have none to set. */
export function setItemAmount(policy: PolicySet, key: string, fen: number): PolicySet {
  const item = findItem(policy, key);
  if (item.amount.per === 'actual') {
    throw usageError(`“${item.name}”为据实减免项目，没有固定金额`, `"${item.name}" is waived at the actual fee and has no fixed amount`);
  }
  const amount = { ...item.amount, fen };
  return replaceItem(policy, item.code, (i) => ({ ...i, amount }));
}

/** Sets the schools an item applies to (e.g. 实行校车接送学校, 武汉 篇一). */
export function setItemSchools(policy: PolicySet, key: string, schoolCodes: string[]): PolicySet {
  const item = findItem(policy, key);
  return replaceItem(policy, item.code, (i) => ({ ...i, conditions: { ...i.conditions, schoolCodes } }));
}

export function setDeadline(policy: PolicySet, term: AidTerm, date: string): PolicySet {
  return validatePolicySet({ ...policy, deadlines: { ...policy.deadlines, [term]: date } });
}

/** After the term's deadline its lists are locked: entitlements are no longer recomputed. */
export function termLocked(policy: PolicySet, term: AidTerm, today: string): boolean {
  const d = policy.deadlines[term];
  return d !== undefined && today > d;
}
