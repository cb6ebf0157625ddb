// The web app in a real browser (playwright-core + system Chromium) against a real server on a
// temporary SQLite database: login, overview, masked student list, confirming a pair, school scope.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Database } from '../src/db/database.ts';
import { IDS, seedPlatform, TEST_PASSWORD } from '../src/platform/test-seed.ts';
import { buttonName, chromiumMissing, loginAs, screenshot, startBrowserApp, type BrowserApp } from './browser-helpers.ts';

describe.skipIf(chromiumMissing())('web app in Chromium', () => {
  let b: BrowserApp | undefined;
  let database: Database;
  let page: Page;
  let base = '';
  // the server's data directory: uploads made by the import test
  let uploads = '';

  beforeAll(async () => {
    b = await startBrowserApp({ jobs: true, dirPrefix: 'fuzhi-web-upload-', viewport: { width: 1440, height: 900 }, seed: (database) => seedPlatform(database.db) });
    ({ database, page, base, dir: uploads } = b);
  });

  afterAll(async () => {
    await b?.close();
  });

  const shot = (name: string) => screenshot(page, name);
  const button = buttonName;
  const login = (username: string) => loginAs(page, base, username, TEST_PASSWORD);

  async function logout(): Promise<void> {
    await page.getByRole('button', { name: button('退出') }).click();
    await page.getByLabel('用户名').waitFor();
  }

  async function assertNoFullIds(): Promise<void> {
    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const id of Object.values(IDS)) {
      expect(text.includes(id), `full ID ${id} shown on the page`).toBe(false);
      const at = html.indexOf(id);
      expect(at, `full ID ${id} in the page's HTML: …${html.slice(Math.max(0, at - 200), at + 40)}`).toBe(-1);
    }
  }

  it('logs in, shows the overview, the masked roster, and confirms a pair', async () => {
    await page.goto(base);
    await page.getByLabel('用户名').waitFor();
    await shot('01-login');
    const wrong = page.getByText('用户名或密码错误');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: button('登录') }).click();
    await wrong.waitFor();

    await login('admin');
    await page.getByText('在册学生').waitFor();
    await page.locator('canvas').first().waitFor();
    await page.getByText('各校已比中学生（前 20 所）').waitFor();
    await shot('02-dashboard');

    await page.getByRole('menuitem', { name: /学生名单/ }).click();
    await page.getByRole('cell', { name: '张小明' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain(`513433********${IDS.zhang.slice(-4)}`);
    expect(text).toContain('共 4 名学生');
    await assertNoFullIds();
    await shot('03-students');

    await page.getByRole('menuitem', { name: /比对复核/ }).click();
    await page.getByRole('tab', { name: /待复核（1）/ }).waitFor();
    const row = page.locator('tr', { hasText: '张小明' });
    await page.getByText('身份证号近似+姓名+出生日期').waitFor();
    await assertNoFullIds();
    await shot('04-review');
    await row.getByRole('button', { name: button('确认') }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: button('确认') }).click();
    await page.getByRole('tab', { name: /人工确认（1）/ }).waitFor();
    await page.getByRole('tab', { name: /待复核（0）/ }).waitFor();
    await page.getByRole('tab', { name: /人工确认（1）/ }).click();
    await page.locator('tr', { hasText: '张小明' }).getByText('人工确认').waitFor();
    await shot('05-confirmed');

    await page.getByRole('tab', { name: /自动确认（1）/ }).click();
    await page.locator('tr', { hasText: '李小红' }).getByRole('button', { name: button('否决') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder('否决理由').fill('同名不同人，经入户核实');
    await shot('05b-reject');
    await dialog.getByRole('button', { name: button('否决') }).click();
    await page.getByRole('tab', { name: /已否决（1）/ }).waitFor();

    const decisions = await database.db.selectFrom('match_decisions').select(['student_no', 'decision', 'reason']).orderBy('decision').execute();
    expect(decisions).toEqual([
      { student_no: `G${IDS.zhang}`, decision: 'confirmed', reason: '人工核对一致' },
      { student_no: `G${IDS.li}`, decision: 'rejected', reason: '同名不同人，经入户核实' },
    ]);

    await page.getByRole('menuitem', { name: /审计日志/ }).click();
    await page.getByRole('cell', { name: '确认比对' }).waitFor();
    await assertNoFullIds();
    await shot('06-audit');
    await logout();
  });

  it('imports a list in the browser: a job with a progress bar, its figures, the rejected rows to download', async () => {
    const file = path.join(uploads, '学籍名单（秋季）.csv');
    fs.writeFileSync(
      file,
      ['姓名,性别,身份证件号,学籍号,出生日期,学校标识码,学段,年级', '马小龙,男,,J5134330000009001,2014-05-01,5134330001,小学,五年级', '吉小花,女,,J5134330000009004,2015-06-01,9999999999,小学,四年级'].join('\n'),
    );
    await login('county');
    await page.getByRole('menuitem', { name: /数据导入/ }).click();
    await page.getByText('点击或拖入文件').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    const row = page.locator('tr', { hasText: '学籍名单（秋季）.csv' });
    await row.getByText('已完成').waitFor({ timeout: 60_000 });
    await row.getByText('新增 1').waitFor();
    await row.getByText('拒收 1').waitFor();
    await row.getByRole('link', { name: '下载被拒收的行' }).waitFor();
    await shot('08-import-done');
    // a reload finds the job where it was
    await page.reload();
    await page.locator('tr', { hasText: '学籍名单（秋季）.csv' }).getByText('已完成').waitFor();
    await logout();
  });

  it('shows a teacher the students masked and without poverty status', async () => {
    await login('teacher-a');
    await page.getByRole('menuitem', { name: /学生名单/ }).click();
    await page.getByRole('cell', { name: '张小明' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('比对状态');
    expect(text).not.toMatch(/待复核|自动确认|未比中/);
    expect(await page.getByRole('menuitem', { name: /比对复核/ }).count()).toBe(0);
    await assertNoFullIds();
    await shot('09-teacher-students');
    await logout();
  });

  it('shows a school user only its own students, and no audit log', async () => {
    await login('school-b');
    await page.getByRole('menuitem', { name: /学生名单/ }).click();
    await page.getByRole('cell', { name: '李小红' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('共 1 名学生');
    expect(text).not.toContain('张小明');
    expect(text).not.toContain('赵小花');
    expect(await page.getByRole('menuitem', { name: /审计日志/ }).count()).toBe(0);
    await shot('07-school-students');
    await logout();
  });
});
