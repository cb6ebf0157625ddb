// `node --import tsx bench/aid.ts`: the time of `fuzhi entitle` (first run, then an unchanged re-run)
// for a generated city of BENCH_HOUSEHOLDS households (default 100,000) on SQLite and PostgreSQL.
// The county is imported and matched through the real CLI first; those stages are printed too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { generateCounty } from '../src/demo/generate.ts';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'fuzhi');
const PG_ADMIN = process.env.FUZHI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bench-aid-'));

function run(label: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s  ${r.stdout.trim().split('\n').pop()?.slice(0, 160)}`);
  return seconds;
}

const county = await generateCounty({ households: HOUSEHOLDS, seed: 20250901, schoolYear: 2025, outDir: work });
console.log(`generated ${HOUSEHOLDS} households: ${JSON.stringify(county.counts)}`);
for (const dialect of DIALECTS) {
  let env: NodeJS.ProcessEnv;
  let drop = async () => {};
  if (dialect === 'postgres') {
    const name = `fuzhi_bench_aid_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString(), FUZHI_DB: undefined };
    drop = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    env = { FUZHI_DB: path.join(work, 'bench.db'), DATABASE_URL: undefined };
  }
  try {
    run(`${dialect} import schools`, ['import', 'schools', county.files.schools], env);
    run(`${dialect} import students`, ['import', 'students', county.files.students], env);
    run(`${dialect} import households`, ['import', 'households', county.files.households], env);
    run(`${dialect} match`, ['match', '--school-year', '2025'], env);
    run(`${dialect} policy preset huangmei`, ['policy', 'preset', 'huangmei', '--school-year', '2025'], env);
    const first = run(`${dialect} entitle (first run)`, ['entitle', '--school-year', '2025', '--term', '秋季'], env);
    const again = run(`${dialect} entitle (unchanged re-run)`, ['entitle', '--school-year', '2025', '--term', '秋季'], env);
    run(`${dialect} batch create`, ['batch', 'create', '--school-year', '2025', '--term', '秋季'], env);
    run(`${dialect} report coverage`, ['report', 'coverage', '--school-year', '2025', '--term', '秋季', '--out', path.join(work, 'coverage.csv')], env);
    console.log(`${dialect}: entitle ${first.toFixed(1)} s first, ${again.toFixed(1)} s re-run (target < 10 s)`);
  } finally {
    await drop();
  }
}
if (process.env.BENCH_KEEP) console.log(`kept ${work}`);
else fs.rmSync(work, { recursive: true, force: true });
