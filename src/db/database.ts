// Opens the database the command or server works on: a SQLite file (default ./data/fuzhi.db)
// or PostgreSQL (DATABASE_URL), and brings its schema up to date with the one migration set.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import type { DB } from './schema.ts';
import type { DialectName } from './dialect.ts';
import { FuzhiError } from '../kernel/errors.ts';
import * as m0 from './migrations/20261126000000-Init.ts';
import * as mAid from './migrations/20261126010000-Aid.ts';
import * as mAidGrants from './migrations/20261126010100-AidGrants.ts';
import * as mOps from './migrations/20261202000000-OpsStore.ts';
import { PooledSqliteDialect, WRITE_LOCK_TABLE } from './sqlite-driver.ts';
import * as mStageSpellings from './migrations/20261202010000-StageSpellings.ts';
import * as mDecisionLevels from './migrations/20261202020000-DecisionLevels.ts';
import * as mDropout from './migrations/20261202030000-Dropout.ts';
import * as mCare from './migrations/20261202030100-Care.ts';
import * as mSchools from './migrations/20261202040000-SchoolsTeachersIndicators.ts';
import * as mJobs from './migrations/20261202050000-Jobs.ts';
import * as mStudentFileIndexes from './migrations/20261202050000-StudentFileIndexes.ts';
import * as mAidSubmissions from './migrations/20261202060000-AidSubmissions.ts';
import * as mAidRecognitionObjections from './migrations/20261203020000-AidRecognitionObjections.ts';
import * as mListIndexes from './migrations/20261203030000-ListIndexes.ts';
import * as mProjectsTeachersSupervision from './migrations/20261203050000-ProjectsTeachersSupervision.ts';
import * as mHouseholdPairing from './migrations/20261203010000-HouseholdPairing.ts';
import * as mActivityRecords from './migrations/20261204060300-ActivityRecords.ts';
import * as mIndicatorEvidence from './migrations/20261205010000-IndicatorEvidence.ts';
import * as mUniquePairings from './migrations/20261205020000-UniquePairings.ts';
import * as mTeacherBatches from './migrations/20261206030000-TeacherBatches.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '20261126000000-Init': m0,
  '20261126010000-Aid': mAid,
  '20261126010100-AidGrants': mAidGrants,
  '20261202000000-OpsStore': mOps,
  '20261202010000-StageSpellings': mStageSpellings,
  '20261202020000-DecisionLevels': mDecisionLevels,
  '20261202030000-Dropout': mDropout,
  '20261202030100-Care': mCare,
  '20261202040000-SchoolsTeachersIndicators': mSchools,
  '20261202050000-Jobs': mJobs,
  '20261202050000-StudentFileIndexes': mStudentFileIndexes,
  '20261202060000-AidSubmissions': mAidSubmissions,
  '20261203020000-AidRecognitionObjections': mAidRecognitionObjections,
  '20261203030000-ListIndexes': mListIndexes,
  '20261203050000-ProjectsTeachersSupervision': mProjectsTeachersSupervision,
  '20261203010000-HouseholdPairing': mHouseholdPairing,
  '20261204060300-ActivityRecords': mActivityRecords,
  '20261205010000-IndicatorEvidence': mIndicatorEvidence,
  '20261205020000-UniquePairings': mUniquePairings,
  '20261206030000-TeacherBatches': mTeacherBatches,
};

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The better-sqlite3 handle, for the bulk paths of repositories; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** The PostgreSQL pool, for COPY (db/pg-copy.ts); absent on SQLite. */
  pgPool?: pg.Pool;
  /** Where the data lives, for messages (a file path or the URL without password). */
  location: string;
  /** Migrations applied when this handle was opened (openMigrated). */
  applied: string[];
  /** How it was opened: another thread opens its own connection with these (openReader). */
  options?: DatabaseOptions;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dbPath?: string;
  url?: string;
}

export interface OpenOptions {
  /** SQLite connections: 1 for a command (its bulk paths share the handle), more for the server. */
  pool?: number;
  /** How long a write waits for SQLite's lock before DB_BUSY: long for commands, short for the server. */
  busyDeadlineMs?: number;
  /** Called once when a write waits for another writer (the CLI tells the user). */
  onWait?: (waitedMs: number) => void;
}

/** A command waits for another import or match as long as it takes (within reason). */
export const COMMAND_BUSY_DEADLINE_MS = 30 * 60_000;
/** The server answers 503 with Retry-After rather than keep a request waiting longer. */
export const SERVER_BUSY_DEADLINE_MS = 5_000;

/**
 * The ops file beside a SQLite database (fuzhi.db → fuzhi.ops.db): sessions, login attempts and
 * the audit log, attached as schema `ops` so that they stay writable while an import holds the
 * main file's write lock (decision 0004). On PostgreSQL these tables live in the one database.
 */
