import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed, TestRunner } from 'vitest';

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
  watchForFailure(page, login);
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
  return { context, page };
}

/** How many of a page's last events a failed test reports. */
const EVENTS_KEPT = 30;

/**
 * A failing page says why in the failure itself (the part of a CI log that is kept): the page's
 * last refused or failed requests, uncaught exceptions and navigations, where it ended, and a
 * picture of it in the artifacts.
 */
function watchForFailure(page: Page, login: string): void {
  const events: Array<{ at: string; line: string }> = [];
  const started = Date.now();
  const note = (line: string) => {
    const event = { at: `+${((Date.now() - started) / 1000).toFixed(1)} s`, line };
    events.push(event);
    if (events.length > EVENTS_KEPT) events.shift();
    return event;
  };
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const line = `${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`;
    // A refusal says why in its problem (RFC 9457): the field it names is most of a diagnosis.
    const at = note(line);
    if (!(res.headers()['content-type'] ?? '').includes('json')) return;
    void res
      .text()
      .then((body) => (at.line = `${line}: ${body.replace(/\s+/g, ' ').slice(0, 300)}`))
      .catch(() => undefined);
  });
  page.on('requestfailed', (req) => {
    // A navigation away aborts what the last page was loading: noise that would push the rest out.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') note(`failed ${req.method()} ${new URL(req.url()).pathname}: ${req.failure()?.errorText}`);
  });
  page.on('pageerror', (err) => note(`page error: ${err.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) note(`at ${new URL(frame.url()).pathname}`);
  });
  // A page signed in by a beforeAll has no test of its own to report to (onTestFailed throws
  // outside a test): it keeps its events unsaid.
  if (TestRunner.getCurrentTest() === undefined) return;
  onTestFailed(async ({ task }) => {
    const errors = task.result?.errors ?? [];
    const add = (text: string) => {
      for (const error of errors) error.message = `${error.message}\n  ${text}`;
    };
    // The events first: they need no page, and a hung page must not cost them.
    add([`[${login}'s page]`, ...events.map((e) => `${e.at} ${e.line}`)].join('\n  '));
    if (page.isClosed()) return;
    // Every heading: the shell's hidden one names the kind of page, the page's own what it shows.
    // evaluate() has no timeout of its own, and a hung page must not hold the report.
    const read = page.evaluate<string>('location.pathname + " · " + ([...document.querySelectorAll("h1")].map((h) => h.textContent).join(" / ") || "no heading")');
    const where = await within(read, 5_000, 'unknown');
    const path = join(ARTIFACTS, `failed-${task.id}-${login}.png`);
    const shot = await within(
      wholePage(page, path).then(() => path),
      5_000,
      'none',
    );
    add(`[${login}'s page] now at ${where}; picture: ${shot}`);
  });
}

/** Saves a full-page PNG of what the page shows now, named after the role. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // Let charts and fonts settle before the picture.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Ant Design's transitions (switches, tabs) take 0.2–0.3 s to reach their end.
  await page.waitForTimeout(400);
  // From the top: the phone's sticky header is painted where the window is.
  await page.evaluate('window.scrollTo(0, 0)');
  await wholePage(page, path);
  return path;
}

/**
 * A picture of the whole page, by making the window as tall as the page (the same width) and
 * putting it back, rather than by Chromium's full-page capture: that one shrinks the window to
 * 1×1 px for a moment, so the console lays itself out as on a phone and back, and what only the
 * desktop layout shows (the header's search and its hits) is drawn anew, empty, under the test.
 * A page wider than the window is taken as wide as the window.
 */
async function wholePage(page: Page, path: string): Promise<void> {
  const screen = page.viewportSize();
  const tall = await page.evaluate<number>('document.documentElement.scrollHeight');
  if (!screen || tall <= screen.height) {
    await page.screenshot({ path });
    return;
  }
  await page.setViewportSize({ width: screen.width, height: Math.min(tall, MAX_PICTURE_HEIGHT) });
  try {
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(screen);
  }
}

/** What `work` gives, or `fallback` if it fails or takes longer than `ms` (for a page that may hang). */
async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The tallest picture taken (CSS px; the pages' pixel ratio is 1): Chromium draws nothing beyond its largest texture (16 384 px), so a taller page is cut. */
const MAX_PICTURE_HEIGHT = 16_000;
