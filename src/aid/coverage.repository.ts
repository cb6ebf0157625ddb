// SQL for the coverage report: each active cash entitlement of a term with the pay status of the
// live batch row that carries it (none when it is in no batch).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';
import type { CoverageFact } from './coverage.rules.ts';

export async function coverageFacts(db: Kysely<DB>, schoolYear: number, term: string, scope: DataScope = { kind: 'all' }): Promise<CoverageFact[]> {
  const rows = await db
    .selectFrom('aid_entitlements as e')
    .leftJoin('aid_batch_rows as r', 'r.pay_key', 'e.id')
    .select(['e.school_code', 'e.school_name', 'e.county_code', 'e.item_code', 'e.item_name', 'r.pay_status'])
    .where('e.school_year', '=', schoolYear)
    .where('e.term', '=', term)
    .where('e.status', '=', 'active')
    .where('e.cash', '=', 1)
    .where(studentScope(scope, 'e'))
    .execute();
  return rows.map((r) => ({ schoolCode: r.school_code, schoolName: r.school_name, countyCode: r.county_code, itemCode: r.item_code, itemName: r.item_name, payStatus: r.pay_status ?? null }));
}

/** Stopped entitlements with no recorded reason (an auditor's classic finding). */
export async function stoppedWithoutReason(db: Kysely<DB>, schoolYear: number, term: string, scope: DataScope = { kind: 'all' }): Promise<number> {
  const r = await db
    .selectFrom('aid_entitlements as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.school_year', '=', schoolYear)
    .where('e.term', '=', term)
    .where('e.status', '=', 'stopped')
    .where((eb) => eb.or([eb('e.stop_reason', 'is', null), eb('e.stop_reason', '=', '')]))
    .where(studentScope(scope, 'e'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
