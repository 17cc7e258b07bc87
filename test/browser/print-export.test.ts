import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { BULLETIN_PRINT_SECTIONS, bulletinPeriodOf, type Scorecards } from '@huiyin/reports';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { DESKTOP, PHONE, screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
let bulletinId: string;
/** The open list's issue numbers as the API lists them (every one, not a screen page). */
let listed: string[];

// The screen list shows 50 a page: more than that, so a print of the screen page would come up short.
const ISSUES = 64;
/** Units with a claim owed (due 30 s after dispatch), so the scorecards list more than 15. */
const UNITS = 17;
const POLL = { timeout: 30_000 };

useOwnConsole('browser_print', (own) => {
  ({ server, d, browser } = own);
});
// After the console has started (hooks run in the order registered).
beforeAll(() => seed(), 180_000);

/** Files `ISSUES` issues (half of them listed and dispatched, so groups differ) and stores a bulletin of this period. */
async function seed(): Promise<void> {
  const [entA, entB, dispatcher, supervisor] = await Promise.all([d.entA, d.entB, d.people.dispatcher, d.people.supervisor].map((p) => server.login(p.login)));
  for (let i = 0; i < ISSUES; i += 8) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, k) => {
        const n = i + k;
        const res = await server.call(n % 2 ? entA! : entB!, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: `打印测试诉求${n}`, description: '整份打印与导出' });
        expect(res.statusCode, res.body).toBe(201);
        if (n % 2) return;
        const id = (res.json() as { id: string }).id;
        expect((await server.call(dispatcher!, 'POST', `/api/v1/issues/${id}/list`, {})).statusCode).toBe(200);
        expect((await server.call(dispatcher!, 'POST', `/api/v1/issues/${id}/dispatch`, {})).statusCode).toBe(200);
      }),
    );
  }
  // More units than the scorecards page once showed on one of its pages (15): each owes a claim.
  for (let u = 1; u <= UNITS; u++) {
    const unit = await server.db
      .insertInto('units')
      .values({ name: `考核单位${u}-${d.tag}`, short_name: `考核单位${String(u).padStart(2, '0')}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await server.call(entA!, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: `考核单位诉求${u}`, description: '排名导出' });
    const id = (res.json() as { id: string }).id;
    expect((await server.call(dispatcher!, 'POST', `/api/v1/issues/${id}/list`, { leadUnitId: unit.id, leaderId: d.leaderB })).statusCode).toBe(200);
    expect((await server.call(dispatcher!, 'POST', `/api/v1/issues/${id}/dispatch`, {})).statusCode).toBe(200);
  }
  const list = (await server.call(supervisor!, 'GET', '/api/v1/reports/open-list?groupBy=leader&limit=500')).json() as { total: number; items: Array<{ number: string }> };
  expect(list.total).toBe(ISSUES + UNITS);
  listed = list.items.map((i) => i.number);
  const made = await server.call(supervisor!, 'POST', '/api/v1/bulletins', { period: bulletinPeriodOf(new Date()).id, minIssues: 1 });
  expect(made.statusCode, made.body).toBe(201);
  bulletinId = (made.json() as { id: string }).id;
}

/** Clicks a link that opens in a new tab and hands back the tab once loaded. */
async function openedBy(page: Page, testId: string): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(testId).click()]);
  await tab.waitForLoadState('load');
  return tab;
}

/** The pages of a PDF made by Chromium, counted from its page objects. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

describe('printing the whole document', () => {
  for (const [size, screen] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`prints every row of the open list, not the screen page (${size})`, async () => {
      const { context, page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD, screen);
      try {
        await page.goto('/open-list');
        const table = page.getByTestId('open-list-table');
        // The screen shows one page of 50: fewer rows than the list holds.
        await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), POLL).toBe(50);
        const tab = await openedBy(page, 'open-list-print');
        expect(tab.url()).toContain('/api/v1/reports/open-list/print?groupBy=leader');
        // Its 打印 button opens the browser's print dialog (the script comes from the console's origin).
        await tab.evaluate('window.print = () => { window.printed = true; }');
        await tab.locator('#print-now').click();
        expect(await tab.evaluate<boolean>('window.printed === true')).toBe(true);
        await tab.emulateMedia({ media: 'print' });
        const rows = tab.locator('[data-testid="open-list-print"] tbody tr');
        expect(await rows.count()).toBe(listed.length);
        // Every issue of the list is on the sheet, each once, and visible when printed.
        const printed = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent ?? ''));
        expect([...printed].sort()).toEqual([...listed].sort());
        expect(await rows.last().isVisible()).toBe(true);
        expect(await tab.locator('.toolbar').isVisible()).toBe(false);
        expect(await tab.getByTestId('print-summary').textContent()).toContain(`共 ${listed.length} 件，已全部列出`);
        // Chromium's own printout: several A4 pages, each with the running header and page number boxes.
        const pdf = await tab.pdf({ format: 'A4', landscape: true });
        expect(pdfPages(pdf)).toBeGreaterThan(1);
        await tab.emulateMedia({ media: 'screen' });
        await screenshot(tab, `print-open-list-${size}`);
        if (size === 'phone') expect(await tab.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.width);
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`prints a bulletin with all of its sections, not only the open tab (${size})`, async () => {
      const { context, page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD, screen);
      try {
        await page.goto(`/bulletins/${bulletinId}`);
        await expect.poll(() => page.getByTestId('bulletin-title').textContent(), POLL).toContain('每半月汇总通报');
        const tab = await openedBy(page, 'bulletin-print');
        await tab.emulateMedia({ media: 'print' });
        const sections = await tab.locator('section[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
        expect(sections).toEqual([...BULLETIN_PRINT_SECTIONS]);
        for (const name of sections) expect(await tab.locator(`section[data-section="${name}"]`).isVisible()).toBe(true);
        // Both 三率 tables at once: on the page they are two tabs.
        expect(await tab.getByTestId('print-units').textContent()).toContain('甲局');
        expect(await tab.getByTestId('print-leaders').textContent()).toContain('甲领导');
        expect(await tab.title()).toContain(bulletinPeriodOf(new Date()).label);
        await tab.emulateMedia({ media: 'screen' });
        await screenshot(tab, `print-bulletin-${size}`);
        if (size === 'phone') expect(await tab.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.width);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('prints one issue: the four elements, milestones, replies, rating and the whole timeline (工单打印)', async () => {
    const as = async (p: { login: string }) => server.login(p.login);
    const [ent, dispatcher, handler, head] = await Promise.all([as(d.entA), as(d.people.dispatcher), as(d.people.handlerA), as(d.people.headA)]);
    const step = async (token: string, id: string, action: string, body: unknown = {}) => {
      const res = await server.call(token, 'POST', `/api/v1/issues/${id}/${action}`, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    };
    const filed = await server.call(ent, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '厂区供电扩容', description: '新生产线需要增容到 2000 千伏安。' });
    const id = (filed.json() as { id: string }).id;
    await step(dispatcher, id, 'list', { milestones: [{ title: '现场勘查', dueAt: new Date(Date.now() + 60_000).toISOString() }] });
    await step(dispatcher, id, 'dispatch');
    await step(handler, id, 'claim');
    await step(handler, id, 'first-contact', { channel: 'visit', note: '上门了解用电需求' });
    await step(handler, id, 'resolve', { outcome: 'positive', body: '已协调供电公司完成增容方案。' });
    await step(head, id, 'review', { approve: true });
    await step(ent, id, 'rate', { resolved: 'yes', satisfaction: 'satisfied', comment: '办得快' });
    const events = (await server.call(ent, 'GET', `/api/v1/issues/${id}/timeline`)).json() as unknown[];
    const officialEvents = ((await server.call(head, 'GET', `/api/v1/issues/${id}/timeline`)).json() as unknown[]).length;
    expect(officialEvents).toBeGreaterThanOrEqual(events.length);
    for (const [size, screen] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page } = await signIn(browser, server.baseUrl, d.people.headA.login, PASSWORD, screen);
      try {
        await page.goto(`/issues/${id}`);
        await page.getByTestId('issue-number').waitFor();
        const tab = await openedBy(page, 'issue-print');
        await tab.getByTestId('issue-print').waitFor();
        await tab.emulateMedia({ media: 'print' });
        const section = (name: string) => tab.locator(`section[data-section="${name}"]`);
        expect(await section('四明确').textContent()).toContain('甲领导');
        expect(await section('四明确').textContent()).toContain('甲局');
        expect(await section('四明确').textContent()).toContain('现场勘查');
        expect(await section('答复').textContent()).toContain('已协调供电公司完成增容方案');
        expect(await section('评价').textContent()).toContain('满意');
        expect(await section('评价').textContent()).toContain('办得快');
        // The whole ledger as the unit head reads it, every event.
        expect(await section('办理过程').locator('.ant-timeline-item').count()).toBe(officialEvents);
        expect(await tab.getByTestId('print-now').isVisible()).toBe(false);
        expect(await tab.locator('.ant-layout-sider').count()).toBe(0);
        await tab.emulateMedia({ media: 'screen' });
        await screenshot(tab, `print-issue-${size}`);
        if (size === 'phone') expect(await tab.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.width);
      } finally {
        await context.close();
      }
    }
  }, 180_000);

  for (const [size, screen] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`downloads the scorecards as XLSX from the page, every row in rank order (${size})`, async () => {
      const supervisorToken = await server.login(d.people.supervisor.login);
      const read = async () => (await server.call(supervisorToken, 'GET', '/api/v1/reports/scorecards?by=unit&periods=6')).json() as Scorecards;
      // Each unit's claim falls due 30 s after its dispatch; then every one of them has a row.
      await expect.poll(async () => (await read()).series.length, { timeout: 90_000, interval: 2_000 }).toBeGreaterThan(UNITS);
      const cards = await read();
      const { context, page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD, screen);
      try {
        await page.goto('/scorecards');
        const table = page.getByTestId('scorecard-table');
        // One table of every unit, no pages of 15.
        await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), POLL).toBe(cards.series.length);
        expect(await table.locator('.ant-pagination').count()).toBe(0);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scorecards-xlsx').click()]);
        expect(download.suggestedFilename()).toBe('scorecards-unit.xlsx');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await readFile((await download.path()) ?? '')) as unknown as ArrayBuffer);
        const sheet = wb.getWorksheet('本期排名');
        const names: string[] = [];
        sheet?.eachRow((row, n) => void (n > 1 && names.push(String(row.getCell(2).value))));
        expect([...names].sort()).toEqual(cards.series.map((x) => x.name).sort());
        // The page lists them in the file's order: rank order.
        const shown = await table.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent ?? ''));
        expect(shown.map((x) => x.replace(/^名称/, ''))).toEqual(names);
        await screenshot(page, `scorecards-export-${size}`);
        if (size === 'phone') expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.width);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
