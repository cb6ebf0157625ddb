// 指标考核 in Chromium (issue 12 items 5–7): a county opens the page (every indicator, met in green and
// not met in red), opens an indicator's drawer with target against actual by township and by school
// (chart and table) and the trend chart, enters 学生机比 with its evidence; a county generates
// the 督导材料包 as a job and downloads it: it holds every file `export inspection --within` writes. Screenshots under .tmp/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { open } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Database } from '../src/db/database.ts';
import { cliActor } from '../src/platform/scope.ts';
import { seedPlatform, TEST_PASSWORD } from '../src/platform/test-seed.ts';
import { readZipDirectory } from '../src/files/zip-directory.ts';
import { exportInspection } from '../src/indicators/report-indicators.ts';
import { seedIndicatorData } from './indicator-helpers.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

const TODAY = '2026-03-10';

describe.skipIf(chromiumMissing())('指标考核 in Chromium', () => {
  let b: BrowserApp | undefined;
  let database: Database;
  let page: Page;
  let base = '';
  let dir = '';

  beforeAll(async () => {
    process.env.FUZHI_TODAY = TODAY;
    b = await startBrowserApp({
      jobs: true,
      acceptDownloads: true,
      dirPrefix: 'fuzhi-web-indicators-',
      viewport: { width: 1366, height: 900 },
      seed: async (db) => {
        await seedPlatform(db.db);
        await seedIndicatorData(db.db);
      },
    });
    ({ database, page, base, dir } = b);
  }, 180_000);

  afterAll(async () => {
    delete process.env.FUZHI_TODAY;
    await b?.close();
  });

  const row = (name: string) => page.locator('.ant-table-row', { hasText: name }).first();

  it('a county sees every indicator, opens one with its chart by township and school, and its trend', async () => {
    await loginAs(page, base, 'county', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: /指标考核/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByRole('spinbutton').first().blur();
    await row('小学入学率').waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(17);
    // 甘洛县: primary roster children 甲一, 甲二 (township 100), 乙一, 乙二 (101); 甲一 and 乙一 enrolled
    expect(await row('小学入学率').textContent()).toContain('50.0%');
    expect(await row('小学入学率').locator('.ant-tag-red').textContent()).toBe('未达标');
    expect(await row('学生机比').textContent()).toContain('未填报');
    await screenshot(page, 'indicators-table');

    await row('小学入学率').click();
    const drawer = page.locator('.ant-drawer').filter({ has: page.locator('.ant-drawer-body') });
    await screenshot(page, 'indicators-drawer-open');
    await drawer.locator('.ant-table-row', { hasText: '513433100' }).waitFor();
    await drawer.getByTestId('breakdown-chart').locator('canvas').waitFor({ state: 'attached' });
    expect(await drawer.locator('.ant-table-row').count()).toBe(2);
    await drawer.getByTestId('trend-chart').locator('canvas').waitFor({ state: 'attached' });
    await screenshot(page, 'indicators-drawer-township');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await row('小学（含幼儿园）教师专科以上学历比例').click();
    await drawer.getByText('按学校').click();
    await drawer.locator('.ant-table-row', { hasText: '甘洛县城关小学' }).waitFor();
    expect(await drawer.locator('.ant-table-row', { hasText: '贵阳市南明小学' }).count()).toBe(0);
    await drawer.getByTestId('breakdown-chart').locator('canvas').waitFor({ state: 'attached' });
    await screenshot(page, 'indicators-drawer-school');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('a county enters 学生机比 with its evidence and the table shows it', async () => {
    await row('学生机比').click();
    const drawer = page.locator('.ant-drawer').filter({ has: page.locator('.ant-drawer-body') });
    await drawer.getByRole('button', { name: buttonName('填报') }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '填报：学生机比' });
    await modal.getByLabel(/数值/).fill('6.5');
    await modal.getByLabel(/证据/).fill('2025年教育装备统计表');
    await modal.getByRole('button', { name: buttonName('提交') }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await row('学生机比').filter({ hasText: '6.5 人/台' }).waitFor();
    expect(await row('学生机比').locator('.ant-tag-green').textContent()).toBe('达标');
    const audit = await database.db.selectFrom('audit_log').select(['actor', 'target']).where('action', '=', 'indicator.set').execute();
    expect(audit).toEqual([{ actor: 'county', target: 'students-per-computer' }]);
    // its evidence file: a renamed file is refused in words, a real PDF is listed and downloads
    await row('学生机比').click();
    const files = page.getByTestId('evidence-files');
    await files.getByLabel('上传佐证材料').setInputFiles({ name: '装备统计.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.getByText(/装备统计\.pdf 的内容不是 \.pdf 格式/).waitFor();
    await files.getByLabel('上传佐证材料').setInputFiles({ name: '装备统计表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%装备\n') });
    await files.getByRole('link', { name: '装备统计表.pdf' }).waitFor();
    await screenshot(page, 'indicators-evidence');
    const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('link', { name: '装备统计表.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('装备统计表.pdf');
    await page.keyboard.press('Escape');
  });

  it('a county generates its 督导材料包 as a job with progress and downloads its own county’s files', async () => {
    await loginAs(page, base, 'county', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: /督导问责/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByRole('spinbutton').first().blur();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      (async () => {
        await page.getByRole('button', { name: /生成督导材料包/ }).click();
        await page.getByTestId('pack-progress').waitFor();
        await screenshot(page, 'indicators-pack-progress');
      })(),
    ]);
    expect(download.suggestedFilename()).toBe('2025学年督导材料包-513433.zip');
    const file = path.join(dir, 'pack.zip');
    await download.saveAs(file);
    const fh = await open(file, 'r');
    const entries = await readZipDirectory(fh, fs.statSync(file).size);
    await fh.close();
    const cli = await exportInspection(database, { out: path.join(dir, 'cli.zip'), schoolYear: 2025, actor: cliActor(), today: TODAY, within: '513433' });
    expect(entries.map((e) => e.name).sort()).toEqual([...cli.names].sort());
    // the job stays in the job table of 导入与任务; the pack can be downloaded again
    await page.getByTestId('pack-progress').getByRole('button', { name: /下载督导材料包/ }).waitFor();
    const jobs = await database.db.selectFrom('jobs').select(['kind', 'status', 'actor', 'file_name']).where('kind', '=', 'inspection').execute();
    expect(jobs).toEqual([{ kind: 'inspection', status: 'done', actor: 'county', file_name: '2025学年督导材料包-513433.zip' }]);
  }, 180_000);
});
