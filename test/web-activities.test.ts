// 结对帮扶与活动 in Chromium: a school sees its pairing behind the 联合教研 minimum of the semester past
// (highlighted), logs a 劳动教育 activity with two organisers and the plan's sections, attaches a photo,
// and downloads the printable plan (活动方案) holding the seven sections and what it entered; then edits
// and deletes it from its drawer; the county pairs a third school with 新建结对 (a duplicate refused),
// then imports an activity list (导入): the dialog counts the rows and names the bad one.
// Screenshots under .tmp/screenshots/.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCHOOLS, TEST_PASSWORD, seedPlatform } from '../src/platform/test-seed.ts';
import { cliActor } from '../src/platform/scope.ts';
import { addPairing } from '../src/schools/pairing-steps.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';
import { pdfText } from './pdf-text.ts';

const TODAY = '2026-03-10';

describe.skipIf(chromiumMissing())('activities page in Chromium', () => {
  let b: BrowserApp | undefined;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    process.env.FUZHI_TODAY = TODAY;
    b = await startBrowserApp({
      jobs: true,
      acceptDownloads: true,
      viewport: { width: 1366, height: 900 },
      seed: async (database) => {
        await seedPlatform(database.db);
        await addPairing(database, cliActor(), TODAY, { helper: SCHOOLS.a, helped: SCHOOLS.b, since: '2025-09-01' });
        await database.db.insertInto('schools').values({ code: '5134330009', name: '甘洛县阿嘎乡小学', region_code: '513433102000', county_code: '513433', school_type: '小学', urban_rural: '乡村', row_hash: 'h', rev: 1, created_at: '2025-09-01T00:00:00.000Z', updated_at: '2025-09-01T00:00:00.000Z' }).execute();
      },
    });
    ({ page, base } = b);
  }, 180_000);

  afterAll(async () => {
    delete process.env.FUZHI_TODAY;
    await b?.close();
  });

  it('shows the pairing behind, logs an activity with two organisers and downloads its plan', async () => {
    await loginAs(page, base, 'school-a', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: /学校结对与活动/ }).click();
    const row = page.locator('tr', { hasText: '甘洛县新市坝中学' });
    await row.getByText('落后：2025年秋季学期 联合教研 0/1').waitFor();
    await screenshot(page, 'activities-pairings');

    await page.getByRole('tab', { name: '活动记录' }).click();
    await page.getByRole('button', { name: buttonName('登记活动') }).click();
    const form = page.locator('.ant-drawer').filter({ hasText: '登记活动 / 活动方案' });
    await form.getByLabel('活动类型').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('劳动教育', { exact: true }).click();
    await form.getByLabel('活动名称').fill('我劳动我快乐');
    await form.getByLabel('一、活动目标').fill('使学生养成爱劳动的良好习惯');
    await form.getByLabel('开始时间').fill('2026-03-05T14:30');
    await form.getByLabel('结束时间').fill('2026-03-05T17:30');
    await form.getByLabel('地点').fill('学校劳动实践基地');
    await form.getByLabel('组织人员1').fill('颜德兵');
    await form.getByLabel('职务1').fill('总指挥');
    await form.getByLabel('职责1').fill('统筹安排活动');
    await form.getByRole('button', { name: /添加组织人员/ }).click();
    await form.getByLabel('组织人员2').fill('汪坤');
    await form.getByLabel('职务2').fill('副组长');
    await form.getByLabel('职责2').fill('负责安全保障');
    await form.getByLabel('四、参加人员').fill('六年级全体学生');
    await form.getByLabel('应到人数').fill('45');
    await form.getByLabel('实到人数').fill('43');
    await form.getByLabel('五、活动安排（每行一步）').fill('1、集合点名\n2、分组劳动');
    await form.getByLabel('六、安全保障与应急预案').fill('校医随队，突发情况立即送医');
    await form.getByLabel('七、活动总结（活动结束后填写）').fill('学生体验了劳动的快乐');
    await form.getByRole('button', { name: buttonName('保存活动') }).click();

    const drawer = page.locator('.ant-drawer').filter({ hasText: '我劳动我快乐（劳动教育）' });
    await drawer.getByText('总指挥：颜德兵——统筹安排活动').waitFor();
    await drawer.getByText('副组长：汪坤——负责安全保障').waitFor();
    await drawer.getByLabel('上传附件').setInputFiles({ name: '活动照片.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('photo')]) });
    await drawer.getByRole('link', { name: '活动照片.png' }).waitFor();
    await screenshot(page, 'activities-drawer');

    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('link', { name: /打印方案/ }).click()]);
    const file = await download.path();
    const text = pdfText(fs.readFileSync(file)).join('\n');
    for (const s of ['我劳动我快乐活动方案', '一、活动目标', '三、组织机构及职责', '七、活动总结', '总指挥：颜德兵——统筹安排活动', '副组长：汪坤——负责安全保障', '2026-03-05 14:30 至 2026-03-05 17:30', '应到 45 人，实到 43 人']) expect(text).toContain(s);

    await drawer.locator('.ant-drawer-close').click();
    await page.locator('tr', { hasText: '我劳动我快乐' }).getByText('颜德兵、汪坤').waitFor();
    await screenshot(page, 'activities-list');
  }, 120_000);

  it('edits the activity in its drawer, then deletes it', async () => {
    await page.locator('tr', { hasText: '我劳动我快乐' }).getByRole('button', { name: buttonName('查看') }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '我劳动我快乐（劳动教育）' });
    await drawer.getByRole('button', { name: buttonName('编辑') }).click();
    const form = page.locator('.ant-drawer').filter({ hasText: '编辑活动' });
    await expect.poll(() => form.getByLabel('活动名称').inputValue()).toBe('我劳动我快乐');
    expect(await form.getByLabel('开始时间').inputValue()).toBe('2026-03-05T14:30');
    await form.getByLabel('活动名称').fill('我劳动我快乐（修订）');
    await form.getByLabel('实到人数').fill('44');
    await form.getByRole('button', { name: buttonName('保存修改') }).click();
    const edited = page.locator('.ant-drawer').filter({ hasText: '我劳动我快乐（修订）（劳动教育）' });
    await edited.getByText('应到 45 人，实到 44 人').waitFor();
    await screenshot(page, 'activities-edited');

    await edited.getByRole('button', { name: buttonName('删除') }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('删除') }).click();
    await page.getByText('已删除活动').waitFor();
    await page.getByText('暂无活动记录').first().waitFor();
    const left = await b!.database.db.selectFrom('pairing_activities').select('id').execute();
    expect(left).toEqual([]);
  }, 120_000);

  it('lets the county pair a rural school with 新建结对, and says so when the pairing exists', async () => {
    await loginAs(page, base, 'county', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: /学校结对与活动/ }).click();
    const pick = async (label: string, name: string) => {
      const modal = page.locator('.ant-modal').filter({ hasText: '新建城乡学校结对' });
      // typed, then the one option left is taken with Enter (a closing dropdown of the other field is never clicked)
      const box = modal.getByRole('combobox', { name: label, exact: true });
      await box.fill(name);
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: name }).first().waitFor();
      await box.press('Enter');
    };
    await page.getByRole('button', { name: buttonName('新建结对') }).click();
    await pick('帮扶学校', '甘洛县城关小学');
    await pick('受帮扶学校', '甘洛县阿嘎乡小学');
    await page.locator('.ant-modal').getByRole('button', { name: buttonName('保存结对') }).click();
    await page.locator('tr', { hasText: '甘洛县阿嘎乡小学' }).waitFor();

    await page.getByRole('button', { name: buttonName('新建结对') }).click();
    await pick('帮扶学校', '甘洛县城关小学');
    await pick('受帮扶学校', '甘洛县新市坝中学');
    await page.locator('.ant-modal').getByRole('button', { name: buttonName('保存结对') }).click();
    await page.locator('.ant-modal').getByText('5134330001 与 5134330002 已结对').waitFor();
    await screenshot(page, 'activities-pairing-duplicate');
    expect(await b!.database.db.selectFrom('school_pairings').select('helped_code').orderBy('id').execute()).toEqual([{ helped_code: SCHOOLS.b }, { helped_code: '5134330009' }]);
  }, 120_000);

  it('imports an activity list: the dialog counts the rows and names the bad one, the good one is listed after closing', async () => {
    // the county, still signed in: an .xlsx with a title row, one good row and one of an unknown type
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('活动');
    ws.addRows([['2026年春季学期活动登记表'], ['活动类型', '活动名称', '开始时间', '学校标识码', '地点'], ['劳动教育', '春季植树活动', '2026-03-08 09:00', SCHOOLS.a, '学校后山'], ['跳舞', '课间舞蹈', '2026-03-09', SCHOOLS.a, '操场']]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    // the pairing dialog of the test before is left open on its refusal: the page is opened afresh
    await page.reload();
    await page.getByRole('tab', { name: '活动记录' }).click();
    await page.getByRole('button', { name: buttonName('导入') }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入活动记录' });
    await modal.locator('input[type=file]').setInputFiles({ name: '春季活动登记表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await modal.getByText('春季活动登记表.xlsx：共 2 行，导入 1 行（新增 1，更新 0，已有 0），拒收 1 行').waitFor();
    // the refused row: file row 4 (title 1, header 2), its column, value and reason in both languages
    const refused = modal.locator('.ant-table-row');
    expect(await refused.count()).toBe(1);
    const cells = await refused.first().locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['4', '活动类型', '跳舞']);
    expect(cells[3]).toContain('活动类型“跳舞”无法识别');
    expect(cells[3]).toContain('not recognised');
    await screenshot(page, 'activities-import');
    await modal.locator('.ant-modal-footer').getByRole('button', { name: buttonName('关闭') }).click();
    await modal.waitFor({ state: 'hidden' });
    const row = page.locator('tr', { hasText: '春季植树活动' });
    await row.waitFor();
    expect(await row.textContent()).toContain('劳动教育');
    expect(await page.locator('tr', { hasText: '课间舞蹈' }).count()).toBe(0);
  }, 120_000);
});
