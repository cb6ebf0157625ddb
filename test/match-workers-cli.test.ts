// `fuzhi match --full --workers N` from the bundle (bin/fuzhi: the worker thread is match-worker.js
// beside the CLI, as a county officer runs it): the same summary and stored pairs as one county
// after the other, and a wrong --workers / FUZHI_MATCH_WORKERS refused in both languages. Both databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { generateCounty, type GeneratedCounty } from '../src/demo/generate.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';

const SCHOOL_YEAR = 2025;
let dir: string;
let city: GeneratedCounty;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-match-workers-'));
  city = await generateCounty({
    households: 600, counties: 3, seed: 5, schoolYear: SCHOOL_YEAR, outDir: dir,
    formats: { schools: 'csv-utf8', students: 'csv-utf8', households: 'csv-utf8' },
  });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  describe.runIf(await dialectAvailable(dialect))(`match --workers from the bundle (${dialect})`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      env = dbEnv(t.options);
      for (const kind of ['schools', 'students', 'households'] as const) expect(fuzhi(['import', kind, city.files[kind]], env).code).toBe(0);
    }, 120_000);
    afterAll(async () => {
      await t?.drop();
    });

    async function storedPairs() {
      const d = await t.open();
      try {
        return await d.db.selectFrom('matches').select(['match_id', 'student_no', 'member_id', 'status', 'confidence', 'method', 'basis']).orderBy('match_id').execute();
      } finally {
        await d.close();
      }
    }

    it('two workers store what one county after the other stores', async () => {
      const parallel = fuzhi(['match', '--school-year', String(SCHOOL_YEAR), '--full', '--workers', '2'], env);
      expect(parallel.stderr).toBe('');
      expect(parallel.code).toBe(0);
      expect(parallel.json!.written).toBeGreaterThan(100);
      const byWorkers = await storedPairs();
      const d = await t.open();
      await d.db.deleteFrom('matches').execute();
      await d.close();
      const serial = fuzhi(['match', '--school-year', String(SCHOOL_YEAR), '--full'], env);
      expect(serial.code).toBe(0);
      expect({ ...parallel.json, written: 0 }).toEqual({ ...serial.json, written: 0 });
      expect(serial.json!.written).toBe(parallel.json!.written);
      expect(await storedPairs()).toEqual(byWorkers);
      // and the environment variable chooses the workers too: nothing left to write
      const again = fuzhi(['match', '--school-year', String(SCHOOL_YEAR), '--full'], { ...env, FUZHI_MATCH_WORKERS: '3' });
      expect(again.code).toBe(0);
      expect(again.json).toMatchObject({ written: 0, auto: serial.json!.auto, review: serial.json!.review });
    }, 120_000);

    it('refuses a number of workers that is not one to 64, in Chinese and English', () => {
      const r = fuzhi(['match', '--full', '--workers', '0'], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--workers 应为 1 到 64 之间的整数：0/);
      expect(r.stderr).toMatch(/--workers must be an integer from 1 to 64: 0/);
      const e = fuzhi(['match', '--full'], { ...env, FUZHI_MATCH_WORKERS: 'many' });
      expect(e.code).toBe(2);
      expect(e.stderr).toMatch(/FUZHI_MATCH_WORKERS 应为 1 到 64 之间的整数：many/);
    });
  });
}
