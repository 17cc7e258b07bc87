import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

// Its own database, with the calendar read from `calendar_days` and refreshed on each declaration,
// as a running API has it: the page declares and withdraws days no other file may feel.
useOwnConsole('browser_work_calendar', (own) => ({ server, d, browser } = own), { calendarFromDb: true });

const POLL = { timeout: 30_000 };
// A Saturday of a year chinese-days does not know: a weekend until declared.
const SATURDAY = '2031-03-08';

/** What the API says of one day. */
async function dayOf(token: string, date: string): Promise<{ date: string; kind: string; name?: string; declared: boolean }> {
  const res = await server.call(token, 'GET', `/api/v1/calendar/days?from=${date}&to=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Array<{ date: string; kind: string; name?: string; declared: boolean }> }).items[0] ?? { date, kind: 'missing', declared: false };
}

/** Types a day into the Ant Design date picker `selector` and accepts it. */
async function pickDay(page: Page, selector: string, day: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  // Closed before the next click: still open on a loaded machine, it covers the fields below.
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden', timeout: 30_000 });
}

/** The page's width against the phone's: nothing may reach past the right edge. */
function widths(page: Page) {
  return page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
}

describe('the working calendar page (admin)', () => {
  it('declares a Saturday a make-up workday, marks it 手工声明, and withdraws it back to a rest day', async () => {
    const admin = await server.login(d.people.admin.login);
    expect(await dayOf(admin, SATURDAY)).toEqual({ date: SATURDAY, kind: 'weekend', declared: false });

    const { page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByTestId('calendar-month').locator('[data-date]').first().waitFor();

    // A name longer than the API takes: refused, and the refusal is shown at the name field.
    // Enter accepts the typed day without declaring the half-filled form.
    await pickDay(page, '#declare_from', SATURDAY);
    expect(await page.locator('#declare_from').inputValue()).toBe(SATURDAY);
    await page.locator('#declare_kind label', { hasText: '调休上班' }).click();
    await page.locator('#declare_name').fill('调'.repeat(51));
    await page.getByTestId('declare-submit').click();
    const nameItem = page.locator('.ant-form-item', { has: page.locator('#declare_name') });
    await nameItem.locator('.ant-form-item-explain-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('declare-result').count()).toBe(0);
    expect((await dayOf(admin, SATURDAY)).declared).toBe(false);

    await page.locator('#declare_name').fill('测试调休');
    await page.getByTestId('declare-submit').click();
    const result = page.getByTestId('declare-result');
    await expect.poll(() => result.textContent(), POLL).toContain('已声明 1 天');
    expect(await result.textContent()).toMatch(/\d+ 件在办事项的时限已重算/);
    // The name is fixed: its mark from the refusal goes (after Ant Design's fade-out).
    await nameItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await dayOf(admin, SATURDAY)).toEqual({ date: SATURDAY, kind: 'makeup_workday', name: '测试调休', declared: true });

    // The page has turned to the declared day's month and shows it.
    const cell = page.locator(`[data-testid="calendar-month"] [data-date="${SATURDAY}"]`);
    await expect.poll(() => cell.textContent(), POLL).toContain('调休上班');
    expect(await cell.textContent()).toContain('手工声明');
    expect(await page.getByTestId('declared-days').textContent()).toContain(SATURDAY);
    const detail = page.getByTestId('calendar-day');
    await expect.poll(() => detail.textContent(), POLL).toContain('手工声明');
    await screenshot(page, 'admin-work-calendar');

    // On a phone, the month with its declared day fits the screen.
    const phone = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD, PHONE);
    await phone.page.goto(`/admin/calendar?month=${SATURDAY.slice(0, 7)}`);
    await phone.page.locator(`[data-testid="calendar-month"] [data-date="${SATURDAY}"][data-declared="true"]`).waitFor({ timeout: 30_000 });
    await phone.page.getByTestId('declared-days').waitFor();
    const w = await widths(phone.page);
    expect(w.inner).toBeLessThanOrEqual(PHONE.width);
    expect(w.scroll, `document width ${w.scroll}`).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'phone-admin-work-calendar');
    await phone.context.close();

    await detail.locator(`[data-withdraw="${SATURDAY}"]`).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => page.getByTestId('withdraw-result').textContent(), POLL).toContain(`已撤销 ${SATURDAY}`);
    await expect.poll(() => cell.getAttribute('data-kind'), POLL).toBe('weekend');
    expect(await cell.textContent()).toContain('休息日');
    expect(await cell.textContent()).not.toContain('手工声明');
    expect(await dayOf(admin, SATURDAY)).toEqual({ date: SATURDAY, kind: 'weekend', declared: false });
  }, 180_000);
});
