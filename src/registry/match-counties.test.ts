// Matching county by county gives exactly the pairs of matching the whole city at once: on a
// generated city spread over four counties (some children study in another county: 外地就读),
// on both databases, with and without rejected pairs, and through a whole `match --full` run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import type { Database } from '../db/database.ts';
import { generateCounty, type GeneratedCounty } from '../demo/generate.ts';
import { cliActor } from '../platform/scope.ts';
import { importList } from './import-list.ts';
import { matchByCounty } from './match-counties.ts';
import { matchEveryone, type EveryoneResult } from './match-people.ts';
import { matchIdOf } from './match.rules.ts';
import { runMatching } from './run-matching.ts';

const SCHOOL_YEAR = 2025;
let dir: string;
let city: GeneratedCounty;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-counties-'));
  city = await generateCounty({
    households: 2400, counties: 4, seed: 11, schoolYear: SCHOOL_YEAR, outDir: dir,
    formats: { schools: 'csv-utf8', students: 'csv-utf8', households: 'csv-utf8' },
  });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every pair with everything stored about it, in a fixed order (positions in memory left out). */
function pairSet(r: EveryoneResult): string[] {
  return r.pairs.map((p) => [p.studentNo, p.memberId, p.listKind, p.status, p.confidence, p.method, p.basis, p.household, p.county].join('\t')).sort();
}

