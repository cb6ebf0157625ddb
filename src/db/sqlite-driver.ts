// The SQLite driver of Fuzhi: a small pool of better-sqlite3 connections in WAL mode that never
// blocks the event loop on SQLite's single write lock. A write that meets the lock (an import or
// a match holds it for seconds) waits with timers, not with busy_timeout, and gives up after a
// deadline with a 503-style DB_BUSY error; readers on the other connections go on meanwhile.
// A transaction takes the main file's write lock when it begins (on main only, so that the
// sessions and the audit log in the attached ops file stay writable during a long import).
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { FuzhiError } from '../kernel/errors.ts';

export interface SqlitePoolOptions {
  /** Opens one configured connection (pragmas, ops file attached). */
  open: () => SQLite.Database;
  /** Connections in the pool: 1 for a command (bulk paths share it), a few for the server. */
  size: number;
  /** How long a write may wait for the lock before DB_BUSY (ms). */
  busyDeadlineMs: number;
  /** Called once when a write has waited for another writer for a while (the CLI says so). */
  onWait?: (waitedMs: number) => void;
}

/** The write lock of the main file, taken by `begin` without touching the attached ops file. */
export const WRITE_LOCK_TABLE = 'fuzhi_write_lock';
const TAKE_MAIN_LOCK = `delete from main.${WRITE_LOCK_TABLE}`;
const WAIT_REPORT_MS = 1000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function busyKind(e: unknown): 'busy' | 'snapshot' | null {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'busy';
  if (code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_BUSY_RECOVERY' || code === 'SQLITE_LOCKED_SHAREDCACHE') return 'snapshot';
  return null;
}

/** The error a request gets when the lock stayed taken: the API answers 503 with Retry-After. */
export function databaseBusy(cause?: unknown): FuzhiError {
  return new FuzhiError(
    'DB_BUSY',
    '数据库正在执行导入或比对，请稍后重试（未做任何修改）',
    'the database is busy with an import or a match; retry shortly (nothing was changed)',
    { status: 503, cause },
  );
}

export function isDatabaseBusy(e: unknown): boolean {
  return e instanceof FuzhiError && e.code === 'DB_BUSY';
}

class Waiter {
  private readonly start = Date.now();
  private delay = 5;
  private reported = false;
  constructor(private readonly o: SqlitePoolOptions) {}

  /** Sleeps before the next try, or throws DB_BUSY when the deadline has passed. */
  async next(cause: unknown): Promise<void> {
    const waited = Date.now() - this.start;
    if (waited >= this.o.busyDeadlineMs) throw databaseBusy(cause);
    if (!this.reported && waited >= WAIT_REPORT_MS) {
      this.reported = true;
      this.o.onWait?.(waited);
    }
    await sleep(Math.min(this.delay, this.o.busyDeadlineMs - waited));
    this.delay = Math.min(this.delay * 2, 200);
  }
}

class PooledConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly handle: SQLite.Database,
    private readonly o: SqlitePoolOptions,
  ) {}

  private runOnce<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.handle.prepare(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const waiter = new Waiter(this.o);
    for (;;) {
      try {
        return this.runOnce<R>(compiled);
      } catch (e) {
        const kind = busyKind(e);
        // A plain SQLITE_BUSY left no trace: the statement may run again. A stale snapshot inside
        // a transaction cannot be mended by waiting, so the whole request fails as DB_BUSY.
        if (kind === 'busy') await waiter.next(e);
        else if (kind === 'snapshot') throw databaseBusy(e);
        else throw e;
      }
    }
  }

  streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite streams only select queries');
    const rows = this.handle.prepare(compiled.sql).iterate(compiled.parameters);
    return (async function* () {
      for (const row of rows) yield await Promise.resolve({ rows: [row as R] });
    })();
  }

  /** begin, then the main file's write lock; on a busy lock roll back and try again later. */
  async begin(): Promise<void> {
    const waiter = new Waiter(this.o);
    for (;;) {
      this.handle.exec('begin');
      try {
        this.handle.exec(TAKE_MAIN_LOCK);
        this.inTransaction = true;
        return;
      } catch (e) {
        this.handle.exec('rollback');
        if (busyKind(e) === null) throw e;
        await waiter.next(e);
      }
    }
  }
}

class PooledSqliteDriver implements Driver {
  private readonly all: PooledConnection[] = [];
  private readonly free: PooledConnection[] = [];
  private readonly queue: ((c: PooledConnection) => void)[] = [];

  /** Opens every connection at once, so that a bad file fails where the database is opened. */
  constructor(private readonly o: SqlitePoolOptions) {
    try {
      for (let i = 0; i < o.size; i++) {
        const c = new PooledConnection(o.open(), o);
        this.all.push(c);
        this.free.push(c);
      }
    } catch (e) {
      for (const c of this.all) c.handle.close();
      throw e;
    }
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  /** The first connection: the one bulk paths of a command use beside Kysely (pool of 1). */
  first(): SQLite.Database {
    return this.all[0].handle;
  }

  acquireConnection(): Promise<DatabaseConnection> {
    const c = this.free.pop();
    if (c) return Promise.resolve(c);
    return new Promise((resolve) => this.queue.push(resolve));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PooledConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    const waiter = new Waiter(this.o);
    for (;;) {
      try {
        c.handle.exec('commit');
        c.inTransaction = false;
        return;
      } catch (e) {
        if (busyKind(e) !== 'busy') throw e;
        await waiter.next(e);
      }
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    c.inTransaction = false;
    if (c.handle.inTransaction) c.handle.exec('rollback');
    return Promise.resolve();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${name}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${name}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${name}`));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    // a transaction left open by a failed commit must not leak into the next request
    if (c.handle.inTransaction && !c.inTransaction) c.handle.exec('rollback');
    const waiting = this.queue.shift();
    if (waiting) waiting(c);
    else this.free.push(c);
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    for (const c of this.all) c.handle.close();
    this.all.length = 0;
    this.free.length = 0;
    return Promise.resolve();
  }
}

export class PooledSqliteDialect implements Dialect {
  readonly driver: PooledSqliteDriver;
  constructor(o: SqlitePoolOptions) {
    this.driver = new PooledSqliteDriver(o);
  }
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
