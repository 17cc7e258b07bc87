import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

// Its own database: the admin changes the district's category, which no other file may feel.
useOwnConsole('browser_time_rules', (own) => ({ server, d, browser } = own));

const POLL = { timeout: 30_000 };

describe('the time-limit rules page (admin)', () => {
  it("shows each category's limits and bounds, changes one on the record, and the extension dialog then says the new bound", async () => {
    const { page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    await page.getByRole('menuitem', { name: '时限规则' }).click();
    const table = page.getByTestId('time-rules');
    const code = (await server.db.selectFrom('categories').select('code').where('id', '=', d.categoryId).executeTakeFirstOrThrow()).code;
    const row = table.locator('tr', { has: page.locator(`[data-edit="${code}"]`) });
    await expect.poll(() => row.textContent(), POLL).toContain('120秒');

    await row.locator(`[data-edit="${code}"]`).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)));
    await dialog.locator('#field-maxExtensions').fill('2');
    await page.locator('#category-ok').click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    expect((await server.db.selectFrom('categories').select('max_extensions').where('id', '=', d.categoryId).executeTakeFirstOrThrow()).max_extensions).toBe(2);
    const changes = page.getByTestId('policy-changes');
    await expect.poll(() => changes.textContent(), POLL).toContain('延期次数上限 2');
    expect(await changes.textContent()).toContain('延期次数上限 1');
    await screenshot(page, 'admin-time-rules');

    // A handler asking for more time reads the bounds before the API would refuse.
    const ent = await server.login(d.entA.login);
    const issue = (await server.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '延期上限提示', description: '浏览器测试' })).json() as { id: string };
    const dispatcher = await server.login(d.people.dispatcher.login);
    const handler = await server.login(d.people.handlerA.login);
    for (const [token, action, body] of [
      [dispatcher, 'list', {}],
      [dispatcher, 'dispatch', {}],
      [handler, 'claim', {}],
      [handler, 'first-contact', { channel: 'phone', note: '已联系' }],
    ] as const) {
      const res = await server.call(token, 'POST', `/api/v1/issues/${issue.id}/${action}`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const { page: hp } = await signIn(browser, server.baseUrl, d.people.handlerA.login, PASSWORD);
    await hp.goto(`/issues/${issue.id}`);
    await hp.locator('[data-action="extension"]').click();
    const ext = hp.locator('.ant-modal:visible');
    await expect.poll(() => ext.textContent(), POLL).toContain('单次最长可延 120秒，本件已延期 0/2 次');
  }, 120_000);
});
