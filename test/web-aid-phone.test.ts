// Every aid page at phone width (390×844, issue 9): the page body never scrolls sideways, each page's
// main action lies on screen, lists come as cards, a batch's drawer fills the screen. The county works
// on a term with entitlements and a batch; a township sees its read-only pages. Screenshots under
// .tmp/screenshots/aid-phone-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../src/db/test-databases.ts';
import type { Database } from '../src/db/database.ts';
import { buildServer } from '../src/platform/server.ts';
import { addUser } from '../src/platform/user.service.ts';
import { cliActor, type Actor } from '../src/platform/scope.ts';
import { installPreset } from '../src/aid/manage-policy.ts';
import { computeEntitlements } from '../src/aid/compute-entitlements.ts';
import { createBatch } from '../src/aid/create-batch.ts';
import { loadCounty } from './aid-helpers.ts';
import { chromiumMissing, ensureWebBuilt, launchChromium, loginAs, screenshot, webRoot } from './browser-helpers.ts';

const PASSWORD = 'web-aid-phone-password';
const PHONE = { width: 390, height: 844 };
// the pages open on the browser's current term: the data is of that term
const now = new Date();
const YEAR = now.getMonth() + 1 >= 9 ? now.getFullYear() : now.getFullYear() - 1;
const TERM = now.getMonth() + 1 >= 9 || now.getMonth() + 1 <= 2 ? '秋季' : '春季';

/** Each page, a control that must be on screen, and whether its list shows as cards. */
const PAGES: { path: string; name: string; action: (p: Page) => Locator; cards: boolean }[] = [
  { path: '/aid/policy', name: 'policy', action: (p) => p.getByRole('button', { name: /新增项目/ }), cards: true },
  { path: '/aid/entitlements', name: 'entitlements', action: (p) => p.getByRole('button', { name: /重新计算本学期/ }), cards: true },
  { path: '/aid/recognitions', name: 'recognitions', action: (p) => p.getByRole('button', { name: /登记申请/ }), cards: true },
  { path: '/aid/signoff', name: 'signoff', action: (p) => p.getByRole('spinbutton').first(), cards: false },
  { path: '/aid/batches', name: 'batches', action: (p) => p.getByRole('button', { name: /办理/ }).first(), cards: true },
  { path: '/aid/coverage', name: 'coverage', action: (p) => p.locator('.ant-breadcrumb'), cards: false },
  { path: '/aid/ledger', name: 'ledger', action: (p) => p.getByRole('link', { name: /资金监管报送/ }), cards: true },
];

