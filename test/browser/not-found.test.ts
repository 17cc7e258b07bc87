import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
/** Answers `path` with an object that has no fields: what a page cannot draw (a console older or newer than its API). */
const answerBlank = (page: Page, path: string) => page.route(path, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));

useConsole((c) => {
  ({ server, d, browser } = c);
});

describe('an address that is no page (browser)', () => {
  it('says 没有这个页面 on a phone, under a 404, and leads back to the user’s home page', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD, PHONE);
    const res = await page.goto(`${server.baseUrl}/reports/2026?tab=x`);
    expect(res?.status()).toBe(404);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByRole('heading', { name: '没有这个页面' }).count()).toBe(1);
    expect(await page.getByTestId('not-found').textContent()).toContain('/reports/2026');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-not-found');
    await page.getByTestId('not-found-home').click();
    await page.waitForURL(/\/portal$/);
    await context.close();
  }, 120_000);
});

describe('a page that fails while drawing (browser)', () => {
  it('is said inside the frame, the header and menu still there', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
    // An answer the page does not expect (a console older or newer than its API): an issue with no
    // fields. The issue page reads its attachments unguarded and throws; should it ever guard them,
    // answer with something else it cannot draw.
    const id = '00000000-0000-4000-8000-000000000001';
    await answerBlank(page, `**/api/v1/issues/${id}`);
    await page.goto(`/issues/${id}`);
    await page.getByTestId('page-error').waitFor();
    expect(await page.getByRole('heading', { name: '页面出错了' }).count()).toBe(1);
    expect(await page.getByTestId('header-search-input').count()).toBe(1);
    expect(await page.getByTestId('menu').isVisible()).toBe(true);
    await screenshot(page, 'dispatcher-page-error');
    // The frame works: the menu leads on, and the next page draws.
    await page.getByTestId('menu').getByText('列单派单').click();
    await page.getByTestId('listing-queue').waitFor();
    expect(await page.getByTestId('page-error').count()).toBe(0);
    await context.close();
  }, 120_000);
});

describe('a page outside the frame that fails while drawing (browser)', () => {
  it('says 页面出错了 with a way to try again, not the router’s own error page', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
    // The print sheet, outside the console's frame, given an issue and a timeline with no fields: it
    // reads the replies unguarded and throws; should it ever guard them, answer with something
    // else it cannot draw.
    const id = '00000000-0000-4000-8000-000000000002';
    await answerBlank(page, `**/api/v1/issues/${id}`);
    await answerBlank(page, `**/api/v1/issues/${id}/timeline*`);
    await page.goto(`/issues/${id}/print`);
    await page.getByTestId('page-error').waitFor();
    expect(await page.getByRole('heading', { name: '页面出错了' }).count()).toBe(1);
    expect(await page.getByTestId('page-error-reload').isVisible()).toBe(true);
    await context.close();
  }, 120_000);
});
