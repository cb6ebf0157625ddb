// A project's funds and follow-up on both dialects: two fund sources, spending refused before its
// posting and above its source's budget (409, nothing written), milestones, 督导验收 and the
// quarterly summary and half-year bulletin built from the dispatches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import { parseCsv } from '../demo/testkit.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { cliActor } from '../platform/scope.ts';
import { acceptProject, addFund, postFundUse, publishAcceptanceResult, recordMilestone, recordSpending } from './project-funds.ts';
import { addProject, dispatchProject, listProjects } from './project-steps.ts';
import { reportProjects } from './project-report.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-projects-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const rows = (file: string) => {
  const [header, ...rest] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  return rest.filter((r) => r.some((c) => c !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
};
const actor = cliActor();

async function refusal(p: Promise<unknown>): Promise<FuzhiError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(FuzhiError);
  return e as FuzhiError;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`project funds and bulletins on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    const spend = (date: string, source: string, yuan: string, today = '2026-10-08') => recordSpending(database, actor, today, { project: '1', source, date, amount: yuan, purpose: '工程进度款' });
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      const at = '2026-01-01T00:00:00.000Z';
      await database.db.insertInto('schools').values({ code: '2151343301', name: '甘洛县新市坝镇中心小学', region_code: '513433101000', county_code: '513433', school_type: '小学', urban_rural: '乡村', row_hash: 'x', rev: 1, created_at: at, updated_at: at }).execute();
      await addProject(database, actor, { school: '2151343301', name: '学生宿舍楼', kind: '宿舍', budget: '1000000', fund: '中央专项资金', end: '2026-09-30' });
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    it('keeps a budget by fund source; the project budget is their sum', async () => {
      expect(await addFund(database, actor, { project: '1', source: '县级配套', budget: '200000' })).toMatchObject({ budget: 1200000, sources: [{ source: '中央专项资金', budget: 1000000 }, { source: '县级配套', budget: 200000 }] });
      expect((await refusal(addFund(database, actor, { project: '1', source: '县级配套', budget: '1' }))).status).toBe(409);
    });

    it('refuses spending before the fund use is posted, and above the posting or the source budget, writing nothing', async () => {
      const before = await refusal(spend('2026-07-02', '县级配套', '50000'));
      expect(before).toMatchObject({ code: 'PROJECT_NOT_POSTED', status: 409, exitCode: 1 });
      expect(before.messageZh).toMatch(/尚未张榜公示/);
      expect(before.messageEn).toMatch(/not posted/);
      await postFundUse(database, actor, '2026-10-08', { project: '1', source: '县级配套', date: '2026-07-05', amount: '250000', content: '校门公示栏：县级配套资金用于宿舍楼主体' });
      expect((await refusal(spend('2026-07-02', '县级配套', '50000'))).code).toBe('PROJECT_NOT_POSTED'); // posted after that day
      expect(await spend('2026-07-10', '县级配套', '150000')).toMatchObject({ ok: true, spent: 150000, remaining: 50000 });
      const over = await refusal(spend('2026-08-10', '县级配套', '50000.01'));
      expect(over).toMatchObject({ code: 'PROJECT_OVER_BUDGET', status: 409 });
      expect(over.messageZh).toBe('项目 1：“县级配套”预算 200000 元，已支出 150000 元，本次 50000.01 元将超出预算（专款专用）');
      expect((await refusal(spend('2026-08-10', '省级奖补', '1'))).code).toBe('PROJECT_FUND_UNKNOWN');
      expect(await spend('2026-08-10', '县级配套', '50000')).toMatchObject({ remaining: 0 });
      await postFundUse(database, actor, '2026-10-08', { project: '1', source: '中央专项资金', date: '2026-08-01', amount: '300000', content: '县教育局网站公示' });
      expect((await refusal(spend('2026-08-20', '中央专项资金', '300000.01'))).code).toBe('PROJECT_NOT_POSTED');
      await spend('2026-08-20', '中央专项资金', '300000');
      const kept = await database.db.selectFrom('project_spending').select(['source', 'amount_fen']).orderBy('id').execute();
      expect(kept.map((r) => [r.source, Number(r.amount_fen)])).toEqual([['县级配套', 15_000_000], ['县级配套', 5_000_000], ['中央专项资金', 30_000_000]]);
      const audited = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'project.spend').execute();
      expect(audited).toHaveLength(3);
    });

    it('keeps milestones and accepts only a finished project, once passed', async () => {
      await recordMilestone(database, actor, '2026-10-08', { project: '1', name: '主体封顶', planned: '2026-08-01' });
      await recordMilestone(database, actor, '2026-10-08', { project: '1', name: '竣工', planned: '2026-09-15' });
      expect(await recordMilestone(database, actor, '2026-10-08', { project: '1', name: '主体封顶', done: '2026-08-20' })).toMatchObject({ late: true });
      expect((await refusal(recordMilestone(database, actor, '2026-10-08', { project: '1', name: '主体封顶', done: '2026-08-21' }))).status).toBe(409);
      await dispatchProject(database, actor, '2026-10-08', { project: '1', date: '2026-06-05', percent: '20', spent: '0', note: '基础' });
      await dispatchProject(database, actor, '2026-10-08', { project: '1', date: '2026-07-05', percent: '40', spent: '150000', note: '主体' });
      expect((await refusal(acceptProject(database, actor, '2026-10-08', { project: '1', date: '2026-08-01', result: '合格' }))).code).toBe('PROJECT_NOT_FINISHED');
      await dispatchProject(database, actor, '2026-10-08', { project: '1', date: '2026-09-03', percent: '100', spent: '500000', note: '竣工' });
      await acceptProject(database, actor, '2026-10-08', { project: '1', date: '2026-09-20', result: '合格', findings: '符合设计要求' });
      expect((await refusal(acceptProject(database, actor, '2026-10-08', { project: '1', date: '2026-09-21', result: '合格' }))).code).toBe('PROJECT_ACCEPTED');
    });

    it('writes the quarterly summary from the dispatches and names what is behind', async () => {
      const out = path.join(dir, `${dialect}-q3.csv`);
      const r = await reportProjects(database, { period: '2026-Q3', out, today: '2026-10-08', actor });
      expect(r).toMatchObject({ rows: 1, kind: '季汇总', title: '2026年第三季度项目季汇总', spent: 500000, behind: [1] });
      expect(rows(out)[0]).toMatchObject({
        项目名称: '学生宿舍楼', 资金来源及预算: '中央专项资金 1000000；县级配套 200000', 期初进度: '20%', 期末进度: '100%', 本期调度次数: '2', 缺报月份: '2026-08',
        '本期支出（元）': '500000', 本期支出按来源: '县级配套 200000；中央专项资金 300000', 验收情况: '合格（2026-09-20，未公布）',
        需通报事项: '缺月调度：2026-08；主体封顶逾期完成（计划 2026-08-01）；竣工逾期未完成（计划 2026-09-15）；验收结果未公布',
      });
      expect((await refusal(reportProjects(database, { period: '2026-Q5', out, today: '2026-10-08', actor }))).exitCode).toBe(2);
    });

    it('publishes the acceptance result once; the half-year bulletin and the ledger show it', async () => {
      expect((await refusal(publishAcceptanceResult(database, actor, '2026-10-08', { project: '1', date: '2026-09-19' }))).exitCode).toBe(2);
      await publishAcceptanceResult(database, actor, '2026-10-08', { project: '1', date: '2026-09-25' });
      expect((await refusal(publishAcceptanceResult(database, actor, '2026-10-08', { project: '1', date: '2026-09-26' }))).status).toBe(409);
      await recordMilestone(database, actor, '2026-10-08', { project: '1', name: '竣工', done: '2026-09-10' });
      const out = path.join(dir, `${dialect}-h2.csv`);
      const r = await reportProjects(database, { period: '2026-H2', out, today: '2026-10-08', actor });
      expect(r).toMatchObject({ kind: '半年通报', title: '2026年下半年项目半年通报' });
      expect(rows(out)[0]).toMatchObject({ 验收情况: '合格（2026-09-20，已公布 2026-09-25）', 需通报事项: '缺月调度：2026-08、2026-10；主体封顶逾期完成（计划 2026-08-01）' });
      const ledger = path.join(dir, `${dialect}-ledger.csv`);
      await listProjects(database, { out: ledger, today: '2026-10-08', actor });
      expect(rows(ledger)[0]).toMatchObject({ '预算（元）': '1200000', '已公示（元）': '550000', '已登记支出（元）': '500000', 里程碑: '主体封顶（计划 2026-08-01）逾期完成；竣工（计划 2026-09-15）按期完成', 验收结果: '合格（2026-09-20）', 验收结果公布: '2026-09-25' });
    });
  });
}
