// Jobs: the only SQL for persisted long work (imports, match runs) started from the browser. The
// table lives in the ops store, so a running import can report progress while it holds the main
// file's write lock.
import type { Kysely } from 'kysely';
import type { DB, JobTable } from '../db/schema.ts';
import type { DataScope } from './scope.ts';

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

export async function listJobs(db: Kysely<DB>, scope: DataScope, username: string, page: number, pageSize: number): Promise<{ rows: JobRow[]; total: number }> {
  const total = await scoped(db, scope, username).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await scoped(db, scope, username)
    .selectAll()
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
