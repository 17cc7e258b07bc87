import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { DESKTOP, PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { TINY_PNG, chooseOption, runAction } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

useOwnConsole('browser_role_walks', (own) => ({ server, d, browser } = own));

// A page catches up with a change within a generous ceiling on a loaded machine; polling ends as soon as it does.
const POLL = { timeout: 30_000 };
// The smallest control a finger presses on a phone (CSS px).
const TOUCH = 44;

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

/** Filed by enterprise A; listed and dispatched to unit A (five working days to handle) when `dispatched`; claimed and contacted when `claimed`. */
async function issue(title: string, to: 'filed' | 'dispatched' | 'claimed' = 'claimed'): Promise<Issue> {
  const i = await api(d.entA.login, '/api/v1/issues', { categoryId: d.categoryId, title, description: '二期厂房道路照明和动力电未接通，影响设备调试，请协调供电部门。' });
  if (to === 'filed') return i;
  // A limit that long is listed with its milestone plan; the leader's test extends it within its bounds.
  const milestones = [{ title: '现场踏勘', dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }];
  await api(d.people.dispatcher.login, `/api/v1/issues/${i.id}/list`, { timeLimit: { amount: 5, unit: 'workingDays' }, milestones });
  await api(d.people.dispatcher.login, `/api/v1/issues/${i.id}/dispatch`);
  if (to === 'dispatched') return i;
  await api(d.people.handlerA.login, `/api/v1/issues/${i.id}/claim`);
  await api(d.people.handlerA.login, `/api/v1/issues/${i.id}/first-contact`, { channel: 'phone', note: '已电话联系企业' });
  return i;
}

const stateOf = async (id: string) => (await server.db.selectFrom('issues').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

/** What a user of this size sees: nothing reaches past the window's right edge, and on a phone every visible button is finger-sized. */
async function looksRight(page: Page, what: string, phone: boolean) {
  // Lists have loaded (a loading table is dimmed) before the check.
  await page
    .locator('.ant-layout-content .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  const w = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
  expect.soft(w.scroll, `${what}: ${w.scroll} px wide in a ${w.inner} px window`).toBeLessThanOrEqual(w.inner);
  if (!phone) return;
  // A phone's browser widens its window (zooming out) to fit a page that reaches past the screen; the failure names what reaches past it.
  if (w.inner > PHONE.width) {
    const past = await page.evaluate<string[]>(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${PHONE.width} + 0.5).slice(-6).map((e) => e.tagName + '.' + String(e.className).slice(0, 50) + ' ' + (e.textContent || '').trim().slice(0, 20))`,
    );
    expect.soft(w.inner, `${what}: the window widened, past the screen: ${past.join(' | ')}`).toBeLessThanOrEqual(PHONE.width);
  }
  // Measured in one go: a toast's or a closing dialog's buttons may be gone a moment later.
  const small = await page.evaluate<string[]>(
    `[...document.querySelectorAll('.ant-layout .ant-btn, .ant-modal .ant-btn')].map((b) => [b, b.getBoundingClientRect()]).filter(([b, r]) => r.height > 0 && r.height < ${TOUCH} && b.checkVisibility()).map(([b, r]) => (b.textContent.trim() || b.getAttribute('aria-label')) + ' (' + r.height + 'px)')`,
  );
  expect.soft(small, `${what}: buttons under ${TOUCH}px`).toEqual([]);
}

/** The words in `part` (the page's content unless told) hold no raw id (a UUID) and no English phrase. */
async function plainChinese(page: Page, what: string, part = page.locator('.ant-layout-content')) {
  const text = ((await part.textContent()) ?? '').replace(/\s+/g, ' ');
  expect.soft(text, `${what}: a raw id`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect.soft(text, `${what}: English words`).not.toMatch(/\b[A-Za-z]{4,}\s[A-Za-z]{3,}\b/);
}

/** The page's title is on screen as it opens: below the header, not behind it or scrolled away. */
async function titleVisible(page: Page, title: Locator, what: string) {
  await title.waitFor();
  const box = await title.boundingBox();
  const header = await page.locator('.ant-layout-header').boundingBox();
  expect(box?.y ?? -1, `${what} under the header`).toBeGreaterThanOrEqual((header?.y ?? 0) + (header?.height ?? 0) - 1);
}

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)("each role's main task at %s size", (size, screen) => {
  const phone = size === 'phone';
  const shot = (page: Page, role: string, step: string) => screenshot(page, `walk-${role}-${step}-${size}`);

  it('the enterprise files a problem with a photo, 催办 its overdue one and rates an answer', async () => {
    const overdue = await issue(`供水压力不足（${size}）`, 'dispatched');
    await server.db
      .updateTable('issues')
      .set({ claim_due_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', overdue.id)
      .execute();
    const answered = await issue(`道路照明未接通（${size}）`);
    await api(d.people.handlerA.login, `/api/v1/issues/${answered.id}/resolve`, { body: '道路照明已接通，请企业确认。', outcome: 'positive' });
    await api(d.people.headA.login, `/api/v1/issues/${answered.id}/review`, { approve: true });

    const { context, page } = await signIn(browser, server.baseUrl, d.entA.login, PASSWORD, screen);
    await page.getByTestId('new-issue').click();
    await chooseOption(page, 'categoryId', '测试类');
    await page.locator('#title').fill(`厂区门前道路破损（${size}）`);
    await page.locator('#description').fill('厂区门前道路多处破损，货车进出困难，请协调修复。');
    await page.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.locator('.ant-upload-list-item-done').waitFor();
    await looksRight(page, 'enterprise filing', phone);
    await page.getByTestId('file-submit').click();
    const done = page.locator('.ant-result-title');
    await done.waitFor();
    const number = /\d{4}-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    await shot(page, 'enterprise', 'filed');

    // Followed in 我的诉求 and on its page.
    await page.goto('/portal');
    await page.locator('[data-testid=issue-table] a', { hasText: number }).click();
    await titleVisible(page, page.getByTestId('issue-number'), 'the issue number');
    expect(await page.getByTestId('issue-number').textContent()).toBe(number);
    await plainChinese(page, 'enterprise issue');

    await page.goto(`/issues/${overdue.id}`);
    await page.getByTestId('press-reminder').click();
    await expect.poll(() => page.locator('.ant-message-notice').first().textContent(), POLL).toContain('已催办');
    await looksRight(page, 'enterprise 催办', phone);
    await shot(page, 'enterprise', 'reminder');

    await page.goto(`/issues/${answered.id}`);
    await expect.poll(() => page.getByTestId('replies').textContent(), POLL).toContain('道路照明已接通');
    await runAction(page, 'rate', async (dlg) => {
      await dlg.getByText('已解决', { exact: true }).click();
      await dlg.getByText('满意', { exact: true }).click();
      await looksRight(page, 'enterprise rating dialog', phone);
    });
    await expect.poll(() => page.getByTestId('ratings').textContent(), POLL).toContain('满意');
    await shot(page, 'enterprise', 'rated');
    await context.close();
  }, 120_000);

  it('the handler claims from 待办, reports progress and answers', async () => {
    const i = await issue(`污水管网接驳（${size}）`, 'dispatched');
    const { context, page } = await signIn(browser, server.baseUrl, d.people.handlerA.login, PASSWORD, screen);
    await page.goto('/inbox');
    await page.locator('[data-testid=inbox-table] tr', { hasText: i.number }).waitFor();
    await looksRight(page, 'handler 待办', phone);
    await shot(page, 'handler', 'inbox');
    await page.getByTestId(`claim-${i.number}`).click();
    await expect.poll(() => stateOf(i.id), POLL).toBe('inProgress.working');
    await page.goto(`/issues/${i.id}`);
    await runAction(page, 'first-contact', async (dlg) => {
      await dlg.getByText('电话', { exact: true }).click();
      await dlg.locator('textarea').fill('已电话联系企业负责人。');
    });
    await runAction(page, 'interim-reply', async (dlg) => dlg.locator('textarea').fill('接驳方案已确定，正在协调施工。'));
    await runAction(page, 'resolve', async (dlg) => {
      await dlg.locator('textarea').first().fill('管网已接驳，请企业确认。');
      await dlg.getByText('可以办理', { exact: true }).click();
      await looksRight(page, 'handler answer dialog', phone);
    });
    expect(await stateOf(i.id)).toBe('answerReview');
    await expect.poll(() => page.getByTestId('timeline').textContent(), POLL).toContain('阶段答复');
    await looksRight(page, 'handler issue', phone);
    await plainChinese(page, 'handler issue');
    await shot(page, 'handler', 'answered');
    await context.close();
  }, 120_000);

  it('the unit head reviews and approves an answer', async () => {
    const i = await issue(`用电增容（${size}）`);
    await api(d.people.handlerA.login, `/api/v1/issues/${i.id}/resolve`, { body: '增容方案已批复，下周施工。', outcome: 'positive' });
    const { context, page } = await signIn(browser, server.baseUrl, d.people.headA.login, PASSWORD, screen);
    await page.goto('/inbox');
    const row = page.locator('[data-testid=inbox-table] tr', { hasText: i.number });
    await row.waitFor();
    await looksRight(page, 'unit head 待办', phone);
    await row.getByText('办理').click();
    await runAction(page, 'review', async (dlg) => {
      await expect.poll(() => dlg.getByTestId('draft-answer').textContent(), POLL).toContain('增容方案已批复');
      await dlg.getByRole('radio', { name: '同意', exact: true }).check();
      await looksRight(page, 'unit head review dialog', phone);
    });
    expect(await stateOf(i.id)).toBe('resolved');
    await expect.poll(() => page.getByTestId('four-elements').textContent(), POLL).toContain('已答复待评价');
    await shot(page, 'unit-head', 'approved');
    await context.close();
  }, 120_000);

  it('the leader approves an extension', async () => {
    const i = await issue(`用地指标调整（${size}）`);
    await api(d.people.handlerA.login, `/api/v1/issues/${i.id}/extension`, { amount: { amount: 2, unit: 'workingDays' }, reason: '需市级部门会商。' });
    const dueOf = async () => (await server.db.selectFrom('issues').select('handling_due_at').where('id', '=', i.id).executeTakeFirstOrThrow()).handling_due_at ?? new Date(0);
    const before = await dueOf();
    const { context, page } = await signIn(browser, server.baseUrl, d.people.leaderA.login, PASSWORD, screen);
    await page.goto('/leader');
    const task = page.locator('[data-testid=inbox-table] tr', { hasText: i.number });
    expect(await task.textContent()).toContain('延期审批');
    await looksRight(page, 'leader desk', phone);
    await shot(page, 'leader', 'desk');
    await task.getByText('办理').click();
    await runAction(page, 'extension/approve', async (dlg) => dlg.locator('textarea').fill('同意。'));
    // Decided: the page no longer offers it, and the handling time has moved later.
    await expect.poll(() => page.locator('[data-action="extension/approve"]').count(), POLL).toBe(0);
    expect((await dueOf()).getTime()).toBeGreaterThan(before.getTime());
    await looksRight(page, 'leader issue', phone);
    await shot(page, 'leader', 'approved');
    await context.close();
  }, 120_000);

  it('the dispatcher lists and dispatches from the queue and marks a duplicate by its 工单号', async () => {
    const first = await issue(`人才公寓申请（${size}）`, 'filed');
    const again = await issue(`人才公寓申请再次提交（${size}）`, 'filed');
    const { context, page } = await signIn(browser, server.baseUrl, d.people.dispatcher.login, PASSWORD, screen);
    await page.goto('/dispatch');
    const row = page.locator('[data-testid=listing-queue] tr', { hasText: first.number });
    await row.waitFor();
    await looksRight(page, 'dispatch queue', phone);
    await shot(page, 'dispatcher', 'queue');
    await page.getByTestId(`list-${first.number}`).click();
    const modal = page.locator('.ant-modal:visible:not(.ant-zoom-appear)');
    await modal.waitFor();
    await expect.poll(() => modal.textContent(), POLL).toContain('甲局');
    await looksRight(page, 'dispatch dialog', phone);
    await page.locator('#dispatch-ok').click();
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => stateOf(first.id), POLL).toBe('awaitingClaim');

    await page.goto(`/issues/${again.id}`);
    await runAction(page, 'mark-duplicate', async (dlg) => {
      await dlg.getByLabel(/原诉求工单号/).fill(first.number);
      await looksRight(page, 'mark duplicate dialog', phone);
    });
    // The page says so at its head, and the issue is closed as a duplicate of the one named.
    await expect.poll(() => page.locator('.ant-card-head').first().textContent(), POLL).toContain('重复件');
    const marked = await server.db.selectFrom('issues').select(['stage', 'duplicate_of']).where('id', '=', again.id).executeTakeFirstOrThrow();
    expect(marked).toEqual({ stage: 'duplicate', duplicate_of: first.id });
    await shot(page, 'dispatcher', 'duplicate');
    // No dead end: the duplicate's page leads to the original it is followed on.
    await page.getByTestId('duplicate-original').click();
    await page.waitForURL(`**/issues/${first.id}`);
    await context.close();
  }, 120_000);

  it('the supervisor sees the board, issues a 督办单 and generates a bulletin', async () => {
    const late = await issue(`厂区供电中断（${size}）`, 'dispatched');
    await server.db
      .updateTable('issues')
      .set({ claim_due_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', late.id)
      .execute();
    const { context, page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD, screen);
    await page.goto('/board');
    await page.locator('[data-testid=overdue-table] tr', { hasText: late.number }).waitFor();
    await looksRight(page, 'board', phone);
    await shot(page, 'supervisor', 'board');
    await page.getByTestId(`issue-order-${late.number}`).click();
    const dialog = page.locator('.ant-modal:visible:not(.ant-zoom-appear)');
    await dialog.waitFor();
    await dialog.locator('textarea').first().fill('请说明未签收原因并立即签收。');
    await looksRight(page, '督办 dialog', phone);
    await dialog.locator('.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await server.db.selectFrom('supervision_orders').select('id').where('issue_id', '=', late.id).execute()).length, POLL).toBe(1);

    await page.goto('/bulletins');
    await page.getByTestId('bulletin-generate').click();
    // The desktop's walk generated this period's bulletin: the phone's is asked for on purpose, as a revision.
    if (phone) {
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '生成修订版' }).click();
      await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    }
    await page.waitForURL(/\/bulletins\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('bulletin-title').textContent(), POLL).toContain('通报');
    await looksRight(page, 'bulletin', phone);
    await plainChinese(page, 'bulletin');
    await shot(page, 'supervisor', 'bulletin');
    await context.close();
  }, 120_000);

  it('the admin finds an official, opens the import and the time rules', async () => {
    const { context, page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD, screen);
    await page.goto('/admin/officials');
    await page.getByTestId('official-search').locator('input').fill(d.people.handlerA.login);
    await page.getByTestId('official-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('officials').textContent(), POLL).toContain(d.people.handlerA.login);
    await looksRight(page, 'officials', phone);
    await shot(page, 'admin', 'officials');
    await page.getByTestId('official-new').click();
    await page.locator('.ant-modal:visible:not(.ant-zoom-appear)').waitFor();
    await looksRight(page, 'new official dialog', phone);
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });

    await page.goto('/admin/import');
    await page.locator('input[type=file]').first().waitFor({ state: 'attached' });
    await looksRight(page, 'import', phone);
    await shot(page, 'admin', 'import');
    await page.goto('/admin/time-rules');
    await expect.poll(() => page.getByTestId('time-rules').textContent(), POLL).toContain('测试类');
    await looksRight(page, 'time rules', phone);
    await plainChinese(page, 'time rules', page.getByTestId('time-rules'));
    await shot(page, 'admin', 'time-rules');
    await context.close();
  }, 120_000);
});
