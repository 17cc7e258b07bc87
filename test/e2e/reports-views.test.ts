import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { HotSpots, MonthlyPack, OpenList, Scorecards } from '@huiyin/reports';
import { expectProblem, fieldsOf } from './e2e-district.ts';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/**
 * April 2026 on a test clock (claim limit 30 s, handling 120 s):
 *   J1 甲局 dispatched, never claimed          J2 甲局 claimed on time, never answered
 *   J3 乙局/乙领导 on time throughout, satisfied  J4 乙局/乙领导 claimed on time, never answered
 *   J5 甲局 dispatched 10 s before the open list is read (not yet overdue then)
 */
let t: ReportsDistrict;
const BASE = Date.parse('2026-04-08T01:00:00Z');
const at = (s: number) => new Date(BASE + s * 1000);
const j: Record<string, { id: string; number: string }> = {};

async function dispatch(s: number, listing: object = {}) {
  t.set(at(s));
  const issue = await t.file('entA');
  await t.ok('dispatcher', issue.id, 'list', listing);
  await t.ok('dispatcher', issue.id, 'dispatch');
  return issue;
}

beforeAll(async () => {
  t = await openReportsDistrict('reports_views');
  const toB = { leadUnitId: t.d.unitB, leaderId: t.d.leaderB };
  const fc = { channel: 'visit', note: '上门走访' };
  j['J1'] = await dispatch(0);
  j['J2'] = await dispatch(100);
  t.set(at(110));
  await t.ok('handlerA', j['J2'].id, 'claim');
  j['J3'] = await dispatch(200, toB);
  t.set(at(210));
  await t.ok('handlerB', j['J3'].id, 'claim');
  await t.ok('handlerB', j['J3'].id, 'first-contact', fc);
  t.set(at(260));
  await t.ok('handlerB', j['J3'].id, 'resolve', { outcome: 'positive', body: '已办结' });
  await t.ok('headB', j['J3'].id, 'review', { approve: true });
  t.set(at(270));
  await t.ok('entA', j['J3'].id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });
  j['J4'] = await dispatch(300, toB);
  t.set(at(310));
  await t.ok('handlerB', j['J4'].id, 'claim');
  j['J5'] = await dispatch(990);
  t.set(at(1000));
}, 60_000);
afterAll(() => t?.close());

