// SQL for the coverage drill-down: the active cash entitlements of a term under one node (a county,
// a township, a school) with the school's region and the pay status of the live batch row carrying each.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { codeRange, studentScope, type DataScope } from '../platform/scope.ts';
import type { DrillFact } from './coverage-drill.rules.ts';
import type { DrillLevel } from './coverage-drill.schema.ts';

function factsQuery(db: Kysely<DB>, schoolYear: number, term: string, level: DrillLevel, code: string, scope: DataScope) {
  return db
    .selectFrom('aid_entitlements as e')
    .innerJoin('schools as s', 's.code', 'e.school_code')
    .leftJoin('aid_batch_rows as r', 'r.pay_key', 'e.id')
    .where('e.school_year', '=', schoolYear)
    .where('e.term', '=', term)
    .where('e.status', '=', 'active')
    .where('e.cash', '=', 1)
    .where(studentScope(scope, 'e'))
    .where((eb) =>
      level === 'county' ? eb('e.county_code', '=', code) : level === 'township' ? codeRange(eb, eb.ref('s.region_code'), code) : eb('e.school_code', '=', code),
    );
}

export async function drillFacts(db: Kysely<DB>, schoolYear: number, term: string, level: DrillLevel, code: string, scope: DataScope): Promise<DrillFact[]> {
  const rows = await factsQuery(db, schoolYear, term, level, code, scope)
    .select(['e.school_code', 'e.school_name', 's.region_code', 'e.county_code', 'r.pay_status'])
    .execute();
  return rows.map((r) => ({ schoolCode: r.school_code, schoolName: r.school_name, regionCode: r.region_code, countyCode: r.county_code, payStatus: r.pay_status ?? null }));
}

export interface DrillStudentRow {
  studentNo: string;
  name: string;
  itemName: string;
  payStatus: string | null;
}

/** The entitled students of one school, unpaid first (in no batch, then waiting or failed), then by name. */
export async function drillStudents(db: Kysely<DB>, schoolYear: number, term: string, schoolCode: string, scope: DataScope): Promise<DrillStudentRow[]> {
  const rows = await factsQuery(db, schoolYear, term, 'school', schoolCode, scope)
    .select(['e.student_no', 'e.name', 'e.item_name', 'r.pay_status'])
    .orderBy('e.student_no')
    .orderBy('e.item_code')
    .execute();
  const rank = (s: string | null) => (s === null ? 0 : s === '已发放' ? 2 : 1);
  return rows
    .map((r) => ({ studentNo: r.student_no, name: r.name, itemName: r.item_name, payStatus: r.pay_status ?? null }))
    .sort((a, b) => rank(a.payStatus) - rank(b.payStatus));
}

/** A school's region and name (null when there is no such school). */
export async function schoolNode(db: Kysely<DB>, code: string): Promise<{ region: string; name: string } | null> {
  const r = await db.selectFrom('schools').select(['region_code', 'name']).where('code', '=', code).executeTakeFirst();
  return r ? { region: r.region_code, name: r.name } : null;
}

/** The first county with entitlements of the term (where an administrator starts). */
export async function firstCounty(db: Kysely<DB>, schoolYear: number, term: string): Promise<string | null> {
  const r = await db
    .selectFrom('aid_entitlements')
    .select((eb) => eb.fn.min('county_code').as('c'))
    .where('school_year', '=', schoolYear)
    .where('term', '=', term)
    .executeTakeFirst();
  return (r?.c as string | null | undefined) ?? null;
}
