// SQL of 结对帮扶 and 遍访: pairings of helpers with registry households, visits to households,
// and the figures of the coverage report. Data scope is applied here (pairingScope).
import type { ExpressionBuilder, Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DataScope } from '../platform/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Who sees which pairings: a teacher only their own, a school its staff's, a region its townships'. */
export type PairingScope = DataScope | { kind: 'helper'; username: string };

function pairingScope(scope: PairingScope) {
  return (eb: ExpressionBuilder<DB, 'household_pairings'>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'helper':
        return eb('household_pairings.username', '=', scope.username);
      case 'school':
        return eb('household_pairings.school_code', '=', scope.schoolCode);
      case 'region':
        return scope.prefix.length <= 6 ? eb('household_pairings.county_code', 'like', `${scope.prefix}%`) : eb('household_pairings.township_code', 'like', `${scope.prefix.slice(0, 9)}%`);
    }
  };
}

export const REGISTRY_LIST = '建档立卡';

/** A registry household: its head (or first member), village and county. */
export async function findHousehold(db: Db, householdNo: string) {
  const rows = await db
    .selectFrom('members')
    .select(['household_no', 'county_code', 'village_code', 'name', 'relation', 'birth_date'])
    .where('list_kind', '=', REGISTRY_LIST)
    .where('household_no', '=', householdNo)
    .orderBy('member_key')
    .execute();
  if (rows.length === 0) return undefined;
  const head = rows.find((r) => r.relation === '户主') ?? rows[0];
  return { householdNo, countyCode: head.county_code, villageCode: head.village_code ?? rows.find((r) => r.village_code)?.village_code ?? null, headName: head.name, members: rows };
}

export async function findUserAccount(db: Db, username: string) {
  return db.selectFrom('users').select(['username', 'role', 'school_code', 'display_name']).where('username', '=', username).where('disabled', '=', 0).executeTakeFirst();
}

export async function countPairingsOf(db: Db, helperKey: string, exceptHousehold: string): Promise<number> {
  const r = await db.selectFrom('household_pairings').select((eb) => eb.fn.countAll<number>().as('n')).where('helper_key', '=', helperKey).where('household_no', '<>', exceptHousehold).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findPairing(db: Db, householdNo: string) {
  return db.selectFrom('household_pairings').selectAll().where('household_no', '=', householdNo).executeTakeFirst();
}

export async function upsertPairing(db: Db, row: DB['household_pairings']): Promise<void> {
  const { household_no: _k, ...rest } = row;
  await db
    .insertInto('household_pairings')
    .values(row)
    .onConflict((oc) => oc.column('household_no').doUpdateSet(rest))
    .execute();
}

export async function insertHouseholdVisit(db: Db, row: Omit<DB['household_visits'], 'id'>): Promise<void> {
  await db.insertInto('household_visits').values(row).execute();
}

export interface PairingRow {
  household_no: string;
  township_code: string;
  helper_name: string;
  helper_role: string;
  username: string | null;
  school_code: string | null;
  visits: number;
  last_visit: string | null;
}

/** The pairings a scope sees, with the visits within the window and the latest visit ever. */
export async function listPairings(db: Db, scope: PairingScope, window: { start: string; end: string }, page?: { offset: number; limit: number }): Promise<{ rows: PairingRow[]; total: number }> {
  const base = db.selectFrom('household_pairings').where(pairingScope(scope));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let q = base
    .select(['household_pairings.household_no', 'household_pairings.township_code', 'household_pairings.helper_name', 'household_pairings.helper_role', 'household_pairings.username', 'household_pairings.school_code'])
    .select((eb) =>
      eb
        .selectFrom('household_visits as v')
        .whereRef('v.household_no', '=', 'household_pairings.household_no')
        .where('v.visit_date', '>=', window.start)
        .where('v.visit_date', '<=', window.end)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('visits'),
    )
    .select((eb) => eb.selectFrom('household_visits as w').whereRef('w.household_no', '=', 'household_pairings.household_no').select((e) => e.fn.max('w.visit_date').as('d')).as('last_visit'))
    .orderBy('household_pairings.township_code')
    .orderBy('household_pairings.household_no');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return { rows: rows.map((r) => ({ ...r, visits: Number(r.visits ?? 0), last_visit: r.last_visit ?? null })), total: Number(total.n) };
}

/** One pairing, only when the scope sees it. */
export async function findPairingInScope(db: Db, scope: PairingScope, householdNo: string) {
  return db.selectFrom('household_pairings').selectAll().where('household_no', '=', householdNo).where(pairingScope(scope)).executeTakeFirst();
}

export async function householdVisitsOf(db: Db, householdNo: string) {
  return db.selectFrom('household_visits').select(['visit_date', 'kind', 'by_name', 'note']).where('household_no', '=', householdNo).orderBy('visit_date', 'desc').orderBy('id', 'desc').execute();
}

/** Registry households within the scope: number, village, pairing (school of the helper) and whether visited in the window. */
export async function coverageHouseholds(db: Db, scope: DataScope, window: { start: string; end: string }) {
  let q = db
    .selectFrom('members')
    .leftJoin('household_pairings as p', 'p.household_no', 'members.household_no')
    .select(['members.household_no', 'p.school_code', 'p.helper_key'])
    .select((eb) => eb.fn.max('members.village_code').as('village_code'))
    .select((eb) =>
      eb
        .exists(eb.selectFrom('household_visits as v').whereRef('v.household_no', '=', 'members.household_no').where('v.visit_date', '>=', window.start).where('v.visit_date', '<=', window.end).select('v.id'))
        .as('visited'),
    )
    .where('members.list_kind', '=', REGISTRY_LIST)
    .groupBy(['members.household_no', 'p.school_code', 'p.helper_key']);
  if (scope.kind === 'none') return [];
  if (scope.kind === 'school') q = q.where('p.school_code', '=', scope.schoolCode);
  if (scope.kind === 'region') q = q.where('members.village_code', 'like', `${scope.prefix}%`);
  const rows = await q.execute();
  return rows.map((r) => ({ householdNo: r.household_no, villageCode: r.village_code ?? '', schoolCode: r.school_code ?? null, paired: r.helper_key !== null, visited: Boolean(r.visited) }));
}

/** The left-behind children (留守儿童) of the care ledger within the scope, their school's region and whether visited in the window. */
export async function coverageLeftBehind(db: Db, scope: DataScope, window: { start: string; end: string }) {
  let q = db
    .selectFrom('care_children as c')
    .innerJoin('schools as s', 's.code', 'c.school_code')
    .select(['c.student_no', 'c.school_code', 's.region_code'])
    .select((eb) =>
      eb.exists(eb.selectFrom('care_visits as v').whereRef('v.student_no', '=', 'c.student_no').where('v.visit_date', '>=', window.start).where('v.visit_date', '<=', window.end).select('v.id')).as('visited'),
    )
    .where('c.categories', 'like', '%留守儿童%');
  if (scope.kind === 'none') return [];
  if (scope.kind === 'school') q = q.where('c.school_code', '=', scope.schoolCode);
  if (scope.kind === 'region') q = q.where('s.region_code', 'like', `${scope.prefix}%`);
  const rows = await q.execute();
  return rows.map((r) => ({ studentNo: r.student_no, schoolCode: r.school_code, regionCode: r.region_code, visited: Boolean(r.visited) }));
}