describe('未办结事项清单 (open list)', () => {
  it("gives a unit head their unit's open issues, grouped, most pressing first, in pages", async () => {
    const res = await t.get('headA', '/api/v1/reports/open-list?groupBy=unit&limit=2');
    expect(res.statusCode, res.body).toBe(200);
    const page1 = res.json() as OpenList;
    expect(page1.groups).toEqual([{ id: t.d.unitA, name: '甲局', open: 3, overdue: 2, red: 0, yellow: 0 }]);
    expect(page1.total).toBe(3);
    expect(page1.items.map((i) => i.number)).toEqual([j['J1']?.number, j['J2']?.number]);
    expect(page1.items.map((i) => i.overdue)).toEqual([true, true]);
    const page2 = (await t.get('headA', '/api/v1/reports/open-list?groupBy=unit&limit=2&offset=2')).json() as OpenList;
    expect(page2.items.map((i) => [i.number, i.overdue, i.groupName])).toEqual([[j['J5']?.number, false, '甲局']]);
  });

  it('groups by leader, and refuses enterprises and bad input', async () => {
    const byLeader = (await t.get('headB', '/api/v1/reports/open-list?groupBy=leader')).json() as OpenList;
    expect(byLeader.groups).toEqual([{ id: t.d.leaderB, name: '乙领导', open: 1, overdue: 1, red: 0, yellow: 0 }]);
    expect(byLeader.items.map((i) => i.id)).toEqual([j['J4']?.id]);
    expectProblem(await t.get('entA', '/api/v1/reports/open-list'), 403);
    expect(fieldsOf(expectProblem(await t.get('headA', '/api/v1/reports/open-list?groupBy=enterprise&limit=0'), 400)).sort()).toEqual(['querystring.groupBy', 'querystring.limit']);
  });

  it('pages across group boundaries: pages of any size put together are the whole list, in group order', async () => {
    for (const groupBy of ['leader', 'unit'] as const) {
      const whole = (await t.get('supervisor', `/api/v1/reports/open-list?groupBy=${groupBy}&limit=100`)).json() as OpenList;
      expect(whole.items).toHaveLength(whole.total);
      // Group by group, in the groups' order, each group's items as many as it counts.
      const runs = whole.items.map((i) => i.groupId).filter((g, n, all) => n === 0 || all[n - 1] !== g);
      expect(runs).toEqual(whole.groups.map((g) => g.id));
      expect(whole.groups.map((g) => whole.items.filter((i) => i.groupId === g.id).length)).toEqual(whole.groups.map((g) => g.open));
      for (const size of [1, 2, 3]) {
        const pieces: string[] = [];
        for (let offset = 0; offset < whole.total + size; offset += size) {
          const page = (await t.get('supervisor', `/api/v1/reports/open-list?groupBy=${groupBy}&limit=${size}&offset=${offset}`)).json() as OpenList;
          pieces.push(...page.items.map((i) => i.id));
        }
        expect(pieces, `${groupBy}, pages of ${size}`).toEqual(whole.items.map((i) => i.id));
      }
    }
  });

  it('downloads as XLSX with a sheet by leader and one by unit', async () => {
    const res = await t.get('headA', '/api/v1/reports/open-list.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按领导', '按单位']);
    const unit = wb.getWorksheet('按单位');
    expect((unit?.getRow(1).values as unknown[]).slice(1)).toEqual(['分组', '编号', '诉求', '企业', '分包领导', '责任单位', '当前进度', '签收时限', '办理时限', '超期', '预警']);
    expect(unit?.getCell('A2').value).toBe('甲局（3 件，超期 2，红牌 0，黄牌 0）');
    expect([unit?.getCell('B3').value, unit?.getCell('J3').value]).toEqual([j['J1']?.number, '是']);
    expect(unit?.getCell('F3').value).toBe('甲局');
  });
});

describe('scorecards', () => {
  it('gives supervision every unit per period, and a unit head only their own', async () => {
    t.set('2026-04-10T02:00:00Z');
    const all = (await t.get('supervisor', '/api/v1/reports/scorecards?by=unit&periods=2')).json() as Scorecards;
    expect(all.periods.map((p) => p.id)).toEqual(['2026-03-H2', '2026-04-H1']);
    const b = all.series.find((s) => s.id === t.d.unitB);
    // 乙局 in April H1: claims J3, J4 on time (2/2); answers J3 on time, J4 overdue (1/2); J3 satisfied (1/1).
    expect(b?.points.map((p) => [p.periodId, p.response.num, p.response.den, p.resolution.num, p.resolution.den, p.satisfaction.num, p.satisfaction.den])).toEqual([
      ['2026-03-H2', 0, 0, 0, 0, 0, 0],
      ['2026-04-H1', 2, 2, 1, 2, 1, 1],
    ]);
    const own = (await t.get('headA', '/api/v1/reports/scorecards?by=unit&periods=2')).json() as Scorecards;
    expect(own.series.map((s) => s.id)).toEqual([t.d.unitA]);
    // 甲局: claims J1 and J5 never made, J2 on time (1/3); no answer made (0/3); the issues named.
    const april = own.series[0]?.points[1];
    expect([april?.response.num, april?.response.den, april?.resolution.num, april?.resolution.den]).toEqual([1, 3, 0, 3]);
    expect(april?.causes[0]?.issues.map((i) => i.id).sort()).toEqual([j['J1']?.id, j['J5']?.id].sort());
    expectProblem(await t.get('headA', `/api/v1/reports/scorecards?by=unit&id=${t.d.unitB}`), 403);
    const leaders = (await t.get('leaderB', '/api/v1/reports/scorecards?by=leader&periods=1')).json() as Scorecards;
    expect(leaders.series.map((s) => s.id)).toEqual([t.d.leaderB]);
    expectProblem(await t.get('entA', '/api/v1/reports/scorecards'), 403);
  });
});

