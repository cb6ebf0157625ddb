// `npm run bench:counties -- --households 30000 --counties 4`: a generated city imported into a
// temporary SQLite database, then matched both ways — the whole city at once (matchEveryone) and
// county by county (matchByCounty) — with the time of each and whether every pair is the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCounty } from '../src/demo/generate.ts';
import { openMigrated } from '../src/db/database.ts';
import { cliActor } from '../src/platform/scope.ts';
import { importList } from '../src/registry/import-list.ts';
import { matchByCounty } from '../src/registry/match-counties.ts';
import { matchEveryone, type EveryoneResult } from '../src/registry/match-people.ts';

const flag = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const HOUSEHOLDS = Number(flag('households') ?? 30_000);
const COUNTIES = Number(flag('counties') ?? 4);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-bench-counties-'));
const pairSet = (r: EveryoneResult) => r.pairs.map((p) => [p.studentNo, p.memberId, p.status, p.confidence, p.method, p.basis, p.household, p.county].join('\t')).sort().join('\n');

const city = await generateCounty({ households: HOUSEHOLDS, counties: COUNTIES, seed: 2025, schoolYear: 2025, outDir: work, formats: { schools: 'csv-utf8', students: 'csv-utf8', households: 'csv-utf8' } });
const database = await openMigrated({ dbPath: path.join(work, 'fuzhi.db') });
for (const kind of ['schools', 'students', 'households'] as const) await importList(database, { kind, file: city.files[kind], actor: cliActor() });
let t0 = performance.now();
const whole = await matchEveryone(database, { schoolYear: 2025, rejected: [] });
const wholeS = (performance.now() - t0) / 1000;
t0 = performance.now();
const byCounty = await matchByCounty(database, { schoolYear: 2025, rejected: [] });
const countyS = (performance.now() - t0) / 1000;
await database.close();
console.log(
  `${HOUSEHOLDS} households over ${COUNTIES} counties (load average ${os.loadavg()[0].toFixed(2)}): whole city ${wholeS.toFixed(1)} s, ${whole.pairs.length} pairs; county by county ${countyS.toFixed(1)} s, ${byCounty.pairs.length} pairs; identical pairs and unmatched children: ${pairSet(whole) === pairSet(byCounty) && [...whole.schoolAgeWithoutPair].sort().join() === [...byCounty.schoolAgeWithoutPair].sort().join() ? 'yes' : 'NO'}`,
);
fs.rmSync(work, { recursive: true, force: true });
