import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { DESKTOP, PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

useOwnConsole('browser_batch_actions', (own) => ({ server, d, browser } = own));

type Issue = { id: string; number: string };
type Event = { type: string; stateAfter: string };
const tokens = new Map<string, string>();

async function tokenOf(login: string): Promise<string> {
  const token = tokens.get(login) ?? (await server.login(login));
  tokens.set(login, token);
  return token;
}

/** One POST of the API as `login`, which must succeed. */
async function post(login: string, path: string, body: object = {}): Promise<Issue> {
  const res = await server.call(await tokenOf(login), 'POST', path, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Issue;
}

/** The issue and its ledger as the API tells the dispatcher. */
async function read(id: string): Promise<{ stage: string; version: number; events: Event[] }> {
  const token = await tokenOf(d.people.dispatcher.login);
  const issue = await server.call(token, 'GET', `/api/v1/issues/${id}`);
  const timeline = await server.call(token, 'GET', `/api/v1/issues/${id}/timeline`);
  expect(issue.statusCode, issue.body).toBe(200);
  expect(timeline.statusCode, timeline.body).toBe(200);
  const { stage, version } = issue.json() as { stage: string; version: number };
  return { stage, version, events: timeline.json() as Event[] };
}

const count = (events: Event[], type: string) => events.filter((e) => e.type === type).length;

const file = (title: string) => post(d.entA.login, '/api/v1/issues', { categoryId: d.categoryId, title, description: '二期厂房动力电未接通，影响设备调试，请协调供电部门尽快接入。' });

/** No page scrolls sideways: the document is no wider than the window. */
async function fits(page: Page, what: string) {
  const w = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
  expect(w.scroll, `${what}: ${w.scroll} px wide in a ${w.inner} px window`).toBeLessThanOrEqual(w.inner);
}

/** Ticks the rows of `numbers` in the table `testId` as a finger or a mouse does (on the checkbox's box), then presses the batch button `button`. */
async function tick(page: Page, testId: string, numbers: string[], button: string, shot: string) {
  const table = page.getByTestId(testId);
  for (const n of numbers) {
    const row = table.locator('tr.ant-table-row', { hasText: n });
    await row.locator('.ant-checkbox').click();
    expect(await row.locator('.ant-checkbox-input').isChecked(), n).toBe(true);
  }
  await expect.poll(() => page.getByTestId(button).textContent()).toContain(`（${numbers.length}）`);
  await screenshot(page, shot);
  await page.getByTestId(button).click();
}

/** The result dialog says both went through, each by number. */
async function bothDone(page: Page, picks: Issue[]) {
  const summary = page.getByTestId('batch-summary');
  await summary.waitFor({ timeout: 60_000 });
  expect(await summary.textContent()).toContain('成功 2 件，未办理 0 件');
  const result = page.getByTestId('batch-result');
  expect(await result.locator('[data-outcome="ok"]').count()).toBe(2);
  for (const p of picks) expect(await result.textContent()).toContain(p.number);
}

describe('batch actions in the console', () => {
  // On a phone the queue's rows are cards, each with its checkbox.
  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)(
    'dispatches two ticked issues with their assignment’s defaults (批量派单), each once, at %s size',
    async (size, screen) => {
      const issues = [await file(`二期厂房动力电接入（${size}）`), await file(`园区东侧道路照明（${size}）`), await file(`污水管网接驳（${size}）`)];
      const [a, b, left] = issues as [Issue, Issue, Issue];
      const { context, page } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD, screen);
      await page.goto('/dispatch');
      await page.getByTestId('listing-queue').locator('tr.ant-table-row', { hasText: left.number }).waitFor();
      await tick(page, 'listing-queue', [a.number, b.number], 'batch-dispatch', `batch-dispatch-ticked-${size}`);
      await bothDone(page, [a, b]);
      await fits(page, `批量派单 at ${size}`);
      await screenshot(page, `batch-dispatch-${size}`);
      for (const p of [a, b]) {
        const now = await read(p.id);
        // Listed with the defaults and dispatched: one of each, and waiting for unit A to claim it.
        expect(now.stage, p.number).toBe('awaitingClaim');
        expect([count(now.events, 'list'), count(now.events, 'dispatch')], p.number).toEqual([1, 1]);
        const row = await server.db.selectFrom('issues').select(['leader_id', 'lead_unit_id']).where('id', '=', p.id).executeTakeFirstOrThrow();
        expect(row).toEqual({ leader_id: d.leaderA, lead_unit_id: d.unitA });
      }
      // The one not ticked is still waiting to be listed, and the queue no longer shows the two.
      expect((await read(left.id)).stage).toBe('submitted');
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      const queue = page.getByTestId('listing-queue');
      await expect.poll(async () => (await queue.locator('tr.ant-table-row').allTextContents()).join(' ')).not.toContain(a.number);
      expect(await queue.textContent()).not.toContain(b.number);
      await context.close();
    },
    180_000,
  );

  it('issues one 督办单 on each of two ticked overdue issues (批量督办)', async () => {
    const issues: Issue[] = [];
    for (const title of ['厂区供水压力不足', '出口退税办理进度', '人才公寓申请']) {
      const i = await file(title);
      await post(d.people.dispatcher.login, `/api/v1/issues/${i.id}/list`);
      await post(d.people.dispatcher.login, `/api/v1/issues/${i.id}/dispatch`);
      issues.push(i);
    }
    // Past their claim time (the clock would get there by itself, slower): on the board.
    await server.db
      .updateTable('issues')
      .set({ claim_due_at: new Date(Date.now() - 2 * 3_600_000) })
      .where(
        'id',
        'in',
        issues.map((i) => i.id),
      )
      .execute();
    const [a, b, left] = issues as [Issue, Issue, Issue];
    const before = await Promise.all(issues.map((i) => read(i.id)));
    const { context, page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD);
    await page.goto('/board');
    await page.getByTestId('overdue-table').locator('tr.ant-table-row', { hasText: left.number }).waitFor();
    await tick(page, 'overdue-table', [a.number, b.number], 'batch-order', 'batch-order-ticked');
    const dialog = page.locator('.ant-modal:visible:not(.ant-zoom-appear)');
    await dialog.waitFor();
    await page.locator('#batch-order-reply').fill('请说明超期原因及办结时间');
    await page.locator('#batch-order-ok').click();
    await bothDone(page, [a, b]);
    await screenshot(page, 'batch-order');
    for (const [k, p] of [a, b].entries()) {
      const now = await read(p.id);
      // One 督办单 each: one event, one version more, the stage as it was.
      expect(count(now.events, 'supervisionOrder'), p.number).toBe(1);
      expect(now.version, p.number).toBe((before[k]?.version ?? 0) + 1);
      expect(now.stage, p.number).toBe('awaitingClaim');
    }
    const untouched = await read(left.id);
    expect(count(untouched.events, 'supervisionOrder')).toBe(0);
    expect(untouched.version).toBe(before[2]?.version);
    const orders = await server.call(await tokenOf(d.people.supervisor.login), 'GET', '/api/v1/supervision/orders?limit=50');
    expect(orders.statusCode, orders.body).toBe(200);
    const ordered = (orders.json() as { items: Array<{ issueId: string | null }> }).items.map((o) => o.issueId);
    expect(ordered.filter((id) => id === a.id || id === b.id).sort()).toEqual([a.id, b.id].sort());
    expect(ordered).not.toContain(left.id);
    await context.close();
  }, 180_000);
});
