// Jobs: the only SQL for persisted long work (imports, match runs) started from the browser. The
// table lives in the ops store, so a running import can report progress while it holds the main
// file's write lock.
import type { Kysely } from 'kysely';
import type { DB, JobTable } from '../db/schema.ts';
import type { DataScope } from './scope.ts';
import { sortOf } from './list-sort.ts';
import type { JobListQuery } from './jobs.schema.ts';

export type JobRow = JobTable;

export async function insertJob(db: Kysely<DB>, row: JobRow): Promise<void> {
  await db.insertInto('jobs').values(row).execute();
}

export async function updateJob(db: Kysely<DB>, id: string, set: Partial<Omit<JobRow, 'id'>>): Promise<void> {
  await db.updateTable('jobs').set(set).where('id', '=', id).execute();
}

export async function findJob(db: Kysely<DB>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs a reader may see: an administrator all; a region user the jobs started in its region; others their own. */
function scoped(db: Kysely<DB>, scope: DataScope, username: string) {
  const q = db.selectFrom('jobs');
  if (scope.kind === 'all') return q;
  if (scope.kind === 'region') return q.where((eb) => eb.or([eb('region_code', 'like', `${scope.prefix}%`), eb('actor', '=', username)]));
  return q.where('actor', '=', username);
}

const JOB_SORT_COLUMNS = { createdAt: 'created_at', status: 'status', actor: 'actor' } as const;

export async function listJobs(
  db: Kysely<DB>,
  scope: DataScope,
  username: string,
  page: number,
  pageSize: number,
  f: Pick<JobListQuery, 'kind' | 'status' | 'sort'> = {},
): Promise<{ rows: JobRow[]; total: number }> {
  const filtered = () => {
    let q = scoped(db, scope, username);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.status) q = q.where('status', '=', f.status);
    return q;
  };
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { key, desc } = sortOf(f.sort, 'createdAt', true);
  const rows = await filtered()
    .selectAll()
    .orderBy(JOB_SORT_COLUMNS[key], desc ? 'desc' : 'asc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function jobInScope(db: Kysely<DB>, scope: DataScope, username: string, id: string): Promise<JobRow | undefined> {
  return scoped(db, scope, username).selectAll().where('id', '=', id).executeTakeFirst();
}
