// `npm run bench`: a generated city of 100,000 households (≈445k members, ≈430k students) imported
// and matched through the real CLI on SQLite and PostgreSQL, beside the plain sqlite3 baseline
// (.import of the same CSVs + an index + an exact join on the raw ID column). Prints wall time per
// stage, peak RSS, and the ratio to the baseline; also measures 自动确认 precision and recall.
// Sizes (issue 11): `npm run bench -- --households 300000 --counties 10 [--quick]`; --quick leaves
// out the sqlite3 baseline, the write floor and the re-import. Both databases must find the same
// matches (checked); the load average is printed, the machine may be shared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { generateCounty, type GeneratedCounty } from '../src/demo/generate.ts';
import { openTable } from '../src/files/read-table.ts';
import { HOUSEHOLD_COLUMNS, SCHOOL_COLUMNS, STUDENT_COLUMNS } from '../src/registry/registry.columns.ts';
import { openDatabase } from '../src/db/database.ts';
import { measure } from '../test/identification-helpers.ts';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const HOUSEHOLDS = Number(flag('households') ?? process.env.BENCH_HOUSEHOLDS ?? 100_000);
const COUNTIES = flag('counties') === undefined ? undefined : Number(flag('counties'));
const QUICK = process.argv.includes('--quick');
const SCHOOL_YEAR = 2025;
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'fuzhi');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bench-'));
const PG_ADMIN = process.env.FUZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Stage {
  stage: string;
  seconds: number;
  rssMiB: number;
  out: string;
}

