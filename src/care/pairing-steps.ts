// Use cases of 结对帮扶 (包保责任制) and 遍访: pair a helper (a school leader or teacher account, or a
// named cadre) with a registry household, log a visit to it, list the pairings, and the coverage
// report per school and township. Each change is audited, in the same transaction.
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import { nowIso } from '../kernel/clock.ts';
import { FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import type { Term } from '../kernel/school-year.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { present, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { regionNames } from '../platform/region.repository.ts';
import { dayOf } from '../dropout/case-steps.ts';
import { termOf, visitWindow } from './care.rules.ts';
import { schoolNameMap } from './care.repository.ts';
import { checkPairingLimit, HELPER_ROLE_LABEL, HOUSEHOLD_VISIT_KINDS, parsePairingLimits, visitCoverage, type HelperRole, type VisitCoverageLine } from './pairing.rules.ts';
import {
  countPairingsOf,
  coverageHouseholds,
  coverageLeftBehind,
  findHousehold,
  findPairing,
  findUserAccount,
  insertHouseholdVisit,
  listPairings,
  upsertPairing,
  type PairingScope,
} from './pairing.repository.ts';

export const PAIRING_HEADERS = ['户编号', '户主姓名', '所在乡镇', '帮扶责任人', '身份', '学校标识码', '本学期走访次数', '最近走访'];
export const VISIT_REPORT_HEADERS = ['层级', '代码', '名称', '应访户数', '已结对户数', '本学期已走访户数', '走访覆盖率', '留守儿童数', '已走访留守儿童数', '留守儿童走访覆盖率'];

/** A teacher sees only the households they hold; everyone else by data scope. */
export function pairingScopeOf(actor: Actor): PairingScope {
  return actor.role === 'teacher' ? { kind: 'helper', username: actor.username } : scopeOf(actor);
}

async function householdOf(database: Database, householdNo: string) {
  const h = await findHousehold(database.db, householdNo.trim());
  if (!h) throw notFound(`户编号 ${householdNo} 不在建档立卡名单中`, `household ${householdNo} is not on the 建档立卡 registry`);
  return h;
}

/** The helper named by --user (a school or teacher account) or --cadre (a name without an account). */
async function helperOf(database: Database, o: { user?: string; cadre?: string; unit?: string }) {
  if (Boolean(o.user) === Boolean(o.cadre)) throw usageError('须给出 --user（校领导或教师账号）或 --cadre（干部姓名），二者取一', 'give either --user (a school leader or teacher account) or --cadre (a cadre’s name)');
  if (o.cadre) {
    const name = o.cadre.trim();
    return { key: `cadre:${name}`, name, role: 'cadre' as HelperRole, username: null, schoolCode: null, unit: o.unit?.trim() || null };
  }
  const user = await findUserAccount(database.db, o.user!.trim());
  if (!user || (user.role !== 'school' && user.role !== 'teacher') || !user.school_code) {
    throw new FuzhiError('NOT_A_HELPER', `账号 ${o.user} 不是学校领导或教师账号，不能结对帮扶贫困户`, `account ${o.user} is not a school leader or teacher account`, { status: 400, exitCode: 1 });
  }
  return { key: `user:${user.username}`, name: user.display_name ?? user.username, role: user.role as HelperRole, username: user.username, schoolCode: user.school_code, unit: null };
}

export async function pairHousehold(
  database: Database,
  actor: Actor,
  householdNo: string,
  o: { user?: string; cadre?: string; unit?: string; limits?: string },
): Promise<{ ok: true; household: string; helper: string; role: string; households: number; warning: string | null }> {
  const h = await householdOf(database, householdNo);
  const helper = await helperOf(database, o);
  const limits = parsePairingLimits(o.limits ?? process.env.FUZHI_PAIRING_LIMITS);
  return database.db.transaction().execute(async (trx) => {
    const current = await countPairingsOf(trx, helper.key, h.householdNo);
    const { warning } = checkPairingLimit(helper.role, current, limits, helper.username ?? helper.name);
    const before = await findPairing(trx, h.householdNo);
    await upsertPairing(trx, {
      household_no: h.householdNo,
      county_code: h.countyCode,
      township_code: (h.villageCode ?? '').slice(0, 9),
      helper_key: helper.key,
      helper_name: helper.name,
      helper_role: helper.role,
      username: helper.username,
      school_code: helper.schoolCode,
      cadre_unit: helper.unit,
      assigned_by: actor.username,
      assigned_at: nowIso(),
    });
    await recordAudit(trx, { actor: actor.username, action: 'care.pair-household', target: h.householdNo, detail: { helper: helper.key, role: helper.role, before: before?.helper_key ?? null }, countyCode: h.countyCode });
    return { ok: true, household: h.householdNo, helper: helper.username ?? helper.name, role: HELPER_ROLE_LABEL[helper.role], households: current + 1, warning };
  });
}

/** A visit to a paired household; `by` defaults to the responsible helper. */
export async function logHouseholdVisit(
  database: Database,
  actor: Actor,
  today: string,
  householdNo: string,
  o: { date: string; by?: string; kind: string; note: string },
): Promise<{ ok: true; household: string; date: string; kind: string; by: string }> {
  if (!(HOUSEHOLD_VISIT_KINDS as readonly string[]).includes(o.kind)) throw usageError(`走访方式“${o.kind}”无效，应为 ${HOUSEHOLD_VISIT_KINDS.join('、')}`, `unknown kind "${o.kind}"; use ${HOUSEHOLD_VISIT_KINDS.join(', ')}`);
  if (!o.note.trim()) throw usageError('走访须写明情况（--note）', 'a visit needs a note (--note)');
  const date = dayOf(o.date, '--date', today);
  const pairing = await findPairing(database.db, householdNo.trim());
  if (!pairing) {
    await householdOf(database, householdNo);
    throw new FuzhiError('NOT_PAIRED', `户编号 ${householdNo} 尚未结对帮扶责任人（先 care pair）`, `household ${householdNo} has no helper yet (care pair first)`, { status: 409, exitCode: 1 });
  }
  const by = o.by?.trim() || pairing.username || pairing.helper_name;
  await database.db.transaction().execute(async (trx) => {
    await insertHouseholdVisit(trx, { household_no: pairing.household_no, county_code: pairing.county_code, visit_date: date, by_name: by, kind: o.kind, note: o.note.trim(), actor: actor.username, at: nowIso() });
    await recordAudit(trx, { actor: actor.username, action: 'care.household-visit', target: pairing.household_no, detail: { date, by, kind: o.kind }, countyCode: pairing.county_code });
  });
  return { ok: true, household: pairing.household_no, date, kind: o.kind, by };
}

/** The pairings the actor sees as a file: 户编号 as the role may see it (a teacher: not at all). */
export async function exportPairings(database: Database, opts: { out: string; actor: Actor; today: string }): Promise<{ rows: number; out: string; term: string }> {
  const { schoolYear, term } = termOf(opts.today);
  const { rows } = await listPairings(database.db, pairingScopeOf(opts.actor), visitWindow(schoolYear, term));
  const v = viewerOf(opts.actor);
  const heads = await headNames(database, rows.map((r) => r.household_no));
  const n = await writeTable(
    opts.out,
    PAIRING_HEADERS,
    rows.map((r) => [present(v, 'household', r.household_no) ?? '', heads.get(r.household_no) ?? '', r.township_code, r.helper_name, HELPER_ROLE_LABEL[r.helper_role as HelperRole] ?? r.helper_role, r.school_code ?? '', r.visits, r.last_visit ?? '']),
    { sheetName: '结对帮扶', textColumns: [0, 2, 5] },
  );
  await recordAudit(database.db, { actor: opts.actor.username, action: 'export.pairings', target: opts.out, detail: { rows: n } });
  return { rows: n, out: opts.out, term: `${schoolYear}${term}` };
}

export async function headNames(database: Database, householdNos: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const no of householdNos) {
    const h = await findHousehold(database.db, no);
    if (h) out.set(no, h.headName);
  }
  return out;
}

