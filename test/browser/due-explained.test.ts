import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { SmallDistrict } from '../support/district.ts';
import { insertCategory } from '../support/category.ts';
import { DESKTOP, screenshot } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
// The engine's time, autumn 2026: the handling clock runs over National Day.
let now = new Date('2026-09-28T10:00:00+08:00');

// Its own database: its clock is set back to autumn 2026.
useOwnConsole('browser_due_explained', (own) => ({ server, d, browser } = own), { clock: () => now });

const POLL = { timeout: 30_000 };

describe('the issue page explains its due times (时限怎么算的)', () => {
  it('shows how the handling due time was counted: the holiday skipped, the make-up day worked, the pause and the extension; and what an extension would give', async () => {
    const days = (amount: number) => ({ amount, unit: 'workingDays' as const });
    const categoryId = await insertCategory(server.db, { name: '用电报装', claim: days(1), handling: days(5), milestonesRequiredFrom: days(30) });
    const as = async (who: { login: string }) => server.login(who.login);
    const ent = await as(d.entA);
    const filed = await server.call(ent, 'POST', '/api/v1/issues', { categoryId, title: '厂区线路故障', description: '节前报修，节后仍未恢复供电。' });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = (filed.json() as { id: string }).id;
    const steps: Array<[string, { login: string }, string, object]> = [
      ['2026-09-28T11:00:00', d.people.dispatcher, 'list', {}],
      ['2026-09-28T14:00:00', d.people.dispatcher, 'dispatch', {}],
      ['2026-09-29T09:30:00', d.people.handlerA, 'claim', {}],
      ['2026-09-29T09:40:00', d.people.handlerA, 'first-contact', { channel: 'phone', note: '已联系' }],
      ['2026-09-29T10:00:00', d.people.handlerA, 'request-info', { body: '请提供配电房平面图' }],
      ['2026-10-09T11:00:00', d.entA, 'supply-info', { body: '已上传平面图' }],
      ['2026-10-09T14:00:00', d.people.handlerA, 'extension', { amount: days(2), reason: '需协调供电公司' }],
      ['2026-10-09T15:00:00', d.people.leaderA, 'extension/approve', {}],
    ];
    for (const [at, who, action, body] of steps) {
      now = new Date(`${at}+08:00`);
      const res = await server.call(await as(who), 'POST', `/api/v1/issues/${id}/${action}`, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    now = new Date('2026-10-09T16:00:00+08:00');

    // Signed in at the engine's time: a cookie expiring in October has expired for the browser,
    // so the session's token goes in as a cookie for the browser's session.
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: DESKTOP });
    context.setDefaultTimeout(30_000);
    await context.addCookies([{ name: 'huiyin_session', value: await as(d.people.handlerA), url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`/issues/${id}`);
    const card = page.getByTestId('due-explanations');
    await card.getByText('办理时限').click();
    const handling = page.getByTestId('explain-handling');
    await expect.poll(() => handling.textContent(), POLL).toContain('与记录一致');
    const text = (await handling.textContent()) ?? '';
    expect(text).toContain('「用电报装」5个工作日（类别规定）');
    expect(text).toContain('10月1日至10月7日 国庆节');
    expect(text).toContain('10月10日（调休上班）');
    expect(text).toContain('暂停（请提供配电房平面图）');
    expect(text).toContain('leader-a 批准延期 2个工作日');
    expect(await handling.getByTestId('explain-step').count()).toBe(3);
    // 试算: one working day more would be due the next working day, but this issue had its one extension.
    await handling.getByTestId('what-if-ask').click();
    const extension = handling.getByTestId('what-if-extension');
    await expect.poll(() => extension.textContent(), POLL).toContain('截至 2026-10-20 17:30');
    expect(await extension.textContent()).toContain('延期次数已用完');
    expect(await handling.getByTestId('what-if-pause').textContent()).toContain('自动恢复');
    await screenshot(page, 'issue-due-explained');
  }, 120_000);
});
