// The case-work and care pages in a real browser (playwright-core + system Chromium) on a temporary
// SQLite database: a township user confirms a case and logs a visit in the drawer, sees 我的任务; a
// teacher on a phone logs a visit from a card; a failed load offers 重试. FUZHI_WEB_ROOT may name a
// build elsewhere (e.g. vite build --outDir /tmp/…); otherwise web/dist is built when stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { buildServer } from '../src/platform/server.ts';
import { cliActor } from '../src/platform/scope.ts';
import { IDS, SCHOOLS, seedPlatform, TEST_PASSWORD } from '../src/platform/test-seed.ts';
import { addUser } from '../src/platform/user.service.ts';
import { buttonName, chromiumMissing, ensureWebBuilt, launchChromium, shotsDir, webRoot } from './browser-helpers.ts';
import fs from 'node:fs';
import path from 'node:path';

const AT = '2025-09-01T00:00:00.000Z';

describe.skipIf(chromiumMissing())('case work and care pages in Chromium', () => {
  let t: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    fs.mkdirSync(shotsDir, { recursive: true });
    t = await createTestDatabase('sqlite');
    database = await t.open();
    const db = database.db;
    await seedPlatform(db);
    await addUser(db, cliActor(), { username: 'township-100', role: 'township', region: '513433100', password: TEST_PASSWORD });
    await db.insertInto('regions').values([{ code: '513433100000', name: '新市坝镇', level: 4, parent_code: null }, { code: '513433100201', name: '新市坝村', level: 5, parent_code: '513433100000' }]).execute();
    await db.insertInto('dropout_cases').values({
      case_no: 'KC51343300001', county_code: '513433', person_key: IDS.zhang, name: '张小明', id_number: IDS.zhang, id_raw: IDS.zhang, birth_date: '2012-03-05', sex: 'M', hukou_region: '513433100201', township_code: '513433100',
      student_no: `G${IDS.zhang}`, school_code: SCHOOLS.a, sources: '学籍状态', basis: '学籍状态为辍学', school_year: 2025, status: '待核查', category: null, note: null, assigned_school: null, township_user: null, village_cadre: null,
      last_visit: null, outcome: null, outcome_date: null, opened_at: AT, updated_at: AT,
    }).execute();
    await db.insertInto('care_children').values({ student_no: `G${IDS.zhao}`, county_code: '513433', school_code: SCHOOLS.a, name: '赵小花', categories: '留守儿童、残疾', parents_work_place: '浙江义乌', guardian_name: '祖父', guardian_relation: '祖孙', guardian_phone: '13800001234', health: '听力残疾', boarding: 0, row_hash: 'h', rev: 1, created_at: AT, updated_at: AT }).execute();
    await db.insertInto('care_mentors').values({ student_no: `G${IDS.zhao}`, county_code: '513433', school_code: SCHOOLS.a, mentor: 'teacher-a', kind: '一对一', assigned_by: 'admin', assigned_at: AT }).execute();
    app = await buildServer(database, { webRoot });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await t?.drop();
  });

  const button = buttonName;

  async function login(username: string, viewport: { width: number; height: number }): Promise<void> {
    page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(base);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: button('登录') }).click();
    await page.getByTestId('current-user').waitFor();
  }

  async function assertNoFullIds(): Promise<void> {
    const html = await page.content();
    for (const id of Object.values(IDS)) expect(html.includes(id), `full ID ${id} in the page`).toBe(false);
  }

  it('a township user confirms a case, logs a visit and sees 我的任务', async () => {
    await login('township-100', { width: 1440, height: 900 });
    const menu = page.getByRole('menu');
    await expect(menu.getByText('控辍保学案件').count()).resolves.toBe(1);
    await expect(menu.getByText('审计日志').count()).resolves.toBe(0);
    await menu.getByText('控辍保学案件').click();
    await page.getByRole('button', { name: button('办理') }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByText('学籍状态为辍学').waitFor();
    expect(page.url()).toContain('case=KC51343300001');
    // names where a person expects them: the school, the township, the 户籍地 (no bare codes)
    const fact = (label: string) => drawer.locator('.ant-descriptions-row', { hasText: label }).locator('.ant-descriptions-item-content');
    await expect(fact('学校').innerText()).resolves.toBe('甘洛县城关小学');
    await expect(fact('乡镇').innerText()).resolves.toBe('新市坝镇');
    await expect(fact('户籍地').innerText()).resolves.toBe('新市坝村');
    await drawer.getByRole('button', { name: button('确认辍学') }).click();
    await page.locator('.ant-modal').getByRole('button', { name: button('提交') }).click();
    await drawer.locator('.ant-tag', { hasText: '劝返中' }).waitFor();
    await drawer.getByRole('button', { name: button('登记走访') }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('走访情况').fill('家长同意下周送孩子返校');
    await modal.getByRole('button', { name: button('提交') }).click();
    await drawer.getByText('家长同意下周送孩子返校').first().waitFor();
    await expect(drawer.getByRole('button', { name: button('核查排除') }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(shotsDir, 'case-drawer.png') });
    await assertNoFullIds();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await menu.getByText('我的任务').click();
    await page.getByText('劝返走访').waitFor();
    await assertNoFullIds();
    await page.close();
  });

  it('a teacher on a phone logs a visit from a card; a failed load offers 重试', async () => {
    await login('teacher-a', { width: 390, height: 844 });
    let fail = true;
    await page.route('**/api/care/children?*', (route) => (fail ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: '服务器内部错误，操作未完成', messageEn: 'x', where: null } }) }) : route.continue()));
    await page.goto(`${base}/care`);
    await page.getByText('加载失败').waitFor();
    fail = false;
    await page.getByRole('button', { name: button('重试') }).click();
    const card = page.locator('.ant-card-small', { hasText: '赵小花' });
    await card.getByText('本学期未走访').waitFor();
    await expect(page.locator('table').count()).resolves.toBe(0); // cards, not a table, on a phone
    await card.getByRole('button', { name: button('记录走访') }).click();
    const drawer = page.locator('.ant-drawer-section');
    await page.screenshot({ path: path.join(shotsDir, 'care-visit-phone.png') });
    await drawer.getByLabel('情况记录').fill('与祖父谈心，孩子按时服药');
    await drawer.getByRole('button', { name: button('保存走访记录') }).click();
    await drawer.getByText('与祖父谈心，孩子按时服药').waitFor();
    await page.keyboard.press('Escape');
    await card.getByText('本学期已走访 1 次').waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'care-cards-phone.png') });
    await assertNoFullIds();
    await page.close();
  });
});
