// A term's disbursement in the browser (issue 9): the county creates a batch, publishes its 公示 and
// prints the list as PDF, answers an objection, approves after the period, downloads the bank file,
// uploads the bank's result, and the coverage page shows 100% paid. Screenshots of each step are
// saved under .tmp/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Database } from '../src/db/database.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor } from '../src/platform/scope.ts';
import { installPreset } from '../src/aid/manage-policy.ts';
import { computeEntitlements } from '../src/aid/compute-entitlements.ts';
import { importAccounts } from '../src/aid/import-accounts.ts';
import { loadCounty } from './aid-helpers.ts';
import { stepSubmission } from '../src/aid/sign-off.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

const PASSWORD = 'web-aid-password';

describe.skipIf(chromiumMissing())('a term of aid in Chromium', () => {
  let b: BrowserApp | undefined;
  let database: Database;
  let page: Page;
  let base = '';
  let school = '';
  let dir = '';

  beforeAll(async () => {
    process.env.FUZHI_TODAY = '2025-09-20';
    b = await startBrowserApp({
      dirPrefix: 'fuzhi-web-aid-',
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
      seed: async (database, dir) => {
        await loadCounty(database, 80, 2025);
        await installPreset(database, { name: 'huangmei', schoolYear: 2025, regionCode: null, actor: cliActor() });
        await computeEntitlements(database, { schoolYear: 2025, term: '秋季', actor: cliActor(), today: '2025-09-15' });
        const entitled = await database.db.selectFrom('aid_entitlements').select(['student_no', 'name']).distinct().where('cash', '=', 1).execute();
        fs.writeFileSync(path.join(dir, 'accounts.csv'), ['学籍号,持卡人姓名,与学生关系,银行卡号,开户行', ...entitled.map((e, i) => `${e.student_no},${e.name},本人,62170028700${String(10000000 + i)},农业银行`)].join('\n'));
        await importAccounts(database, { file: path.join(dir, 'accounts.csv'), actor: cliActor() });
        const county = (await database.db.selectFrom('schools').select('county_code').executeTakeFirstOrThrow()).county_code;
        await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: county, password: PASSWORD });
        // one school verifies and submits in the browser; the others have submitted already
        const schools = await database.db.selectFrom('aid_entitlements').select('school_code').distinct().where('cash', '=', 1).orderBy('school_code').execute();
        school = schools[0].school_code;
        await addUser(database.db, cliActor(), { username: 'school', role: 'school', school, password: PASSWORD });
        for (const s of schools.slice(1)) await stepSubmission(database, cliActor(), { schoolYear: 2025, term: '秋季', schoolCode: s.school_code, step: 'submit', text: null });
      },
    });
    ({ database, page, base, dir } = b);
  }, 120_000);

  afterAll(async () => {
    delete process.env.FUZHI_TODAY;
    await b?.close();
  });

  it('a school submits its list, the county approves every list, then runs the batch to 100% coverage', async () => {
    await loginAs(page, base, 'school', PASSWORD);
    await page.getByRole('menuitem', { name: /审核上报/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByRole('button', { name: /审核无误，上报/ }).click();
    await page.getByText('已上报', { exact: true }).waitFor();
    await screenshot(page, '09a-school-submits');
    expect(await page.getByRole('menuitem', { name: /发放批次/ }).count()).toBe(1); // a school reads batches
    await page.getByRole('button', { name: buttonName('退出') }).click();

    await loginAs(page, base, 'county', PASSWORD);
    await page.getByRole('menuitem', { name: /审核上报/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByRole('button', { name: buttonName('核准') }).first().waitFor();
    while ((await page.getByRole('button', { name: buttonName('核准') }).count()) > 0) {
      await page.getByRole('button', { name: buttonName('核准') }).first().click();
      await page.waitForTimeout(300);
    }
    await page.getByText('已核准', { exact: true }).first().waitFor();
    expect(await page.getByText('已上报', { exact: true }).count()).toBe(0);
    await screenshot(page, '09b-county-approves');

    await page.getByRole('menuitem', { name: /发放批次/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByRole('button', { name: buttonName('生成批次') }).click();
    const row = page.locator('tr', { hasText: '草稿' }).first();
    await row.waitFor();
    await screenshot(page, '10-aid-batch-created');
    await row.getByRole('button', { name: buttonName('办理') }).click();
    await page.getByRole('button', { name: buttonName('发布公示') }).click();
    await page.getByRole('link', { name: /公示名单 PDF/ }).waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /公示名单 PDF/ }).click()]);
    const pdfPath = path.join(dir, 'notice.pdf');
    await pdf.saveAs(pdfPath);
    expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByPlaceholder('登记异议内容').fill('群众反映某生家庭已购车，请核实');
    await page.getByRole('button', { name: buttonName('登记') }).click();
    await page.getByPlaceholder(/答复/).fill('经入户核实，车辆为亲属所有，维持认定');
    await page.getByRole('button', { name: buttonName('答复') }).click();
    await page.getByText('已答复：经入户核实').waitFor();
    await screenshot(page, '11-aid-notice-objection');

    // the 公示 period has passed
    process.env.FUZHI_TODAY = '2025-09-30';
    await page.getByRole('button', { name: buttonName('审批通过') }).click();
    await page.getByRole('link', { name: /银行代发文件/ }).waitFor();
    const [bank] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /银行代发文件/ }).click()]);
    await bank.saveAs(path.join(dir, 'bank.xlsx'));
    const lines = await database.db.selectFrom('aid_batch_rows').select('id').execute();
    const result = path.join(dir, '发放结果.csv');
    fs.writeFileSync(result, ['批次行号,结果,失败原因', ...lines.map((l) => `${l.id},成功,`)].join('\n'));
    await page.locator('input[type=file]').setInputFiles(result);
    await page.locator('.ant-drawer').getByText('已发放', { exact: true }).first().waitFor();
    await screenshot(page, '12-aid-paid');
    await page.locator('.ant-drawer-close').click();

    await page.getByRole('menuitem', { name: /资助覆盖率/ }).click();
    await page.getByRole('spinbutton').first().fill('2025');
    await page.getByText('100.0%').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, '13-aid-coverage');
    // drill down: a township, then one of its schools (its students, paid), then back up by the breadcrumb
    await page.locator('.ant-table-tbody a').first().click();
    await page.getByText('（乡镇）').waitFor();
    await page.locator('.ant-table-tbody a').first().click();
    await page.getByText('（学校）').waitFor();
    await page.getByRole('columnheader', { name: '学籍号' }).waitFor();
    await page.locator('.ant-table-tbody').getByText('已发放').first().waitFor();
    expect(page.url()).toContain('level=school');
    await screenshot(page, '13b-aid-coverage-school');
    await page.locator('.ant-breadcrumb a').first().click();
    await page.getByText('（区县）').waitFor();
  });
});
