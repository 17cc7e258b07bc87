import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { unique, type SmallDistrict } from '../support/district.ts';
import { screenshot } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
useConsole((c) => {
  ({ server, d, browser } = c);
});

describe('an admin-set password (browser)', () => {
  it('sends the account to the change-password page at first sign-in, and on to its pages once changed', async () => {
    const admin = await server.login(d.people.admin.login);
    const name = `portal-${unique()}`.slice(0, 60);
    const oneTime = 'river lantern copper 71';
    const created = await server.call(admin, 'POST', `/api/v1/enterprises/${d.entA.id}/accounts`, { login: name, password: oneTime });
    expect(created.statusCode, created.body).toBe(201);

    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    // Straight to a deep link: the console still goes to the change-password page first.
    await page.goto('/login?next=/portal');
    await page.locator('#login').fill(name);
    await page.locator('#password').fill(oneTime);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('must-change').waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');

    // A weak password is refused with the API's reason.
    await page.locator('#currentPassword').fill(oneTime);
    await page.locator('#newPassword').fill('1234567890');
    await page.locator('#repeat').fill('1234567890');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('change-password-error').waitFor();
    await screenshot(page, 'change-password');

    await page.locator('#newPassword').fill('quiet meadow falcon 38');
    await page.locator('#repeat').fill('quiet meadow falcon 38');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('user-name').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    const row = await server.db.selectFrom('accounts').select('must_change_password').where('login', '=', name).executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(false);
    await context.close();
  }, 120_000);
});
