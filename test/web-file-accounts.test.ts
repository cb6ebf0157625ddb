// The student file (一生一档) drawer, 账号管理 and 个人设置 in a real browser (playwright-core +
// system Chromium) against a real server on a temporary SQLite database. Set up with browser-helpers.ts.
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { IDS, seedPlatform, TEST_PASSWORD } from '../src/platform/test-seed.ts';
import { buttonName, chromiumMissing, loginAs, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

describe.skipIf(chromiumMissing())('student file and accounts in Chromium', () => {
  let b: BrowserApp | undefined;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    b = await startBrowserApp({ viewport: { width: 1440, height: 900 }, seed: (database) => seedPlatform(database.db) });
    ({ page, base } = b);
  });

  afterAll(async () => {
    await b?.close();
  });

  const button = buttonName;
  const login = (username: string, password = TEST_PASSWORD) => loginAs(page, base, username, password);

  async function assertNoFullIds(): Promise<void> {
    const html = await page.content();
    for (const id of Object.values(IDS)) expect(html.includes(id), `full ID ${id} in the page`).toBe(false);
  }

  it('opens a student’s file from 学生名单 with its tabs', async () => {
    await login('admin');
    await page.getByRole('menuitem', { name: /学生名单/ }).click();
    await page.locator('tr', { hasText: '张小明' }).getByRole('button', { name: button('详情') }).click();
    await page.getByText('张小明 · 一生一档').waitFor();
    for (const tab of ['基本信息', '困难家庭与比对', '认定', '应享资助', '发放记录', '变动记录']) await page.getByRole('tab', { name: tab }).waitFor();
    await page.getByRole('tab', { name: '困难家庭与比对' }).click();
    await page.getByText('张大山').waitFor();
    await page.getByText('身份证号近似+姓名+出生日期').waitFor();
    await assertNoFullIds();
    await page.screenshot({ path: path.join(os.tmpdir(), 'fuzhi-student-file.png') });
    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByRole('button', { name: /查看完整/ }).click();
    await page.getByText(IDS.zhang, { exact: true }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('shows a failed load with a retry button', async () => {
    await login('school-a');
    await page.getByRole('menuitem', { name: /学生名单/ }).click();
    const busy = { error: { code: 'DB_BUSY', message: '数据库正忙（导入或比对进行中），请稍后重试，未做任何修改', messageEn: 'busy', where: null } };
    await page.route('**/api/students/*/file*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(busy) }));
    await page.locator('tr', { hasText: '张小明' }).getByRole('button', { name: button('详情') }).click();
    await page.getByText('学生档案加载失败').waitFor();
    await page.getByText('数据库正忙').waitFor();
    await page.unroute('**/api/students/*/file*');
    await page.getByRole('button', { name: button('重试') }).click();
    await page.getByText('张小明 · 一生一档').waitFor();
    expect(await page.getByText('学生档案加载失败').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('shows a teacher the file without the household tab', async () => {
    await login('teacher-a');
    await page.getByRole('menuitem', { name: /学生名单/ }).click();
    await page.locator('tr', { hasText: '张小明' }).getByRole('button', { name: button('详情') }).click();
    await page.getByRole('tab', { name: '变动记录' }).waitFor();
    expect(await page.getByRole('tab', { name: '困难家庭与比对' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: '认定' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: /账号管理/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('adds and disables an account in 账号管理, and changes a password in 个人设置', async () => {
    await login('admin');
    await page.getByRole('menuitem', { name: /账号管理/ }).click();
    await page.getByText('共 6 个账号').waitFor();
    await page.getByRole('button', { name: /添加账号/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('new-teacher');
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: '教师' }).click();
    await dialog.getByLabel('学校标识码').fill('5134330001');
    await dialog.getByLabel('初始密码').fill('first-pass-2025');
    await dialog.getByRole('button', { name: button('添加') }).click();
    await page.getByText('共 7 个账号').waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'fuzhi-users.png') });
    await page.locator('tr', { hasText: 'new-teacher' }).getByRole('button', { name: button('停用') }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: button('停用') }).click();
    await page.locator('tr', { hasText: 'new-teacher' }).getByText('已停用').waitFor();
    await page.locator('tr', { hasText: 'new-teacher' }).getByRole('button', { name: button('启用') }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: button('启用') }).click();
    await page.locator('tr', { hasText: 'new-teacher' }).getByText('正常').waitFor();

    await login('new-teacher', 'first-pass-2025');
    await page.getByRole('button', { name: /个人设置/ }).click();
    await page.getByLabel('当前密码').fill('first-pass-2025');
    await page.getByLabel('新密码', { exact: true }).fill('second-pass-2025');
    await page.getByLabel('再次输入新密码').fill('second-pass-2025');
    await page.getByRole('button', { name: /修改密码/ }).click();
    await page.getByText('密码已修改').waitFor();
    await login('new-teacher', 'second-pass-2025');
  });
});
