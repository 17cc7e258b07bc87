import { describe, expect, it } from 'vitest';
import { bulletinPeriodOf } from '@huiyin/reports';
import { DESKTOP, PHONE, screenshot } from './support/browser.ts';
import type { OwnConsole } from './support/own-console.ts';
import { useOwnConsole } from './support/own-console.ts';

let own: OwnConsole;
useOwnConsole('public_page', (o) => {
  own = o;
});

/** One issue of 甲局's, dispatched; a bulletin, so there is a signed checkpoint to show. */
async function seed() {
  const { server, d } = own;
  const [ent, dispatcher, supervisor] = await Promise.all([server.login(d.entA.login), server.login(d.people.dispatcher.login), server.login(d.people.supervisor.login)]);
  const filed = await server.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '园区道路积水', description: '厂区东侧道路雨后积水，货车无法进出。' });
  expect(filed.statusCode, filed.body).toBe(201);
  const id = (filed.json() as { id: string }).id;
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${id}/list`, {})).statusCode).toBe(200);
  expect((await server.call(dispatcher, 'POST', `/api/v1/issues/${id}/dispatch`, {})).statusCode).toBe(200);
  const bulletin = await server.call(supervisor, 'POST', '/api/v1/bulletins', { period: bulletinPeriodOf(new Date()).id });
  expect(bulletin.statusCode, bulletin.body).toBe(201);
}

/** Opens /public with no session at all, as a member of the public would. */
async function visit(screen: typeof DESKTOP) {
  const phone = screen.width < 992;
  const context = await own.browser.newContext({ baseURL: own.server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: screen, isMobile: phone, hasTouch: phone });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[public] page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/api/v1/me')) console.error(`[public] ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  await page.goto('/public');
  await page
    .getByTestId('checkpoint')
    .first()
    .waitFor()
    .catch(async (err: unknown) => {
      await screenshot(page, `public-figures-failed-${screen.width}`);
      throw err;
    });
  return { context, page };
}

describe('政务公开 page', () => {
  it('shows anyone, without signing in, each unit’s 三率 and the signed checkpoints, on a desktop and within a phone’s width', async () => {
    await seed();
    const desktop = await visit(DESKTOP);
    expect(new URL(desktop.page.url()).pathname).toBe('/public');
    await desktop.page.getByRole('cell', { name: /甲局/ }).first().waitFor();
    await expect(desktop.page.getByText('BEGIN PUBLIC KEY').count()).resolves.toBe(1);
    await screenshot(desktop.page, 'public-figures-desktop');
    await desktop.context.close();

    const phone = await visit(PHONE);
    expect(new URL(phone.page.url()).pathname).toBe('/public');
    await screenshot(phone.page, 'public-figures-phone');
    const wide = await phone.page.evaluate<string[]>(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 390.5).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`,
    );
    expect(wide, 'elements past the right edge').toEqual([]);
    const w = await phone.page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    expect(w.inner).toBeLessThanOrEqual(PHONE.width);
    expect(w.scroll, 'the page is no wider than the phone').toBeLessThanOrEqual(w.inner);
    await phone.context.close();
  }, 120_000);
});
