import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { launchChromium, screenshot, signIn } from './support/browser.ts';
import { startConsoleServer, type ConsoleServer } from './support/console-server.ts';

let own: Awaited<ReturnType<typeof ownDatabase>>;
let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
let supervisor: Page;

/** The Shanghai half-month that holds now, as the bulletin names it (YYYY-MM-H1|H2). */
// expect.poll's own ceiling is one second: too short for a page to catch up with a change on a
// loaded machine. Polling ends as soon as the page shows it, so a long ceiling costs nothing.
const POLL = { timeout: 30_000 };

function currentPeriod(now = new Date()): string {
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).split('-');
  return `${y}-${m}-${Number(day) <= 15 ? 'H1' : 'H2'}`;
}

beforeAll(async () => {
  // Its own database: bulletins and the open list count every issue there is.
  own = await ownDatabase('browser_reports');
  server = await startConsoleServer({ DATABASE_URL: own.url });
  d = await createDistrict(server.db);
  const as = async (who: string) => server.login(who);
  const [ent, dispatcher, handler] = await Promise.all([as(d.entA.login), as(d.people.dispatcher.login), as(d.people.handlerA.login)]);
  // Two open issues for the open list: one claimed, one waiting for its claim.
  for (const title of ['园区道路积水', '用工招聘对接']) {
    const filed = (await server.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '报表页面测试' })).json() as { id: string };
    expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/list`, {})).statusCode).toBe(200);
    expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${filed.id}/dispatch`, {})).statusCode).toBe(200);
    if (title === '园区道路积水') expect((await server.call(handler, 'POST', `/api/v1/issues/${filed.id}/claim`, {})).statusCode).toBe(200);
  }
  browser = await launchChromium();
  supervisor = (await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD)).page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await own?.drop();
});

describe('the report pages', () => {
  it('lists the open issues by leader and by unit, prints without the menu and exports the XLSX', async () => {
    await supervisor.goto('/open-list');
    const table = supervisor.getByTestId('open-list-table');
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBe(2);
    expect(await supervisor.locator('.ant-tag', { hasText: '甲领导' }).textContent()).toContain('未办结 2');
    await supervisor.getByText('按责任单位').click();
    await expect.poll(() => supervisor.locator('.ant-tag', { hasText: '甲局' }).count(), POLL).toBe(1);
    await screenshot(supervisor, 'open-list');

    await supervisor.emulateMedia({ media: 'print' });
    expect(await supervisor.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await supervisor.locator('.print-title').isVisible()).toBe(true);
    await supervisor.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-xlsx').click()]);
    const bytes = await readFile((await download.path()) ?? '');
    // An XLSX is a ZIP: it starts with PK.
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('generates a bulletin on demand and shows the stored figures with their formulas', async () => {
    const period = currentPeriod();
    await supervisor.goto('/bulletins');
    // A period is picked, never typed: a month (today's to begin with) and its half.
    await expect.poll(() => supervisor.locator('#bulletin-month').inputValue(), POLL).toBe(period.slice(0, 7));
    expect(await supervisor.locator('input[placeholder="2026-11-H1"]').count()).toBe(0);
    await supervisor
      .getByTestId('bulletin-half')
      .getByText(period.endsWith('H1') ? '上半月' : '下半月')
      .click();
    await supervisor.getByText('按需生成').click();
    await supervisor.waitForURL(/\/bulletins\/[0-9a-f-]{36}$/);
    const id = supervisor.url().split('/').at(-1) ?? '';
    const stored = await server.db.selectFrom('bulletins').select(['period_id', 'content']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.period_id).toBe(period);
    const content = stored.content as { totals: { filed: number }; units: Array<{ name: string }> };
    expect(content.totals.filed).toBe(2);
    await expect.poll(() => supervisor.getByTestId('bulletin-title').textContent(), POLL).toContain('每半月汇总通报');
    expect(await supervisor.locator('.ant-statistic', { hasText: '受理' }).textContent()).toContain('2');
    expect(await supervisor.locator('.ant-collapse').textContent()).toContain('响应率 = 按时签收件数 ÷ 应签收件数');
    expect(await supervisor.getByTestId('bulletin-units').textContent()).toContain('甲局');
    await screenshot(supervisor, 'bulletin');
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('bulletin-xlsx').click()]);
    expect((await readFile((await download.path()) ?? '')).subarray(0, 2).toString()).toBe('PK');

    await supervisor.goto('/bulletins');
    await expect.poll(() => supervisor.getByTestId('bulletin-list').textContent(), POLL).toContain(period.endsWith('H1') ? '上半月' : '下半月');
  }, 60_000);

  it('lists key projects with their investment by type and opens one with its milestones', async () => {
    const dispatcher = await server.login(d.people.dispatcher.login);
    const created = await server.call(dispatcher, 'POST', '/api/v1/projects', {
      name: '新材料产业园二期',
      type: 'industrial',
      totalInvestment: 85000,
      planYear: 2026,
      plannedInvestmentYear: 30000,
      leaderId: d.leaderA,
      unitId: d.unitA,
      startDate: '2026-03-01',
      plannedCompletion: '2030-12-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json() as { id: string; version: number };
    const planned = await server.call(dispatcher, 'POST', `/api/v1/projects/${project.id}/milestones`, {
      expectedVersion: project.version,
      milestones: [
        { name: '土地摘牌', dueOn: '2026-04-30' },
        { name: '设备安装', dueOn: '2030-06-30' },
      ],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    await supervisor.goto('/projects');
    const row = supervisor.locator('[data-testid=project-table] tr', { hasText: '新材料产业园二期' });
    await expect.poll(() => row.textContent(), POLL).toContain('85000');
    expect(await supervisor.locator('.ant-statistic', { hasText: '总投资' }).textContent()).toContain('85,000');
    // One word for a state, in the list and on the project's page alike.
    expect(await row.textContent()).toContain('未开工');
    await row.getByRole('link').click();
    await supervisor.waitForURL(new RegExp(`/projects/${project.id}$`));
    const milestones = supervisor.getByTestId('project-milestones');
    await expect.poll(() => milestones.textContent(), POLL).toContain('2026-04-30');
    expect(await supervisor.locator('.ant-layout-content').textContent()).toContain('未开工');
    expect(await supervisor.locator('.ant-layout-content').textContent()).not.toContain('计划中');
    expect(await milestones.textContent()).toContain('2030-06-30');
    await screenshot(supervisor, 'project');
  }, 60_000);

  it('draws the scorecard trend and switches the console to English', async () => {
    await supervisor.goto('/scorecards');
    await supervisor.getByTestId('scorecard-chart').locator('canvas').first().waitFor();
    await expect.poll(() => supervisor.getByTestId('scorecard-table').textContent(), POLL).toContain('甲局');
    await screenshot(supervisor, 'scorecards');
    await supervisor.getByText('EN', { exact: true }).click();
    await expect.poll(() => supervisor.getByTestId('menu').textContent(), POLL).toContain('Open list');
    expect(await supervisor.locator('.ant-card-head-title').first().textContent()).toBe('Scorecards');
    await supervisor.getByText('中文', { exact: true }).click();
    await expect.poll(() => supervisor.getByTestId('menu').textContent(), POLL).toContain('未办结事项清单');
  }, 60_000);
});
