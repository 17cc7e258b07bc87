import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import { openedDialog } from './support/ui.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

/** Filed by enterprise A, listed and dispatched through the API; `hoursLate` past its claim time. */
async function overdueIssue(title: string, hoursLate: number) {
  const token = await server.login(d.entA.login);
  const filed = (await server.call(token, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '督办测试' })).json() as { id: string; number: string };
  const dispatcher = await server.login(d.people.dispatcher.login);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/list`, {})).statusCode).toBe(200);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/dispatch`, {})).statusCode).toBe(200);
  // As if its claim clock had run out hours ago (no timers run here: nothing moves on its own).
  await server.db
    .updateTable('issues')
    .set({ claim_due_at: new Date(Date.now() - hoursLate * 3_600_000), track: 'red' })
    .where('id', '=', filed.id)
    .execute();
  return filed;
}

// expect.poll's own ceiling is one second: too short for a page to catch up with a change on a
// loaded machine. Polling ends as soon as the page shows it, so a long ceiling costs nothing.
const POLL = { timeout: 30_000 };

// A database of its own: the board and the queue list everything, and these must be all there is.
useOwnConsole('browser_orders', (own) => ({ server, d, browser } = own));

describe('a 督办单 by hand', () => {
  it('supervision issues one from the board, the unit head sees it and replies, supervision reads the reply', async () => {
    const issue = await overdueIssue('超期未签收（人工督办）', 5);
    const { page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD);
    await page.goto('/board');
    const row = page.locator('[data-testid=overdue-table] tr', { hasText: issue.number });
    await row.getByTestId(`issue-order-${issue.number}`).click();
    const dialog = await openedDialog(page);
    await page.locator('#order-required').fill('书面说明超期未签收的原因、责任人和整改措施');
    await page.locator('#order-amount').fill('2');
    await page.locator('#order-ok').click();
    await dialog.waitFor({ state: 'hidden' });

    // Written once, by hand, with its own deadline (2 working days from now).
    const orders = await server.db.selectFrom('supervision_orders').selectAll().where('issue_id', '=', issue.id).execute();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ clock_id: null, required_reply: '书面说明超期未签收的原因、责任人和整改措施' });
    expect(orders[0]!.due_at.getTime()).toBeGreaterThan(Date.now() + 3_600_000);

    await page.locator('.ant-tabs-tab', { hasText: '督办单' }).click();
    const listed = page.locator('[data-testid=orders-table] tr', { hasText: issue.number });
    await listed.getByTestId('order-by-hand').waitFor();
    expect(await listed.textContent()).toContain('未回复');
    await screenshot(page, 'supervisor-manual-order');

    // A second while the first is unanswered: the dialog says why.
    await page.locator('.ant-tabs-tab', { hasText: '督查看板' }).click();
    await row.getByTestId(`issue-order-${issue.number}`).click();
    await openedDialog(page);
    await page.locator('#order-ok').click();
    await page.locator('.ant-modal:visible .ant-alert-error').waitFor();
    expect(await page.locator('.ant-modal:visible .ant-alert-error').textContent()).toContain('督办单');
    await page.locator('.ant-modal:visible .ant-modal-close').click();

    // The unit head finds it in the inbox and replies on the orders page.
    const head = await signIn(browser, server.baseUrl, d.people.headA.login, PASSWORD);
    await head.page.goto('/inbox');
    await head.page.locator('[data-testid=inbox-table] tr', { hasText: issue.number }).filter({ hasText: '督办单回复' }).waitFor();
    await head.page.goto('/orders');
    const order = head.page.locator('[data-testid=orders-table] tr', { hasText: issue.number });
    expect(await order.textContent()).toContain('书面说明超期未签收');
    await order.getByRole('button', { name: '回复' }).click();
    await openedDialog(head.page);
    await head.page.locator('.ant-modal:visible textarea').fill('已安排专人当日签收，超期系人员调整，已明确责任人。');
    await head.page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => order.count(), POLL).toBe(0);

    // Supervision sees the reply on the issue page, in the issue's own orders.
    await page.goto(`/issues/${issue.id}`);
    await expect.poll(() => page.getByTestId('issue-orders').textContent(), POLL).toContain('已安排专人当日签收');
    const last = await server.db.selectFrom('issue_events').select(['type']).where('issue_id', '=', issue.id).orderBy('seq', 'desc').limit(2).execute();
    expect(last.map((e) => e.type)).toEqual(['supervisionReply', 'supervisionOrder']);
  }, 90_000);

  it("pages the dispatcher's listing queue with load more", async () => {
    const token = await server.login(d.entB.login);
    for (let i = 0; i < 51; i++) {
      expect((await server.call(token, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: `待列单 ${i}`, description: '分页测试' })).statusCode).toBe(201);
    }
    const { page } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
    await page.goto('/dispatch');
    const rows = page.locator('[data-testid=listing-queue] tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), POLL).toBe(50);
    await page.getByTestId('queue-more').click();
    await expect.poll(() => rows.count(), POLL).toBe(51);
    expect(await page.getByTestId('queue-more').count()).toBe(0);
  }, 90_000);

  it("shows a leader's enterprises with their open issue counts and opens their issues", async () => {
    const { page } = await signIn(browser, server.baseUrl, d.people.leaderA.login, PASSWORD);
    await page.goto('/leader');
    await page.locator('.ant-tabs-tab', { hasText: '我的分包企业' }).click();
    const entA = page.locator('[data-testid=leader-enterprises] tr', { hasText: '企业甲' });
    await entA.waitFor();
    const open = await server.db.selectFrom('issues').select('id').where('enterprise_id', '=', d.entA.id).where('closed_at', 'is', null).execute();
    expect(await entA.locator('td').nth(3).textContent()).toBe(String(open.length));
    await screenshot(page, 'leader-enterprises');
    await entA.getByTestId(`enterprise-issues-${d.entA.id}`).click();
    await page.getByTestId('enterprise-filter').waitFor();
    await page.locator('.ant-table-row', { hasText: '超期未签收（人工督办）' }).waitFor();
    // Enterprise B's issues are not in enterprise A's list.
    expect(await page.locator('.ant-table-row', { hasText: '待列单' }).count()).toBe(0);
  }, 60_000);
});