export function opsPathOf(file: string): string {
  if (file === ':memory:') return ':memory:';
  return file.endsWith('.db') ? `${file.slice(0, -3)}.ops.db` : `${file}.ops.db`;
}

function configure(handle: SQLite.Database, file: string, first: boolean): void {
  if (handle.pragma('journal_mode', { simple: true }) !== 'wal') handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma(first ? 'cache_size = -131072' : 'cache_size = -16384');
  handle.pragma('temp_store = MEMORY');
  // never block the event loop on the lock: the driver waits with timers (sqlite-driver.ts)
  handle.pragma('busy_timeout = 0');
  handle.prepare('attach database ? as ops').run(opsPathOf(file));
  if (handle.pragma('ops.journal_mode', { simple: true }) !== 'wal') handle.pragma('ops.journal_mode = WAL');
  handle.pragma('ops.synchronous = NORMAL');
  const lock = handle.prepare("select 1 from main.sqlite_master where type = 'table' and name = ?").get(WRITE_LOCK_TABLE);
  if (!lock) {
    try {
      handle.exec(`create table if not exists main.${WRITE_LOCK_TABLE} (id integer primary key)`);
    } catch {
      /* another writer holds the lock: the migration creates the table */
    }
  }
}

pg.types.setTypeParser(20, (v) => Number(v)); // bigint counts and ids fit in a JS number here
pg.types.setTypeParser(1700, (v) => Number(v));

export function resolveDatabaseOptions(flagPath?: string, env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (flagPath) return { dbPath: flagPath };
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dbPath: env.FUZHI_DB || path.join(process.cwd(), 'data', 'fuzhi.db') };
}

export function openDatabase(opts: DatabaseOptions, o: OpenOptions = {}): Database {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 8 });
    // an idle connection closed by the server (restart, 57P01) must not crash the process
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      sqlite: null,
      pgPool: pool,
      location: opts.url.replace(/:[^:@/]*@/, ':***@'),
      applied: [],
      options: opts,
      close: () => db.destroy(),
    };
  }
  const file = opts.dbPath ?? path.join(process.cwd(), 'data', 'fuzhi.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let dialect: PooledSqliteDialect;
  let opened = 0;
  try {
    dialect = new PooledSqliteDialect({
      open: () => {
        const handle = new SQLite(file);
        try {
          configure(handle, file, opened++ === 0);
        } catch (e) {
          handle.close();
          throw e;
        }
        return handle;
      },
      size: file === ':memory:' ? 1 : Math.max(1, o.pool ?? 1),
      busyDeadlineMs: o.busyDeadlineMs ?? COMMAND_BUSY_DEADLINE_MS,
      onWait: o.onWait,
    });
  } catch (e) {
    throw new FuzhiError('DB_OPEN', `无法打开数据库文件 ${file}`, `cannot open database file ${file}`, {
      exitCode: 2,
      cause: e,
    });
  }
  const db = new Kysely<DB>({ dialect });
  return { db, dialect: 'sqlite', sqlite: dialect.driver.first(), location: file, applied: [], options: { dbPath: file }, close: () => db.destroy() };
}

/** The options another thread opens the same data with (openReader). */
export function readerOptionsOf(database: Database): DatabaseOptions {
  if (database.options) return database.options;
  if (database.sqlite) return { dbPath: database.sqlite.name };
  throw new Error(`no connection options for ${database.location}`);
}

/**
 * A read-only connection of its own to data another handle has opened and migrated (a worker
 * thread of a match): on SQLite a read-only handle on the same file (WAL lets it read beside the
 * writer), on PostgreSQL one client. Nothing is migrated or created.
 */
export function openReader(opts: DatabaseOptions): Database {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 1 });
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlite: null, pgPool: pool, location: opts.url.replace(/:[^:@/]*@/, ':***@'), applied: [], options: opts, close: () => db.destroy() };
  }
  const file = opts.dbPath!;
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file, { readonly: true, fileMustExist: true });
    handle.pragma('cache_size = -16384');
  } catch (e) {
    throw new FuzhiError('DB_OPEN', `无法打开数据库文件 ${file}`, `cannot open database file ${file}`, { exitCode: 2, cause: e });
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', sqlite: handle, location: file, applied: [], options: opts, close: () => db.destroy() };
}

/** Creates or migrates the schema; returns the names of the migrations applied now. */
export async function migrate(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    // Each migration adds its own tables and indexes and never depends on a sibling of the same
    // day, so a database made from a branch whose migrations landed in another order still migrates.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new FuzhiError('DB_MIGRATE', '数据库迁移失败', 'database migration failed', { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Opens and migrates: what every command does first. */
export async function openMigrated(opts: DatabaseOptions, o: OpenOptions = {}): Promise<Database> {
  const database = openDatabase(opts, o);
  try {
    database.applied = await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
