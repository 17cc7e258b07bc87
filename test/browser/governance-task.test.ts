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

const TITLE = '园区北门雨水管网堵塞道路积水';

/** Filed by `login`'s enterprise, listed and dispatched to unit A through the API. */
async function dispatched(login: string, title: string) {
  const filed = (await server.call(await server.login(login), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '雨后积水' })).json() as { id: string; number: string };
  const dispatcher = await server.login(d.people.dispatcher.login);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/list`, {})).statusCode).toBe(200);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/dispatch`, {})).statusCode).toBe(200);
  return filed;
}

// A database of its own: the board's clusters are all of this district's issues.
useOwnConsole('browser_governance', (own) => ({ server, d, browser } = own));

describe('立为治理任务 on the board', () => {
  it('makes a cluster one task for its lead unit from the dialog, and the cluster then shows it', async () => {
    const issues = [await dispatched(d.entA.login, TITLE), await dispatched(d.entB.login, '园区北门雨水管网堵塞积水严重')];
    const { page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD);
    await page.goto('/board');
    const cluster = page.locator('[data-testid=problem-cluster]', { hasText: TITLE });
    await cluster.getByTestId('cluster-govern').click();
    const dialog = await openedDialog(page);
    // The lead unit is chosen, the title is the cluster's, and its issues are listed.
    await expect.poll(async () => dialog.locator('.ant-select').first().textContent(), { timeout: 30_000 }).toContain('甲局');
    expect(await page.locator('#governance-task-title').inputValue()).toBe(TITLE);
    for (const i of issues) expect(await dialog.getByTestId('governance-task-issues').textContent()).toContain(i.number);
    // Submitted without the note: marked in place, the dialog stays with what it holds, and no
    // uncaught error (the OK button once left validateFields' rejection unhandled).
    const uncaught: string[] = [];
    page.on('pageerror', (e) => uncaught.push(String(e)));
    await page.locator('#governance-task-ok').click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#governance-task-title').inputValue()).toBe(TITLE);
    await page.locator('#governance-task-note').fill('统一排查北门雨水管网并限期疏通');
    await page.locator('#governance-task-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(uncaught).toEqual([]);

    await expect.poll(async () => cluster.getByTestId('cluster-governance-task').textContent(), { timeout: 30_000 }).toContain('待回复');
    expect(await cluster.getByTestId('cluster-govern').count()).toBe(0);
    const orders = await server.db.selectFrom('supervision_orders').selectAll().where('kind', '=', 'governance').execute();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ unit_id: d.unitA, title: TITLE, required_reply: '统一排查北门雨水管网并限期疏通', issue_id: null });
    await screenshot(page, 'supervisor-governance-task');
  });
});
