// Read-only SQL for the console's batch pages: batches of a term, one batch's rows (a school sees
// only its own), objections, counts by pay status.
import type { ExpressionBuilder, Kysely } from 'kysely';
import { sortOf } from '../platform/list-sort.ts';
import { PAY_FILTERS, type BatchLinesQuery, type BatchListQuery } from './batch.schema.ts';
import type { DB } from '../db/schema.ts';
import { like } from '../platform/query.repository.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';

/** A batch reaches a user when one of its rows lies in their scope (a county's batches, a school's). */
function reaches(scope: DataScope) {
  return (eb: ExpressionBuilder<DB, 'aid_batches'>) =>
    eb.exists(eb.selectFrom('aid_batch_rows as r').select('r.id').whereRef('r.batch_id', '=', 'aid_batches.id').where(studentScope(scope, 'r')));
}

const BATCH_SORT_COLUMNS = { id: 'id', status: 'status', amount: 'amount_fen', rows: 'row_count' } as const;

export async function listBatches(db: Kysely<DB>, scope: DataScope, f: { schoolYear?: number; term?: string; kind?: string; sort?: BatchListQuery['sort'] }, page: number, pageSize: number) {
  let q = db.selectFrom('aid_batches');
  if (scope.kind !== 'all') q = q.where(reaches(scope));
  if (f.schoolYear) q = q.where('school_year', '=', f.schoolYear);
  if (f.term) q = q.where('term', '=', f.term);
  if (f.kind) q = q.where('payee_kind', '=', f.kind);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { key, desc } = sortOf(f.sort, 'id', true);
  const rows = await q.selectAll().orderBy(BATCH_SORT_COLUMNS[key], desc ? 'desc' : 'asc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total: Number(total.n) };
}

const LINE_SORT_COLUMNS = { seq: 'r.seq', name: 'r.name', school: 'r.school_code', amount: 'r.amount_fen', status: 'r.pay_status' } as const;

/** One page of a batch's rows within the scope, filtered and sorted (ties by 序号, then row id). */
export async function batchLinesPage(db: Kysely<DB>, id: number, scope: DataScope, f: Omit<BatchLinesQuery, 'page' | 'pageSize'>, page: number, pageSize: number) {
  let q = db.selectFrom('aid_batch_rows as r').where('r.batch_id', '=', id).where(studentScope(scope, 'r'));
  const text = f.q;
  if (text) q = q.where((eb) => eb.or([like('r.name', text, 'contains'), like('r.school_name', text, 'contains')]));
  if (f.name) q = q.where(like('r.name', f.name, 'prefix'));
  if (f.school) q = q.where('r.school_code', '=', f.school);
  if (f.status) q = q.where('r.pay_status', '=', PAY_FILTERS[f.status]);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { key, desc } = sortOf(f.sort, 'seq');
  const rows = await q
    .selectAll('r')
    .orderBy(LINE_SORT_COLUMNS[key], desc ? 'desc' : 'asc')
    .orderBy('r.seq')
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function payCounts(db: Kysely<DB>, id: number, scope: DataScope): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('aid_batch_rows as r')
    .select((eb) => ['r.pay_status', eb.fn.countAll<number>().as('n')])
    .where('r.batch_id', '=', id)
    .where(studentScope(scope, 'r'))
    .groupBy('r.pay_status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.pay_status, Number(r.n)]));
}

/** The objections of a batch about the students of the scope, and those about no one in particular. */
export async function objectionsOf(db: Kysely<DB>, id: number, scope: DataScope = { kind: 'all' }) {
  let q = db.selectFrom('aid_objections as o').selectAll('o').where('o.batch_id', '=', id);
  if (scope.kind !== 'all') {
    q = q.where((eb) =>
      eb.or([
        eb('o.student_no', 'is', null),
        eb.exists(eb.selectFrom('aid_batch_rows as r').select('r.id').whereRef('r.batch_id', '=', 'o.batch_id').whereRef('r.student_no', '=', 'o.student_no').where(studentScope(scope, 'r'))),
      ]),
    );
  }
  return q.orderBy('o.id').execute();
}

/** How many rows of the batch there are, and how many lie in the scope. */
export async function batchReach(db: Kysely<DB>, id: number, scope: DataScope): Promise<{ rows: number; inScope: number }> {
  const all = await db.selectFrom('aid_batch_rows as r').where('r.batch_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const mine = await db.selectFrom('aid_batch_rows as r').where('r.batch_id', '=', id).where(studentScope(scope, 'r')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: Number(all.n), inScope: Number(mine.n) };
}
