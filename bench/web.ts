// `npm run bench:web`: the console under load (issue 9). A generated city of 100,000 households
// (≈430k students, ≈447k registry members, imported and matched as `fuzhi demo` does) is served by
// `fuzhi serve` in its own process; 50 users on loopback, each logged in with its own session (county
// and school accounts), ask for the student list (page 1 and a deep page, with filters), a name
// search and the dashboard. Prints p50/p95/p99 per request kind and the throughput; the target is
// p95 < 200 ms each. SQLite by default (the built file is cached under .tmp/, keyed by size);
// DATABASE_URL=postgres://… runs against that PostgreSQL database instead (built there when empty).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { generateCounty } from '../src/demo/generate.ts';
import { openMigrated, opsPathOf, type Database, type DatabaseOptions } from '../src/db/database.ts';
import { importList } from '../src/registry/import-list.ts';
import { runMatching } from '../src/registry/run-matching.ts';
import { upsertRegions } from '../src/registry/region.repository.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SCHOOL_YEAR = 2025;
const PASSWORD = 'bench-web-password-1';
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'fuzhi');
const PG_URL = process.env.DATABASE_URL || undefined;
const KINDS = ['list page 1', 'list deep page', 'name search', 'dashboard'] as const;
type Kind = (typeof KINDS)[number];

/** Generates, imports and matches the city into an opened, empty database (as `fuzhi demo`). */
async function build(database: Database): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bench-web-'));
  try {
    const t0 = performance.now();
    const csv = 'csv-utf8' as const;
    const county = await generateCounty({ households: HOUSEHOLDS, seed: 2025, schoolYear: SCHOOL_YEAR, outDir: work, formats: { schools: csv, students: csv, households: csv } });
    await upsertRegions(database.db, county.regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })));
    const actor = cliActor();
    for (const kind of ['schools', 'students', 'households'] as const) await importList(database, { kind, file: county.files[kind], actor });
    await runMatching(database, { actor, schoolYear: SCHOOL_YEAR });
    console.log(`built the city in ${((performance.now() - t0) / 1000).toFixed(0)} s:`, county.counts);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface Account {
  username: string;
  role: 'county' | 'school';
  /** names to search for and the school filter of a county user, from the account's own scope */
  names: string[];
  schoolFilter: string | null;
  total: number;
}

/** The bench's accounts: a county account per county (taking turns) and school accounts of the largest schools. */
async function accounts(database: Database): Promise<Account[]> {
  const db = database.db;
  const counties = await db.selectFrom('students').select((eb) => ['county_code', eb.fn.countAll<number>().as('n')]).groupBy('county_code').orderBy('county_code').execute();
  const schools = await db.selectFrom('students').select((eb) => ['school_code', 'county_code', eb.fn.countAll<number>().as('n')]).groupBy(['school_code', 'county_code']).orderBy(sql`count(*) desc`).limit(USERS).execute();
  const out: Account[] = [];
  const existing = new Set((await db.selectFrom('users').select('username').execute()).map((u) => u.username));
  const countyUsers = Math.ceil(USERS / 5);
  for (let i = 0; i < USERS; i++) {
    const isCounty = i < countyUsers;
    const username = isCounty ? `bench-county-${i}` : `bench-school-${i}`;
    const county = counties[i % counties.length];
    const school = schools[i % schools.length];
    if (!existing.has(username)) {
      await addUser(db, cliActor(), isCounty ? { username, role: 'county', region: county.county_code, password: PASSWORD } : { username, role: 'school', school: school.school_code, password: PASSWORD });
    }
    let names = db.selectFrom('students').select('name').distinct().limit(50);
    names = isCounty ? names.where('county_code', '=', county.county_code) : names.where('school_code', '=', school.school_code);
    const inCounty = isCounty ? schools.find((s) => s.county_code === county.county_code) : undefined;
    out.push({
      username,
      role: isCounty ? 'county' : 'school',
      names: (await names.execute()).map((r) => r.name),
      schoolFilter: inCounty?.school_code ?? null,
      total: Number(isCounty ? county.n : school.n),
    });
  }
  return out;
}

