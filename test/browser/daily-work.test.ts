import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { DESKTOP, PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { chooseOption } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

useOwnConsole('browser_daily_work', (own) => ({ server, d, browser } = own));

type Seeded = { toClaim: Array<{ id: string; number: string }>; waiting: string[]; overdue: { id: string; number: string } };

/** A handler's morning: four issues dispatched to unit A (one of them long overdue), two still waiting to be listed. */
async function seed(): Promise<Seeded> {
  const [ent, dispatcher] = await Promise.all([server.login(d.entA.login), server.login(d.people.dispatcher.login)]);
  const file = async (title: string) => {
    const res = await server.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '园区道路照明和动力电未接通，影响二期设备调试，请协调供电部门尽快接入。' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string };
  };
  const toClaim = [];
  for (const title of ['二期厂房动力电接入', '园区东侧道路照明', '污水管网接驳']) {
    const issue = await file(title);
    expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${issue.id}/list`, {})).statusCode).toBe(200);
    expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${issue.id}/dispatch`, {})).statusCode).toBe(200);
    toClaim.push(issue);
  }
  const waiting = [(await file('人才公寓申请咨询')).id, (await file('出口退税办理进度')).id];
  // A fourth, long past its claim time (the clock would have got here by itself, slower): left unclaimed for the 催办.
  const overdue = await file('厂区供水压力不足');
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${overdue.id}/list`, {})).statusCode).toBe(200);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${overdue.id}/dispatch`, {})).statusCode).toBe(200);
  await server.db
    .updateTable('issues')
    .set({ claim_due_at: new Date(Date.now() - 2 * 3_600_000) })
    .where('id', '=', overdue.id)
    .execute();
  return { toClaim, waiting, overdue };
}

/** No page scrolls sideways: the document is no wider than the window. */
async function fits(page: Page, what: string) {
  const w = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
  expect(w.scroll, `${what}: ${w.scroll} px wide in a ${w.inner} px window`).toBeLessThanOrEqual(w.inner);
}

let seeded: Seeded | undefined;
const once = async () => (seeded ??= await seed());

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)("a handler's day at %s size", (size, screen) => {
  it('filters 诉求查询 by state on the server and claims the ticked issues at once (批量签收)', async () => {
    const s = await once();
    const { context, page } = await signIn(browser, server.baseUrl, d.people.handlerA.login, PASSWORD, screen);

    // 诉求查询, narrowed to 待签收: what the server answers for that state, nothing else.
    await page.goto('/issues');
    const table = page.getByTestId('issue-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/issues?') && r.url().includes('stage=awaitingClaim'));
    await chooseOption(page, 'filter-stage', '待签收');
    const body = (await (await answered).json()) as { items: Array<{ number: string; stage: string }> };
    expect(body.items.every((i) => i.stage === 'awaitingClaim')).toBe(true);
    // The desktop's walk claims two of the four before the phone's.
    const want = size === 'desktop' ? 4 : 2;
    expect(body.items).toHaveLength(want);
    await expect.poll(() => table.locator('tr.ant-table-row').count(), { timeout: 30_000 }).toBe(want);
    for (const i of body.items) await table.getByText(i.number).waitFor();
    await fits(page, `诉求查询 at ${size}`);
    await screenshot(page, `daily-work-search-${size}`);

    // 批量签收: on the desktop two of the three, on the phone the one left.
    await page.goto('/inbox');
    const inbox = page.getByTestId('inbox-table');
    const picks = size === 'desktop' ? s.toClaim.slice(0, 2) : s.toClaim.slice(2);
    for (const p of picks) await inbox.locator('tr.ant-table-row', { hasText: p.number }).locator('.ant-checkbox-input').check();
    await page.getByTestId('batch-claim').click();
    const summary = page.getByTestId('batch-summary');
    await summary.waitFor().catch(async (e: unknown) => {
      await screenshot(page, `daily-work-batch-claim-${size}-failed`);
      throw e;
    });
    expect(await summary.textContent()).toContain(`成功 ${picks.length} 件`);
    expect(await page.locator('[data-testid="batch-result"] [data-outcome="ok"]').count()).toBe(picks.length);
    await fits(page, `批量签收 at ${size}`);
    await screenshot(page, `daily-work-batch-claim-${size}`);
    const stages = await server.db
      .selectFrom('issues')
      .select('stage')
      .where(
        'id',
        'in',
        picks.map((p) => p.id),
      )
      .execute();
    expect(stages.map((x) => x.stage)).toEqual(picks.map(() => 'inProgress'));
    const claims = await server.db
      .selectFrom('issue_events')
      .select('issue_id')
      .where(
        'issue_id',
        'in',
        picks.map((p) => p.id),
      )
      .where('type', '=', 'claim')
      .execute();
    expect(claims).toHaveLength(picks.length);
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await context.close();
  }, 180_000);

  it('lets the enterprise press 催办 on its overdue issue once a day, and the unit hears of it', async () => {
    const s = await once();
    const { context, page } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD, screen);
    await page.goto(`/issues/${s.overdue.id}`);
    await page.getByTestId('issue-number').waitFor();
    await page.getByTestId('press-reminder').click();
    // The first press of the day (the desktop's) goes through; the phone's is the second and is told to wait.
    const toast = page.locator('.ant-message-notice');
    await toast.first().waitFor();
    expect(await toast.first().textContent()).toContain(size === 'desktop' ? '已催办' : '今天已催办');
    await fits(page, `催办 at ${size}`);
    await screenshot(page, `daily-work-press-reminder-${size}`);
    const presses = await server.db.selectFrom('issue_reminders').select('id').where('issue_id', '=', s.overdue.id).execute();
    expect(presses).toHaveLength(1);
    const notices = await server.db.selectFrom('notifications').select('subject').where('issue_id', '=', s.overdue.id).where('subject', 'like', '【催办】%').execute();
    // Each of unit A's officials (its handler and its head) once.
    expect(notices).toHaveLength(2);
    await context.close();
  }, 180_000);
});
