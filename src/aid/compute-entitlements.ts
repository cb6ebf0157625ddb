// Use case `fuzhi entitle`: reads the listed students through the registry's service, applies the
// year's policy set to each, and stores the term's entitlements as a difference (idempotent).
// Entitlements no longer due are kept as stopped with the reason, so no aid stops unexplained.
import type { Database } from '../db/database.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { listedStudents, studentsByNo } from '../registry/listed-students.service.ts';
import { filedTiers } from './manage-recognition.ts';
import { grantsOfTerm } from './grant.repository.ts';
import type { EmergencyGrant } from './entitlement.rules.ts';
import type { Tier } from './policy.schema.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor, DataScope } from '../platform/scope.ts';
import type { AidTerm, PolicySet } from './policy.schema.ts';
import { entitlementsFor, whyNot, type AidStudent, type Entitlement } from './entitlement.rules.ts';
import { policySetFor, termLocked } from './policy.rules.ts';
import { policySetsOfYear } from './policy.repository.ts';
import { replaceEntitlements, rowSignature, storedEntitlements, type NewEntitlementRow } from './entitlement.repository.ts';

export interface EntitleOptions {
  schoolYear: number;
  term: AidTerm;
  actor: Actor;
  today: string;
  scope?: DataScope;
}

export interface EntitleSummary {
  students: number;
  items: number;
  amount: number;
  rows: number;
  cashRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  stopped: number;
  pending: { item: string; reason: string; students: number }[];
  schoolYear: number;
  term: AidTerm;
}

export function entitlementId(schoolYear: number, term: string, studentNo: string, itemCode: string): string {
  return `${schoolYear}|${term}|${studentNo}|${itemCode}`;
}

function toRow(o: EntitleOptions, s: AidStudent, e: Entitlement, at: string): NewEntitlementRow {
  return {
    id: entitlementId(o.schoolYear, o.term, s.studentNo, e.itemCode),
    county_code: s.countyCode,
    school_year: o.schoolYear,
    term: o.term,
    student_no: s.studentNo,
    name: s.name,
    school_code: s.schoolCode,
    school_name: s.schoolName,
    stage: s.stage,
    grade: s.grade,
    item_code: e.itemCode,
    item_name: e.itemName,
    kind: e.kind,
    amount_fen: e.amountFen,
    cash: e.cash ? 1 : 0,
    fund_source: e.fundSource,
    shares_json: JSON.stringify(e.shares),
    payer_county: e.payerCounty,
    reason: e.reason,
    basis: e.basis,
    status: 'active',
    stop_reason: null,
    computed_at: at,
    updated_at: at,
  };
}

async function loadPolicies(database: Database, o: EntitleOptions): Promise<PolicySet[]> {
  const sets = (await policySetsOfYear(database.db, o.schoolYear)).map((s) => s.policy);
  if (sets.length === 0) {
    throw new FuzhiError('AID_NO_POLICY', `${o.schoolYear} 学年尚无资助政策：请先运行 fuzhi policy preset NAME --school-year ${o.schoolYear}`, `no aid policy for school year ${o.schoolYear}: run fuzhi policy preset NAME --school-year ${o.schoolYear} first`);
  }
  const locked = sets.find((p) => termLocked(p, o.term, o.today));
  if (locked) {
    throw new FuzhiError('AID_TERM_LOCKED', `${o.schoolYear} 学年${o.term}学期名单已于 ${locked.deadlines[o.term]} 锁定，不能重新计算`, `the ${o.schoolYear} ${o.term} term lists were locked on ${locked.deadlines[o.term]}; entitlements cannot be recomputed`);
  }
  return sets;
}

