// Test helper: every storage test runs in a loop over both dialects. Each test database is new
// (a temporary SQLite file, or a PostgreSQL database of its own) and dropped afterwards.
// In CI a missing PostgreSQL server is a failure; elsewhere its tests are skipped with a reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openMigrated, type Database, type DatabaseOptions } from './database.ts';
import type { DialectName } from './dialect.ts';

export const PG_ADMIN_URL = process.env.FUZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  options: DatabaseOptions;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

let pgState: Promise<string | null> | undefined;

/** null when PostgreSQL answers; otherwise the reason it cannot be used. */
export function postgresUnavailable(): Promise<string | null> {
  pgState ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (e) {
      return `PostgreSQL at ${PG_ADMIN_URL} is not reachable: ${(e as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgState;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const tag = `fuzhi_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-test-'));
    const options = { dbPath: path.join(dir, `${tag}.db`) };
    return {
      options,
      open: () => openMigrated(options),
      drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${tag}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${tag}`;
  const options = { url: url.toString() };
  return {
    options,
    open: () => openMigrated(options),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${tag} with (force)`);
      await c.end();
    },
  };
}

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/**
 * Whether a dialect's tests should run. PostgreSQL missing: a failure in CI (thrown), a skip
 * with a printed reason elsewhere.
 */
export async function dialectAvailable(dialect: DialectName): Promise<boolean> {
  if (dialect === 'sqlite') return true;
  const reason = await postgresUnavailable();
  if (reason === null) return true;
  if (process.env.CI) throw new Error(`CI needs PostgreSQL: ${reason}`);
  console.warn(`[skip] PostgreSQL tests skipped: ${reason}`);
  return false;
}
