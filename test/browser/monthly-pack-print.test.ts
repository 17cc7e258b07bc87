import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MONTHLY_PACK_PRINT_SECTIONS, type MonthlyPack } from '@huiyin/reports';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

// The page's table shows 20 lagging issues a page: more than that, so a print of the screen would come up short.
const LAGGING = 26;
const POLL = { timeout: 30_000 };

useOwnConsole('browser_monthly_print', (own) => ({ server, d, browser } = own));
beforeAll(() => seed(), 180_000);

/** This month in Shanghai, YYYY-MM. */
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());

/**
 * `LAGGING` issues dispatched to unit A, half of them to unit B under leader B, filed by both
 * enterprises with alike titles (同类问题), each claim already overdue (至今超期未办结).
 */
async function seed(): Promise<void> {
  const [entA, entB, dispatcher] = await Promise.all([d.entA, d.entB, d.people.dispatcher].map((p) => server.login(p.login)));
  const ids: string[] = [];
  for (let n = 0; n < LAGGING; n++) {
    const res = await server.call(n % 2 ? entA! : entB!, 'POST', '/api/v1/issues', {
      categoryId: d.categoryId,
      title: `园区东侧道路雨季积水严重影响通行${n % 3 ? '' : '（再次反映）'}`,
      description: '每逢降雨道路积水，货车无法进出。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    const to = n % 2 ? {} : { leaderId: d.leaderB, leadUnitId: d.unitB };
    expect((await server.call(dispatcher!, 'POST', `/api/v1/issues/${id}/list`, to)).statusCode).toBe(200);
    expect((await server.call(dispatcher!, 'POST', `/api/v1/issues/${id}/dispatch`, {})).statusCode).toBe(200);
    ids.push(id);
  }
  // Past their claim time (the clock would get there in 30 s by itself): each lags, still overdue.
  await server.db
    .updateTable('clocks')
    .set({ due_at: new Date(Date.now() - 60_000) })
    .where('issue_id', 'in', ids)
    .where('kind', '=', 'claim')
    .execute();
}

describe('printing the monthly pack (每月推进会)', () => {
  it('prints every section and every row of the month’s pack, each page headed by the month and numbered', async () => {
    const month = thisMonth();
    const token = await server.login(d.people.supervisor.login);
    const res = await server.call(token, 'GET', `/api/v1/reports/monthly-pack?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const pack = res.json() as MonthlyPack;
    expect(pack.lagging.length).toBeGreaterThanOrEqual(LAGGING);

    const { context, page } = await signIn(browser, server.baseUrl, d.people.supervisor.login, PASSWORD);
    await page.goto('/bulletins');
    await page.getByRole('tab', { name: '月度推进会' }).click();
    // The screen's table holds one page of 20.
    await expect.poll(() => page.getByTestId('monthly-pack-table').locator('tbody tr.ant-table-row').count(), POLL).toBe(20);
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('monthly-pack-print').click()]);
    await tab.waitForLoadState('load');
    expect(tab.url()).toContain(`/api/v1/reports/monthly-pack/print?month=${month}`);
    await tab.emulateMedia({ media: 'print' });

    const sections = await tab.locator('section[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    const want = MONTHLY_PACK_PRINT_SECTIONS.filter((s) => s !== '重点项目' || pack.sections['projects']);
    expect(sections).toEqual(want);
    for (const name of sections) expect(await tab.locator(`section[data-section="${name}"]`).isVisible()).toBe(true);

    // Every lagging issue, each once, with its reason.
    const lagging = tab.locator('[data-testid="print-lagging"] tbody tr');
    const printed = await lagging.evaluateAll((trs) => trs.map((tr) => tr.children[0]?.textContent ?? ''));
    expect([...printed].sort()).toEqual(pack.lagging.map((i) => i.number).sort());
    expect(await tab.getByTestId('print-lagging').textContent()).toContain('至今超期未办结');
    expect(await lagging.last().isVisible()).toBe(true);
    // And every row of the other tables, as many as the pack has.
    const rows = (testId: string) => tab.locator(`[data-testid="${testId}"] tbody tr`).count();
    const hot = pack.hotSpots.byCategory.length + pack.hotSpots.byEnterprise.length + pack.hotSpots.byIndustry.length;
    expect([await rows('print-by-leader'), await rows('print-by-unit'), await rows('print-units'), await rows('print-leaders'), await rows('print-hot-spots'), await rows('print-problems')]).toEqual([
      pack.byLeader.length,
      pack.byUnit.length,
      pack.units.length,
      pack.leaders.length,
      hot,
      pack.hotSpots.byProblem.length,
    ]);
    // Both leaders and both units lag: two rows each, not an empty table passing as equal.
    expect([pack.byLeader.length, pack.byUnit.length]).toEqual([2, 2]);
    expect(await tab.getByTestId('print-by-leader').textContent()).toContain('乙领导');

    // Each printed page: the title and month at its top, 第 n 页，共 m 页 at its foot.
    const html = await tab.content();
    expect(html).toContain(`@top-center { content: "每月推进会材料 · ${pack.month.label}"`);
    expect(html).toContain('counter(pages)');
    expect(await tab.title()).toContain(pack.month.label);
    const pdf = await tab.pdf({ format: 'A4', landscape: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(1);
    await tab.emulateMedia({ media: 'screen' });
    await screenshot(tab, 'print-monthly-pack');
    await context.close();
  }, 180_000);

  it('refuses a month that is not YYYY-MM, naming the field', async () => {
    const token = await server.login(d.people.supervisor.login);
    const res = await server.call(token, 'GET', '/api/v1/reports/monthly-pack/print?month=2026-13');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toContain('month');
  });
});
