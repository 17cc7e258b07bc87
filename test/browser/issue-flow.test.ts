import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useConsole } from './support/own-console.ts';
import { TINY_PNG, chooseOption, pickOption, runAction } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
useConsole((c) => {
  ({ server, d, browser } = c);
});
const pages: Page[] = [];

/** A page signed in as one of the district's people, closed with the browser. */
async function as(login: string): Promise<Page> {
  const { page } = await signIn(browser, server.baseUrl, login, PASSWORD);
  pages.push(page);
  return page;
}

// expect.poll's own ceiling is one second: too short for a page to catch up with a change on a
// loaded machine. Polling ends as soon as the page shows it, so a long ceiling costs nothing.
const POLL = { timeout: 30_000 };

const stateOf = async (id: string) => await server.db.selectFrom('issues').select(['state', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('an issue from the portal to the rating, through the console', () => {
  it('is filed by the enterprise, dispatched, claimed, reported on, answered, approved and rated in the browser', async () => {
    // The enterprise files it in the portal, with an attachment.
    const ent = await as(d.entA.login);
    await ent.getByTestId('new-issue').click();
    await chooseOption(ent, 'categoryId', '测试类');
    await ent.locator('#title').fill('厂区东侧道路未通电（浏览器）');
    await ent.locator('#description').fill('二期厂房已建成，道路照明和动力电未接通，影响设备调试。');
    await ent.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: TINY_PNG });
    await ent.locator('.ant-upload-list-item-done').waitFor();
    await ent.getByTestId('file-submit').click();
    const done = ent.locator('.ant-result-title');
    await done.waitFor();
    const number = /\d{4}-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    const issue = await server.db.selectFrom('issues').select(['id']).where('number', '=', number).executeTakeFirstOrThrow();
    const attachments = await server.db.selectFrom('attachments').select('filename').where('issue_id', '=', issue.id).execute();
    expect(attachments.map((a) => a.filename)).toEqual(['现场照片.png']);
    await ent.goto('/portal');
    await ent.locator('[data-testid=issue-table] tr', { hasText: number }).waitFor();
    await screenshot(ent, 'enterprise-portal');

    // The dispatcher lists it with the assignment's four elements prefilled, adds a milestone and dispatches.
    const dispatcher = await as(d.people.dispatcher.login);
    await dispatcher.goto('/dispatch');
    const row = dispatcher.locator('[data-testid=listing-queue] tr', { hasText: number });
    // The queue is the whole test run's, oldest first, 50 a page: bring pages until this one's row shows.
    const rows = dispatcher.locator('[data-testid=listing-queue] tbody tr.ant-table-row');
    await rows.first().waitFor();
    while ((await row.count()) === 0 && (await dispatcher.getByTestId('queue-more').isVisible())) {
      const shown = await rows.count();
      await dispatcher.getByTestId('queue-more').click();
      await expect.poll(() => rows.count(), POLL).toBeGreaterThan(shown);
    }
    await expect.poll(() => row.textContent(), POLL).toContain('甲领导');
    expect(await row.textContent()).toContain('甲局');
    await screenshot(dispatcher, 'dispatcher-queue');
    await dispatcher.getByTestId(`list-${number}`).click();
    const modal = dispatcher.locator('.ant-modal:visible');
    // The category's limit (seconds, in this test district) is named in Chinese.
    await expect.poll(() => modal.textContent(), POLL).toContain('秒');
    expect(await modal.textContent()).not.toContain('seconds');
    await modal.getByText('添加节点').click();
    await modal.getByPlaceholder('节点').fill('现场踏勘');
    const picker = modal.locator('.ant-picker input');
    await picker.click();
    await picker.fill('2030-12-31 10:00');
    await picker.press('Enter');
    await dispatcher.locator('#dispatch-ok').click();
    await modal.waitFor({ state: 'hidden' });
    expect((await stateOf(issue.id)).state).toBe('awaitingClaim');

    // The handler claims it from the inbox, then works it on the issue page.
    const handler = await as(d.people.handlerA.login);
    await handler.goto('/inbox');
    await screenshot(handler, 'handler-inbox');
    await handler.getByTestId(`claim-${number}`).click();
    await expect.poll(async () => (await stateOf(issue.id)).state, POLL).toBe('inProgress.working');
    await handler.goto(`/issues/${issue.id}`);
    await runAction(handler, 'first-contact', async (dlg) => {
      await dlg.getByText('电话', { exact: true }).click();
      await dlg.locator('textarea').fill('已电话联系企业负责人，约定明日现场踏勘。');
    });
    await runAction(handler, 'milestone-report', async (dlg) => {
      await pickOption(handler, dlg.locator('.ant-select'), '现场踏勘');
      await dlg.locator('textarea').fill('已完成现场踏勘，供电方案已确定。');
    });
    // An empty dialog is refused in place (no uncaught error), and a draft survives a close by an outside click.
    const uncaught: string[] = [];
    handler.on('pageerror', (e) => uncaught.push(e.message));
    await handler.locator('[data-action="interim-reply"]').click();
    const dialog = handler.locator('.ant-modal:visible:not(.ant-zoom-appear)');
    await dialog.waitFor();
    await handler.locator('#action-ok').click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '必填' }).waitFor();
    await dialog.locator('textarea').fill('草稿：供电方案');
    await handler.mouse.click(5, 5);
    await handler.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    await handler.locator('[data-action="interim-reply"]').click();
    await dialog.waitFor();
    expect(await dialog.locator('textarea').inputValue()).toBe('草稿：供电方案');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await handler.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    expect(uncaught).toEqual([]);
    await runAction(handler, 'interim-reply', async (dlg) => {
      await dlg.locator('textarea').fill('供电方案已确定，正在协调施工。');
    });
    await runAction(handler, 'resolve', async (dlg) => {
      await dlg.locator('textarea').first().fill('道路照明和动力电已接通，请企业确认。');
      await dlg.getByText('可以办理', { exact: true }).click();
    });
    expect((await stateOf(issue.id)).state).toBe('answerReview');
    await expect.poll(() => handler.getByTestId('four-elements').textContent(), POLL).toContain('已完成');

    // The unit head approves the answer; it goes to the enterprise.
    const head = await as(d.people.headA.login);
    await head.goto(`/issues/${issue.id}`);
    await runAction(head, 'review', async (dlg) => {
      // The draft is shown to decide on, and nothing is chosen for the head.
      await expect.poll(() => dlg.getByTestId('draft-answer').textContent(), POLL).toContain('道路照明和动力电已接通');
      await dlg.getByRole('radio', { name: '同意', exact: true }).check();
    });
    expect((await stateOf(issue.id)).state).toBe('resolved');
    // Approved, the answer is with the enterprise: the page says so instead of counting down the handling time.
    await expect.poll(() => head.getByTestId('four-elements').textContent(), POLL).toContain('已答复待评价');
    expect(await head.getByTestId('four-elements').textContent()).not.toContain('剩余');
    await head.goto('/inbox');
    await screenshot(head, 'unit-head-inbox');

    // The enterprise sees the timeline and the answer, and rates it.
    await ent.goto(`/issues/${issue.id}`);
    await expect.poll(() => ent.getByTestId('replies').textContent(), POLL).toContain('道路照明和动力电已接通');
    expect(await ent.getByTestId('timeline').textContent()).toContain('签收');
    await runAction(ent, 'rate', async (dlg) => {
      await dlg.getByText('已解决', { exact: true }).click();
      await dlg.getByText('满意', { exact: true }).click();
    });
    await expect.poll(() => ent.getByTestId('ratings').textContent(), POLL).toContain('满意');
    const rating = await server.db.selectFrom('ratings').select(['resolved', 'satisfaction']).where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
    expect(rating).toEqual({ resolved: 'yes', satisfaction: 'satisfied' });
    await screenshot(ent, 'enterprise-issue-rated');

    // The enterprise's notifications (the same words as its mails) lead back to the issue.
    await ent.goto('/portal');
    await ent.getByTestId('notice-bell').click();
    const notice = ent.locator('.ant-drawer a', { hasText: number }).first();
    await notice.click();
    await ent.waitForURL(new RegExp(`/issues/${issue.id}$`));
    const read = await server.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select('notifications.read_at')
      .where('accounts.login', '=', d.entA.login)
      .where('notifications.read_at', 'is not', null)
      .execute();
    expect(read.length).toBeGreaterThan(0);

    // The other roles' main pages, for the record.
    const leader = await as(d.people.leaderA.login);
    await leader.goto('/leader');
    await leader.locator('.ant-tabs-tab', { hasText: '分包企业诉求' }).click();
    // Closed once rated satisfied: shown when the list is not limited to open issues.
    expect((await stateOf(issue.id)).closed_at).not.toBeNull();
    await leader.getByRole('switch').click();
    await leader.locator('[data-testid=issue-table] tr', { hasText: number }).waitFor();
    await screenshot(leader, 'leader-desk');
  }, 120_000);

  it('sends a signed-out visitor of a deep link to the sign-in page and back', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await page.goto('/inbox');
    await page.waitForURL(/\/login\?next=%2Finbox/);
    // The first field has the focus: a person types the login straight away.
    await expect.poll(() => page.evaluate<string>('document.activeElement && document.activeElement.id'), POLL).toBe('login');
    await page.locator('#login').fill(d.people.handlerA.login);
    await page.locator('#password').fill('wrong password!');
    await page.getByTestId('login-submit').click();
    // Said in the console's Chinese, not in the API's English detail.
    await expect.poll(() => page.getByTestId('login-error').textContent(), POLL).toContain('账号或密码错误');
    expect(await page.getByTestId('login-error').textContent()).not.toMatch(/[A-Za-z]{3}/);
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/inbox$/);
    await context.close();
  }, 60_000);
});
