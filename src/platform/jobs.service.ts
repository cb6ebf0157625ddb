// Long work from the browser as persisted jobs: the upload is saved beside the database, the same
// `bin/fuzhi` command a county officer would type runs in a process of its own (so an import in the
// browser keeps every guarantee of one in a terminal: one transaction, waits for the lock, audit),
// and reports its progress and outcome into its row (cli/job-reporter.ts). A page that reloads
// finds the job where it left it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseOptions } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { FuzhiError, usageError } from '../kernel/errors.ts';
import { recordAudit } from './audit.repository.ts';
import { findJob, insertJob, updateJob, type JobRow } from './jobs.repository.ts';
import { redactIds } from './privacy.rules.ts';
import type { Actor } from './scope.ts';

export const UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;
export const IMPORT_KINDS = ['schools', 'students', 'households', 'teachers'] as const;
export type ImportJobKind = (typeof IMPORT_KINDS)[number];

export interface JobContext {
  db: Kysely<DB>;
  /** How the job's command reaches the same database. */
  databaseOptions: DatabaseOptions;
  /** Where uploads and their error files are kept (jobs/<id>/). */
  dataDir: string;
  /** bin/fuzhi of this installation. */
  bin: string;
}

function dbEnv(o: DatabaseOptions): Record<string, string | undefined> {
  return o.url ? { DATABASE_URL: o.url, FUZHI_DB: undefined } : { FUZHI_DB: path.resolve(o.dbPath!), DATABASE_URL: undefined };
}

/** The folder of a job's upload and files. */
export function jobDir(ctx: Pick<JobContext, 'dataDir'>, id: string): string {
  return path.join(ctx.dataDir, 'jobs', id);
}

/** Saves the request body to the job's folder, refusing more than the limit. */
async function saveUpload(body: Readable, file: string): Promise<number> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > UPLOAD_LIMIT_BYTES) done(new FuzhiError('UPLOAD_TOO_LARGE', '文件超过 200 MB', 'the file is larger than 200 MB', { status: 413 }));
      else done(null, chunk);
    },
  });
  await pipeline(body, limit, fs.createWriteStream(file));
  return bytes;
}

