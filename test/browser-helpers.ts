// Shared by the browser tests: Debian's Chromium driven by playwright-core against a real server
// on a temporary SQLite database (startBrowserApp), the web app rebuilt when a source is newer,
// screenshots under .tmp/screenshots/ for people to look at, and a login as a user would do it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Database } from '../src/db/database.ts';
import { createTestDatabase } from '../src/db/test-databases.ts';
import { buildServer } from '../src/platform/server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The built web app: web/dist, or FUZHI_WEB_ROOT for a build elsewhere (never rebuilt here). */
export const webRoot = process.env.FUZHI_WEB_ROOT ?? path.join(repoRoot, 'web', 'dist');
export const shotsDir = path.join(repoRoot, '.tmp', 'screenshots');

export function chromiumMissing(): boolean {
  if (fs.existsSync(CHROMIUM)) return false;
  if (process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  console.warn(`[skip] browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return true;
}

/** web/dist is missing or older than a source it is built from. */
function webBuildStale(): boolean {
  const index = path.join(webRoot, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = [path.join(repoRoot, 'web', 'src'), path.join(repoRoot, 'web', 'index.html'), path.join(repoRoot, 'src')];
  const newer = (p: string): boolean => {
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
  };
  return sources.some((p) => fs.existsSync(p) && newer(p));
}

export async function ensureWebBuilt(): Promise<void> {
  if (process.env.FUZHI_WEB_ROOT || !webBuildStale()) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** antd spaces two-character labels (确 认); an icon adds its own name before the label. */
export const buttonName = (name: string) => new RegExp(`${name.split('').join('\\s*')}\\s*$`);

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

export async function loginAs(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(base);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('current-user').waitFor();
}

export interface BrowserApp {
  database: Database;
  app: FastifyInstance;
  /** The server's address, e.g. http://127.0.0.1:41234 */
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A temporary directory for the test's files (the server's data directory with `jobs`); removed by close. */
  dir: string;
  close(): Promise<void>;
}

/**
 * The web app built, a seeded SQLite database, a server listening on it, Chromium and a page in
 * Chinese: what every browser test starts from. `jobs` gives the server a data directory and the
 * database options, so that it runs background jobs and keeps uploads.
 */
export async function startBrowserApp(o: {
  seed: (database: Database, dir: string) => Promise<void>;
  jobs?: boolean;
  viewport: { width: number; height: number };
  acceptDownloads?: boolean;
  dirPrefix?: string;
}): Promise<BrowserApp> {
  await ensureWebBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), o.dirPrefix ?? 'fuzhi-web-'));
  const t = await createTestDatabase('sqlite');
  let database: Database | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await t.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    database = await t.open();
    await o.seed(database, dir);
    app = await buildServer(database, o.jobs ? { webRoot, databaseOptions: t.options, dataDir: dir } : { webRoot });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const options: BrowserContextOptions = { viewport: o.viewport, locale: 'zh-CN', ...(o.acceptDownloads ? { acceptDownloads: true } : {}) };
    const context = await browser.newContext(options);
    const page = await context.newPage();
    return { database, app, base, browser, context, page, dir, close };
  } catch (e) {
    await close();
    throw e;
  }
}
