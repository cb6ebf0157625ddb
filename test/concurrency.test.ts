// The server stays up during an import (issue 8, finding 4): while `fuzhi import students` of a
// large list runs in another process, health, logins, lists and audited full reads answer without
// waiting for the import; a write that meets the lock waits or answers 503 with Retry-After, never
// 500; the import does not fail because the server wrote meanwhile; a second import waits its turn.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { openMigrated, SERVER_BUSY_DEADLINE_MS, type Database } from '../src/db/database.ts';
import { buildServer } from '../src/platform/server.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';
import { csrfOf, SESSION_COOKIE } from '../src/platform/session.service.ts';
import { BIN, dbEnv, fuzhi, ONE_SCHOOL_CSV, STUDENT_HEADER } from './cli-helpers.ts';

const ROWS = 150_000;
const PASSWORD = 'concurrency-password';

/** A 学籍 list of n students of the one school (J-numbers; names and dates vary). */
function writeStudents(file: string, n: number, offset = 0): void {
  const lines = [STUDENT_HEADER];
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    const month = String((k % 12) + 1).padStart(2, '0');
    lines.push(`学生${k},${k % 2 ? '男' : '女'},,J${String(5134330000000000 + k)},2014-${month}-15,2151343301,小学,三年级,否,在读`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function runImport(env: Record<string, string | undefined>, file: string): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'import', 'students', file], { env: { ...process.env, DATABASE_URL: undefined, FUZHI_DB: undefined, ...env } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr, stdout }));
  });
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`server during an import on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    let app: FastifyInstance;
    let env: Record<string, string | undefined>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-concurrency-'));

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = dbEnv(t.options);
      fs.writeFileSync(path.join(dir, 'schools.csv'), ONE_SCHOOL_CSV);
      expect(fuzhi(['import', 'schools', path.join(dir, 'schools.csv')], env).code).toBe(0);
      writeStudents(path.join(dir, 'few.csv'), 50);
      expect(fuzhi(['import', 'students', path.join(dir, 'few.csv')], env).code).toBe(0);
      writeStudents(path.join(dir, 'big.csv'), ROWS, 1000);
      writeStudents(path.join(dir, 'other.csv'), 20_000, 500_000);
      database = await openMigrated(t.options, { pool: 4, busyDeadlineMs: SERVER_BUSY_DEADLINE_MS });
      await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: '513433', password: PASSWORD });
      await addUser(database.db, cliActor(), { username: 'writer', role: 'county', region: '513433', password: PASSWORD });
      app = await buildServer(database, { webRoot: '/nonexistent' });
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
      await t?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers reads, logins and health at once, and never 500, while a large import runs', async () => {
      const res0 = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: PASSWORD } });
      const c = res0.cookies.find((x) => x.name === SESSION_COOKIE)!;
      const cookie = `${c.name}=${c.value}`;
      const someone = (await app.inject({ url: '/api/students?pageSize=1', headers: { cookie } })).json().items[0].id as string;
      const w0 = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'writer', password: PASSWORD } })).cookies.find((x) => x.name === SESSION_COOKIE)!;
      const passwords = [PASSWORD, 'writer-other-password'];

      const importing = runImport(env, path.join(dir, 'big.csv'));
      let done = false;
      void importing.then(() => (done = true));
      const times: Record<string, number[]> = { health: [], login: [], list: [], fullRead: [] };
      const statuses: number[] = [];
      const writes: { status: number; retryAfter: unknown }[] = [];
      const timed = async (kind: string, f: () => Promise<{ statusCode: number }>) => {
        const start = performance.now();
        const r = await f();
        times[kind].push(performance.now() - start);
        statuses.push(r.statusCode);
        return r;
      };
      let rounds = 0;
      while (!done) {
        rounds++;
        await timed('health', () => app.inject({ url: '/api/health' }));
        await timed('login', () => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: PASSWORD } }));
        await timed('list', () => app.inject({ url: '/api/students?q=学生1', headers: { cookie } }));
        // an audited read: the server writes the audit log while the import writes the rows
        await timed('fullRead', () => app.inject({ url: `/api/students/${someone}?full=1`, headers: { cookie } }));
        if (rounds % 5 === 0) {
          // a write to the main file: waits for the lock with timers, or 503 + Retry-After
          const w = await app.inject({
            method: 'POST',
            url: '/api/me/password',
            headers: { cookie: `${w0.name}=${w0.value}`, 'x-csrf-token': csrfOf(w0.value) },
            payload: { current: passwords[0], next: passwords[1] },
          });
          writes.push({ status: w.statusCode, retryAfter: w.headers['retry-after'] });
          if (w.statusCode === 200) passwords.reverse();
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const result = await importing;
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout.trim().split('\n').pop()!)).toMatchObject({ inserted: ROWS, rejected: 0 });
      expect(rounds).toBeGreaterThan(3);
      for (const [kind, xs] of Object.entries(times)) {
        console.log(`[${dialect}] during the import, ${kind}: n=${xs.length} p50=${percentile(xs, 50).toFixed(1)} ms p95=${percentile(xs, 95).toFixed(1)} ms max=${Math.max(...xs).toFixed(1)} ms`);
        // not a timing target (bench/ has those): a request that waited for the import's lock waits for the whole import (well over 3 s), far above any load on a shared machine
        expect(Math.max(...xs)).toBeLessThan(3000);
      }
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      for (const w of writes) {
        expect([200, 503]).toContain(w.status);
        if (w.status === 503) expect(Number(w.retryAfter)).toBeGreaterThan(0);
      }
      const n = await database.db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(ROWS + 50);
    }, 300_000);

    it('runs two imports at once one after the other, both complete', async () => {
      const [a, b] = await Promise.all([runImport(env, path.join(dir, 'big.csv')), runImport(env, path.join(dir, 'other.csv'))]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(JSON.parse(b.stdout.trim().split('\n').pop()!)).toMatchObject({ inserted: 20_000 });
      expect(JSON.parse(a.stdout.trim().split('\n').pop()!)).toMatchObject({ unchanged: ROWS });
    }, 300_000);
  });
}
