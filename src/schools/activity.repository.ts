// SQL of activity records: the data-scope clause (a school its own activities and its pairings', a
// county its county's), the paged list with its filters and sort, one activity, its attachments, and
// the pairings a user sees.
import type { ExpressionBuilder, Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ActivityAttachmentTable, PairingActivityTable } from '../db/schools-schema.ts';
import { codeRange, type DataScope } from '../platform/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows of `pairing_activities` (alias a) visible in the scope. */
export function activityScope(scope: DataScope) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'school':
        return eb.or([
          eb('a.school_code' as any, '=', scope.schoolCode),
          eb('a.pairing_id' as any, 'in', eb.selectFrom('school_pairings').select('id').where((e) => e.or([e('helper_code', '=', scope.schoolCode), e('helped_code', '=', scope.schoolCode)]))),
        ]);
      case 'region':
        if (scope.prefix.length === 6) return eb('a.county_code' as any, '=', scope.prefix);
        return scope.prefix.length < 6
          ? codeRange(eb, eb.ref('a.county_code' as any), scope.prefix)
          : eb('a.school_code' as any, 'in', eb.selectFrom('schools').select('code').where((e) => codeRange(e, e.ref('region_code'), scope.prefix)));
    }
  };
}

/** Rows of `school_pairings` (alias p) visible in the scope: a school its own, a region those of its helped schools. */
export function pairingScope(scope: DataScope) {
  return (eb: ExpressionBuilder<DB, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'school':
        return eb.or([eb('p.helper_code' as any, '=', scope.schoolCode), eb('p.helped_code' as any, '=', scope.schoolCode)]);
      case 'region':
        if (scope.prefix.length === 6) return eb('p.county_code' as any, '=', scope.prefix);
        return scope.prefix.length < 6
          ? codeRange(eb, eb.ref('p.county_code' as any), scope.prefix)
          : eb('p.helped_code' as any, 'in', eb.selectFrom('schools').select('code').where((e) => codeRange(e, e.ref('region_code'), scope.prefix)));
    }
  };
}

export type ActivityRow = Omit<PairingActivityTable, 'id'> & { id: number; school_name: string | null; helper_code: string | null; helper_name: string | null; attachments: number };

export const ACTIVITY_SORTS = ['date', 'kind', 'school', 'title'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];
const SORT_COLUMN = { date: 'a.activity_date', kind: 'a.kind', school: 'a.school_code', title: 'a.title' } as const;

export interface ActivityFilter {
  kind?: string;
  school?: string;
  pairing?: number;
  from?: string;
  to?: string;
  sort?: { key: ActivitySort; desc: boolean };
}

function base(db: Db, scope: DataScope, f: ActivityFilter) {
  let q = db
    .selectFrom('pairing_activities as a')
    .leftJoin('schools as s', 's.code', 'a.school_code')
    .leftJoin('school_pairings as p', 'p.id', 'a.pairing_id')
    .leftJoin('schools as h', 'h.code', 'p.helper_code')
    .where(activityScope(scope));
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.school) q = q.where((eb) => eb.or([eb('a.school_code', '=', f.school!), eb('p.helper_code', '=', f.school!)]));
  if (f.pairing !== undefined) q = q.where('a.pairing_id', '=', f.pairing);
  if (f.from) q = q.where('a.activity_date', '>=', f.from);
  if (f.to) q = q.where('a.activity_date', '<=', f.to);
  return q;
}

const rowOf = (r: Record<string, unknown>): ActivityRow =>
  ({ ...(r as unknown as ActivityRow), id: Number(r.id), pairing_id: r.pairing_id === null ? null : Number(r.pairing_id), expected_count: r.expected_count === null ? null : Number(r.expected_count), present_count: r.present_count === null ? null : Number(r.present_count), attachments: Number(r.attachments ?? 0) });

