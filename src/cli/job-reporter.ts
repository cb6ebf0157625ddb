// A command started by the server as a job (FUZHI_JOB_ID) reports into its row of the jobs table:
// progress while it runs (at most twice a second), then its JSON summary or its error. From a
// terminal nothing of this happens.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { updateJob } from '../platform/jobs.repository.ts';
import { withoutServerPaths } from '../platform/job-result.rules.ts';
import { regionNames } from '../platform/region.repository.ts';

let current: { db: Kysely<DB>; id: string; last: number; pending: Promise<void> } | null = null;

/** Called when the command's database is open. */
export async function beginJob(db: Kysely<DB>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const id = env.FUZHI_JOB_ID;
  if (!id) return;
  current = { db, id, last: 0, pending: Promise.resolve() };
  await updateJob(db, id, { status: 'running', started_at: nowIso(), pid: process.pid, message: '进行中' });
}

/** Progress of the running job (fire and forget, throttled). */
export function reportJobProgress(done: number, total: number, message?: string): void {
  const job = current;
  if (!job || total <= 0) return;
  const now = Date.now();
  if (now - job.last < 500 && done < total) return;
  job.last = now;
  const progress = Math.max(0, Math.min(1, done / total));
  job.pending = job.pending.then(() => updateJob(job.db, job.id, { progress, ...(message ? { message } : {}) })).catch(() => undefined);
}

/**
 * A county of a match compared (in the order counties finish when workers compare them at once):
 * the job's message names it (甘洛县 513433, or the code when the regions table has no name). Every
 * county is written (one takes seconds at city scale, so this is no flood), its progress between
 * the run's reading (1/3) and its write (2/3, the progress bar of `match`), so that the job's bar
 * never goes back.
 */
export async function reportCountyProgress(db: Kysely<DB>, county: string, done: number, total: number): Promise<void> {
  const job = current;
  if (!job || total <= 0) return;
  const name = (await regionNames(db, [county])).get(county);
  job.last = Date.now();
  const progress = (1 + Math.max(0, Math.min(1, done / total))) / 3;
  const message = `按县比对：${name ? `${name} ${county}` : county}（${done}/${total}）`;
  job.pending = job.pending.then(() => updateJob(job.db, job.id, { progress, message })).catch(() => undefined);
}

/** The command finished: its summary (files named without the server's folders), or its error, becomes the job's outcome. */
export async function endJob(outcome: { result: unknown } | { error: unknown }): Promise<void> {
  const job = current;
  if (!job) return;
  current = null;
  await job.pending;
  const at = nowIso();
  if ('result' in outcome) {
    await updateJob(job.db, job.id, { status: 'done', progress: 1, message: '已完成', result_json: JSON.stringify(withoutServerPaths(outcome.result ?? null)), finished_at: at });
    return;
  }
  const e = outcome.error;
  const body =
    e instanceof FuzhiError
      ? { code: e.code, message: e.messageZh, messageEn: e.messageEn, where: e.where ?? null }
      : { code: 'INTERNAL', message: '内部错误，操作未完成', messageEn: 'internal error; nothing was completed', where: null };
  await updateJob(job.db, job.id, { status: 'failed', message: body.message, error_json: JSON.stringify(body), finished_at: at });
}
