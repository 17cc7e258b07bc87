import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Parameters<typeof signIn>[0];

// A company name as long as real ones are: the phone's header must cut it, not the page.
const LONG_NAME = '霁川高新技术产业开发区恒瑞康达生物医药集团有限公司';
// The smallest a control a finger presses may be (CSS px).
const TOUCH = 40;

type Seeded = { issueId: string; projectId: string; bulletinId: string };
let seeded: Seeded;

const shanghaiDay = (at = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const shiftDay = (day: string, n: number) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) + n * 86_400_000));

/** Something on every page: a claimed issue and one waiting to be listed, a planned project, a bulletin. */
async function seed(): Promise<Seeded> {
  await server.db.updateTable('enterprises').set({ name: LONG_NAME }).where('id', '=', d.entA.id).execute();
  const [ent, dispatcher, handler, supervisor] = await Promise.all([
    server.login(d.entA.login),
    server.login(d.people.dispatcher.login),
    server.login(d.people.handlerA.login),
    server.login(d.people.supervisor.login),
  ]);
  const file = async (title: string) => {
    const res = await server.call(ent, 'POST', '/api/v1/issues', {
      categoryId: d.categoryId,
      title,
      description: '厂区东侧道路自今年入汛以来多次积水，最深处超过三十公分，货车无法进出，影响正常生产经营，请相关部门协调解决排水问题。',
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const issueId = await file('园区东侧市政道路排水管网改造及雨季积水问题');
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${issueId}/list`, {})).statusCode).toBe(200);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${issueId}/dispatch`, {})).statusCode).toBe(200);
  expect((await server.call(handler, 'POST', `/api/v1/issues/${issueId}/claim`, {})).statusCode).toBe(200);
  await file('高层次人才子女入学政策咨询');

  const today = shanghaiDay();
  const project = await server.call(dispatcher, 'POST', '/api/v1/projects', {
    name: '智能装备产业园一期（含标准化厂房及配套研发中心）',
    type: 'industrial',
    enterpriseId: d.entA.id,
    totalInvestment: 120_000,
    planYear: Number(today.slice(0, 4)),
    plannedInvestmentYear: 30_000,
    leaderId: d.leaderA,
    unitId: d.unitA,
    teamOfficialIds: [d.people.handlerA.id],
    startDate: shiftDay(today, -60),
    plannedCompletion: shiftDay(today, 400),
  });
  expect(project.statusCode, project.body).toBe(201);
  const projectId = (project.json() as { id: string }).id;
  const milestones = [
    { name: '土地摘牌及规划许可办理', dueOn: shiftDay(today, -10) },
    { name: '主体厂房封顶', dueOn: shiftDay(today, 120) },
  ];
  expect((await server.call(dispatcher, 'POST', `/api/v1/projects/${projectId}/milestones`, { milestones })).statusCode).toBe(201);

  const half = Number(today.slice(8, 10)) <= 15 ? 'H1' : 'H2';
  const bulletin = await server.call(supervisor, 'POST', '/api/v1/bulletins', { period: `${today.slice(0, 7)}-${half}` });
  expect(bulletin.statusCode, bulletin.body).toBe(201);
  return { issueId, projectId, bulletinId: (bulletin.json() as { id: string }).id };
}

/** The page's width against the screen's: nothing may reach past the right edge. */
async function widths(page: Page) {
  // A string: this project's TypeScript has no DOM library; the browser evaluates it.
  return page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
}

async function fitsTheScreen(page: Page, what: string) {
  const w = await widths(page);
  // innerWidth stays the phone's: a mobile browser would zoom out (widening it) to fit a page that overflows.
  expect.soft(w.inner, `${what}: the viewport`).toBeLessThanOrEqual(PHONE.width);
  expect.soft(w.scroll, `${what}: document width ${w.scroll} > ${w.inner}`).toBeLessThanOrEqual(w.inner);
}

/** Takes the phone's picture of the page and checks it fits. */
async function visit(page: Page, role: string, name: string) {
  await page.locator('.ant-layout-content').waitFor();
  // Lists have loaded (a loading table is dimmed) before the picture.
  await page.locator('.ant-layout-content .ant-spin-spinning').first().waitFor({ state: 'detached' });
  await screenshot(page, `phone-${role}-${name}`);
  await fitsTheScreen(page, `${role} ${name}`);
  await touchSized(page, `${role} ${name}`);
}

/** Every button on the page is big enough for a finger. */
async function touchSized(page: Page, what: string) {
  const small: string[] = [];
  for (const button of await page.locator('.ant-layout .ant-btn:visible').all()) {
    const box = await button.boundingBox();
    if (box && box.height < TOUCH) small.push(`${(await button.textContent())?.trim() || (await button.getAttribute('aria-label'))} (${box.height}px)`);
  }
  expect.soft(small, `${what}: buttons smaller than ${TOUCH}px`).toEqual([]);
}

