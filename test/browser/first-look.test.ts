import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkingCalendar } from '@huiyin/calendar';
import { PASSWORD, unique, type SmallDistrict } from '../support/district.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

/**
 * The first 16 November still ahead whose next year has no declared holidays: from then on admins
 * are warned. Ahead, not past: the session cookie's expiry follows the engine's clock.
 */
function warnedFrom(): Date {
  const calendar = createWorkingCalendar();
  for (let y = new Date().getUTCFullYear(); ; y++) {
    const jan1 = new Date(`${y + 1}-01-01T00:00:00+08:00`);
    const from = new Date(`${y}-11-16T02:00:00Z`);
    if (from.getTime() > Date.now() && calendar.undeclaredYears(jan1, jan1).length > 0) return from;
  }
}
const WARNED_FROM = warnedFrom();
// The engine's clock runs from then on (not frozen: sessions and limits see time pass).
const offset = WARNED_FROM.getTime() - Date.now();

useOwnConsole('browser_first_look', (own) => ({ server, d, browser } = own), { clock: () => new Date(Date.now() + offset) });

/** No page scrolls sideways: the document is no wider than the window, and the window no wider than the phone. */
async function fits(page: Page, what: string) {
  const w = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
  expect.soft(w.inner, `${what}: the window widened past the phone`).toBeLessThanOrEqual(PHONE.width);
  expect.soft(w.scroll, `${what}: ${w.scroll} px wide in a ${w.inner} px window`).toBeLessThanOrEqual(w.inner);
}

describe('the calendar banner', () => {
  it('tells an admin the CLI command that imports next year’s days, and links to the calendar page', async () => {
    const { context, page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    const banner = page.getByTestId('calendar-banner');
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(`${WARNED_FROM.getUTCFullYear() + 1} 年节假日安排尚未导入`);
    expect(await page.getByTestId('calendar-import-command').textContent()).toContain('huiyin calendar import <文件.json>');
    expect(text).toContain('node scripts/huiyin.mjs calendar import');
    const link = page.getByTestId('calendar-banner-link');
    expect(await link.getAttribute('href')).toBe('/admin/calendar');
    await screenshot(page, 'first-look-calendar-banner');
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/calendar');
    await context.close();

    // On a phone the long commands wrap inside the screen.
    const phone = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD, PHONE);
    await phone.page.getByTestId('calendar-banner').waitFor();
    await fits(phone.page, 'the calendar banner');
    await screenshot(phone.page, 'first-look-phone-calendar-banner');
    await phone.context.close();
  }, 120_000);
});

describe('a new official at phone size', () => {
  it('fits the change-password page and the first page after it on the screen', async () => {
    const admin = await server.login(d.people.admin.login);
    const login = `new-handler-${unique()}`.slice(0, 60);
    const oneTime = 'amber harbour willow 52';
    const created = await server.call(admin, 'POST', '/api/v1/officials', {
      login,
      // A name as long as some are, in the header's one line.
      name: '欧阳诸葛慕容司马上官',
      email: `${login}@test.local`,
      roles: ['handler'],
      unitId: d.unitA,
      password: oneTime,
    });
    expect(created.statusCode, created.body).toBe(201);

    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto('/login');
    await fits(page, 'sign-in');
    await page.locator('#login').fill(login);
    await page.locator('#password').fill(oneTime);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('must-change').waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');
    await fits(page, 'change-password');
    await screenshot(page, 'first-look-phone-change-password');

    await page.locator('#currentPassword').fill(oneTime);
    await page.locator('#newPassword').fill('quiet meadow falcon 38');
    await page.locator('#repeat').fill('quiet meadow falcon 38');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('user-name').waitFor();
    const landing = new URL(page.url()).pathname;
    expect(landing).not.toBe('/change-password');
    await page.locator('.ant-layout-content').waitFor();
    await page.locator('.ant-layout-content .ant-spin-spinning').first().waitFor({ state: 'detached' });
    await fits(page, `the first page (${landing})`);
    await screenshot(page, 'first-look-phone-landing');
    const row = await server.db.selectFrom('accounts').select('must_change_password').where('login', '=', login).executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(false);
    await context.close();
  }, 120_000);
});
