// SQL for entitlements (应享资助): the stored rows of a term, written as a difference so that
// `fuzhi entitle` is idempotent and fast, and read back for exports, batches and coverage.
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AidEntitlementTable } from '../db/aid-schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';

export type EntitlementRow = Selectable<AidEntitlementTable>;
export type NewEntitlementRow = AidEntitlementTable;

/** The fields whose change makes a stored row out of date (timestamps excluded). */
export function rowSignature(r: Omit<EntitlementRow, 'computed_at' | 'updated_at'>): string {
  return [r.status, r.school_code, r.school_name, r.name, r.stage, r.grade, r.item_name, r.kind, r.amount_fen, r.cash, r.fund_source, r.shares_json, r.payer_county, r.reason, r.basis, r.stop_reason].join('\u0001');
}

export async function termEntitlements(db: Kysely<DB>, schoolYear: number, term: string, scope: DataScope = { kind: 'all' }): Promise<EntitlementRow[]> {
  return db
    .selectFrom('aid_entitlements')
    .selectAll()
    .where('school_year', '=', schoolYear)
    .where('term', '=', term)
    .where(studentScope(scope, 'aid_entitlements'))
    .orderBy('school_code')
    .orderBy('student_no')
    .orderBy('item_code')
    .execute();
}

/** The stored rows of a term in no particular order, for the difference `entitle` writes. */
export async function storedEntitlements(db: Kysely<DB>, schoolYear: number, term: string, scope: DataScope = { kind: 'all' }): Promise<EntitlementRow[]> {
  return db.selectFrom('aid_entitlements').selectAll().where('school_year', '=', schoolYear).where('term', '=', term).where(studentScope(scope, 'aid_entitlements')).execute();
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Replaces the given rows (delete then insert, in chunks) inside the caller's transaction. */
export async function replaceEntitlements(db: Kysely<DB>, rows: NewEntitlementRow[]): Promise<void> {
  for (const part of chunks(rows, 400)) {
    await db.deleteFrom('aid_entitlements').where('id', 'in', part.map((r) => r.id)).execute();
    await db.insertInto('aid_entitlements').values(part).execute();
  }
}

export interface EntitlementFilter {
  schoolYear: number;
  term: string;
  status: string;
  school?: string;
  item?: string;
  stage?: string | null;
  q?: string;
}

/** A page of a term's entitlements in the scope, filtered by school, item, stage or name, with the cash total. */
export async function entitlementsPage(db: Kysely<DB>, f: EntitlementFilter, scope: DataScope, page: number, pageSize: number): Promise<{ rows: EntitlementRow[]; total: number; amountFen: number }> {
  let q = db
    .selectFrom('aid_entitlements')
    .where('school_year', '=', f.schoolYear)
    .where('term', '=', f.term)
    .where('status', '=', f.status)
    .where(studentScope(scope, 'aid_entitlements'));
  if (f.school) q = q.where('school_code', '=', f.school);
  if (f.item) q = q.where('item_code', '=', f.item);
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.q) q = q.where('name', 'like', `%${f.q}%`);
  const [rows, agg] = await Promise.all([
    q.selectAll().orderBy('school_code').orderBy('student_no').orderBy('item_code').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.sum<string | number | null>(eb.case().when('cash', '=', 1).then(eb.ref('amount_fen')).else(0).end()).as('fen')]).executeTakeFirst(),
  ]);
  return { rows, total: Number(agg?.n ?? 0), amountFen: Number(agg?.fen ?? 0) };
}