async function openCity(): Promise<{ options: DatabaseOptions; env: NodeJS.ProcessEnv; label: string }> {
  if (PG_URL) {
    const database = await openMigrated({ url: PG_URL });
    const n = Number((await database.db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (n === 0) await build(database);
    await database.close();
    return { options: { url: PG_URL }, env: { DATABASE_URL: PG_URL, FUZHI_DB: undefined }, label: 'PostgreSQL' };
  }
  const file = path.join(ROOT, '.tmp', `bench-web-${HOUSEHOLDS}.db`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // built beside and renamed when complete, so that an interrupted build is not taken for the city
    const partial = file.replace(/\.db$/, '.partial.db');
    const sidecars = (f: string) => [f, `${f}-wal`, `${f}-shm`, opsPathOf(f), `${opsPathOf(f)}-wal`, `${opsPathOf(f)}-shm`];
    for (const f of sidecars(partial)) fs.rmSync(f, { force: true });
    const database = await openMigrated({ dbPath: partial });
    await build(database);
    await database.close();
    // the main file and its ops file (sessions, audit) belong together
    fs.renameSync(opsPathOf(partial), opsPathOf(file));
    fs.renameSync(partial, file);
  } else {
    console.log(`using the cached city ${path.relative(ROOT, file)}`);
  }
  return { options: { dbPath: file }, env: { FUZHI_DB: file, DATABASE_URL: undefined }, label: 'SQLite' };
}

async function serve(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  // each simulated user comes from its own address (X-Forwarded-For), as people on their own machines do
  // started with the heap bin/fuzhi would choose, so that it serves in this very process (its CPU time is read)
  const child = spawn(process.execPath, ['--max-old-space-size=1536', '--max-semi-space-size=32', BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, ...env, FUZHI_TRUST_PROXY: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('fuzhi serve did not start');
}

/** The request of the n-th turn of a user: the kinds in turn, filters and names varying. */
function urlOf(user: Account, n: number): string {
  const filter = user.schoolFilter && n % 8 < 4 ? `&schoolCode=${user.schoolFilter}` : '&status=在读';
  const deep = Math.max(1, Math.floor((filter.startsWith('&school') ? 200 : user.total) / 20 / 2));
  return {
    'list page 1': `/api/students?page=1&pageSize=20${filter}`,
    'list deep page': `/api/students?page=${deep}&pageSize=20${filter}`,
    'name search': `/api/students?q=${encodeURIComponent(user.names[n % user.names.length] ?? '张')}`,
    dashboard: '/api/dashboard',
  }[KINDS[n % KINDS.length]];
}

/** User + system CPU time of a process so far (Linux /proc), in ms. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

async function main() {
  const { options, env, label } = await openCity();
  const database = await openMigrated(options);
  const users = await accounts(database);
  await database.close();
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = await serve(env, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const sessions = await Promise.all(
      users.map(async (u, i) => {
        const r = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${Math.floor(i / 200)}.${(i % 200) + 1}` },
          body: JSON.stringify({ username: u.username, password: PASSWORD }),
        });
        if (r.status !== 200) throw new Error(`login ${u.username}: ${r.status} ${await r.text()}`);
        const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
        return { user: u, cookie };
      }),
    );
    const times: Record<Kind, number[]> = { 'list page 1': [], 'list deep page': [], 'name search': [], dashboard: [] };
    const failures: string[] = [];
    // warm-up: every user asks for each kind once, one user after another (the first overview of a
    // county is computed then and kept until the data changes); its slowest answer is printed
    let coldest = 0;
    for (const { user, cookie } of sessions) {
      for (let n = 0; n < KINDS.length; n++) {
        const s = performance.now();
        await (await fetch(base + urlOf(user, n), { headers: { cookie } })).arrayBuffer();
        coldest = Math.max(coldest, performance.now() - s);
      }
    }
    const load0 = os.loadavg()[0];
    const cpu0 = cpuMs(server.pid);
    const until = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(
      sessions.map(async ({ user, cookie }, i) => {
        for (let n = i; performance.now() < until; n++) {
          const kind = KINDS[n % KINDS.length];
          const url = urlOf(user, n);
          const s = performance.now();
          const r = await fetch(base + url, { headers: { cookie } });
          await r.arrayBuffer();
          times[kind].push(performance.now() - s);
          if (r.status !== 200) failures.push(`${r.status} ${kind}`);
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const serverCpu = cpuMs(server.pid) - cpu0;
    const all = KINDS.reduce((a, k) => a + times[k].length, 0);
    console.log(`\n${label}, ${HOUSEHOLDS} households, ${USERS} concurrent users (${users.filter((u) => u.role === 'county').length} county, ${users.filter((u) => u.role === 'school').length} school), ${wall.toFixed(0)} s`);
    console.log(`warm-up (each user each kind once, one at a time): slowest answer ${coldest.toFixed(0)} ms`);
    console.log(`load average at start ${load0.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}; ${os.cpus().length} CPUs`);
    console.log('| request | n | p50 ms | p95 ms | p99 ms | max ms | p95 < 200 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const k of KINDS) {
      const xs = times[k];
      console.log(`| ${k} | ${xs.length} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} | ${pct(xs, 99).toFixed(0)} | ${Math.max(...xs).toFixed(0)} | ${pct(xs, 95) < 200 ? 'yes' : '**no**'} |`);
    }
    // the server's own CPU per answer does not depend on what else the machine runs: with one core of its
    // own, 50 users waiting on each other see about 50 × that
    console.log(`server CPU: ${(serverCpu / all).toFixed(2)} ms per request (${(serverCpu / 1000 / wall).toFixed(2)} cores busy on average)`);
    console.log(`throughput: ${(all / wall).toFixed(0)} requests/s; failures: ${failures.length}${failures.length ? ` (${[...new Set(failures)].join(', ')})` : ''}`);
  } finally {
    server.kill();
  }
}

await main();