describe('the monthly pack and hot spots', () => {
  it('lists the month’s lagging issues with their leaders and units, as JSON and XLSX', async () => {
    t.set('2026-04-10T02:00:00Z');
    const res = await t.get('headA', '/api/v1/reports/monthly-pack?month=2026-04');
    expect(res.statusCode, res.body).toBe(200);
    const pack = res.json() as MonthlyPack;
    expect(pack.month).toMatchObject({ id: '2026-04', label: '2026年4月' });
    expect(pack.lagging.map((i) => [i.number, i.reasons])).toEqual([
      [j['J1']?.number, ['unclaimed', 'unanswered', 'stillOverdue']],
      [j['J2']?.number, ['unanswered', 'stillOverdue']],
      [j['J5']?.number, ['unclaimed', 'unanswered', 'stillOverdue']],
    ]);
    expect(pack.byUnit).toEqual([{ id: t.d.unitA, name: '甲局', issues: 3, open: 3, others: ['甲领导'] }]);
    expect(pack.units.map((u) => u.id)).toEqual([t.d.unitA]);

    const xlsx = await t.get('headA', '/api/v1/reports/monthly-pack.xlsx?month=2026-04');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    // The key-project sheets follow (this district has no projects: every type at zero).
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '滞后事项', '按领导', '按单位', '单位三率', '热点', '同类问题', '重点项目投资', '滞后节点', '未报进度']);
    expect((wb.getWorksheet('重点项目投资')?.getRow(10).values as unknown[]).slice(1)).toEqual(['合计', 0, 0, 0, 0, '—']);
    const lag = wb.getWorksheet('滞后事项');
    expect((lag?.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '诉求', '企业', '分包领导', '责任单位', '滞后原因', '是否办结']);
    expect([lag?.getCell('A2').value, lag?.getCell('F2').value, lag?.getCell('G2').value]).toEqual([j['J1']?.number, '逾期未签收、逾期未办结、至今超期未办结', '未办结']);
    expect(wb.getWorksheet('概况')?.getCell('B11').value).toBe(3);
    expect(fieldsOf(expectProblem(await t.get('headA', '/api/v1/reports/monthly-pack?month=2026-13'), 400))).toEqual(['querystring.month']);
  });

  it('counts recurring problems by category, enterprise and industry against the window before', async () => {
    const res = await t.get('headA', '/api/v1/reports/hot-spots?days=30&to=2026-04-10T00:00:00Z&minCount=2');
    expect(res.statusCode, res.body).toBe(200);
    const hot = res.json() as HotSpots;
    expect(hot.byCategory).toEqual([{ id: t.d.categoryId, name: '测试类', count: 3, previous: 0, change: 3, changeRate: null, open: 3 }]);
    expect(hot.byEnterprise.map((h) => [h.id, h.count])).toEqual([[t.d.entA.id, 3]]);
    expect(hot.byIndustry.map((h) => [h.name, h.count])).toEqual([['先进装备制造', 3]]);
    // A window that ends before any of it: nothing recurs.
    const before = (await t.get('headA', '/api/v1/reports/hot-spots?days=30&to=2026-04-01T00:00:00Z')).json() as HotSpots;
    expect(before.byCategory).toEqual([]);
    expect(fieldsOf(expectProblem(await t.get('headA', '/api/v1/reports/hot-spots?days=0&to=yesterday'), 400)).sort()).toEqual(['querystring.days', 'querystring.to']);
  });
});