export interface NamedCoverageLine extends VisitCoverageLine {
  name: string;
}

/** 遍访 coverage of a term within the actor's scope (nothing written). */
export async function visitCoverageOf(database: Database, opts: { schoolYear: number; term: Term; actor: Actor }): Promise<NamedCoverageLine[]> {
  const scope = scopeOf(opts.actor);
  const window = visitWindow(opts.schoolYear, opts.term);
  const households = await coverageHouseholds(database.db, scope, window);
  const children = await coverageLeftBehind(database.db, scope, window);
  const lines = visitCoverage(
    households.map((h) => ({ ...h, townshipCode: h.villageCode.slice(0, 9) })),
    children.map((c) => ({ studentNo: c.studentNo, schoolCode: c.schoolCode, townshipCode: c.regionCode.slice(0, 9), visited: c.visited })),
  );
  const schools = await schoolNameMap(database.db);
  const regions = await regionNames(database.db);
  return lines.map((l) => ({ ...l, name: (l.level === '学校' ? schools.get(l.code) : regions.get(l.code)) ?? '' }));
}

export const pct = (x: number | null) => (x === null ? '' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`);

export async function reportVisits(database: Database, opts: { out: string; schoolYear: number; term: Term; actor: Actor }): Promise<{ rows: number; out: string; households: number; visited: number; leftBehind: number; leftBehindVisited: number }> {
  const lines = await visitCoverageOf(database, opts);
  const n = await writeTable(
    opts.out,
    VISIT_REPORT_HEADERS,
    lines.map((l) => [l.level, l.code, l.name, l.households, l.paired, l.visited, pct(l.coverage), l.leftBehind, l.leftBehindVisited, pct(l.leftBehindCoverage)]),
    { sheetName: '遍访覆盖', textColumns: [1] },
  );
  const towns = lines.filter((l) => l.level === '乡镇');
  const sum = (k: 'households' | 'visited' | 'leftBehind' | 'leftBehindVisited') => towns.reduce((s, l) => s + l[k], 0);
  await recordAudit(database.db, { actor: opts.actor.username, action: 'report.visits', target: opts.out, detail: { rows: n, schoolYear: opts.schoolYear, term: opts.term } });
  return { rows: n, out: opts.out, households: sum('households'), visited: sum('visited'), leftBehind: sum('leftBehind'), leftBehindVisited: sum('leftBehindVisited') };
}

