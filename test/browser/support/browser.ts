import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: the tests never download a browser. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where each role's screenshot goes (gitignored). */
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/**
 * Headless Chromium without network side-trips. playwright's launch() gives the browser a fresh
 * temporary profile (user-data-dir) of its own and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A desktop screen, the size every browser test uses unless it says otherwise. */
export const DESKTOP = { width: 1440, height: 900 };
/** A phone's screen (390×844 CSS pixels, a common handset), touch and all. */
export const PHONE = { width: 390, height: 844 };

/** A signed-in browser session for one user: its own cookies, Shanghai time, Chinese, on a desktop screen unless `screen` says otherwise. */
export async function signIn(browser: Browser, baseUrl: string, login: string, password: string, screen = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const phone = screen.width < 992;
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: screen, isMobile: phone, hasTouch: phone });
  // Each wait ends once the page shows what it waits for; the ceiling is for a loaded machine,
  // where a navigation or a list's refresh can take well over the quiet few hundred ms.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  // A failing page says why in the test's output: server errors and uncaught exceptions.
  page.on('response', (res) => {
    if (res.status() >= 500) console.error(`[${login}] ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('pageerror', (err) => console.error(`[${login}] page error: ${err.message}`));
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
  return { context, page };
}

/** Saves a full-page PNG of what the page shows now, named after the role. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // Let charts and fonts settle before the picture.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Ant Design's transitions (switches, tabs) take 0.2–0.3 s to reach their end.
  await page.waitForTimeout(400);
  // From the top: a full-page picture of a scrolled page paints the phone's sticky header where the
  // window was, over the middle of the page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  return path;
}
