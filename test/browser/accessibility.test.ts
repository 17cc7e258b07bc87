import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
useConsole((c) => {
  ({ server, d, browser } = c);
});

/** The page's visible form fields that have no accessible name (no label, aria-label or aria-labelledby). */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNLABELLED);
}

/** Run in the page (the tests compile without the DOM's types). */
const UNLABELLED = `[...document.querySelectorAll('input:not([type=hidden]), textarea, select, [role=combobox], [role=switch], [role=spinbutton]')]
  .filter((el) => el.getClientRects().length > 0 && !el.closest('[aria-hidden=true]'))
  .filter((el) => {
    if (el.getAttribute('aria-label')?.trim() || el.getAttribute('title')?.trim()) return false;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return false;
    if (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')?.textContent?.trim()) return false;
    return !el.closest('label')?.textContent?.trim();
  })
  .map((el) => el.outerHTML.slice(0, 160))`;

/** The id of the focused element. */
const FOCUSED = 'document.activeElement && document.activeElement.id';

/** Every page's heading, unnamed fields and unexplained charts, once the page has drawn. */
async function audit(page: Page, path: string, ready: string) {
  await page.goto(path);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const heading = (await page.locator('h1, h2, h3').first().textContent())?.trim() ?? '';
  const charts = await page.locator('[role=img]:has(canvas)').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  return { path, heading, unlabelled: await unlabelled(page), charts };
}

describe('accessibility basics (browser)', () => {
  it('puts the focus on the first field of the sign-in page, which has a heading', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/login');
    await expect.poll(() => page.evaluate<string>(FOCUSED), { timeout: 30_000 }).toBe('login');
    expect(await page.locator('h1').textContent()).toBe('回音');
    expect(await unlabelled(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('gives each page a heading, a name to every field and a text alternative to every chart', async () => {
    const admin = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    const pages = [
      ['/issues', '[data-testid=filter-unit]', '诉求查询'],
      ['/projects', '[data-testid=project-chart] canvas', '重点项目'],
      ['/board', '[data-testid=stat-supervision]', '督查看板'],
      ['/orders', '[data-testid=orders-table]', '督办单'],
      ['/bulletins', '#bulletin-month', '通报'],
    ] as const;
    for (const [path, ready, name] of pages) {
      const seen = await audit(admin.page, path, ready);
      expect(seen).toMatchObject({ path, heading: name, unlabelled: [] });
      // A chart says what it shows, in words (ECharts' aria description of its series).
      for (const label of seen.charts) expect(label.length, `${path}: ${label}`).toBeGreaterThan(6);
    }
    expect((await audit(admin.page, '/projects', '[data-testid=project-chart] canvas')).charts.length).toBeGreaterThan(0);
    await admin.context.close();

    const ent = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD);
    expect(await audit(ent.page, '/portal/new', '#title')).toMatchObject({ heading: '提交诉求', unlabelled: [] });
    await ent.context.close();
  }, 180_000);
});
