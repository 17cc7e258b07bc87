import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
useConsole((c) => {
  ({ server, d, browser } = c);
});
type Filed = { id: string; number: string };
let ours: Filed;
let theirs: Filed;
/** Three ideographs no other suite writes: this file's issues are the only ones they find. */
const mark = String.fromCodePoint(...[0, 1, 2].map(() => 0x4e00 + Math.floor(Math.random() * 0x5000)));

beforeAll(async () => {
  const file = async (login: string, title: string, description: string) => {
    const res = await server.call(await server.login(login), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Filed;
  };
  ours = await file(d.entA.login, `${mark}线路故障频繁停电影响连续生产`, '近三个月所在线路停电五次，每次停电造成生产线停机，损失较大。');
  theirs = await file(d.entB.login, `${mark}线路故障频繁停电`, '所在线路近来频繁停电，生产线停机，请协调供电公司。');
}, 120_000);

/** The search field itself, wherever Ant Design puts the test id (the input or its wrapper). */
const searchInput = (page: Page) => page.getByTestId('header-search-input').locator('xpath=descendant-or-self::input').first();

const noOverflow = async (page: Page) => {
  const { scroll, view } = await page.evaluate<{ scroll: number; view: number }>('({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })');
  expect(scroll).toBeLessThanOrEqual(view);
};

describe('the header search (browser)', () => {
  it('opens an issue by its number and lists issues by Chinese words on a desktop, with the similar ones on the issue', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
    const box = searchInput(page);
    await box.fill(ours.number);
    // The number's issue is offered first; Enter opens it.
    await page.getByTestId('search-hit').filter({ hasText: ours.number }).waitFor();
    await box.press('Enter');
    await page.waitForURL(`**/issues/${ours.id}`);
    expect(await page.getByTestId('issue-number').textContent()).toBe(ours.number);
    // The other enterprise's power cut is among its similar issues, one click away.
    await page.getByTestId('similar-issue').filter({ hasText: theirs.number }).waitFor();

    await box.fill(`${mark} 停电`);
    const hits = page.getByTestId('search-hit');
    await hits.nth(1).waitFor();
    expect(await hits.count()).toBe(2);
    await screenshot(page, 'header-search-desktop');
    // Newest first: the other enterprise's; picking it opens it.
    await hits.first().click();
    await page.waitForURL(`**/issues/${theirs.id}`);
    await context.close();
  }, 180_000);

  it('fits a 390 px phone, and shows an enterprise only its own issues', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD, PHONE);
    await page.getByTestId('header-search-open').click();
    const box = searchInput(page);
    await box.fill(`${mark} 停电`);
    const hits = page.getByTestId('search-hit');
    await hits.first().waitFor();
    // The other enterprise's issue never appears: give it time to, then count.
    await page.waitForTimeout(800);
    expect(await hits.count()).toBe(1);
    expect(await hits.first().textContent()).toContain(ours.number);
    await noOverflow(page);
    await screenshot(page, 'header-search-phone');
    // Another enterprise's number opens nothing for it.
    await box.fill(theirs.number);
    await box.press('Enter');
    await page.waitForTimeout(800);
    expect(new URL(page.url()).pathname).not.toBe(`/issues/${theirs.id}`);
    await box.fill(ours.number);
    await box.press('Enter');
    await page.waitForURL(`**/issues/${ours.id}`);
    await noOverflow(page);
    await context.close();
  }, 180_000);
});