export async function listActivities(db: Db, scope: DataScope, f: ActivityFilter, page: { offset: number; limit: number }): Promise<{ rows: ActivityRow[]; total: number }> {
  const total = Number((await base(db, scope, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const sort = f.sort ?? { key: 'date', desc: true };
  const rows = await base(db, scope, f)
    .selectAll('a')
    .select(['s.name as school_name', 'p.helper_code as helper_code', 'h.name as helper_name'])
    .select((eb) => eb.selectFrom('activity_attachments as x').select((e) => e.fn.countAll().as('n')).whereRef('x.activity_id', '=', 'a.id').as('attachments'))
    .orderBy(SORT_COLUMN[sort.key], sort.desc ? 'desc' : 'asc')
    .orderBy('a.id', sort.desc ? 'desc' : 'asc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { rows: rows.map((r) => rowOf(r)), total };
}

export async function activityInScope(db: Db, scope: DataScope, id: number): Promise<ActivityRow | undefined> {
  const r = await base(db, scope, {})
    .selectAll('a')
    .select(['s.name as school_name', 'p.helper_code as helper_code', 'h.name as helper_name'])
    .select((eb) => eb.selectFrom('activity_attachments as x').select((e) => e.fn.countAll().as('n')).whereRef('x.activity_id', '=', 'a.id').as('attachments'))
    .where('a.id', '=', id)
    .executeTakeFirst();
  return r ? rowOf(r) : undefined;
}

export async function insertActivityRecord(db: Db, row: Omit<PairingActivityTable, 'id'>): Promise<number> {
  const r = await db.insertInto('pairing_activities').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Changes an activity if it still has the version (`at`) the editor read; the number of rows changed. */
export async function updateActivityRecord(db: Db, id: number, version: string, row: Partial<Omit<PairingActivityTable, 'id'>>): Promise<number> {
  const r = await db.updateTable('pairing_activities').set(row).where('id', '=', id).where('at', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes an activity and its attachments if it still has the version read; the number of activities deleted. */
export async function deleteActivityRecord(db: Db, id: number, version: string): Promise<number> {
  const r = await db.deleteFrom('pairing_activities').where('id', '=', id).where('at', '=', version).executeTakeFirst();
  const n = Number(r.numDeletedRows);
  if (n > 0) await db.deleteFrom('activity_attachments').where('activity_id', '=', id).execute();
  return n;
}

export type Attachment = Omit<ActivityAttachmentTable, 'id'> & { id: number };

export async function insertAttachment(db: Db, row: Omit<ActivityAttachmentTable, 'id'>): Promise<number> {
  const r = await db.insertInto('activity_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The attachments of an activity without their content, in the order they were added (n = 1, 2, …). */
export async function attachmentsOf(db: Db, activityId: number): Promise<Omit<Attachment, 'content'>[]> {
  const rows = await db.selectFrom('activity_attachments').select(['id', 'activity_id', 'county_code', 'file_name', 'mime', 'size', 'sha256', 'actor', 'at']).where('activity_id', '=', activityId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), activity_id: Number(r.activity_id), size: Number(r.size) }));
}

/** The n-th attachment (1-based) of an activity, with its content. */
export async function attachmentOf(db: Db, activityId: number, n: number): Promise<Attachment | undefined> {
  const r = await db.selectFrom('activity_attachments').selectAll().where('activity_id', '=', activityId).orderBy('id').offset(n - 1).limit(1).executeTakeFirst();
  return r ? { ...r, id: Number(r.id), activity_id: Number(r.activity_id), size: Number(r.size), content: Buffer.from(r.content) } : undefined;
}

export interface PairingInScope {
  id: number;
  county_code: string;
  helper_code: string;
  helped_code: string;
  started_on: string;
}

export async function pairingsInScope(db: Db, scope: DataScope): Promise<PairingInScope[]> {
  const rows = await db.selectFrom('school_pairings as p').select(['p.id', 'p.county_code', 'p.helper_code', 'p.helped_code', 'p.started_on']).where(pairingScope(scope)).orderBy('p.id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The dated activities of some pairings between two days (the minimums count them). */
export async function pairingActivities(db: Db, ids: number[], from: string, to: string): Promise<{ pairing_id: number; kind: string; activity_date: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('pairing_activities').select(['pairing_id', 'kind', 'activity_date']).where('pairing_id', 'in', ids).where('activity_date', '>=', from).where('activity_date', '<=', to).execute();
  return rows.map((r) => ({ ...r, pairing_id: Number(r.pairing_id) }));
}

/** The activities of some schools between two days, every field (an import finds its records again by natural key). */
export type StoredActivity = Omit<PairingActivityTable, 'id'> & { id: number };
export async function activitiesOfSchools(db: Db, schoolCodes: string[], from: string, to: string): Promise<StoredActivity[]> {
  if (schoolCodes.length === 0) return [];
  const rows = await db.selectFrom('pairing_activities').selectAll().where('school_code', 'in', schoolCodes).where('activity_date', '>=', from).where('activity_date', '<=', to).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), pairing_id: r.pairing_id === null ? null : Number(r.pairing_id), expected_count: r.expected_count === null ? null : Number(r.expected_count), present_count: r.present_count === null ? null : Number(r.present_count) }));
}

/** Rewrites an activity's fields by id (an import that found the record again with changed content). */
export async function rewriteActivity(db: Db, id: number, row: Partial<Omit<PairingActivityTable, 'id'>>): Promise<void> {
  await db.updateTable('pairing_activities').set(row).where('id', '=', id).execute();
}