describe.skipIf(chromiumMissing())('aid pages at phone width', () => {
  let t: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base = '';
  let township = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestDatabase('sqlite');
    database = await t.open();
    await loadCounty(database, 120, YEAR);
    const school = await database.db.selectFrom('schools').select(['county_code', 'region_code']).orderBy('code').executeTakeFirstOrThrow();
    township = school.region_code.slice(0, 9);
    const county: Actor = { username: 'county', role: 'county', regionCode: `${school.county_code}000000`, schoolCode: null };
    await installPreset(database, { name: 'huangmei', schoolYear: YEAR, regionCode: school.county_code, actor: cliActor() });
    await computeEntitlements(database, { schoolYear: YEAR, term: TERM, actor: cliActor(), today: `${YEAR}-09-15` });
    await createBatch(database, { schoolYear: YEAR, term: TERM, actor: county });
    await addUser(database.db, cliActor(), { username: 'county', role: 'county', region: school.county_code, password: PASSWORD });
    await addUser(database.db, cliActor(), { username: 'township', role: 'township', region: township, password: PASSWORD });
    app = await buildServer(database, { webRoot, databaseOptions: t.options });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await t?.drop();
  });

  /** How far the page body reaches past the screen's right edge (0: no sideways scrolling). */
  const overflow = () => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
  const onScreen = async (l: Locator, what: string) => {
    await l.waitFor();
    await l.scrollIntoViewIfNeeded();
    const box = await l.boundingBox();
    expect(box, what).not.toBeNull();
    expect(box!.x, what).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, what).toBeLessThanOrEqual(PHONE.width + 1);
  };

  it('shows every aid page of a county without sideways scrolling, main actions on screen, lists as cards', async () => {
    await loginAs(page, base, 'county', PASSWORD);
    expect(await overflow(), 'the header').toBeLessThanOrEqual(1);
    for (const p of PAGES) {
      await page.goto(`${base}${p.path}`);
      await page.locator('.ant-card').first().waitFor();
      await page.waitForLoadState('networkidle');
      await onScreen(p.action(page), `${p.path}: main action`);
      if (p.cards) {
        // cards, or the empty note of a list without rows, never a table
        await page.getByTestId('table-cards').or(page.locator('.ant-card-body .ant-empty')).first().waitFor();
        expect(await page.locator('.ant-table').count(), `${p.path}: cards, not a table`).toBe(0);
      }
      await page.waitForTimeout(300); // charts settle to the card's width
      await screenshot(page, `aid-phone-${p.name}`);
      expect(await overflow(), `${p.path}: the page scrolls sideways`).toBeLessThanOrEqual(1);
    }
  });

  it('opens a batch in a drawer as wide as the screen: its rows as cards, its steps on screen and working', async () => {
    await page.goto(`${base}/aid/batches`);
    await page.getByRole('button', { name: /办理/ }).first().click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.waitFor();
    await page.waitForTimeout(400);
    const box = (await drawer.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(-1);
    expect(box.width).toBeLessThanOrEqual(PHONE.width + 1);
    expect(box.width).toBeGreaterThanOrEqual(PHONE.width - 1);
    // the batch's facts one to a line, its rows as cards (a phone gets no tables), nothing wider than the drawer
    const cards = drawer.getByTestId('table-cards');
    await cards.waitFor();
    expect(await drawer.locator('.ant-table').count(), 'rows as cards, not a table').toBe(0);
    expect(await cards.locator('.data-card').count()).toBeGreaterThan(0);
    await onScreen(cards.locator('.data-card').first(), 'the first row card');
    expect(await drawer.locator('.ant-descriptions-row').first().locator('.ant-descriptions-item-label').count(), 'one fact a line').toBe(1);
    const body = drawer.locator('.ant-drawer-body');
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth), 'the drawer scrolls sideways').toBeLessThanOrEqual(1);
    // the draft's step lies on screen and works: 发布公示, then the 公示 list's downloads and 审批 are there
    const publish = drawer.getByRole('button', { name: /发布公示/ });
    await onScreen(publish, '发布公示');
    await screenshot(page, 'aid-phone-batch-drawer');
    await publish.click();
    await drawer.locator('.ant-tag', { hasText: '公示中' }).waitFor();
    await onScreen(drawer.getByRole('link', { name: /公示名单 PDF/ }), '公示名单 PDF');
    await onScreen(drawer.getByRole('button', { name: /审批通过/ }), '审批通过');
    await onScreen(drawer.getByRole('button', { name: /^登\s*记$/ }), '登记异议');
    await screenshot(page, 'aid-phone-batch-drawer-notice');
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth), 'the drawer scrolls sideways').toBeLessThanOrEqual(1);
    expect(await overflow()).toBeLessThanOrEqual(1);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('drills the coverage down at phone width: the chart fits, township names or codes on the way', async () => {
    await page.goto(`${base}/aid/coverage`);
    const chart = page.locator('.ant-card canvas').first();
    await chart.waitFor();
    const box = (await chart.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width + 1);
    await page.locator('.ant-table-row a, .data-card a').first().click();
    await page.locator('.ant-breadcrumb a').first().waitFor();
    await screenshot(page, 'aid-phone-coverage-township');
    expect(await overflow()).toBeLessThanOrEqual(1);
  });

  it('gives a township its read-only aid pages, starting the coverage at its township', async () => {
    await loginAs(page, base, 'township', PASSWORD);
    await page.getByRole('button', { name: /menu|bars/ }).or(page.locator('.ant-layout-sider-zero-width-trigger')).first().click();
    const menu = page.locator('.ant-menu');
    for (const label of ['资助覆盖率', '资助名单', '困难认定']) await menu.getByText(label).waitFor();
    for (const label of ['政策设置', '发放批次', '资助台账', '审核上报']) expect(await menu.getByText(label).count(), label).toBe(0);
    await page.goto(`${base}/aid/coverage`);
    await page.locator('.ant-breadcrumb').getByText('乡镇').waitFor();
    expect(page.url()).not.toContain('level=county');
    expect(await page.locator('.ant-breadcrumb a').count()).toBe(0); // nothing above its township
    await page.goto(`${base}/aid/entitlements`);
    await page.getByTestId('table-cards').first().waitFor();
    expect(await page.getByRole('button', { name: /重新计算本学期/ }).count()).toBe(0);
    await screenshot(page, 'aid-phone-township-entitlements');
    expect(await overflow()).toBeLessThanOrEqual(1);
  });
});
