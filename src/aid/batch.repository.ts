// SQL for disbursement batches: creating one freezes copies of the term's unpaid entitlements as
// its rows (pay_key unique: no student is put in two live batches for one item and term).
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AidBatchRowTable, AidBatchTable, AidObjectionTable } from '../db/aid-schema.ts';
import { notFound } from '../kernel/errors.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';

export type BatchRow = Selectable<AidBatchTable>;
export type BatchLine = Selectable<AidBatchRowTable>;
export type Objection = Selectable<AidObjectionTable>;

/** Active cash entitlements of a term (optionally one item) not yet in a live batch. */
export async function unbatchedEntitlements(db: Kysely<DB>, schoolYear: number, term: string, itemCode: string | null, scope: DataScope = { kind: 'all' }) {
  let q = db
    .selectFrom('aid_entitlements as e')
    .selectAll('e')
    .where('e.school_year', '=', schoolYear)
    .where('e.term', '=', term)
    .where('e.status', '=', 'active')
    .where('e.cash', '=', 1)
    .where('e.amount_fen', '>', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('aid_batch_rows as r').select('r.id').whereRef('r.pay_key', '=', 'e.id'))));
  if (itemCode) q = q.where('e.item_code', '=', itemCode);
  // a county batches its own students; the command line (administrator) the whole installation
  if (scope.kind !== 'all') q = q.where(studentScope(scope, 'e'));
  return q.orderBy('e.school_code').orderBy('e.student_no').orderBy('e.item_code').execute();
}

/** Which of these pay keys are held by a row of a live batch (a cancelled batch releases its keys). */
export async function heldPayKeys(db: Kysely<DB>, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 2000) {
    for (const r of await db.selectFrom('aid_batch_rows').select('pay_key').where('pay_key', 'in', keys.slice(i, i + 2000)).execute()) if (r.pay_key) out.add(r.pay_key);
  }
  return out;
}

export async function insertBatch(db: Kysely<DB>, values: Omit<Insertable<AidBatchTable>, 'id'>): Promise<number> {
  const r = await db.insertInto('aid_batches').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertBatchLines(db: Kysely<DB>, lines: Omit<AidBatchRowTable, 'id'>[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 500) await db.insertInto('aid_batch_rows').values(lines.slice(i, i + 500)).execute();
}

export async function getBatch(db: Kysely<DB>, id: number): Promise<BatchRow> {
  const b = await db.selectFrom('aid_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) throw notFound(`没有编号为 ${id} 的发放批次`, `no disbursement batch ${id}`);
  return b;
}

export async function updateBatch(db: Kysely<DB>, id: number, set: Omit<Updateable<AidBatchTable>, 'id'>): Promise<void> {
  await db.updateTable('aid_batches').set(set).where('id', '=', id).execute();
}

export async function batchLines(db: Kysely<DB>, batchId: number, scope: DataScope = { kind: 'all' }): Promise<BatchLine[]> {
  return db.selectFrom('aid_batch_rows').selectAll().where('batch_id', '=', batchId).where(studentScope(scope, 'aid_batch_rows')).orderBy('seq').execute();
}

/** The counties and school regions of a batch's rows: whose inspectors see the batch's audit entries. */
export async function batchRegions(db: Kysely<DB>, batchId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('aid_batch_rows as r')
    .leftJoin('schools as s', 's.code', 'r.school_code')
    .select(['r.county_code', 's.region_code'])
    .distinct()
    .where('r.batch_id', '=', batchId)
    .execute();
  return [...new Set(rows.flatMap((r) => [r.county_code, r.region_code ?? '']).filter(Boolean))];
}

/** Sets every line of a batch (releases their pay keys when the batch is cancelled). */
export async function updateBatchLines(db: Kysely<DB>, batchId: number, set: Partial<Omit<AidBatchRowTable, 'id'>>): Promise<void> {
  await db.updateTable('aid_batch_rows').set(set).where('batch_id', '=', batchId).execute();
}

export async function openObjections(db: Kysely<DB>, batchId: number): Promise<number> {
  const r = await db
    .selectFrom('aid_objections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .where('answered_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertObjection(db: Kysely<DB>, values: Omit<AidObjectionTable, 'id'>): Promise<number> {
  const r = await db.insertInto('aid_objections').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function getObjection(db: Kysely<DB>, id: number): Promise<Objection> {
  const o = await db.selectFrom('aid_objections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw notFound(`没有编号为 ${id} 的异议`, `no objection ${id}`);
  return o;
}

export async function answerObjection(db: Kysely<DB>, id: number, answer: string, by: string, at: string): Promise<void> {
  await db.updateTable('aid_objections').set({ answer, answered_by: by, answered_at: at }).where('id', '=', id).execute();
}

export async function batchesOfTerm(db: Kysely<DB>, schoolYear: number, term: string): Promise<BatchRow[]> {
  return db.selectFrom('aid_batches').selectAll().where('school_year', '=', schoolYear).where('term', '=', term).orderBy('id').execute();
}

export async function updateLines(db: Kysely<DB>, ids: number[], set: Partial<Omit<AidBatchRowTable, 'id'>>): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.updateTable('aid_batch_rows').set(set).where('id', 'in', ids.slice(i, i + 500)).execute();
}

/** Paid lines of a school year (and term), for the ledger and the supervision export. */
export async function paidLines(db: Kysely<DB>, schoolYear: number, term: string | null, scope: DataScope = { kind: 'all' }) {
  let q = db
    .selectFrom('aid_batch_rows as r')
    .innerJoin('aid_batches as b', 'b.id', 'r.batch_id')
    .selectAll('r')
    .select(['b.term', 'b.school_year'])
    .where('b.school_year', '=', schoolYear)
    .where('b.payee_kind', '=', 'student')
    .where('r.pay_status', '=', '已发放')
    .where(studentScope(scope, 'r'));
  if (term) q = q.where('b.term', '=', term);
  return q.orderBy('r.batch_id').orderBy('r.seq').execute();
}
