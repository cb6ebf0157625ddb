// A match run as a job (the console's 任务 table, GET /api/jobs) names each county as it is
// compared, also when two worker threads compare counties at once: the row the console lists
// shows 按县比对：<county name and code>（n/total） while the run goes on, then 已完成. Both databases.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, DIALECTS } from '../src/db/test-databases.ts';
import { nowIso } from '../src/kernel/clock.ts';
import { beginJob, endJob, reportCountyProgress } from '../src/cli/job-reporter.ts';
import { insertJob } from '../src/platform/jobs.repository.ts';
import type { JobItem } from '../src/platform/jobs.schema.ts';
import { cliActor } from '../src/platform/scope.ts';
import { startTestApp, type TestApp } from '../src/platform/test-seed.ts';
import { runMatching } from '../src/registry/run-matching.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`match job progress per county on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await t.loginAs('county');
    });
    afterAll(async () => {
      await t?.close();
    });

    /** The job as the console's table lists it. */
    async function listed(id: string): Promise<JobItem> {
      const res = await t.get('county', '/api/jobs?kind=match');
      expect(res.statusCode).toBe(200);
      const item = res.json<{ items: JobItem[] }>().items.find((j) => j.id === id);
      if (!item) throw new Error(`job ${id} not listed`);
      return item;
    }

    it('shows the county being compared in the job table, by two workers', async () => {
      const id = randomUUID();
      await insertJob(t.database.db, {
        id, kind: 'match', params_json: JSON.stringify({ schoolYear: 2025 }), file_name: null, status: 'queued', progress: 0, message: '排队中',
        result_json: null, error_json: null, errors_file: null, warnings_file: null, actor: 'county', region_code: '513433', pid: null,
        created_at: nowIso(), started_at: null, finished_at: null,
      });
      // one county has a name in the regions table, the other is shown by its code
      await t.database.db.insertInto('regions').values({ code: '513433000000', name: '甘洛县', level: 3, parent_code: null }).execute();
      const label = (county: string) => (county === '513433' ? '甘洛县 513433' : county);
      // what `fuzhi match` does when the server runs it as this job (cli/registry.ts)
      await beginJob(t.database.db, { FUZHI_JOB_ID: id });
      const seen: { message: string | null; progress: number; status: string }[] = [];
      const counties: string[] = [];
      const summary = await runMatching(t.database, {
        actor: cliActor(), schoolYear: 2025, full: true, workers: 2,
        onCounty: async (county, done, total) => {
          counties.push(county);
          await reportCountyProgress(t.database.db, county, done, total);
          const expected = `按县比对：${label(county)}（${done}/${total}）`;
          for (let i = 0; i < 100; i++) {
            const j = await listed(id);
            if (j.message === expected) {
              seen.push({ message: j.message, progress: j.progress, status: j.status });
              return;
            }
            await new Promise((r) => setTimeout(r, 50));
          }
          throw new Error(`the job table never showed ${expected}`);
        },
      });
      await endJob({ result: summary });
      expect([...counties].sort()).toEqual(['513433', '520102']);
      expect(seen.map((s) => s.message)).toEqual([`按县比对：${label(counties[0])}（1/2）`, `按县比对：${label(counties[1])}（2/2）`]);
      expect(seen.filter((s) => /^按县比对：甘洛县 513433（[12]\/2）$/.test(s.message ?? ''))).toHaveLength(1);
      expect(seen.map((s) => s.status)).toEqual(['running', 'running']);
      // between the reading (1/3 of the bar) and the write: forward, county by county
      expect(seen[0].progress).toBeCloseTo(1 / 2);
      expect(seen[1].progress).toBeCloseTo(2 / 3);
      expect(await listed(id)).toMatchObject({ status: 'done', message: '已完成', progress: 1 });
    });
  });
}
