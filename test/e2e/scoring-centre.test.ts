import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BulletinContent, ScoreRow } from '@huiyin/reports';
import { insertCategory } from '../support/category.ts';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/**
 * Scoring fair to all it scores (docs/domain.md#rates): the service centre is scored like a unit,
 * its response being its listing (列单派单), and first contact (先行联系) is measured. One
 * half-month (2026-05-H1) played through the real API on a test clock; a category of its own:
 * listing 20 s, claim 30 s, handling 120 s, first contact within 10 s of the claim.
 *
 *   C1 listed +5 s (on time), claimed +10, first contact +12 (on time)
 *   C2 listed +30 s (late), claimed +35, first contact +60 (late)
 *   C3 never listed (its listing overdue at the bulletin)
 *
 * By hand, the centre: listings due 3, on time 1 → 响应率 1/3. 甲局: first contacts 2, on time 1.
 */
let t: ReportsDistrict;
let centre: string;
let firstBulletin: BulletinContent;
let bulletinId: string;
const BASE = Date.parse('2026-05-06T01:00:00Z');
const at = (s: number) => new Date(BASE + s * 1000);
const numbers: string[] = [];

beforeAll(async () => {
  t = await openReportsDistrict('scoring_centre');
  const categoryId = await insertCategory(t.api.db, {
    listing: { amount: 20, unit: 'seconds' },
    claim: { amount: 30, unit: 'seconds' },
    handling: { amount: 120, unit: 'seconds' },
    track: { firstContactLimit: { amount: 10, unit: 'seconds' } },
  });
  // The service centre: the unit its dispatchers belong to.
  centre = (
    await t.api.db
      .insertInto('units')
      .values({ name: `政务服务中心${t.d.tag}`, short_name: '服务中心' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await t.api.db.updateTable('officials').set({ unit_id: centre }).where('id', '=', t.d.people.dispatcher.id).execute();
  const file = async (s: number) => {
    t.set(at(s));
    const res = await t.api.call(t.as('entA'), 'POST', '/api/v1/issues', { categoryId, title: '厂区东侧道路未通电', description: '二期厂房已建成，动力电未接通。' });
    expect(res.statusCode, res.body).toBe(201);
    const issue = res.json() as { id: string; number: string };
    numbers.push(issue.number);
    return issue;
  };
  const fc = { channel: 'phone', note: '已电话联系企业' };
  const work = async (base: number, listAt: number, claimAt: number, contactAt: number) => {
    const issue = await file(base);
    t.set(at(base + listAt));
    await t.ok('dispatcher', issue.id, 'list');
    await t.ok('dispatcher', issue.id, 'dispatch');
    t.set(at(base + claimAt));
    await t.ok('handlerA', issue.id, 'claim');
    t.set(at(base + contactAt));
    await t.ok('handlerA', issue.id, 'first-contact', fc);
  };
  await work(0, 5, 10, 12);
  await work(1000, 30, 35, 60);
  await file(2000);

  t.set('2026-05-16T02:00:00Z');
  const res = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1', minIssues: 1 });
  expect(res.statusCode, res.body).toBe(201);
  bulletinId = (res.json() as { id: string }).id;
  firstBulletin = ((await t.get('supervisor', `/api/v1/bulletins/${bulletinId}`)).json() as { content: BulletinContent }).content;
}, 120_000);
afterAll(() => t?.close());

const row = (rows: ScoreRow[], id: string) => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe('the service centre in the bulletin', () => {
  it('is scored on its listings: one on time, one late, one still undone', () => {
    const c = row(firstBulletin.units, centre);
    expect(c.response).toEqual({ num: 1, den: 3, rate: 1 / 3 });
    expect(c.resolution.den).toBe(0);
    expect(c.ranked).toBe(true);
    expect(c.score).toBe(33.3);
    expect(c.causes.map((x) => x.text)).toEqual([`3 件中 1 件超时列单派单（${numbers[1]}），1 件逾期未列单派单（${numbers[2]}）`]);
    // The unit's own response is its claims, not the centre's listings.
    expect(row(firstBulletin.units, t.d.unitA).response).toEqual({ num: 2, den: 2, rate: 1 });
    // No leader had the issues at listing: the leaders' rows count only claims.
    expect(row(firstBulletin.leaders, t.d.leaderA).response).toEqual({ num: 2, den: 2, rate: 1 });
  });
});

describe('first contact', () => {
  it('is measured per unit beside the 三率, not in the score, in the bulletin, its XLSX and the scorecards', async () => {
    const a = row(firstBulletin.units, t.d.unitA);
    expect(a.firstContactRate).toEqual({ num: 1, den: 2, rate: 0.5 });
    // Claims 2/2, answers 0/2 (never answered, overdue): (0.3 × 1 + 0.4 × 0) ÷ 0.7 = 42.9, first contact aside.
    expect(a.score).toBe(42.9);
    expect(firstBulletin.formulas.firstContactRate).toContain('先行联系及时率');

    const xlsx = await t.get('supervisor', `/api/v1/bulletins/${bulletinId}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const units = wb.getWorksheet('单位三率');
    const headers = (units?.getRow(1).values as unknown[]).slice(1);
    const line = units?.getRows(2, (units?.rowCount ?? 1) - 1)?.find((r) => r.getCell(2).value === '甲局');
    expect(line?.getCell(headers.indexOf('先行联系及时率') + 1).value).toBe(0.5);

    const cards = (await t.get('supervisor', `/api/v1/reports/scorecards?by=unit&periods=2&id=${t.d.unitA}`)).json() as {
      series: Array<{ points: Array<{ periodId: string; firstContactRate: unknown }> }>;
    };
    expect(cards.series[0]?.points.find((p) => p.periodId === '2026-05-H1')?.firstContactRate).toEqual({ num: 1, den: 2, rate: 0.5 });
  });
});