/** Runs `bin/fuzhi args…` for the job; the command writes its own progress and outcome. */
function runCommand(ctx: JobContext, job: JobRow, args: string[]): void {
  const child = spawn(process.execPath, [ctx.bin, ...args], {
    env: { ...process.env, ...dbEnv(ctx.databaseOptions), FUZHI_JOB_ID: job.id, FUZHI_JOB_ACTOR: job.actor, FUZHI_TRACE: undefined },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  child.on('exit', (code) => {
    // a command that died before reporting (killed, out of memory) must not leave a job running
    void (async () => {
      const row = await findJob(ctx.db, job.id);
      if (row && (row.status === 'queued' || row.status === 'running')) {
        const message = `任务异常结束（退出码 ${code ?? '?'}）`;
        await updateJob(ctx.db, job.id, {
          status: 'failed',
          message,
          error_json: JSON.stringify({ code: 'JOB_DIED', message, messageEn: `the job's process ended (exit ${code ?? '?'})`, where: null, detail: redactIds(stderr.slice(-500)) }),
          finished_at: nowIso(),
        });
      }
    })().catch(() => undefined);
  });
}

/** An import of an uploaded list as a job: schools, students or households (with its list kind). */
export async function startImportJob(
  ctx: JobContext,
  actor: Actor,
  o: { kind: ImportJobKind; listKind?: string; fileName: string; body: Readable },
): Promise<JobRow> {
  const ext = path.extname(o.fileName).toLowerCase();
  if (!['.csv', '.xlsx', '.xls'].includes(ext)) {
    throw usageError(`文件“${o.fileName}”的类型不受支持：请上传 .csv、.xlsx 或 .xls`, `"${o.fileName}" is not a .csv, .xlsx or .xls file`);
  }
  const id = randomUUID();
  const dir = path.join(ctx.dataDir, 'jobs', id);
  fs.mkdirSync(dir, { recursive: true });
  const upload = path.join(dir, `upload${ext}`);
  try {
    await saveUpload(o.body, upload);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  // rejected rows come back in the upload's own format (an .xls upload gets .xlsx: .xls is not written)
  const outExt = ext === '.csv' ? '.csv' : '.xlsx';
  const errorsFile = path.join(dir, `errors${outExt}`);
  const warningsFile = path.join(dir, `warnings${outExt}`);
  const job: JobRow = {
    id,
    kind: 'import',
    params_json: JSON.stringify({ list: o.kind, listKind: o.kind === 'households' ? (o.listKind ?? '建档立卡') : null }),
    file_name: path.basename(o.fileName),
    status: 'queued',
    progress: 0,
    message: '排队中',
    result_json: null,
    error_json: null,
    errors_file: errorsFile,
    warnings_file: o.kind === 'teachers' ? null : warningsFile,
    actor: actor.username,
    region_code: actor.regionCode,
    pid: null,
    created_at: nowIso(),
    started_at: null,
    finished_at: null,
  };
  await insertJob(ctx.db, job);
  await recordAudit(ctx.db, { actor: actor.username, action: 'job.import', target: job.file_name ?? id, regions: [actor.regionCode], detail: { job: id, list: o.kind } });
  // the registry lists also write their rows with warnings; the 教师花名册 reports them in its summary
  const args = ['import', o.kind, upload, '--errors', errorsFile, ...(o.kind === 'teachers' ? [] : ['--warnings', warningsFile])];
  if (o.kind === 'households') args.push('--list', o.listKind ?? '建档立卡');
  runCommand(ctx, job, args);
  return job;
}

/** A match run as a job. */
export async function startMatchJob(ctx: JobContext, actor: Actor, schoolYear: number): Promise<JobRow> {
  const job: JobRow = {
    id: randomUUID(), kind: 'match', params_json: JSON.stringify({ schoolYear }), file_name: null, status: 'queued', progress: 0, message: '排队中',
    result_json: null, error_json: null, errors_file: null, warnings_file: null, actor: actor.username, region_code: actor.regionCode, pid: null,
    created_at: nowIso(), started_at: null, finished_at: null,
  };
  await insertJob(ctx.db, job);
  await recordAudit(ctx.db, { actor: actor.username, action: 'job.match', target: `${schoolYear}`, regions: [actor.regionCode], detail: { job: job.id } });
  runCommand(ctx, job, ['match', '--school-year', String(schoolYear)]);
  return job;
}

/**
 * Any other `bin/fuzhi` command as a job (e.g. `entitle` from the aid pages): the capability names its
 * args; a command that writes a file is given the job's own folder (jobs/<id>/) to write it in.
 */
export async function startCommandJob(
  ctx: JobContext,
  actor: Actor,
  o: { kind: string; params: Record<string, unknown>; args: string[] | ((dir: string) => string[]); audit: string; target: string; fileName?: string },
): Promise<JobRow> {
  const id = randomUUID();
  let args: string[];
  if (typeof o.args === 'function') {
    const dir = jobDir(ctx, id);
    fs.mkdirSync(dir, { recursive: true });
    args = o.args(dir);
  } else args = o.args;
  const job: JobRow = {
    id, kind: o.kind, params_json: JSON.stringify(o.params), file_name: o.fileName ?? null, status: 'queued', progress: 0, message: '排队中',
    result_json: null, error_json: null, errors_file: null, warnings_file: null, actor: actor.username, region_code: actor.regionCode, pid: null,
    created_at: nowIso(), started_at: null, finished_at: null,
  };
  await insertJob(ctx.db, job);
  await recordAudit(ctx.db, { actor: actor.username, action: o.audit, target: o.target, regions: [actor.regionCode], detail: { job: job.id } });
  runCommand(ctx, job, args);
  return job;
}
