// Use cases on policy sets: install a seed preset for a school year, edit an item (amount, schools),
// set a term's deadline — each a new version with its history row and an audit entry.
import type { Database } from '../db/database.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import { PRESETS } from './presets/index.ts';
import { documentName } from './presets/preset.ts';
import type { AidTerm, PolicySet } from './policy.schema.ts';
import { pendingReason } from './policy.schema.ts';
import { findItem, presetPolicy, setDeadline, setItemAmount, setItemSchools, validatePolicySet } from './policy.rules.ts';
import { addItem, describeChange, replaceItem, retireItem } from './policy-item.rules.ts';
import type { AidItem } from './policy.schema.ts';
import { policyHistory, policySetId, policySetsOfYear, savePolicySet } from './policy.repository.ts';

export interface PolicySummary {
  ok: true;
  policySet: string;
  version: number;
  items: number;
  pendingItems: { code: string; name: string; reason: string }[];
}

function summary(id: string, version: number, p: PolicySet): PolicySummary {
  const pendingItems = p.items.filter((i) => !i.retired).flatMap((i) => {
    const reason = pendingReason(i);
    return reason ? [{ code: i.code, name: i.name, reason }] : [];
  });
  return { ok: true, policySet: id, version, items: p.items.length, pendingItems };
}

export async function installPreset(database: Database, o: { name: string; schoolYear: number; regionCode: string | null; actor: Actor }): Promise<PolicySummary & { preset: string }> {
  const preset = PRESETS[o.name];
  if (!preset) {
    throw usageError(`未知的预设“${o.name}”；可用：${Object.keys(PRESETS).join(', ')}`, `unknown preset "${o.name}"; known: ${Object.keys(PRESETS).join(', ')}`);
  }
  const policy = presetPolicy(preset, o.schoolYear, o.regionCode);
  const at = nowIso();
  const version = await database.db.transaction().execute(async (trx) => {
    const v = await savePolicySet(trx, policy, { what: `安装预设 ${preset.id}（依据 ${documentName(preset.document)}）`, reason: null, actor: o.actor.username, at });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.policy.preset', target: policySetId(o.schoolYear, o.regionCode), detail: { preset: preset.id, version: v } });
    return v;
  });
  return { ...summary(policySetId(o.schoolYear, o.regionCode), version, policy), preset: preset.id };
}

async function loadOne(database: Database, schoolYear: number, regionCode: string | null): Promise<PolicySet> {
  const sets = await policySetsOfYear(database.db, schoolYear);
  const found = sets.find((s) => s.policy.regionCode === regionCode);
  if (!found) {
    throw new FuzhiError('AID_NO_POLICY', `${schoolYear} 学年${regionCode ? `（地区 ${regionCode}）` : ''}尚无资助政策：请先运行 fuzhi policy preset`, `no aid policy for ${schoolYear}${regionCode ? ` (region ${regionCode})` : ''}: run fuzhi policy preset first`);
  }
  return found.policy;
}

export type PolicyEdit =
  | { kind: 'amount'; item: string; fen: number }
  | { kind: 'schools'; item: string; schoolCodes: string[] }
  | { kind: 'deadline'; term: AidTerm; date: string }
  | { kind: 'add'; item: AidItem }
  | { kind: 'update'; code: string; item: AidItem }
  | { kind: 'retire'; code: string; at: string; by: string; reason: string };

function applyEdit(p: PolicySet, e: PolicyEdit): { next: PolicySet; what: string } {
  switch (e.kind) {
    case 'amount': {
      const item = findItem(p, e.item);
      const before = item.amount.per === 'actual' ? '据实' : item.amount.fen === null ? '待填写' : `${fenToYuan(item.amount.fen)} 元`;
      return { next: setItemAmount(p, e.item, e.fen), what: `${item.name}（${item.code}）金额 ${before} → ${fenToYuan(e.fen)} 元（每${({ year: '年', term: '学期', day: '天', once: '次', actual: '' })[item.amount.per]}）` };
    }
    case 'schools': {
      const item = findItem(p, e.item);
      return { next: setItemSchools(p, e.item, e.schoolCodes), what: `${item.name}（${item.code}）适用学校 ${e.schoolCodes.length} 所` };
    }
    case 'deadline':
      return { next: setDeadline(p, e.term, e.date), what: `${e.term}学期名单锁定日期 ${e.date}` };
    case 'add':
      return { next: addItem(p, e.item), what: `新增项目 ${e.item.name}（${e.item.code}）` };
    case 'update':
      return { next: replaceItem(p, e.code, e.item), what: describeChange(findItem(p, e.code), e.item) };
    case 'retire': {
      const item = findItem(p, e.code);
      return { next: retireItem(p, e.code, { at: e.at, by: e.by, reason: e.reason }), what: `停止执行 ${item.name}（${item.code}）` };
    }
  }
}

export async function editPolicy(database: Database, o: { schoolYear: number; regionCode: string | null; edit: PolicyEdit; reason: string | null; actor: Actor }): Promise<PolicySummary & { change: string }> {
  const policy = await loadOne(database, o.schoolYear, o.regionCode);
  const { next, what } = applyEdit(policy, o.edit);
  const id = policySetId(o.schoolYear, o.regionCode);
  const version = await database.db.transaction().execute(async (trx) => {
    const v = await savePolicySet(trx, next, { what, reason: o.reason, actor: o.actor.username, at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.policy.edit', target: id, detail: { change: what, reason: o.reason, version: v } });
    return v;
  });
  return { ...summary(id, version, next), change: what };
}

export async function showPolicy(database: Database, schoolYear: number, regionCode: string | null): Promise<{ policy: PolicySet; history: Awaited<ReturnType<typeof policyHistory>> }> {
  const policy = await loadOne(database, schoolYear, regionCode);
  return { policy, history: await policyHistory(database.db, policySetId(schoolYear, regionCode)) };
}

/** Builds a school year's set for a region from a preset or from nothing (an existing set gets a new version). */
export async function buildPolicySet(database: Database, o: { schoolYear: number; regionCode: string | null; preset: string | null; name?: string; actor: Actor }): Promise<PolicySummary> {
  if (o.preset) return installPreset(database, { name: o.preset, schoolYear: o.schoolYear, regionCode: o.regionCode, actor: o.actor });
  const policy = validatePolicySet({ name: o.name?.trim() || `${o.schoolYear}学年 资助政策`, preset: null, regionCode: o.regionCode, schoolYear: o.schoolYear, items: [] });
  const id = policySetId(o.schoolYear, o.regionCode);
  const version = await database.db.transaction().execute(async (trx) => {
    const v = await savePolicySet(trx, policy, { what: '新建空白政策', reason: null, actor: o.actor.username, at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.policy.create', target: id, detail: { version: v } });
    return v;
  });
  return summary(id, version, policy);
}
