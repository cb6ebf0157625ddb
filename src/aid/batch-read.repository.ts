// Read-only SQL for the console's batch pages: batches of a term, one batch's rows (a school sees
// only its own), objections, counts by pay status.
import { sortOf } from '../platform/list-sort.ts';
import type { BatchListQuery } from './batch.schema.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { like } from '../platform/query.repository.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';

const BATCH_SORT_COLUMNS = { id: 'id', status: 'status', amount: 'amount_fen', rows: 'row_count' } as const;

export async function listBatches(db: Kysely<DB>, f: { schoolYear?: number; term?: string; sort?: BatchListQuery['sort'] }, page: number, pageSize: number) {
  let q = db.selectFrom('aid_batches');
  if (f.schoolYear) q = q.where('school_year', '=', f.schoolYear);
  if (f.term) q = q.where('term', '=', f.term);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { key, desc } = sortOf(f.sort, 'id', true);
  const rows = await q.selectAll().orderBy(BATCH_SORT_COLUMNS[key], desc ? 'desc' : 'asc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total: Number(total.n) };
}

export async function batchLinesPage(db: Kysely<DB>, id: number, scope: DataScope, text: string | undefined, page: number, pageSize: number) {
  let q = db.selectFrom('aid_batch_rows as r').where('r.batch_id', '=', id).where(studentScope(scope, 'r'));
  if (text) q = q.where((eb) => eb.or([like('r.name', text, 'contains'), like('r.school_name', text, 'contains')]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('r').orderBy('r.seq').limit(pageSize).offset((page - 1) * pageSize).execute();
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

export async function objectionsOf(db: Kysely<DB>, id: number) {
  return db.selectFrom('aid_objections').selectAll().where('batch_id', '=', id).orderBy('id').execute();
}
