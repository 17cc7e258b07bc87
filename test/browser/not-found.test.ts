import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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