export async function computeEntitlements(database: Database, o: EntitleOptions): Promise<EntitleSummary> {
  const sets = await loadPolicies(database, o);
  const grants = await grantsByStudent(database, o);
  const students = await studentsToConsider(database, o, [...grants.keys()]);
  const at = nowIso();
  const fresh = new Map<string, NewEntitlementRow>();
  const pending = new Map<string, { item: string; reason: string; students: number }>();
  const byNo = new Map<string, { s: AidStudent; policy: PolicySet }>();
  for (const s of students) {
    const policy = policySetFor(sets, s.schoolRegion);
    if (!policy) continue;
    byNo.set(s.studentNo, { s, policy });
    const r = entitlementsFor(policy, s, { schoolYear: o.schoolYear, term: o.term, emergencies: grants.get(s.studentNo) });
    for (const e of r.entitlements) fresh.set(entitlementId(o.schoolYear, o.term, s.studentNo, e.itemCode), toRow(o, s, e, at));
    for (const p of r.pending) {
      const key = `${p.itemCode}|${p.reason}`;
      const agg = pending.get(key) ?? { item: p.itemCode, reason: p.reason, students: 0 };
      agg.students += 1;
      pending.set(key, agg);
    }
  }
  const changes = await applyDifference(database, o, fresh, byNo, at);
  let amountFen = 0;
  const studentSet = new Set<string>();
  const itemSet = new Set<string>();
  let cashRows = 0;
  for (const r of fresh.values()) {
    studentSet.add(r.student_no);
    itemSet.add(r.item_code);
    if (r.cash) { cashRows += 1; amountFen += r.amount_fen ?? 0; }
  }
  return {
    students: studentSet.size, items: itemSet.size, amount: fenToYuan(amountFen), rows: fresh.size, cashRows, ...changes,
    pending: [...pending.values()], schoolYear: o.schoolYear, term: o.term,
  };
}

/** Listed students (特别困难 by default) and students recognised with a filed tier (认定). */
async function studentsToConsider(database: Database, o: EntitleOptions, withGrants: string[]): Promise<AidStudent[]> {
  const listed: AidStudent[] = await listedStudents(database.db, o.scope);
  const tiers = await filedTiers(database, o.schoolYear);
  if (tiers.size === 0 && withGrants.length === 0) return listed;
  for (const s of listed) s.tier = (tiers.get(s.studentNo) as Tier | undefined) ?? null;
  const known = new Set(listed.map((s) => s.studentNo));
  const wanted = [...new Set([...tiers.keys(), ...withGrants])].filter((no) => !known.has(no));
  const others = await studentsByNo(database.db, wanted, o.scope);
  return [...listed, ...others.map((s) => ({ ...s, lists: [], tier: (tiers.get(s.studentNo) as Tier | undefined) ?? null }))];
}

/** One-off grants (应急救助) recorded for the term, by student. */
async function grantsByStudent(database: Database, o: EntitleOptions): Promise<Map<string, EmergencyGrant[]>> {
  const out = new Map<string, EmergencyGrant[]>();
  for (const g of await grantsOfTerm(database.db, o.schoolYear, o.term)) {
    const list = out.get(g.student_no) ?? [];
    list.push({ itemCode: g.item_code, fen: g.fen, reason: `应急救助：${g.reason}` });
    out.set(g.student_no, list);
  }
  return out;
}

async function applyDifference(
  database: Database,
  o: EntitleOptions,
  fresh: Map<string, NewEntitlementRow>,
  byNo: Map<string, { s: AidStudent; policy: PolicySet }>,
  at: string,
): Promise<{ inserted: number; updated: number; unchanged: number; stopped: number }> {
  return database.db.transaction().execute(async (trx) => {
    const stored = new Map((await storedEntitlements(trx, o.schoolYear, o.term, o.scope)).map((r) => [r.id, r]));
    const write: NewEntitlementRow[] = [];
    let inserted = 0, updated = 0, unchanged = 0, stopped = 0;
    for (const [id, row] of fresh) {
      const old = stored.get(id);
      if (!old) { inserted += 1; write.push(row); continue; }
      if (rowSignature(old) === rowSignature(row)) { unchanged += 1; continue; }
      updated += 1;
      write.push({ ...row, computed_at: old.computed_at });
    }
    for (const [id, old] of stored) {
      if (fresh.has(id) || old.status === 'stopped') continue;
      const who = byNo.get(old.student_no);
      const policy = who?.policy ?? [...byNo.values()][0]?.policy;
      const reason = policy ? whyNot(policy, old.item_code, who?.s, { schoolYear: o.schoolYear, term: o.term }) : '已不在困难家庭名单中';
      stopped += 1;
      write.push({ ...old, status: 'stopped', stop_reason: reason, updated_at: at });
    }
    await replaceEntitlements(trx, write);
    await recordAudit(trx, {
      actor: o.actor.username,
      action: 'aid.entitle',
      target: `${o.schoolYear} ${o.term}`,
      detail: { inserted, updated, unchanged, stopped },
    });
    return { inserted, updated, unchanged, stopped };
  });
}
