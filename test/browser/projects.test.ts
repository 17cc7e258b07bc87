import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { chooseOption } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

/** Types a day into the Ant Design date picker whose input has `id` and accepts it. */
async function pickDay(page: Page, selector: string, day: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  // Its calendar closes before the next click: still open (a loaded machine's slow frames), it
  // covers the buttons below and takes the click.
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden', timeout: 30_000 });
}

// expect.poll's own ceiling is one second: too short for a page to catch up with a change on a
// loaded machine. Polling ends as soon as the page shows it, so a long ceiling costs nothing.
const POLL = { timeout: 30_000 };

// Its own database: the summary by type counts every project there is.
useOwnConsole('browser_projects', (own) => ({ server, d, browser } = own));

describe('key projects in the console', () => {
  it('is registered by the dispatcher, planned by its leader, reported by its unit with a problem that becomes a linked issue, and drawn by type', async () => {
    // 1. The dispatcher registers the project in the form.
    const dispatcher = (await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD)).page;
    await dispatcher.goto('/projects');
    await dispatcher.getByTestId('project-register').click();
    const dialog = dispatcher.locator('.ant-modal:visible');
    await dialog.waitFor();
    await dialog.locator('#name').fill('智能装备产业园一期');
    await chooseOption(dispatcher, 'type', '工业');
    await chooseOption(dispatcher, 'enterpriseId', '企业甲');
    await dialog.locator('#totalInvestment').fill('120000');
    await dialog.locator('#plannedInvestmentYear').fill('30000');
    await chooseOption(dispatcher, 'leaderId', '甲领导');
    await chooseOption(dispatcher, 'unitId', '甲局');
    await pickDay(dispatcher, '#startDate', '2026-03-01');
    await pickDay(dispatcher, '#plannedCompletion', '2028-12-31');
    await dispatcher.locator('#project-register-ok').click();
    await dispatcher.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const id = dispatcher.url().split('/').at(-1) ?? '';
    const stored = await server.db
      .selectFrom('projects')
      .select(['name', 'type_code', 'total_investment', 'planned_investment_year', 'leader_id', 'unit_id', 'enterprise_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: '智能装备产业园一期', type_code: 'industrial', leader_id: d.leaderA, unit_id: d.unitA, enterprise_id: d.entA.id });
    expect(Number(stored.total_investment)).toBe(120000);
    expect(Number(stored.planned_investment_year)).toBe(30000);
    await expect.poll(() => dispatcher.getByTestId('project-elements').textContent(), POLL).toContain('甲领导');

    // 2. The leader plans a milestone; a day after the planned completion is refused next to its field.
    const leader = (await signIn(browser, server.baseUrl, d.people.leaderA.login, PASSWORD)).page;
    await leader.goto(`/projects/${id}`);
    await leader.locator('[data-project-action=plan]').click();
    await leader.locator('.ant-modal:visible').waitFor();
    await leader.locator('#milestones_0_name').fill('主体厂房封顶');
    await pickDay(leader, '#milestones_0_dueOn', '2029-06-30');
    await leader.locator('#plan-ok').click();
    await expect.poll(() => leader.locator('.ant-modal:visible .ant-form-item-explain-error').textContent(), POLL).toContain('2028-12-31');
    await pickDay(leader, '#milestones_0_dueOn', '2027-06-30');
    // A second milestone already past its day: it lags from the start.
    await leader.getByText('再加一个节点').click();
    await leader.locator('#milestones_1_name').fill('土地摘牌');
    await pickDay(leader, '#milestones_1_dueOn', '2026-06-30');
    await leader.locator('#plan-ok').click();
    await leader.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    await expect.poll(() => leader.getByTestId('project-milestones').textContent(), POLL).toContain('主体厂房封顶');
    expect(await server.db.selectFrom('project_milestones').select(['seq', 'name']).where('project_id', '=', id).orderBy('seq').execute()).toEqual([
      { seq: 1, name: '主体厂房封顶' },
      { seq: 2, name: '土地摘牌' },
    ]);

    // 3. The unit head starts it; the unit files its report with a problem handed over at once.
    const head = (await signIn(browser, server.baseUrl, d.people.headA.login, PASSWORD)).page;
    await head.goto(`/projects/${id}`);
    await head.locator('[data-project-action=start]').click();
    await head.locator('#transition-ok').click();
    await expect.poll(() => head.getByTestId('project-title').textContent(), POLL).toContain('在建');
    // Under way, it owes this period's report until the unit files it.
    await head.goto('/projects');
    await head.getByRole('tab', { name: '未报进度' }).click();
    await expect.poll(() => head.getByTestId('missing-reports').textContent(), POLL).toContain('智能装备产业园一期');
    await head.goto(`/projects/${id}`);
    await head.locator('[data-project-action=report]').click();
    const report = head.locator('.ant-modal:visible');
    await report.waitFor();
    await report.locator('#milestones_0_percent').fill('40');
    await report.locator('#investmentCompleted').fill('18000');
    await report.locator('#narrative').fill('主体结构施工中，钢结构吊装完成四成。');
    await report.locator('#problems').fill('厂区外 10 千伏供电线路迁改未完成，影响设备进场。');
    await report.locator('#problemTitle').fill('供电线路迁改滞后');
    await chooseOption(head, 'categoryId', '测试类');
    // The report and then the hand-over are two requests; each must succeed, however long a loaded machine takes.
    const answered = (path: RegExp) => head.waitForResponse((r) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname), { timeout: 120_000 });
    const reporting = answered(new RegExp(`^/api/v1/projects/${id}/reports$`));
    const handing = answered(new RegExp(`^/api/v1/projects/${id}/problems$`));
    await head.locator('#report-ok').click();
    expect((await reporting).status()).toBe(201);
    const handOver = await handing;
    expect(handOver.status(), await handOver.text()).toBe(201);
    await report.waitFor({ state: 'hidden' });
    const handed = head.getByTestId('handed-over');
    await handed.waitFor({ timeout: 60_000 });
    const problem = await server.db
      .selectFrom('project_problems')
      .innerJoin('issues', 'issues.id', 'project_problems.issue_id')
      .select(['issues.id', 'issues.number', 'issues.project_id', 'issues.enterprise_id', 'project_problems.report_id'])
      .where('project_problems.project_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(problem.project_id).toBe(id);
    expect(problem.enterprise_id).toBe(d.entA.id);
    expect(problem.report_id).not.toBeNull();
    expect(await handed.textContent()).toContain(problem.number);
    // The notice links the new issue; checked while it shows (a full-page screenshot may redraw the page).
    expect(await handed.getByRole('link', { name: problem.number }).getAttribute('href')).toBe(`/issues/${problem.id}`);
    const filed = await server.db.selectFrom('progress_reports').select(['investment_completed', 'narrative']).where('project_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(filed.investment_completed)).toBe(18000);
    await expect.poll(() => head.getByTestId('project-milestones').textContent(), POLL).toContain('40%');
    await expect.poll(() => head.getByTestId('project-problem').textContent(), POLL).toContain(problem.number);
    await expect.poll(() => head.getByTestId('project-ledger').textContent(), POLL).toContain('问题交办');
    await screenshot(head, 'project-page');

    // The issue links back to its project (from the project's list of problems handed over).
    await head.getByTestId('project-problem').getByRole('link', { name: problem.number }).click();
    await head.waitForURL(new RegExp(`/issues/${problem.id}$`));
    await head.getByTestId('issue-project').click();
    await head.waitForURL(new RegExp(`/projects/${id}$`));

    // 4. The overview draws the eight types with this project's figures.
    await dispatcher.goto('/projects');
    const chart = dispatcher.getByTestId('project-chart');
    await chart.locator('canvas').waitFor();
    const box = await chart.boundingBox();
    expect(box?.height).toBeGreaterThan(200);
    await expect.poll(() => dispatcher.locator('.ant-statistic', { hasText: '年度计划' }).textContent(), POLL).toContain('30,000');
    expect(await dispatcher.locator('.ant-statistic', { hasText: '已完成' }).textContent()).toContain('18,000');
    await expect.poll(() => dispatcher.getByTestId('project-table').textContent(), POLL).toContain('智能装备产业园一期');
    await screenshot(dispatcher, 'projects-overview');

    // The lagging view groups the late milestone under its leader and unit.
    await dispatcher.getByRole('tab', { name: '滞后节点' }).click();
    const lateRow = dispatcher.getByTestId('lagging-table').locator('tbody tr', { hasText: '甲领导' });
    await expect.poll(() => lateRow.textContent(), POLL).toContain('甲局');
    await lateRow.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => dispatcher.getByTestId('lagging-table').textContent(), POLL).toContain('土地摘牌');
    await screenshot(dispatcher, 'projects-lagging');
    await dispatcher.getByRole('tab', { name: '未报进度' }).click();
    await expect.poll(() => dispatcher.locator('.ant-alert', { hasText: '未报进度' }).textContent(), POLL).toContain('：0 个项目未报进度');
    expect(await dispatcher.getByTestId('missing-reports').textContent()).not.toContain('智能装备产业园一期');

    // 5. The monthly meeting pack carries the key-project section: investment by type, the problem handed over.
    const supervisor = (await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD)).page;
    await supervisor.goto('/bulletins');
    await supervisor.getByRole('tab', { name: '月度推进会' }).click();
    const section = supervisor.getByTestId('project-section');
    await expect.poll(() => section.textContent(), POLL).toContain('120,000');
    expect(await section.textContent()).toContain(problem.number);
    await screenshot(supervisor, 'monthly-pack-projects');
  }, 300_000);
});
