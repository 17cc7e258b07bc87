import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
useConsole((c) => {
  ({ server, d, browser } = c);
});

const POLL = { timeout: 30_000 };

/** Files through Open311 as the enterprise's system would, with the key from the page. */
async function fileWith(key: string) {
  const code = (await server.db.selectFrom('categories').select('code').where('id', '=', d.categoryId).executeTakeFirstOrThrow()).code;
  return fetch(`${server.baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: key, service_code: code, description: '通过企业系统提交：厂区供水压力不足' }),
  });
}

describe('系统对接: an enterprise’s API keys', () => {
  it('creates a key shown once, which its system files with, and revokes it', async () => {
    const { page } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD);
    await page.getByRole('menuitem', { name: '系统对接' }).click();
    await page.getByTestId('new-api-key').click();
    const naming = page.locator('.ant-modal:visible');
    await naming.getByRole('textbox').fill('企业 ERP');
    await naming.getByRole('button', { name: '创建' }).click();
    const shown = page.getByTestId('issued-key');
    await expect.poll(() => shown.textContent(), POLL).toMatch(/^hy_/);
    const key = (await shown.textContent())?.trim() ?? '';
    await screenshot(page, 'portal-api-key-issued');
    await page.getByRole('button', { name: '我已保存' }).click();

    const filed = await fileWith(key);
    expect(filed.status, await filed.clone().text()).toBe(200);
    const [ack] = (await filed.json()) as Array<{ service_request_id: string }>;
    expect(
      (
        await server.db
          .selectFrom('issues')
          .select('enterprise_id')
          .where('number', '=', ack?.service_request_id ?? '')
          .executeTakeFirstOrThrow()
      ).enterprise_id,
    ).toBe(d.entA.id);

    // The list shows the key's start and its use, never the key.
    const row = page.locator('tr', { hasText: '企业 ERP' });
    await page.reload();
    await expect.poll(() => row.textContent(), POLL).toContain('有效');
    expect(await page.content()).not.toContain(key);
    await row.getByRole('button', { name: '停用' }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => row.textContent(), POLL).toContain('已停用');
    await screenshot(page, 'portal-api-keys');
    expect((await fileWith(key)).status).toBe(403);
  }, 120_000);
});