/** Runs a command under /usr/bin/time to get its wall time and peak RSS. */
function timed(stage: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Stage {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  const lines = r.stderr.trim().split('\n');
  const rssKiB = Number(lines[lines.length - 1]);
  if (r.status !== 0) throw new Error(`${stage} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const out = r.stdout.trim().split('\n').pop() ?? '';
  console.log(`  ${stage}: ${seconds.toFixed(1)} s, peak RSS ${(rssKiB / 1024).toFixed(0)} MiB (load average ${os.loadavg()[0].toFixed(2)})`);
  return { stage, seconds, rssMiB: rssKiB / 1024, out };
}

function fuzhiStages(label: string, county: GeneratedCounty, env: NodeJS.ProcessEnv): Stage[] {
  const node = process.execPath;
  return [
    timed(`${label} init`, node, [BIN, 'init'], env),
    timed(`${label} import schools`, node, [BIN, 'import', 'schools', county.files.schools], env),
    timed(`${label} import students`, node, [BIN, 'import', 'students', county.files.students], env),
    timed(`${label} import households`, node, [BIN, 'import', 'households', county.files.households], env),
    timed(`${label} match`, node, [BIN, 'match', '--school-year', String(SCHOOL_YEAR)], env),
  ];
}

/** Column count, header line number and the ID column of a generated CSV, for the sqlite3 baseline. */
async function layout(file: string, spec: typeof STUDENT_COLUMNS) {
  const t = await openTable(file, spec);
  return { columns: t.headers.length, headerRow: t.headerRow, idColumn: t.columns.idNumber };
}

async function baseline(county: GeneratedCounty): Promise<Stage> {
  const st = await layout(county.files.students, STUDENT_COLUMNS);
  const hh = await layout(county.files.households, HOUSEHOLD_COLUMNS);
  const sc = await layout(county.files.schools, SCHOOL_COLUMNS);
  const cols = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
  const script = [
    `create table schools(${cols(sc.columns)});`,
    `create table students(${cols(st.columns)});`,
    `create table members(${cols(hh.columns)});`,
    `.import --csv --skip ${sc.headerRow} ${county.files.schools} schools`,
    `.import --csv --skip ${st.headerRow} ${county.files.students} students`,
    `.import --csv --skip ${hh.headerRow} ${county.files.households} members`,
    `create index students_id on students(c${st.idColumn});`,
    // the VLOOKUP an officer does: exact text of the raw ID column, empty cells left out
    `select count(*) from members m join students s on s.c${st.idColumn} = m.c${hh.idColumn} where m.c${hh.idColumn} <> '';`,
  ].join('\n');
  const scriptFile = path.join(work, 'baseline.sql');
  fs.writeFileSync(scriptFile, script);
  return timed('sqlite3 baseline (.import ×3 + index + exact join)', '/bin/sh', ['-c', `sqlite3 ${path.join(work, 'baseline.db')} < ${scriptFile} 2>/dev/null`]);
}

/**
 * The floor of any import through better-sqlite3: the already normalised rows of the two big
 * lists, read back into memory first (not timed), inserted into an empty database with the same
 * schema and indexes, one prepared statement per row, in one transaction, commit included. No file
 * reading, no normalising, no hashing: what is left is what storing the lists costs.
 */
function writeFloor(sqliteFile: string): { students: number; members: number } {
  const floorFile = path.join(work, 'floor.db');
  const r = spawnSync(process.execPath, [BIN, 'init'], { encoding: 'utf8', env: { ...process.env, FUZHI_DB: floorFile, DATABASE_URL: '' } });
  if (r.status !== 0) throw new Error(r.stderr);
  const src = new SQLite(sqliteFile, { readonly: true });
  const dst = new SQLite(floorFile);
  dst.pragma('journal_mode = WAL');
  dst.pragma('synchronous = NORMAL');
  dst.pragma('cache_size = -131072');
  const time = (table: string): number => {
    const stmt = src.prepare(`select * from ${table}`).raw(true);
    const columns = stmt.columns().map((c) => c.name);
    const rows = stmt.all() as unknown[][];
    const insert = dst.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const t0 = performance.now();
    dst.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    return (performance.now() - t0) / 1000;
  };
  const out = { students: time('students'), members: time('members') };
  src.close();
  dst.close();
  return out;
}

async function pgDatabase(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await c.connect();
    await c.query('drop database if exists fuzhi_bench with (force)');
    await c.query('create database fuzhi_bench');
    const u = new URL(PG_ADMIN);
    u.pathname = '/fuzhi_bench';
    return u.toString();
  } catch (e) {
    console.warn(`PostgreSQL not available, skipped: ${(e as Error).message}`);
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function table(stages: Stage[], baselineSeconds: number): string {
  const rows = stages.map((s) => `| ${s.stage} | ${s.seconds.toFixed(1)} | ${s.rssMiB.toFixed(0)} |`);
  return ['| stage | wall s | peak RSS MiB |', '| --- | ---: | ---: |', ...rows, `| (baseline) | ${baselineSeconds.toFixed(1)} | |`].join('\n');
}

async function main() {
  console.log(`Generating ${HOUSEHOLDS} households over ${COUNTIES ?? 'the default number of'} counties in ${work} … (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  const g0 = performance.now();
  const county = await generateCounty({
    households: HOUSEHOLDS,
    counties: COUNTIES,
    seed: 2025,
    schoolYear: SCHOOL_YEAR,
    outDir: work,
    formats: { schools: 'csv-gb18030', students: 'csv-gb18030', households: 'csv-gb18030' },
  });
  const sizes = Object.fromEntries(Object.entries(county.files).map(([k, f]) => [k, `${(fs.statSync(f).size / 1e6).toFixed(1)} MB`]));
  console.log(`generated in ${((performance.now() - g0) / 1000).toFixed(1)} s:`, county.counts, sizes);

  const base = QUICK ? { stage: 'baseline', seconds: NaN, rssMiB: 0, out: '' } : await baseline(county);
  if (!QUICK) console.log(`baseline: ${base.seconds.toFixed(1)} s (join rows: ${base.out})`);
  console.log(`load average before SQLite: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const sqliteFile = path.join(work, 'fuzhi.db');
  const sqliteStages = fuzhiStages('SQLite', county, { FUZHI_DB: sqliteFile, DATABASE_URL: '' });
  const sqliteTotal = sqliteStages.reduce((a, s) => a + s.seconds, 0);
  console.log(table(sqliteStages, base.seconds));
  console.log(`SQLite total ${sqliteTotal.toFixed(1)} s = ${(sqliteTotal / base.seconds).toFixed(2)}× the sqlite3 baseline; peak RSS ${Math.max(...sqliteStages.map((s) => s.rssMiB)).toFixed(0)} MiB`);
  console.log(`match: ${sqliteStages[4].out}`);
  const d = openDatabase({ dbPath: sqliteFile });
  const q = await measure(d, county);
  await d.close();
  console.log(`quality at scale: auto ${q.autoPairs}, precision ${(q.autoPrecision * 100).toFixed(3)}%, auto recall ${(q.autoRecall * 100).toFixed(2)}%, recall with review ${(q.reviewRecall * 100).toFixed(3)}%, namesakes auto-confirmed wrongly ${q.namesakeAutoWrong}`);

  if (!QUICK) {
    const floor = writeFloor(sqliteFile);
    console.log(
      `write floor (bare prepared inserts of the stored rows, commit included): students ${floor.students.toFixed(1)} s, members ${floor.members.toFixed(1)} s = ${((floor.students + floor.members) / base.seconds).toFixed(2)}× the baseline before any reading, normalising or matching`,
    );

    const rerun = timed('SQLite re-import students (no change) + match', '/bin/sh', ['-c', `${process.execPath} ${BIN} import students ${county.files.students} && ${process.execPath} ${BIN} match --school-year ${SCHOOL_YEAR}`], { FUZHI_DB: sqliteFile });
    console.log(`${rerun.stage}: ${rerun.seconds.toFixed(1)} s → ${rerun.out}`);
  }

  const url = await pgDatabase();
  if (url) {
    console.log(`load average before PostgreSQL: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const pgStages = fuzhiStages('PostgreSQL', county, { DATABASE_URL: url });
    const pgTotal = pgStages.reduce((a, s) => a + s.seconds, 0);
    console.log(table(pgStages, base.seconds));
    console.log(`PostgreSQL total ${pgTotal.toFixed(1)} s = ${(pgTotal / sqliteTotal).toFixed(2)}× SQLite; peak RSS ${Math.max(...pgStages.map((s) => s.rssMiB)).toFixed(0)} MiB`);
    console.log(`match: ${pgStages[4].out}`);
    const p = openDatabase({ url });
    const s = openDatabase({ dbPath: sqliteFile });
    const pairs = async (d: ReturnType<typeof openDatabase>) =>
      (await d.db.selectFrom('matches').select(['match_id', 'status', 'confidence', 'method', 'basis']).orderBy('match_id').execute()).map((r) => `${r.match_id}|${r.status}|${r.confidence}|${r.method}|${r.basis}`).join('\n');
    const same = (await pairs(p)) === (await pairs(s));
    await p.close();
    await s.close();
    console.log(`same matches on both databases (every pair, status, confidence, method, 依据): ${same ? 'yes' : 'NO'}`);
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query('drop database if exists fuzhi_bench with (force)');
    await c.end();
  }
  if (!process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

await main();
