// Every table of the console in a real browser (issue 9 item 6), on the 学生名单 page: a filter and
// page 2 survive a reload and open the same from a shared link, 导出 Excel downloads the filtered
// rows (all pages, IDs masked), a failed load shows 加载失败 and 重试 recovers, and a phone gets
// cards instead of the table. Screenshots in .tmp/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, SCHOOLS, seedPlatform, TEST_PASSWORD, withCheckDigit } from '../src/platform/test-seed.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

const AT = '2025-09-01T00:00:00.000Z';
/** 60 more pupils of school A: 测试01–测试50 在读, 测试51–测试60 休学. */
const EXTRA = Array.from({ length: 60 }, (_, k) => {
  const i = k + 1;
  const n = String(i).padStart(2, '0');
  return { name: `测试${n}`, id: withCheckDigit(`51343320120101${String(i).padStart(3, '0')}`), status: i <= 50 ? '在读' : '休学', studentNo: `J${SCHOOLS.a}${String(i).padStart(4, '0')}` };
});
const ALL_IDS = [...Object.values(IDS), ...EXTRA.map((e) => e.id)];

describe.skipIf(chromiumMissing())('tables in Chromium', () => {
  let b: BrowserApp | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    b = await startBrowserApp({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
      seed: async (database) => {
        await seedPlatform(database.db);
        await database.db
          .insertInto('students')
          .values(
            EXTRA.map((e) => ({
              student_no: e.studentNo, county_code: '513433', name: e.name, name_norm: e.name, name_key: e.name, sex: 'F', id_raw: e.id, id_number: e.id, id_status: 'valid',
              birth_date: '2012-01-01', ethnicity: '彝族', school_code: SCHOOLS.a, stage: '小学', grade: '六年级', boarding: 0, hukou_region: '513433100201', status: e.status,
              row_hash: 'h', rev: 1, created_at: AT, updated_at: AT,
            })),
          )
          .execute();
      },
    });
    ({ browser, context, page, base } = b);
    await loginAs(page, base, 'admin', TEST_PASSWORD);
  });

  afterAll(async () => {
    await b?.close();
  });

  const names = async (p: Page): Promise<string[]> => {
    await p.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await p.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    return p.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allTextContents();
  };

  async function assertNoFullIds(p: Page): Promise<void> {
    const html = await p.content();
    for (const id of ALL_IDS) expect(html.includes(id), `full ID ${id} in the page`).toBe(false);
  }

  it('keeps a filter and page 2 through a reload and opens the same view from a shared link', async () => {
    await page.goto(`${base}/students`);
    await names(page);
    await page.getByPlaceholder('姓名、学籍号或身份证件号').fill('测试');
    await page.getByPlaceholder('姓名、学籍号或身份证件号').press('Enter');
    await page.getByText('共 60 名学生').waitFor();
    await page.locator('.ant-select', { hasText: '全部学籍状态' }).click();
    await page.locator('.ant-select-item-option', { hasText: '在读' }).click();
    await page.getByText('共 50 名学生').waitFor();
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    const shown = await names(page);
    expect(shown).toEqual(EXTRA.slice(20, 40).map((e) => e.name));
    const url = page.url();
    expect(decodeURIComponent(url)).toContain('status=在读');
    expect(url).toContain('q=');
    await screenshot(page, 'tables-students-filtered-page2');

    await page.reload();
    await page.getByText('共 50 名学生').waitFor();
    expect(await names(page)).toEqual(shown);
    await expect(page.locator('.ant-pagination-item-active').textContent()).resolves.toBe('2');
    await expect(page.getByPlaceholder('姓名、学籍号或身份证件号').inputValue()).resolves.toBe('测试');

    const other = await context.newPage();
    await other.goto(url);
    await other.getByText('共 50 名学生').waitFor();
    expect(await names(other)).toEqual(shown);
    await other.close();
    await assertNoFullIds(page);
  });

  it('exports exactly the filtered rows, every page, with masked IDs', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName('导出 Excel') }).click()]);
    expect(download.suggestedFilename()).toBe('学生名单.xlsx');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-tables-')), 'students.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string)))));
    expect(rows[0]?.slice(0, 2)).toEqual(['学籍号', '姓名']);
    expect(rows.length - 1).toBe(50); // the filtered total, not the 20 rows of the page
    expect(rows.slice(1).map((r) => r[1])).toEqual(EXTRA.slice(0, 50).map((e) => e.name));
    const idColumn = rows[0].indexOf('身份证件号');
    for (const r of rows.slice(1)) expect(r[idColumn]).toMatch(/^513433\*{8}\d{3}[\dX]$/);
    const text = JSON.stringify(rows);
    for (const id of ALL_IDS) expect(text.includes(id), `full ID ${id} in the export`).toBe(false);
  });

  it('shows the error with 重试 instead of an empty table, and 重试 recovers', async () => {
    let fail = true;
    await page.route('**/api/students?*', (route) =>
      fail ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: '服务器内部错误，操作未完成', messageEn: 'x', where: null } }) }) : route.continue(),
    );
    await page.locator('.ant-pagination-item-3').click();
    await page.getByText('加载失败').waitFor();
    await page.getByText('服务器内部错误，操作未完成').first().waitFor();
    await expect(page.locator('.ant-table-tbody').count()).resolves.toBe(0);
    await screenshot(page, 'tables-load-error');
    fail = false;
    await page.getByRole('button', { name: buttonName('重试') }).click();
    expect(await names(page)).toEqual(EXTRA.slice(40, 50).map((e) => e.name));
    await page.unroute('**/api/students?*');
  });

  it('sorts on the server from a column header, and the sort is in the URL', async () => {
    await page.goto(`${base}/students?q=${encodeURIComponent('测试')}`);
    await names(page);
    await page.locator('.ant-table-thead th', { hasText: '姓名' }).click(); // ascending
    await page.locator('.ant-table-thead th', { hasText: '姓名' }).click(); // descending
    await page.waitForURL(/sort=-name/);
    expect((await names(page)).slice(0, 3)).toEqual(['测试60', '测试59', '测试58']);
  });

  it('shows cards instead of the table at phone width', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const p = await phone.newPage();
    await loginAs(p, base, 'school-a', TEST_PASSWORD);
    await p.goto(`${base}/students?status=${encodeURIComponent('休学')}`);
    await p.getByTestId('table-cards').waitFor();
    await expect(p.locator('table').count()).resolves.toBe(0);
    await expect(p.locator('.data-card').count()).resolves.toBe(10);
    await p.locator('.data-card', { hasText: '测试51' }).getByText('休学').waitFor();
    await screenshot(p, 'tables-students-phone');
    await assertNoFullIds(p);
    await phone.close();
  });
});
