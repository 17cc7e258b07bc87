import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { chooseOption, pickOption } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

useOwnConsole('browser_list_controls', (own) => ({ server, d, browser } = own));

const POLL = { timeout: 30_000 };
type Issue = { id: string; number: string };
const tokens = new Map<string, string>();

/** One call of the API as `login`, which must succeed. */
async function api(login: string, path: string, body: object = {}): Promise<Issue> {
  const token = tokens.get(login) ?? (await server.login(login));
  tokens.set(login, token);
  const res = await server.call(token, 'POST', path, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Issue;
}

const file = (login: string, title: string) => api(login, '/api/v1/issues', { categoryId: d.categoryId, title, description: '园区道路照明和动力电未接通，影响二期设备调试，请协调供电部门。' });

/** Enterprise A's three issues (two waiting to be listed, one claimed with an extension asked of leader A) and enterprise B's two, waiting. */
async function seed(): Promise<{ claimed: Issue }> {
  await file(d.entA.login, '二期厂房动力电接入');
  await file(d.entA.login, '园区东侧道路照明');
  await file(d.entB.login, '污水管网接驳');
  await file(d.entB.login, '人才公寓申请咨询');
  const claimed = await file(d.entA.login, '用地指标调整');
  const milestones = [{ title: '现场踏勘', dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }];
  await api(d.people.dispatcher.login, `/api/v1/issues/${claimed.id}/list`, { timeLimit: { amount: 5, unit: 'workingDays' }, milestones });
  await api(d.people.dispatcher.login, `/api/v1/issues/${claimed.id}/dispatch`);
  await api(d.people.handlerA.login, `/api/v1/issues/${claimed.id}/claim`);
  await api(d.people.handlerA.login, `/api/v1/issues/${claimed.id}/first-contact`, { channel: 'phone', note: '已电话联系企业' });
  await api(d.people.handlerA.login, `/api/v1/issues/${claimed.id}/extension`, { amount: { amount: 2, unit: 'workingDays' }, reason: '需市级部门会商。' });
  return { claimed };
}
let seeded: ReturnType<typeof seed> | undefined;
const once = () => (seeded ??= seed());

const nameOf = async (id: string) => (await server.db.selectFrom('enterprises').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;

/** No page scrolls sideways: the document is no wider than the window, and the window no wider than the phone. */
async function fits(page: Page, what: string) {
  const w = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
  expect.soft(w.inner, `${what}: the window widened past the phone`).toBeLessThanOrEqual(PHONE.width);
  expect.soft(w.scroll, `${what}: ${w.scroll} px wide in a ${w.inner} px window`).toBeLessThanOrEqual(w.inner);
}

/** Picks an enterprise by a search of the server, then searches again for another without picking it. */
async function pickThenSearchAgain(page: Page, picked: string, other: string) {
  const select = page.locator('#filter-enterprise');
  const found = page.waitForResponse((r) => r.url().includes('/api/v1/enterprises?') && decodeURIComponent(r.url()).includes(picked.slice(0, 3)));
  // Picked from the server's answer to the search (typed again should the pick need a second try).
  await select.click();
  await select.pressSequentially(picked.slice(0, 3));
  await found;
  await pickOption(page, page.locator('.ant-select', { has: select }), picked, { search: picked.slice(0, 3) });
  // The second search answers with the other enterprise only.
  const again = page.waitForResponse((r) => r.url().includes('/api/v1/enterprises?') && decodeURIComponent(r.url()).includes(other.slice(0, 3)));
  await select.click();
  await select.pressSequentially(other.slice(0, 3));
  const answer = (await (await again).json()) as { items: Array<{ name: string }> };
  expect(answer.items.map((e) => e.name)).toEqual([other]);
  await page.keyboard.press('Escape');
  await page.locator('.ant-card-head-title').first().click();
}

describe('the enterprise filter', () => {
  it.each([
    ['诉求查询', '/issues', 'issue-table'],
    ['the listing queue', '/dispatch', 'listing-queue'],
  ])(
    'keeps the picked enterprise’s name after a second search (%s)',
    async (what, path, table) => {
      await once();
      const [a, b] = await Promise.all([nameOf(d.entA.id), nameOf(d.entB.id)]);
      const { context, page } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
      await page.goto(path);
      await page.getByTestId(table).locator('tr.ant-table-row').first().waitFor();
      await pickThenSearchAgain(page, a, b);
      const shown = page.getByTestId('filter-enterprise');
      await expect.poll(() => shown.textContent(), POLL).toContain(a);
      expect(await shown.textContent(), `${what}: a raw id in the select`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      // And the list is still enterprise A's alone.
      const rows = page.getByTestId(table).locator('tr.ant-table-row');
      await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes(a)) && (await rows.count()) > 0, POLL).toBe(true);
      await screenshot(page, `list-controls-enterprise-${path.slice(1)}`);
      await context.close();
    },
    120_000,
  );
});

describe('lists at phone size', () => {
  it('sorts the cards of 诉求查询 with the sort select, on the server', async () => {
    await once();
    const { context, page } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD, PHONE);
    await page.goto('/issues');
    // All of them, open or not.
    await page.locator('.issue-filters .ant-switch').click();
    const cards = page.getByTestId('issue-table').locator('tr.ant-table-row');
    await expect.poll(() => cards.count(), POLL).toBe(5);
    const numbers = async () => (await cards.locator('a[href^="/issues/"]').allTextContents()).map((n) => n.trim());
    for (const [choice, order] of [
      ['编号 升序', 'asc'],
      ['编号 降序', 'desc'],
    ] as const) {
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/issues?') && r.url().includes('sort=number') && r.url().includes(`order=${order}`));
      await chooseOption(page, 'issue-sort', choice);
      const body = (await (await answered).json()) as { items: Array<{ number: string }> };
      const sorted = body.items.map((i) => i.number).sort();
      const want = order === 'asc' ? sorted : sorted.reverse();
      expect(body.items.map((i) => i.number)).toEqual(want);
      await expect.poll(numbers, POLL).toEqual(want);
    }
    await fits(page, '诉求查询 sorted');
    await screenshot(page, 'list-controls-phone-sort');
    await context.close();
  }, 120_000);

  it('shows the leader desk’s cards without dead checkboxes, within the screen', async () => {
    const { claimed } = await once();
    const { context, page } = await signIn(browser, server.baseUrl, d.people.leaderA.login, PASSWORD, PHONE);
    await page.goto('/leader');
    const card = page.locator('[data-testid=inbox-table] tr.ant-table-row', { hasText: claimed.number });
    await card.waitFor();
    expect(await card.textContent()).toContain('延期审批');
    // Nothing on the desk is done in a batch: no checkbox that cannot be ticked.
    expect(await page.locator('[data-testid=inbox-table] .ant-checkbox').count()).toBe(0);
    await fits(page, 'leader desk');
    await screenshot(page, 'list-controls-phone-leader-desk');
    for (const tab of ['我的分包企业', '分包企业诉求']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.locator('.ant-tabs-tabpane-active .ant-spin-spinning').first().waitFor({ state: 'detached' });
      await fits(page, `leader desk ${tab}`);
    }
    await context.close();
  }, 120_000);
});