/** A box on screen lies within the phone's width. */
async function withinScreen(page: Page, selector: string, what: string) {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, what).not.toBeNull();
  expect(box?.x ?? -1, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), `${what}: right edge`).toBeLessThanOrEqual(PHONE.width);
}

/** Opens a dialog with `opener`, checks that it and the page behind fit the screen, takes its picture and closes it. */
async function dialogFits(page: Page, opener: string, role: string, name: string) {
  const button = page.locator(opener).first();
  expect((await button.boundingBox())?.height ?? 0, `${role} ${name}: the opening button`).toBeGreaterThanOrEqual(TOUCH);
  await button.click();
  await page.locator('.ant-modal:visible:not(.ant-zoom-appear)').waitFor();
  await settled(page, '.ant-modal:visible');
  await screenshot(page, `phone-${role}-${name}`);
  await withinScreen(page, '.ant-modal:visible', `${role} ${name}`);
  // Nothing inside it reaches past its own edge either (a fixed-width select, a long button).
  const inner = await page.locator('.ant-modal:visible .ant-modal-body').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(inner.scroll, `${role} ${name}: the dialog's content`).toBeLessThanOrEqual(inner.client);
  await fitsTheScreen(page, `${role} ${name}`);
  await page.keyboard.press('Escape');
  await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
}

/** Waits for the box's opening animations (a drawer's slide, a dialog's zoom) to end, for the picture. */
async function settled(page: Page, selector: string) {
  await page
    .locator(selector)
    .first()
    .evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)));
}

async function heightOf(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).first().boundingBox())?.height ?? 0;
}

/** Opens the phone's menu and follows its entry number `index`; answers the path it led to. */
async function follow(page: Page, index: number): Promise<string> {
  await page.getByTestId('phone-menu').click();
  const entries = page.locator('.ant-drawer-open [data-testid="menu"] .ant-menu-item');
  await entries.first().waitFor();
  const before = page.url();
  await entries.nth(index).click();
  // Closed and slid away: the picture shows the page, not the drawer's edge.
  await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
  if (before !== page.url()) await page.waitForLoadState('networkidle').catch(() => undefined);
  return new URL(page.url()).pathname;
}