for (const dialect of DIALECTS) {
  describe.runIf(await dialectAvailable(dialect))(`matching county by county (${dialect})`, () => {
    let t: TestDatabase;
    let database: Database;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      const actor = cliActor();
      for (const kind of ['schools', 'students', 'households'] as const) await importList(database, { kind, file: city.files[kind], actor });
    }, 120_000);
    afterAll(async () => {
      await database?.close();
      await t?.drop();
    });

    for (const workers of [1, 2, 3]) {
      it(`finds exactly the pairs of the whole-city comparison, across four counties (${workers} worker${workers > 1 ? 's' : ''})`, async () => {
        const whole = await matchEveryone(database, { schoolYear: SCHOOL_YEAR, rejected: [] });
        const done: string[] = [];
        let held = 0;
        const byCounty = await matchByCounty(database, { schoolYear: SCHOOL_YEAR, rejected: [], workers, onCounty: (c, n, total) => void done.push(`${c} ${n}/${total}`), onHeld: (n) => void (held = Math.max(held, n)) });
        if (workers > 1) {
          // the very result of one county after the other: same pairs in the same order, same positions, same 依据
          expect(JSON.stringify(byCounty)).toBe(JSON.stringify(await matchByCounty(database, { schoolYear: SCHOOL_YEAR, rejected: [] })));
          // counties handed out and not yet merged (the partitions held at once): more than one, never more than the workers
          expect(held).toBeGreaterThan(1);
          expect(held).toBeLessThanOrEqual(workers);
        }
        // the city really is spread: four counties, and children matched to a school in another county
        expect(done).toHaveLength(4);
        expect(done[3]).toMatch(/ 4\/4$/);
        expect(new Set(done.map((d) => d.split(' ')[0])).size).toBe(4);
        const schoolCounty = new Map((await database.db.selectFrom('students').select(['student_no', 'county_code']).execute()).map((s) => [s.student_no, s.county_code]));
        const away = byCounty.pairs.filter((p) => p.status === 'auto' && schoolCounty.get(p.studentNo) !== p.county);
        expect(away.length).toBeGreaterThan(5);
        expect(whole.pairs.length).toBeGreaterThan(1000);
        expect(whole.pairs.some((p) => p.status === 'review')).toBe(true);
        expect(pairSet(byCounty)).toEqual(pairSet(whole));
        expect([...byCounty.schoolAgeWithoutPair].sort()).toEqual([...whole.schoolAgeWithoutPair].sort());
        expect(byCounty.members).toBe(whole.members);
        expect(byCounty.students).toBe(whole.students);
        expect(byCounty.members).toBe(city.counts.members);
      }, 120_000);

      it(`leaves out rejected pairs the same way, including pairs across counties (${workers} worker${workers > 1 ? 's' : ''})`, async () => {
        const whole = await matchEveryone(database, { schoolYear: SCHOOL_YEAR, rejected: [] });
        const schoolCounty = new Map((await database.db.selectFrom('students').select(['student_no', 'county_code']).execute()).map((s) => [s.student_no, s.county_code]));
        const crossing = whole.pairs.filter((p) => schoolCounty.get(p.studentNo) !== p.county).slice(0, 5);
        const review = whole.pairs.filter((p) => p.status === 'review').slice(0, 20);
        const rejected = [...crossing, ...review].map((p) => matchIdOf(p.studentNo, p.memberId));
        const a = await matchEveryone(database, { schoolYear: SCHOOL_YEAR, rejected });
        const b = await matchByCounty(database, { schoolYear: SCHOOL_YEAR, rejected, workers });
        expect(pairSet(b)).toEqual(pairSet(a));
        if (workers > 1) expect(JSON.stringify(b)).toBe(JSON.stringify(await matchByCounty(database, { schoolYear: SCHOOL_YEAR, rejected })));
        const ids = new Set(b.pairs.map((p) => matchIdOf(p.studentNo, p.memberId)));
        expect(rejected.some((id) => ids.has(id))).toBe(false);
        expect(pairSet(b)).not.toEqual(pairSet(whole));
      }, 120_000);
    }

    it('a county failing in a worker fails the whole run: stored matches unchanged, the spool removed', async () => {
      const actor = cliActor();
      await runMatching(database, { actor, schoolYear: SCHOOL_YEAR, full: true });
      // some stored pairs gone: a run that completes puts them back
      const gone = (await database.db.selectFrom('matches').select('match_id').orderBy('match_id').limit(7).execute()).map((m) => m.match_id);
      await database.db.deleteFrom('matches').where('match_id', 'in', gone).execute();
      const snapshot = async () => ({
        matches: await database.db.selectFrom('matches').select(['match_id', 'status', 'confidence', 'basis', 'updated_at']).orderBy('match_id').execute(),
        meta: await database.db.selectFrom('meta').selectAll().orderBy('key').execute(),
      });
      const before = await snapshot();
      const counties = (await database.db.selectFrom('students').select('county_code').distinct().orderBy('county_code').execute()).map((r) => r.county_code);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-spool-'));
      const saved = { TMPDIR: process.env.TMPDIR, fail: process.env.FUZHI_TEST_MATCH_FAIL_COUNTY };
      process.env.TMPDIR = tmp; // where the run's pair spool is made
      process.env.FUZHI_TEST_MATCH_FAIL_COUNTY = counties[2];
      const seen: number[] = [];
      try {
        await expect(runMatching(database, { actor, schoolYear: SCHOOL_YEAR, full: true, workers: 2, onCounty: (_c, d) => void seen.push(d) })).rejects.toThrow(`reading county ${counties[2]} failed`);
      } finally {
        process.env.TMPDIR = saved.TMPDIR;
        if (saved.TMPDIR === undefined) delete process.env.TMPDIR;
        process.env.FUZHI_TEST_MATCH_FAIL_COUNTY = saved.fail;
        if (saved.fail === undefined) delete process.env.FUZHI_TEST_MATCH_FAIL_COUNTY;
      }
      expect(seen.length).toBeLessThan(4);
      expect(await snapshot()).toEqual(before);
      expect(fs.readdirSync(tmp).filter((f) => f.startsWith('fuzhi-match-'))).toEqual([]); // (tsx keeps its cache there in tests)
      fs.rmSync(tmp, { recursive: true, force: true });
      // the same run without the failure puts the pairs back
      const again = await runMatching(database, { actor, schoolYear: SCHOOL_YEAR, full: true, workers: 2 });
      expect(again.written).toBe(gone.length);
    }, 120_000);

    it('a full run county by county after a whole-city run writes nothing (one worker or three)', async () => {
      const actor = cliActor();
      await database.db.deleteFrom('matches').execute();
      const first = await runMatching(database, { actor, schoolYear: SCHOOL_YEAR, full: true, wholeCity: true });
      expect(first.written).toBeGreaterThan(1000);
      for (const workers of [1, 3]) {
        const again = await runMatching(database, { actor, schoolYear: SCHOOL_YEAR, full: true, workers });
        expect(again).toMatchObject({ written: 0, auto: first.auto, review: first.review, unmatched: first.unmatched });
      }
    }, 120_000);
  });
}
