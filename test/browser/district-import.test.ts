import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, unique, type SmallDistrict } from '../support/district.ts';
import { creditCodeOf, withWrongCheck, workbookOf, type SheetLines } from '../support/district-workbook.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

useOwnConsole('browser_district_import', (own) => ({ server, d, browser } = own));

const POLL = { timeout: 30_000 };

describe('the district import page (admin)', () => {
  it('checks a workbook and lists its broken row, then imports the fixed one and reports what it created', async () => {
    const tag = unique();
    const seed = Math.floor(Math.random() * 9_000) + 1;
    const code = creditCodeOf(seed, 1);
    const sheets = (enterpriseCode: string): SheetLines => ({
      单位: [
        ['单位名称', '简称'],
        [`招商局-${tag}`, '招商局'],
      ],
      企业: [
        ['统一社会信用代码', '企业名称', '重点企业', '行业', '地址'],
        [enterpriseCode, `浏览器导入企业-${tag}`, '是', '新材料', '霁川区'],
      ],
    });
    const { page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    await page.getByRole('menuitem', { name: '数据导入' }).click();
    const file = page.locator('input[type=file]');

    await file.setInputFiles({ name: 'district.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbookOf(sheets(withWrongCheck(code))) });
    await page.getByTestId('import-check').click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.textContent(), POLL).toContain('校验位');
    expect(await errors.textContent()).toContain('统一社会信用代码');
    expect(await page.getByTestId('import-verdict').textContent()).toContain('未写入');
    await screenshot(page, 'admin-district-import-errors');
    expect(await server.db.selectFrom('units').select('id').where('name', '=', `招商局-${tag}`).executeTakeFirst()).toBeUndefined();

    await file.setInputFiles({ name: 'district.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbookOf(sheets(code)) });
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('import-verdict').textContent(), POLL).toContain('已导入');
    const table = await page.getByTestId('import-sheets').textContent();
    expect(table).toContain('单位');
    expect(table).toContain('企业');
    expect((await server.db.selectFrom('enterprises').select('name').where('credit_code', '=', code).executeTakeFirstOrThrow()).name).toBe(`浏览器导入企业-${tag}`);
    await screenshot(page, 'admin-district-import');
  }, 120_000);

  it('fits the import, officials and password pages on a phone without sideways scrolling', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD, PHONE);
    for (const [path, ready] of [
      ['/admin/import', '[data-testid=import-check]'],
      ['/admin/officials', '[data-testid=officials] .ant-table-row'],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await page.locator('.ant-layout-content .ant-spin-spinning').first().waitFor({ state: 'detached' });
      const w = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
      expect(w.scroll, path).toBeLessThanOrEqual(w.inner);
      await screenshot(page, `phone-admin${path.replace(/\//g, '-')}`);
    }
    await context.close();
    const anonymous = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: PHONE });
    const p = await anonymous.newPage();
    await p.goto('/login');
    await p.getByTestId('forgot-password').click();
    await p.locator('#reset-login').fill(d.people.handlerA.login);
    await p.getByTestId('reset-request').click();
    await expect.poll(() => p.getByTestId('reset-sent').textContent(), POLL).toContain('重置密码的链接');
    await p.goto('/reset-password#token=not-a-real-token-at-all-000000');
    await p.locator('#reset-new').fill('granite orchard wisdom 5');
    await p.locator('#reset-repeat').fill('granite orchard wisdom 5');
    await p.getByTestId('reset-submit').click();
    await expect.poll(() => p.getByTestId('reset-error').textContent(), POLL).toContain('链接无效');
    await anonymous.close();
  }, 120_000);

  it('deactivates an official from the officials page', async () => {
    const { page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    await page.getByRole('menuitem', { name: '干部管理' }).click();
    await page.getByTestId('official-search').locator('input').fill(d.people.handlerC.login);
    await page.getByTestId('official-search').locator('input').press('Enter');
    const button = page.locator(`[data-deactivate="${d.people.handlerC.login}"]`);
    await button.click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('officials').textContent(), POLL).toContain('已停用');
    const row = await server.db.selectFrom('officials').select('deactivated_at').where('id', '=', d.people.handlerC.id).executeTakeFirstOrThrow();
    expect(row.deactivated_at).not.toBeNull();
  }, 120_000);
});
