import { beforeAll, describe, expect, it } from 'vitest';
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
type Filed = { id: string; number: string };
let ours: Filed;
let theirs: Filed;
/** Three ideographs no other suite writes: the two texts are alike to each other above all. */
const mark = String.fromCodePoint(...[0, 1, 2].map(() => 0x4e00 + Math.floor(Math.random() * 0x5000)));

beforeAll(async () => {
  const file = async (login: string, title: string, description: string) => {
    const res = await server.call(await server.login(login), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Filed;
  };
  ours = await file(d.entA.login, `${mark}园区道路积水严重影响通行`, '暴雨后园区主干道积水半米，货车无法进出，请排水部门疏通管网。');
  theirs = await file(d.entB.login, `${mark}园区道路积水影响通行`, '主干道积水，货车进出困难，请尽快疏通排水管网。');
}, 120_000);

describe('related issues on the issue page (browser)', () => {
  it('links another enterprise’s similar issue in one click, lists it under 关联诉求, and unlinks it', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
    await page.goto(`${server.baseUrl}/issues/${ours.id}`);
    const suggestion = page.getByTestId('similar-issue').filter({ hasText: theirs.number });
    await suggestion.getByTestId('link-related').click();
    const card = page.getByTestId('related-issues');
    await card.getByTestId('related-issue').filter({ hasText: theirs.number }).waitFor();
    // The suggestion now says it is linked.
    await suggestion.getByTestId('similar-linked').waitFor();
    await screenshot(page, 'related-issues-linked');
    await card.getByTestId('unlink-related').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '取消关联' }).click();
    // The card stays for whoever may link (its 工单号 field), empty.
    await card.getByTestId('related-issue').first().waitFor({ state: 'detached' });
    await suggestion.getByTestId('link-related').waitFor();
    await context.close();
  }, 180_000);

  it('links by a 工单号 typed short (2026-57 for 2026-000057), and says in place when the number is wrong', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD);
    await page.goto(`${server.baseUrl}/issues/${ours.id}`);
    const card = page.getByTestId('related-issues');
    const field = card.getByTestId('link-number');
    const [year, seq] = theirs.number.split('-');
    await field.fill(`${year}-999999`);
    await card.getByTestId('link-number-submit').click();
    await card.getByTestId('link-number-error').waitFor();
    // What was typed stays, to be corrected; nothing was linked.
    expect(await field.inputValue()).toBe(`${year}-999999`);
    expect(await card.getByTestId('related-issue').count()).toBe(0);
    await field.fill(`${year}-${Number(seq)}`);
    await field.press('Enter');
    await card.getByTestId('related-issue').filter({ hasText: theirs.number }).waitFor();
    expect(await card.getByTestId('link-number-error').count()).toBe(0);
    const related = await server.call(await server.login(d.people.dispatcher.login), 'GET', `/api/v1/issues/${ours.id}/related`);
    expect((related.json() as { items: Filed[] }).items.map((x) => x.id)).toEqual([theirs.id]);
    await server.call(await server.login(d.people.dispatcher.login), 'DELETE', `/api/v1/issues/${ours.id}/related/${theirs.id}`);
    await context.close();
  }, 180_000);

  it('shows an enterprise no link to another enterprise’s issue', async () => {
    const token = await server.login(d.people.dispatcher.login);
    const res = await server.call(token, 'POST', `/api/v1/issues/${ours.id}/related`, { issueId: theirs.id });
    expect(res.statusCode, res.body).toBe(201);
    const { page, context } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD);
    await page.goto(`${server.baseUrl}/issues/${ours.id}`);
    await page.getByTestId('issue-number').waitFor();
    // Give the card time to appear if it were going to, then look.
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('related-issues').count()).toBe(0);
    expect(await page.content()).not.toContain(theirs.number);
    await context.close();
  }, 180_000);
});
