// Shared by the browser tests: Debian's Chromium driven by playwright-core against a real server,
// the web app rebuilt when a source is newer, screenshots under .tmp/screenshots/ for people to
// look at, and a login as a user would do it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

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
