// The aid pages in Chromium (issue 9 item 2): a county builds its policy set from the 黄梅 preset,
// raises an amount (with a reason) and adds an item, recomputes the term's entitlements as a
// background job and sees the new amounts; a school records a 困难认定 application and decides a
// tier. Screenshots under .tmp/screenshots/.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Database } from '../src/db/database.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';
import { loadCounty } from './aid-helpers.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

const PASSWORD = 'web-aid-pages-password';

describe.skipIf(chromiumMissing())('aid pages in Chromium', () => {
  let b: BrowserApp | undefined;
  let database: Database;
  let page: Page;
  let base = '';
  let applicant = '';

  beforeAll(async () => {
    process.env.FUZHI_TODAY = '2025-09-20';
    b = await startBrowserApp({
      jobs: true,
      acceptDownloads: true,
      dirPrefix: 'fuzhi-web-aid-pages-',
      viewport: { width: 1366, height: 768 },
      seed: async (database) => {
        await loadCounty(database, 150, 2025);
        const county = (await database.db.selectFrom('schools').select('county_code').executeTakeFirstOrThrow()).county_code;
        await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: county, password: PASSWORD });
        // the school's applicant: a student on no list (a family in difficulty the registry does not know)
        const matched = database.db.selectFrom('matches').select('student_no');
        const s = await database.db.selectFrom('students').select(['student_no', 'school_code']).where('student_no', 'not in', matched).where('status', '=', '在读').orderBy('student_no').executeTakeFirstOrThrow();
        applicant = s.student_no;
        await addUser(database.db, cliActor(), { username: 'school', role: 'school', school: s.school_code, password: PASSWORD });
      },
    });
    ({ database, page, base } = b);
  }, 180_000);

  afterAll(async () => {
    delete process.env.FUZHI_TODAY;
    await b?.close();
  });

  it('a county edits an amount, adds an item, recomputes and sees the new amounts', async () => {
    await loginAs(page, base, 'county', PASSWORD);
    await page.getByRole('menuitem', { name: /政策设置/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByText('2025 学年尚无资助政策').waitFor();
    await page.getByRole('button', { name: buttonName('建立政策') }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: buttonName('建立') }).click();
    await page.getByTestId('amount-huangmei-junior-boarding').waitFor();
    expect(await page.getByTestId('amount-huangmei-junior-boarding').textContent()).toContain('1250 元/年');

    await page.locator('tr', { hasText: '初中寄宿生生活补助' }).getByRole('button', { name: /编辑/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '编辑项目' });
    await modal.getByLabel('金额', { exact: true }).fill('2000');
    await modal.getByLabel('修改原因').fill('县政府常务会议决定提标');
    await modal.getByRole('button', { name: buttonName('保存') }).click();
    await page.getByTestId('amount-huangmei-junior-boarding').filter({ hasText: '2000 元/年' }).waitFor();
    await page.getByText('县政府常务会议决定提标').first().waitFor(); // the 修改记录 keeps who, when and why

    await page.getByRole('button', { name: /新增项目/ }).click();
    const add = page.locator('.ant-modal').filter({ hasText: '新增资助项目' });
    await add.getByLabel('项目名称').fill('县级寄宿生交通补助');
    await add.getByLabel('项目代码').fill('county-transport');
    await add.getByLabel('学段', { exact: true }).fill('初级中学');
    await add.getByLabel('学段', { exact: true }).press('Enter');
    await add.getByLabel('金额', { exact: true }).fill('300');
    await add.getByLabel('县分担').fill('100');
    await add.getByLabel('政策依据').fill('县教育局 2025 年交通补助文件');
    await add.getByRole('button', { name: buttonName('保存') }).click();
    await page.getByTestId('amount-county-transport').waitFor();
    expect(await page.locator('tr[data-row-key="county-transport"]').textContent()).toContain('初中');
    await screenshot(page, '20-aid-policy-edited');

    await page.getByRole('menuitem', { name: /资助名单/ }).click();
    await page.getByLabel('学年').fill('2025');
    await page.getByRole('button', { name: /重新计算本学期/ }).click();
    await page.getByText(/计算应享资助：已完成/).waitFor({ timeout: 60_000 });
    await page.getByLabel('资助项目').click();
    await page.locator('.ant-select-item-option', { hasText: '初中寄宿生生活补助' }).click();
    await page.locator('td', { hasText: /^1000$/ }).first().waitFor();
    expect(await page.locator('td', { hasText: /^625$/ }).count()).toBe(0);
    await screenshot(page, '21-aid-entitlements-recomputed');
    await page.getByLabel('资助项目').click();
    await page.locator('.ant-select-item-option', { hasText: '县级寄宿生交通补助' }).click();
    await page.locator('td', { hasText: /^150$/ }).first().waitFor();
    expect(page.url()).toContain('item=county-transport'); // the filter is in the URL
  });

  it('the policy items page, sort and filter on the server with the state in the URL, export every item, and a failed load offers 重试', async () => {
    const items = await page.evaluate(async () => ((await (await fetch('/api/aid/policy?schoolYear=2025')).json()) as { items: { code: string; name: string }[] }).items);
    expect(items.length).toBeGreaterThan(3);
    const byName = items.map((i) => i.name).sort().reverse();
    // the items table (the 修改记录 below it is a table of its own)
    const shown = () => page.locator('.ant-table').first().locator('.ant-table-tbody tr.ant-table-row[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));
    await page.goto(`${base}/aid/policy?schoolYear=2025&pageSize=2&sort=-name`);
    await page.getByText(`共 ${items.length} 条`).waitFor();
    const codeOf = (name: string) => items.find((i) => i.name === name)!.code;
    await expect.poll(shown).toEqual(byName.slice(0, 2).map(codeOf));
    await page.locator('.ant-pagination-item-2').first().click();
    await page.waitForURL(/page=2/);
    await expect.poll(shown).toEqual(byName.slice(2, 4).map(codeOf));
    // the name filter narrows on the server and lands in the URL
    await page.getByLabel('项目名称或代码').fill('交通');
    await page.getByLabel('项目名称或代码').press('Enter');
    await page.waitForURL(/q=/);
    await expect.poll(shown).toEqual(['county-transport']);
    await page.goto(`${base}/aid/policy?schoolYear=2025&pageSize=2&sort=-name`);
    await page.getByText(`共 ${items.length} 条`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName('导出 Excel') }).first().click()]);
    expect(download.suggestedFilename()).toBe('资助政策项目.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets[0].rowCount - 1).toBe(items.length); // every item, not the 2 shown
    // a failed load: the error and 重试, not an empty table
    let fail = true;
    await page.route('**/api/aid/policy/items?*', (route) =>
      fail ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: '服务器内部错误，操作未完成', messageEn: 'x', where: null } }) }) : route.continue(),
    );
    await page.locator('.ant-pagination-item-2').first().click();
    await page.getByText('服务器内部错误，操作未完成').first().waitFor();
    expect(await page.locator('[data-testid^="amount-"]').count()).toBe(0);
    await screenshot(page, '20-aid-policy-load-error');
    fail = false;
    await page.getByRole('button', { name: buttonName('重试') }).click();
    await expect.poll(shown).toEqual(byName.slice(2, 4).map(codeOf));
    await page.unroute('**/api/aid/policy/items?*');
  });

  it('a school records an application and decides a tier', async () => {
    await loginAs(page, base, 'school', PASSWORD);
    await page.getByRole('menuitem', { name: /困难认定/ }).click();
    await page.getByLabel('学年').fill('2025');
    await page.getByRole('button', { name: /登记申请/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '登记认定申请' });
    await modal.getByLabel('学籍号').fill(applicant);
    await modal.getByLabel('家庭困难情况').fill('父亲因病丧失劳动能力，家庭无稳定收入');
    await modal.getByRole('button', { name: buttonName('登记') }).click();
    const row = page.locator('tr', { hasText: '父亲因病丧失劳动能力' });
    await row.getByText('已申请').waitFor();
    expect(await row.textContent()).not.toContain(applicant.slice(1)); // masked for a school
    await row.getByRole('button', { name: buttonName('认定') }).click();
    const decide = page.locator('.ant-modal').filter({ hasText: '认定档次' });
    await decide.getByLabel('比较困难').check();
    await decide.getByLabel('认定理由').fill('经家访核实');
    await decide.getByRole('button', { name: /确定认定/ }).click();
    await row.getByText('已认定').waitFor();
    expect(await row.textContent()).toContain('比较困难');
    await screenshot(page, '22-aid-recognition-decided');
    const stored = await database.db.selectFrom('aid_recognitions').select(['status', 'tier', 'decided_by']).where('student_no', '=', applicant).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: '已认定', tier: '比较困难', decided_by: 'school' });

    // 公示, an objection, and the school's answer
    await page.getByRole('button', { name: /开始公示/ }).click();
    await row.getByText('公示中').waitFor();
    await row.getByRole('button', { name: /登记异议/ }).click();
    await page.getByPlaceholder(/异议内容/).fill('群众反映该生家庭新购轿车');
    await page.locator('.ant-modal').filter({ hasText: '登记异议' }).getByRole('button', { name: buttonName('登记') }).click();
    await row.getByText('1 条待答复').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByPlaceholder('答复内容').fill('经入户核实，车辆为亲属所有');
    await page.getByRole('button', { name: /维持认定/ }).click();
    await page.getByText('已答复（维持认定）：经入户核实，车辆为亲属所有').waitFor();
    await screenshot(page, '23-aid-recognition-objection');
    const answered = await database.db.selectFrom('aid_recognition_objections').select(['outcome', 'answered_by']).executeTakeFirstOrThrow();
    expect(answered).toEqual({ outcome: 'keep', answered_by: 'school' });
  });
});
