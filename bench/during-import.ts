// `npm run bench:concurrency`: how the server answers while a city-scale import runs (issue 8). With
// the city's schools and 430,000 students loaded, its poverty registry (≈447,000 members) is
// imported by `bin/fuzhi` in its own process, as a county officer would, while this process serves
// health checks, logins, a search of the student list by a 学籍号 and an audited full read, one
// after another, every 50 ms; prints p50 / p95 / max per kind and how long the import took, on
// SQLite and on PostgreSQL. The target: every answer within 100 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { generateCounty } from '../src/demo/generate.ts';
import { openMigrated, SERVER_BUSY_DEADLINE_MS, type DatabaseOptions } from '../src/db/database.ts';
import { buildServer } from '../src/platform/server.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';
import { SESSION_COOKIE } from '../src/platform/session.service.ts';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'fuzhi');
const PG_ADMIN = process.env.FUZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bench-conc-'));
const PASSWORD = 'bench-password-1';

function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; seconds: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: undefined, FUZHI_DB: undefined, ...env }, stdio: 'ignore' });
    child.on('exit', (code) => resolve({ code: code ?? -1, seconds: (performance.now() - t0) / 1000 }));
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

async function measure(label: string, options: DatabaseOptions, env: Record<string, string | undefined>, files: { schools: string; students: string; households: string }) {
  if ((await run(['import', 'schools', files.schools], env)).code !== 0) throw new Error('schools');
  if ((await run(['import', 'students', files.students], env)).code !== 0) throw new Error('students');
  const database = await openMigrated(options, { pool: 4, busyDeadlineMs: SERVER_BUSY_DEADLINE_MS });
  await addUser(database.db, cliActor(), { username: 'bench', role: 'admin', password: PASSWORD });
  const app = await buildServer(database, { webRoot: '/nonexistent' });
  const login = async () => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: PASSWORD } });
    return r;
  };
  const c = (await login()).cookies.find((x) => x.name === SESSION_COOKIE)!;
  const cookie = `${c.name}=${c.value}`;
  const times: Record<string, number[]> = { health: [], login: [], search: [], fullRead: [] };
  const errors: number[] = [];
  const first = (await app.inject({ url: '/api/students?pageSize=1', headers: { cookie } })).json<{ items: { id: string; studentNo: string }[] }>().items[0];
  const someone = first.id;
  const student = await database.db.selectFrom('students').select('student_no').orderBy('student_no').executeTakeFirstOrThrow();
  const importing = run(['import', 'households', files.households], env);
  let done = false;
  void importing.then(() => (done = true));
  while (!done) {
    const t = async (kind: string, f: () => Promise<{ statusCode: number }>) => {
      const t0 = performance.now();
      const r = await f();
      times[kind].push(performance.now() - t0);
      if (r.statusCode >= 500) errors.push(r.statusCode);
      return r;
    };
    await t('health', () => app.inject({ url: '/api/health' }));
    await t('login', login);
    await t('search', () => app.inject({ url: `/api/students?q=${encodeURIComponent(student.student_no)}&pageSize=20`, headers: { cookie } }));
    await t('fullRead', () => app.inject({ url: `/api/students/${someone}?full=1`, headers: { cookie } }));
    await new Promise((r) => setTimeout(r, 50));
  }
  const result = await importing;
  console.log(`\n${label}: import of the registry took ${result.seconds.toFixed(1)} s (exit ${result.code}); answers during it (ms):`);
  console.log('| request | n | p50 | p95 | max |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [k, xs] of Object.entries(times)) console.log(`| ${k} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`);
  console.log(`5xx answers: ${errors.length}`);
  await app.close();
  await database.close();
}

const county = await generateCounty({ households: HOUSEHOLDS, seed: 7, schoolYear: 2025, outDir: work, dirt: true });
console.log(`generated ${HOUSEHOLDS} households in ${work}`);
await measure('SQLite', { dbPath: path.join(work, 'bench.db') }, { FUZHI_DB: path.join(work, 'bench.db') }, county.files);
const name = `fuzhi_bench_conc_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_ADMIN });
await admin.connect();
await admin.query(`create database ${name}`);
try {
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  await measure('PostgreSQL', { url: url.toString() }, { DATABASE_URL: url.toString() }, county.files);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}
