import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, PASSWORD, type SmallDistrict } from '../support/district.ts';
import { launchChromium, screenshot, signIn } from './support/browser.ts';
import { startConsoleServer, type ConsoleServer } from './support/console-server.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Awaited<ReturnType<typeof launchChromium>>;
type Filed = { id: string; number: string };
let ours: Filed;
let theirs: Filed;
/** Three ideographs no other suite writes: the two texts are alike to each other above all. */
const mark = String.fromCodePoint(...[0, 1, 2].map(() => 0x4e00 + Math.floor(Math.random() * 0x5000)));

beforeAll(async () => {
  server = await startConsoleServer();
  d = await createDistrict(server.db);
  browser = await launchChromium();
  const file = async (login: string, title: string, description: string) => {
    const res = await server.call(await server.login(login), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Filed;
  };
  ours = await file(d.entA.login, `${mark}园区道路积水严重影响通行`, '暴雨后园区主干道积水半米，货车无法进出，请排水部门疏通管网。');
  theirs = await file(d.entB.login, `${mark}园区道路积水影响通行`, '主干道积水，货车进出困难，请尽快疏通排水管网。');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

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
    await card.waitFor({ state: 'detached' });
    await suggestion.getByTestId('link-related').waitFor();
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
