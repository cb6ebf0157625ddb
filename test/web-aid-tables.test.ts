// The aid console's remaining tables in a real browser (issue 9 item 6): 审核上报, 我的任务, a batch's
// rows and the coverage table page on the server (page 2 in the URL), 导出 Excel downloads every
// filtered row, and a phone (390×844) gets cards instead of tables. Screenshots in .tmp/screenshots/.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';
import { installPreset } from '../src/aid/manage-policy.ts';
import { computeEntitlements } from '../src/aid/compute-entitlements.ts';
import { createBatch } from '../src/aid/create-batch.ts';
import { loadCounty } from './aid-helpers.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

const PASSWORD = 'web-aid-tables-password';
const TODAY = '2025-09-19'; // a Friday
const TERM = `schoolYear=2025&term=${encodeURIComponent('秋季')}`;
const AT = '2025-09-01T00:00:00.000Z';

async function sheetRows(file: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string)))));
  return rows;
}

describe.skipIf(chromiumMissing())('aid tables in Chromium', () => {
  let b: BrowserApp | undefined;
  let browser: Browser;
  let page: Page;
  let base = '';
  let dir = '';
  let schools = 0;
  let rows = 0;
  let absent = 0;

  beforeAll(async () => {
    process.env.FUZHI_TODAY = TODAY;
    b = await startBrowserApp({
      acceptDownloads: true,
      dirPrefix: 'fuzhi-aid-tables-',
      viewport: { width: 1366, height: 768 },
      seed: async (database) => {
        await loadCounty(database, 80, 2025);
        await installPreset(database, { name: 'huangmei', schoolYear: 2025, regionCode: null, actor: cliActor() });
        await computeEntitlements(database, { schoolYear: 2025, term: '秋季', actor: cliActor(), today: '2025-09-15' });
        const county = (await database.db.selectFrom('schools').select('county_code').executeTakeFirstOrThrow()).county_code;
        await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: county, password: PASSWORD });
        schools = (await database.db.selectFrom('aid_entitlements').select('school_code').distinct().where('cash', '=', 1).where('status', '=', 'active').execute()).length;
        const batch = await createBatch(database, { schoolYear: 2025, term: '秋季', actor: cliActor() });
        rows = batch.rows;
        // 25 pupils absent without reason today: 25 absence warnings in 我的任务
        const pupils = await database.db.selectFrom('students').select(['student_no', 'county_code']).orderBy('student_no').limit(25).execute();
        absent = pupils.length;
        await database.db
          .insertInto('attendance')
          .values(pupils.map((p) => ({ record_key: `${p.student_no}|${TODAY}`, county_code: p.county_code, student_no: p.student_no, absence_date: TODAY, kind: '无故缺勤', reason: null, row_hash: 'h', rev: 1, created_at: AT, updated_at: AT })))
          .execute();
      },
    });
    ({ browser, page, base, dir } = b);
    await loginAs(page, base, 'county', PASSWORD);
  }, 180_000);

  afterAll(async () => {
    delete process.env.FUZHI_TODAY;
    await b?.close();
  });

  /** The body rows of the table shown (spinner gone). */
  async function tableRows(p: Page, scope = 'body'): Promise<number> {
    const root = p.locator(scope);
    await root.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await p.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    return root.locator('.ant-table-tbody tr.ant-table-row').count();
  }

  async function exported(p: Page, scope = 'body'): Promise<string[][]> {
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator(scope).getByRole('button', { name: buttonName('导出 Excel') }).click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return sheetRows(file);
  }

  it('审核上报 pages on the server and exports every school', async () => {
    expect(schools).toBeGreaterThan(2);
    await page.goto(`${base}/aid/signoff?${TERM}&pageSize=2`);
    await page.getByText(`共 ${schools} 所学校`).waitFor();
    expect(await tableRows(page)).toBe(2);
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    expect(await tableRows(page)).toBe(Math.min(2, schools - 2));
    await screenshot(page, 'aid-tables-signoff-page2');
    const sheet = await exported(page);
    expect(sheet[0]).toContain('学校标识码');
    expect(sheet.length - 1).toBe(schools); // every page, not the 2 rows shown
    // the buttons still work: the county submits nothing, but a filter by status narrows on the server
    await page.locator('.ant-select', { hasText: '全部状态' }).click();
    await page.locator('.ant-select-item-option', { hasText: '已核准' }).click();
    await page.getByText('没有符合条件的学校').waitFor();
    expect(decodeURIComponent(page.url())).toContain('status=已核准');
  });

  it('我的任务 pages on the server, filters by kind and exports the filtered tasks', async () => {
    await page.goto(`${base}/tasks`);
    await page.getByText(`共 ${absent} 项`).first().waitFor();
    expect(await tableRows(page)).toBe(20);
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    expect(await tableRows(page)).toBe(absent - 20);
    await screenshot(page, 'aid-tables-tasks-page2');
    const sheet = await exported(page);
    expect(sheet.length - 1).toBe(absent);
    expect(sheet.slice(1).every((r) => r[1] === '缺勤预警')).toBe(true);
    await page.locator('.ant-select', { hasText: '全部类别' }).click();
    await page.locator('.ant-select-item-option', { hasText: '关爱走访' }).click();
    await page.getByText('暂无待办任务').waitFor();
    expect(page.url()).toContain('kind=care');
  });

  it("a batch's rows page on the server in the drawer and export the filtered rows", async () => {
    expect(rows).toBeGreaterThan(3);
    await page.goto(`${base}/aid/batches?${TERM}&rows.pageSize=3`);
    await page.getByRole('button', { name: buttonName('办理') }).first().click();
    const drawer = '.ant-drawer-section';
    await page.locator(drawer).getByText(`共 ${rows} 人次`).waitFor();
    expect(await tableRows(page, drawer)).toBe(3);
    await page.locator(`${drawer} .ant-pagination-item-2`).click();
    await page.waitForURL(/rows\.page=2/);
    expect(await tableRows(page, drawer)).toBe(Math.min(3, rows - 3));
    await screenshot(page, 'aid-tables-batch-rows-page2');
    const all = await exported(page, drawer);
    expect(all.length - 1).toBe(rows);
    await page.locator(drawer).locator('.ant-select', { hasText: '全部发放状态' }).click();
    await page.locator('.ant-select-item-option', { hasText: '已发放' }).click();
    await page.locator(drawer).getByText('没有符合条件的发放名单').waitFor();
    expect(page.url()).toContain('rows.status=paid');
  });

  it('the coverage table pages on the server while the chart keeps every row, and exports', async () => {
    await page.goto(`${base}/aid/coverage?${TERM}&rows.pageSize=1`);
    await page.getByText(/共 \d+ 个乡镇/).waitFor();
    const total = Number((await page.getByText(/共 \d+ 个乡镇/).textContent())!.match(/\d+/)![0]);
    expect(await tableRows(page)).toBe(1);
    const sheet = await exported(page);
    expect(sheet.length - 1).toBe(total);
    await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
    await page.waitForURL(/level=township/);
    await page.getByText(/共 \d+ 个学校/).waitFor();
    await screenshot(page, 'aid-tables-coverage-township');
  });

  it('shows cards instead of tables at phone width', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, acceptDownloads: true });
    const p = await phone.newPage();
    await loginAs(p, base, 'county', PASSWORD);
    for (const [url, name] of [[`/aid/signoff?${TERM}`, 'signoff'], ['/tasks', 'tasks'], [`/aid/coverage?${TERM}`, 'coverage']] as const) {
      await p.goto(`${base}${url}`);
      await p.getByTestId('table-cards').waitFor();
      await expect(p.locator('table').count()).resolves.toBe(0);
      expect(await p.locator('.data-card').count()).toBeGreaterThan(0);
      await screenshot(p, `aid-tables-phone-${name}`);
    }
    const sheet = await exported(p);
    expect(sheet.length).toBeGreaterThan(1);
    await phone.close();
  });
});
