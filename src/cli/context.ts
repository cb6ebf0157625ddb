// What every command shares: opening the database, printing the JSON result as the last line
// of stdout, and turning errors into Chinese and English messages with the right exit code.
import type { Command } from 'commander';
import { openMigrated, resolveDatabaseOptions, type Database } from '../db/database.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { todayIsForced, today } from '../kernel/clock.ts';
import { cliActor } from '../platform/scope.ts';
import { allCounties, auditFilesByName, recordAudit } from '../platform/audit.repository.ts';
import { sayWaiting } from '../db/long-write.ts';
import { beginJob, endJob } from './job-reporter.ts';

export interface GlobalOptions {
  db?: string;
}

export function globalsOf(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** Opens (and migrates) the database chosen by --db / DATABASE_URL / FUZHI_DB, runs fn, closes. */
export async function withDatabase<T>(cmd: Command, fn: (database: Database) => Promise<T>): Promise<T> {
  // a write that meets another import's or match's lock waits, and says so once
  const database = await openMigrated(resolveDatabaseOptions(globalsOf(cmd).db), { onWait: sayWaiting });
  // a command the server started as a job writes into the job's folder: its audit entries name files by file name
  if (process.env.FUZHI_JOB_ID) auditFilesByName();
  try {
    if (todayIsForced()) {
      // a rehearsal date changes every deadline of the database: every county's inspector sees it
      await recordAudit(database.db, {
        actor: cliActor().username,
        action: 'clock.override',
        target: today(),
        regions: await allCounties(database.db),
        detail: { command: cmd.name(), argv: process.argv.slice(2) },
      });
    }
    await beginJob(database.db);
    try {
      const result = await fn(database);
      await endJob({ result });
      return result;
    } catch (e) {
      await endJob({ error: e }).catch(() => undefined);
      throw e;
    }
  } finally {
    await database.close();
  }
}

export function printResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function printError(e: unknown): number {
  if (e instanceof FuzhiError) {
    const where = e.describeWhere();
    process.stderr.write(`错误：${e.messageZh}${where.zh ? `（${where.zh}）` : ''}\n`);
    process.stderr.write(`Error: ${e.messageEn}${where.en ? ` (${where.en})` : ''}\n`);
    return e.exitCode;
  }
  const err = e as { code?: string; message?: string };
  if (err && typeof err.code === 'string' && err.code.startsWith('commander.')) return 2;
  process.stderr.write(`错误：内部错误，操作未完成 / Error: internal error, nothing was completed: ${err?.message ?? String(e)}\n`);
  if (process.env.FUZHI_DEBUG) console.error(e);
  return 1;
}

/** Wraps a command action: result JSON on stdout, errors on stderr, exit code set. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const result = await fn(...args);
      if (result !== undefined) printResult(result);
    } catch (e) {
      process.exitCode = printError(e);
    }
  };
}
