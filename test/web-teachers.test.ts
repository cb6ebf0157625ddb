// 教师队伍 in Chromium at 1366×768: a county officer opens each tab — the roster (ID numbers masked,
// filtered by the server), the training chart against the 85% line, the rotation report with the
// schools behind, the payables and honours — and records a 交流轮岗 move, after which its school is no
// longer behind; then generates the tuition refunds of the school year with 生成应发 and makes them a
// teacher disbursement batch with 生成发放批次, opened in the batch drawer and put on 公示.
// Screenshots under .tmp/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Database } from '../src/db/database.ts';
import { maskIdNumber } from '../src/platform/privacy.rules.ts';
import { cliActor } from '../src/platform/scope.ts';
import { SCHOOLS, seedPlatform, TEST_PASSWORD } from '../src/platform/test-seed.ts';
import { generatePayables } from '../src/schools/teacher-moves.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';
import { seedTeachers, TEACHERS } from './teacher-fixtures.ts';

describe.skipIf(chromiumMissing())('teacher pages in Chromium', () => {
  let b: BrowserApp | undefined;
  let database: Database;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    process.env.FUZHI_TODAY = '2025-10-15';
    b = await startBrowserApp({
      jobs: true,
      viewport: { width: 1366, height: 768 },
      seed: async (database) => {
        await seedPlatform(database.db);
        await seedTeachers(database.db);
        await generatePayables(database, cliActor(), { month: '2025-10' });
      },
    });
    ({ database, page, base } = b);
  }, 180_000);

  afterAll(async () => {
    delete process.env.FUZHI_TODAY;
    await b?.close();
  });

  it('opens each tab and records a move', async () => {
    await loginAs(page, base, 'county', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: /教师队伍/ }).click();
    const county = TEACHERS.filter((x) => x.county_code === '513433');

    // 名册: the county's teachers, ID numbers masked; the server filters village teachers
    await page.getByText(`共 ${county.length} 名教师`).waitFor();
    const chen = TEACHERS.find((x) => x.name === '陈建国')!;
    await page.getByRole('cell', { name: maskIdNumber(chen.id)! }).waitFor();
    expect(await page.getByText(chen.id).count()).toBe(0);
    expect(await page.getByText('孙立新').count()).toBe(0);
    await page.locator('.ant-select', { hasText: '是否乡村教师' }).click();
    await page.locator('.ant-select-item-option', { hasText: '非乡村教师' }).click();
    await page.getByText(`共 ${county.filter((x) => x.village === 0).length} 名教师`).waitFor();
    expect(page.url()).toContain('village=0');
    await screenshot(page, 'teachers-roster');

    // 培训: the chart and the schools below 85%
    await page.goto(`${base}/teachers?tab=training&schoolYear=2025`);
    await page.getByRole('tab', { name: '培训', selected: true }).waitFor();
    await page.locator('canvas').first().waitFor();
    await page.getByText('乡村教师培训率（目标 ≥ 85%）').waitFor();
    expect(await page.locator('tr', { hasText: '甘洛县城关小学' }).locator('.ant-tag-red').count()).toBe(1);
    await screenshot(page, 'teachers-training');

    // 交流轮岗: both schools behind before any move
    await page.getByRole('tab', { name: '交流轮岗' }).click();
    const warning = page.locator('.ant-alert-warning');
    await warning.filter({ hasText: '甘洛县城关小学' }).waitFor();
    expect(await warning.textContent()).toContain('甘洛县新市坝中学');
    await page.getByRole('button', { name: /登记交流轮岗/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记 2025 学年教师交流' });
    await dialog.getByLabel('教师', { exact: true }).click();
    await dialog.getByLabel('教师', { exact: true }).fill('陈');
    await page.locator('.ant-select-item-option', { hasText: '陈建国' }).click();
    await dialog.getByLabel('交流到').click();
    await page.locator('.ant-select-item-option', { hasText: SCHOOLS.b }).click();
    // typed, not clicked: the closing dropdown of 交流到 may still cover the date field for a moment
    await dialog.getByLabel('开始日期').fill('2025-09-01');
    await dialog.getByLabel('开始日期').press('Enter');
    // 支教 without an end: the server's refusal (the CLI's rule) shows in the form, nothing recorded
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-item-option', { hasText: '支教（不少于一年）' }).click();
    await dialog.getByRole('button', { name: buttonName('登记') }).click();
    await dialog.locator('.ant-alert-error', { hasText: '支教须给出结束日期' }).waitFor();
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-item-option', { hasText: '交流轮岗' }).click();
    await dialog.getByLabel('说明').fill('城乡交流');
    await screenshot(page, 'teachers-move-form');
    await dialog.getByRole('button', { name: buttonName('登记') }).click();
    await page.getByText('已登记：陈建国 交流轮岗').waitFor();
    await page.locator('tr', { hasText: '城乡交流' }).filter({ hasText: '甘洛县新市坝中学' }).waitFor();
    // school A rotated one of its two eligible teachers: only B is behind now
    await page.locator('.ant-alert-warning', { hasText: '甘洛县新市坝中学' }).filter({ hasNotText: '城关小学' }).waitFor();
    const moves = await database.db.selectFrom('teacher_moves').select(['kind', 'from_school', 'to_school']).execute();
    expect(moves).toEqual([{ kind: '交流轮岗', from_school: SCHOOLS.a, to_school: SCHOOLS.b }]);
    await screenshot(page, 'teachers-rotation');

    // 补贴与荣誉: the month's payables and the honours due
    await page.getByRole('tab', { name: '补贴与荣誉' }).click();
    const payables = await database.db.selectFrom('teacher_payables').select('amount_fen').where('county_code', '=', '513433').execute();
    await page.getByText(`共 ${payables.length} 条`).waitFor();
    await page.getByText(`${(payables.reduce((s, p) => s + Number(p.amount_fen), 0) / 100).toLocaleString('zh-CN')} 元`).first().waitFor();
    await page.getByText('从教 20 年').waitFor();
    await page.getByText('从教 30 年').waitFor();
    await screenshot(page, 'teachers-payables');
  }, 120_000);

  it('generates the school year’s tuition refunds and makes them a disbursement batch put on 公示', async () => {
    const due = TEACHERS.filter((x) => x.county_code === '513433' && x.village === 1 && x.start_month === '2024-08');
    await page.getByRole('button', { name: buttonName('生成应发') }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '生成教师补助应发项目' });
    await dialog.getByLabel('生成项目').click();
    await page.locator('.ant-select-item-option', { hasText: '新任乡村教师学费补偿' }).click();
    expect(await dialog.getByLabel('补偿学年').inputValue()).toBe('2025');
    await dialog.getByRole('button', { name: buttonName('生成') }).click();
    await page.getByText(`2025：应发 ${due.length} 条，新生成 ${due.length} 条`).waitFor();
    // the ledger now shows that period only, unpaid
    await page.getByText(`共 ${due.length} 条`).waitFor();
    expect(page.url()).toContain('period=2025');
    await page.locator('tr', { hasText: '新任乡村教师学费补偿' }).filter({ hasText: '刘晓燕' }).getByText('待发放').waitFor();

    // the period's unpaid payables become a teacher disbursement batch, run in the batch drawer
    await page.getByRole('button', { name: buttonName('生成发放批次') }).click();
    const made = await b!.database.db.selectFrom('aid_batches').select(['id', 'payee_kind', 'period', 'row_count', 'status']).execute();
    await page.getByText(`共 ${due.length} 条，合计 5,000 元`).waitFor();
    expect(made).toEqual([{ id: made[0].id, payee_kind: 'teacher', period: '2025', row_count: due.length, status: '草稿' }]);
    const drawer = page.locator('.ant-drawer').filter({ hasText: `批次 ${made[0].id}` });
    await drawer.getByText('身份证件号').first().waitFor();
    await drawer.getByText(maskIdNumber(due[0].id)!).waitFor();
    expect(await drawer.textContent()).not.toContain(due[0].id);
    await screenshot(page, 'teachers-batch');
    await drawer.getByRole('button', { name: buttonName('发布公示') }).click();
    await drawer.getByText('公示中').first().waitFor();
    expect((await b!.database.db.selectFrom('aid_batches').select('status').executeTakeFirstOrThrow()).status).toBe('公示中');
    // nothing is paid before approval: the payables stay 待发放
    const rows = await b!.database.db.selectFrom('teacher_payables').select(['status']).where('period', '=', '2025').execute();
    expect(rows).toEqual(due.map(() => ({ status: '待发放' })));
  }, 120_000);
});
