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
import * as mDropout from './migrations/20261202030000-Dropout.ts';
import * as mCare from './migrations/20261202030100-Care.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '20261126000000-Init': m0,
  '20261126010000-Aid': mAid,
  '20261126010100-AidGrants': mAidGrants,
  '20261202030000-Dropout': mDropout,
  '20261202030100-Care': mCare,
};

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The better-sqlite3 handle, for the bulk paths of repositories; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** Where the data lives, for messages (a file path or the URL without password). */
  location: string;
  /** Migrations applied when this handle was opened (openMigrated). */
  applied: string[];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dbPath?: string;
  url?: string;
}

pg.types.setTypeParser(20, (v) => Number(v)); // bigint counts and ids fit in a JS number here
pg.types.setTypeParser(1700, (v) => Number(v));

export function resolveDatabaseOptions(flagPath?: string, env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (flagPath) return { dbPath: flagPath };
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dbPath: env.FUZHI_DB || path.join(process.cwd(), 'data', 'fuzhi.db') };
}

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 8 });
    // an idle connection closed by the server (restart, 57P01) must not crash the process
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      sqlite: null,
      location: opts.url.replace(/:[^:@/]*@/, ':***@'),
      applied: [],
      close: () => db.destroy(),
    };
  }
  const file = opts.dbPath ?? path.join(process.cwd(), 'data', 'fuzhi.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file);
    handle.pragma('journal_mode = WAL');
  } catch (e) {
    throw new FuzhiError('DB_OPEN', `无法打开数据库文件 ${file}`, `cannot open database file ${file}`, {
      exitCode: 2,
      cause: e,
    });
  }
  handle.pragma('synchronous = NORMAL');
  handle.pragma('cache_size = -131072');
  handle.pragma('temp_store = MEMORY');
  handle.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', sqlite: handle, location: file, applied: [], close: () => db.destroy() };
}

/** Creates or migrates the schema; returns the names of the migrations applied now. */
export async function migrate(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new FuzhiError('DB_MIGRATE', '数据库迁移失败', 'database migration failed', { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Opens and migrates: what every command does first. */
export async function openMigrated(opts: DatabaseOptions): Promise<Database> {
  const database = openDatabase(opts);
  try {
    database.applied = await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
