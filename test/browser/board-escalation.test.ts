import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobWorker, QueueBackend } from '@huiyin/queues';
import type { Browser } from 'playwright-core';
import { createWorkingCalendar } from '@huiyin/calendar';
import type { EngineDeps } from '@huiyin/engine';
import { createClockTimers, createClockWorker, runTimerJob, type TimerJobData } from '@huiyin/timers';
import { openTestBackend } from '../support/queue-backend.ts';
import { PASSWORD, createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { launchChromium, screenshot, signIn } from './support/browser.ts';
import { openedDialog } from './support/ui.ts';
import { startConsoleServer, type ConsoleServer } from './support/console-server.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// Seconds-long claim limit: yellow 3 s before the due time, red at it, the leader 2 s after and
// supervision (督办单) 5 s after, walked by real BullMQ timers and a worker in this process.
const CLAIM_SECONDS = 8;
const POLICY = {
  reminderBeforeSeconds: 5,
  yellowBeforeSeconds: 3,
  leaderAfterSeconds: 2,
  supervisionAfterSeconds: 5,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
const prefix = `${sharedRedisPrefix()}_browser_board`;
// Waits on the page: generous, as each returns once what it waits for is there (a loaded machine
// stretches the timers, the console's refresh and the browser alike).
const WAIT_MS = 60_000;
const POLL = { timeout: WAIT_MS };

// The board refreshes every 5 s, and red lasts 2 s before the leader step: whether a refresh
// falls inside those 2 s depended on how long signing in and dispatching took (at load 10 on two
// cores none did, and the wait for red ran out). So the worker holds the leader step until the
// board has shown red; the track still walks in order, each step once.
let redShown = () => {};
const redSeen = new Promise<void>((r) => (redShown = r));

let own: Awaited<ReturnType<typeof ownDatabase>>;
let server: ConsoleServer;
let d: SmallDistrict;
let backend: QueueBackend;
let timers: ReturnType<typeof createClockTimers>;
let worker: JobWorker<TimerJobData>;
let browser: Browser;

beforeAll(async () => {
  // A database of its own: the board shows every overdue issue, and these must be the only ones.
  own = await ownDatabase('browser_board');
  backend = await openTestBackend(prefix, own.url);
  timers = createClockTimers(backend);
  server = await startConsoleServer({ DATABASE_URL: own.url }, { timers });
  const deps: EngineDeps = { db: server.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  worker = createClockWorker(backend, async (job) => {
    // The leader step waits until the page has shown red.
    const leaderDue = await server.db.selectFrom('clocks').select('id').where('next_step', '=', 'leader').where('next_step_at', '<=', new Date()).executeTakeFirst();
    if (leaderDue) await redSeen;
    return runTimerJob(deps, timers, job);
  });
  d = await createDistrict(server.db);
  await server.db
    .updateTable('categories')
    .set({ track_policy: JSON.stringify(POLICY), claim_limit: JSON.stringify({ amount: CLAIM_SECONDS, unit: 'seconds' }), handling_limit: JSON.stringify({ amount: 600, unit: 'seconds' }) })
    .where('id', '=', d.categoryId)
    .execute();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  // A held leader job would keep the worker from closing.
  redShown();
  await browser?.close();
  await worker?.close();
  await timers?.queue.obliterate({ force: true }).catch(() => undefined);
  await timers?.close();
  await backend?.close();
  await server?.close();
  await own?.drop();
});

describe('the supervision board', () => {
  it('shows an unclaimed issue turn red and then escalate to supervision, with its 督办单', async () => {
    const { page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD);
    await page.goto('/board');
    await page.getByTestId('stat-overdue').waitFor();

    const token = await server.login(d.entA.login);
    const filed = (await server.call(token, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '无人签收的诉求（看板）', description: '时限测试' })).json() as { id: string; number: string };
    const dispatcher = await server.login(d.people.dispatcher.login);
    expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/list`, {})).statusCode).toBe(200);
    // Taken before the dispatch starts the claim clock: red cannot show sooner than its limit after.
    const dispatching = Date.now();
    const sent = await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/dispatch`, {});
    expect(sent.statusCode).toBe(200);

    // Not overdue yet: the board does not list it.
    const row = page.locator('[data-testid=overdue-table] tr', { hasText: filed.number });
    expect(await row.count()).toBe(0);

    // Red at the claim due time: the board picks it up on its own refresh, without a reload.
    try {
      await row.locator('[data-track=red]').waitFor({ timeout: WAIT_MS });
      expect(Date.now() - dispatching).toBeGreaterThanOrEqual((CLAIM_SECONDS - 1) * 1000);
      expect(await row.textContent()).toContain('超期');
      await screenshot(page, 'supervisor-board-red');
    } finally {
      redShown();
    }

    // Then escalated: to the leader, then to supervision with a 督办单.
    await row.locator('[data-track=supervision]').waitFor({ timeout: WAIT_MS });
    await expect.poll(() => page.getByTestId('stat-supervision').textContent(), POLL).toContain('1');
    // The chart counts it under its leader, from the open-list report.
    await page.getByTestId('board-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'supervisor-board');
    const steps = await server.db.selectFrom('issue_events').select('payload').where('issue_id', '=', filed.id).where('type', '=', 'trackStep').orderBy('seq').execute();
    expect(steps.map((s) => (s.payload as { step: string }).step)).toEqual(['reminded', 'yellow', 'red', 'leader', 'supervision']);

    await page.locator('.ant-tabs-tab', { hasText: '督办单' }).click();
    await page.locator('[data-testid=orders-table] tr', { hasText: filed.number }).waitFor({ timeout: WAIT_MS });
    const orderRow = await page.locator('[data-testid=orders-table] tr', { hasText: filed.number }).textContent();
    expect(orderRow).toContain('未回复');
    // The clock that ran out is named in Chinese, as on the rest of the page.
    expect(orderRow).toContain('签收时限');
    expect(orderRow).not.toMatch(/claim|handling/);

    // The unit head sees the order and replies in the console; supervision sees the reply.
    const head = await signIn(browser, server.baseUrl, d.people.headA.login, PASSWORD);
    await head.page.goto('/orders');
    const order = head.page.locator('[data-testid=orders-table] tr', { hasText: filed.number });
    await order.getByRole('button').click();
    await (await openedDialog(head.page)).locator('textarea').fill('已安排专人当日签收办理，超期原因为人员调整。');
    // Closed by an outside click, the reply is still there when the dialog opens again.
    await head.page.mouse.click(5, 5);
    await head.page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    await order.getByRole('button').click();
    const dialog = await openedDialog(head.page);
    expect(await dialog.locator('textarea').inputValue()).toBe('已安排专人当日签收办理，超期原因为人员调整。');
    // The send is asked for once: a failure names its answer rather than a row that stayed.
    const replied = head.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/reply'), { timeout: WAIT_MS });
    await dialog.locator('.ant-btn-primary').click();
    expect((await replied).status()).toBe(200);
    // Answered: it leaves the unit head's list of open orders.
    await expect.poll(() => order.count(), POLL).toBe(0);
    await page.reload();
    await page.locator('.ant-tabs-tab', { hasText: '督办单' }).click();
    await expect.poll(() => page.locator('[data-testid=orders-table] tr', { hasText: filed.number }).textContent(), POLL).toContain('已安排专人');

    // The timeline names the clock of each track step in Chinese too.
    await page.goto(`/issues/${filed.id}`);
    await expect.poll(() => page.getByTestId('timeline').textContent(), POLL).toContain('签收时限 → 红牌');
    expect(await page.getByTestId('timeline').textContent()).not.toMatch(/claim|handling/);
  }, 300_000);
});