const slug = (path: string) => path.replace(/^\//, '').replace(/\//g, '-') || 'home';

const ROLES: Array<{ role: string; who: (d: SmallDistrict) => string; official: boolean }> = [
  { role: 'enterprise', who: (d) => d.entA.login, official: false },
  { role: 'handler', who: (d) => d.people.handlerA.login, official: true },
  { role: 'unit_head', who: (d) => d.people.headA.login, official: true },
  { role: 'dispatcher', who: (d) => d.people.dispatcher.login, official: true },
  { role: 'leader', who: (d) => d.people.leaderA.login, official: true },
  { role: 'supervisor', who: (d) => d.people.supervisor.login, official: true },
  { role: 'admin', who: (d) => d.people.admin.login, official: true },
];

useOwnConsole('browser_phone', (own) => ({ server, d, browser } = own));

describe('the console on a 390×844 phone', () => {
  beforeAll(async () => {
    seeded = await seed();
  }, 60_000);

  it('shows the sign-in page within the screen, its fields and button touch-sized', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('#login').waitFor();
    await screenshot(page, 'phone-login');
    await fitsTheScreen(page, 'login');
    for (const control of ['#login', '.ant-input-affix-wrapper:has(#password)', '[data-testid="login-submit"]']) expect(await heightOf(page, control), control).toBeGreaterThanOrEqual(TOUCH);
    await context.close();
  }, 60_000);

  it('keeps what was typed when a tablet is turned across the phone breakpoint, its controls resized', async () => {
    // 1024×768 held landscape is laid out as a desktop; turned to portrait (768 wide) as a phone.
    const { page, context } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD, { width: 1024, height: 768 });
    await page.goto('/portal/new');
    const title = page.locator('#title');
    await title.fill('厂区东侧道路积水（转屏前填写）');
    const desktopHeight = await heightOf(page, '#title');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByTestId('phone-menu').waitFor();
    // Touch-sized now, so the console did take the phone's size, and what was typed is still there.
    // Polled: Ant Design's inputs animate to their new size (0.2 s), later still on a loaded machine.
    await expect.poll(() => heightOf(page, '#title'), { timeout: 30_000 }).toBeGreaterThanOrEqual(TOUCH);
    expect(await title.inputValue()).toBe('厂区东侧道路积水（转屏前填写）');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('menu').waitFor();
    await expect.poll(() => heightOf(page, '#title'), { timeout: 30_000 }).toBe(desktopHeight);
    expect(await title.inputValue()).toBe('厂区东侧道路积水（转屏前填写）');
    await context.close();
  }, 60_000);

  it("shows the enterprise's long name cut with an ellipsis, a labelled menu in a drawer over the page, a notification drawer that fits and touch-sized controls", async () => {
    const { page, context } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD, PHONE);
    await page.goto('/portal');
    const name = page.getByTestId('user-name');
    // The whole name is there to read (title, tooltip); the header shows it on one line, cut.
    expect(await name.getAttribute('title')).toBe(LONG_NAME);
    const cut = await name.evaluate((el) => ({ one: el.scrollWidth > el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(cut.one).toBe(true);
    expect(cut.right).toBeLessThanOrEqual(PHONE.width);
    expect(await heightOf(page, '[data-testid="user-name"]')).toBeLessThan(30);

    const menu = page.getByTestId('phone-menu');
    expect(await menu.textContent()).toContain('菜单');
    expect(await heightOf(page, '[data-testid="phone-menu"]')).toBeGreaterThanOrEqual(TOUCH);
    expect(await heightOf(page, '[data-testid="notice-bell"]')).toBeGreaterThanOrEqual(TOUCH);
    const contentWidth = async () => (await page.locator('.ant-layout-content').boundingBox())?.width ?? 0;
    const before = await contentWidth();
    await menu.click();
    await page.locator('.ant-drawer-open [data-testid="menu"]').waitFor();
    await settled(page, '.ant-drawer-open');
    // Over the page, not beside it: the page keeps its width.
    expect(await contentWidth()).toBe(before);
    await withinScreen(page, '.ant-drawer-open .ant-drawer-content-wrapper', 'the menu drawer');
    for (const entry of await page.locator('.ant-drawer-open [data-testid="menu"] .ant-menu-item').all()) {
      expect((await entry.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(TOUCH);
    }
    await screenshot(page, 'phone-enterprise-menu');
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

    await page.getByTestId('notice-bell').click();
    await page.locator('.ant-drawer-open .ant-drawer-title', { hasText: '通知' }).waitFor();
    await settled(page, '.ant-drawer-open');
    await withinScreen(page, '.ant-drawer-open .ant-drawer-content-wrapper', 'the notification drawer');
    await screenshot(page, 'phone-enterprise-notifications');
    await context.close();
  }, 120_000);

  for (const { role, who, official } of ROLES) {
    it(`lets the ${role} reach every page of its menu, an issue${official ? ', a project and a bulletin' : ''} without sideways scrolling`, async () => {
      const { page, context } = await signIn(browser, server.baseUrl, who(d), PASSWORD, PHONE);
      await page.goto('/');
      await page.getByTestId('phone-menu').click();
      const count = await page.locator('.ant-drawer-open [data-testid="menu"] .ant-menu-item').count();
      expect(count).toBeGreaterThan(0);
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
      const visited: string[] = [];
      for (let i = 0; i < count; i++) {
        const path = await follow(page, i);
        visited.push(path);
        await visit(page, role, slug(path));
      }
      // Every entry led somewhere different.
      expect(new Set(visited).size).toBe(count);

      await page.goto(`/issues/${seeded.issueId}`);
      await page.getByText('园区东侧市政道路排水管网改造').first().waitFor();
      await visit(page, role, 'issue');
      // The first action's dialog, where the role has one, fits the screen.
      if (await page.locator('[data-action]:visible').count()) await dialogFits(page, '[data-action]:visible', role, 'issue-dialog');
      if (role === 'dispatcher') {
        await page.goto('/dispatch');
        await page.getByTestId('listing-queue').locator('tbody tr').first().waitFor();
        await dialogFits(page, '[data-testid^="list-20"]', role, 'dispatch-dialog');
        await page.goto('/projects');
        await dialogFits(page, '[data-testid="project-register"]', role, 'project-register-dialog');
      }
      if (official) {
        await page.goto(`/projects/${seeded.projectId}`);
        await page.getByTestId('project-elements').waitFor();
        await visit(page, role, 'project');
        if (await page.locator('[data-project-action]:visible').count()) await dialogFits(page, '[data-project-action]:visible', role, 'project-dialog');
        await page.goto(`/bulletins/${seeded.bulletinId}`);
        await page.locator('.ant-tabs').first().waitFor();
        await visit(page, role, 'bulletin');
      }
      await context.close();
    }, 240_000);
  }
});
