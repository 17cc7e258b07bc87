import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Scorecards } from '@huiyin/reports';
import { expectProblem } from './e2e-district.ts';
import { openReportsDistrict, type ReportsDistrict, type Who } from './reports-district.ts';

/**
 * The lists' XLSX exports against the lists themselves, on a test clock in April 2026 (claim
 * limit 30 s, handling 120 s): seven issues of 甲局 and 乙局, some claimed, one answered and
 * rated, the rest overdue by the time the files are read.
 */
let t: ReportsDistrict;
const BASE = Date.parse('2026-04-08T01:00:00Z');
const at = (s: number) => new Date(BASE + s * 1000);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await openReportsDistrict('exports');
  const toB = { leadUnitId: t.d.unitB, leaderId: t.d.leaderB };
  for (let n = 0; n < 7; n++) {
    t.set(at(n * 20));
    const issue = await t.file(n % 2 ? 'entA' : 'entB');
    if (n === 6) continue; // left waiting for its listing
    await t.ok('dispatcher', issue.id, 'list', n % 3 === 0 ? toB : {});
    await t.ok('dispatcher', issue.id, 'dispatch');
    if (n % 3 === 0) {
      await t.ok('handlerB', issue.id, 'claim');
      if (n === 0) {
        await t.ok('handlerB', issue.id, 'first-contact', { channel: 'visit', note: '上门' });
        await t.ok('handlerB', issue.id, 'resolve', { outcome: 'positive', body: '已办结' });
        await t.ok('headB', issue.id, 'review', { approve: true });
        await t.ok('entB', issue.id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });
      }
    } else if (n === 1) await t.ok('handlerA', issue.id, 'claim');
  }
  t.set(at(2000));
}, 120_000);
afterAll(() => t?.close());

/** The workbook an export answered with, after checking it declares its type and file name. */
async function workbook(res: LightMyRequestResponse, name: string): Promise<ExcelJS.Workbook> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** The values of one column of a sheet, below its header row, as text. */
function column(wb: ExcelJS.Workbook, sheet: string, header: string): string[] {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const headers = (ws.getRow(1).values as unknown[]).map(String);
  const index = headers.indexOf(header);
  expect(index, `${header} in ${headers.join(',')}`).toBeGreaterThan(0);
  const out: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push(String(row.getCell(index).value ?? ''));
  });
  return out;
}

async function listed<T>(who: Who, url: string): Promise<T[]> {
  const res = await t.get(who, url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: T[] }).items;
}

describe('exports hold the whole list the page shows a page of', () => {
  it('诉求查询: the issues of the filters, in the order asked', async () => {
    for (const who of ['supervisor', 'headA'] as const) {
      const api = await listed<{ number: string; title: string }>(who, '/api/v1/issues?open=true&sort=number&order=asc&limit=200');
      const wb = await workbook(await t.get(who, '/api/v1/issues.xlsx?open=true&sort=number&order=asc'), 'issues.xlsx');
      expect(column(wb, '诉求', '编号')).toEqual(api.map((i) => i.number));
      expect(column(wb, '诉求', '诉求')).toEqual(api.map((i) => i.title));
    }
    // Scoped as the list: a unit head sees fewer than supervision, and the file says the same.
    const all = await listed<unknown>('supervisor', '/api/v1/issues?open=true&limit=200');
    const own = await listed<unknown>('headA', '/api/v1/issues?open=true&limit=200');
    expect(own.length).toBeLessThan(all.length);
    expect(all.length).toBe(6);
    // A filter narrows the file as it narrows the list.
    const closed = await workbook(await t.get('supervisor', '/api/v1/issues.xlsx?open=false'), 'issues.xlsx');
    expect(column(closed, '诉求', '状态')).toEqual(['已销号']);
    expect(expectProblem(await t.get('supervisor', '/api/v1/issues.xlsx?sort=colour'), 400).errors?.map((e) => e.field)).toEqual(['querystring.sort']);
  });

  it('待办: every task of the official, soonest due first', async () => {
    for (const who of ['handlerA', 'headB', 'dispatcher'] as const) {
      const api = await listed<{ number: string; task: string }>(who, '/api/v1/inbox?limit=500');
      expect(api.length, who).toBeGreaterThan(0);
      const wb = await workbook(await t.get(who, '/api/v1/inbox.xlsx'), 'inbox.xlsx');
      expect(column(wb, '待办事项', '编号')).toEqual(api.map((i) => i.number));
    }
    const tasks = await workbook(await t.get('dispatcher', '/api/v1/inbox.xlsx'), 'inbox.xlsx');
    expect(column(tasks, '待办事项', '待办事项')).toContain('列单派单');
    expectProblem(await t.get('entA', '/api/v1/inbox.xlsx'), 403);
  });

  it("the board's overdue list: the overdue issues, most overdue first", async () => {
    const api = await listed<{ number: string }>('supervisor', '/api/v1/supervision/overdue?limit=500');
    expect(api.length).toBeGreaterThan(2);
    const wb = await workbook(await t.get('supervisor', '/api/v1/supervision/overdue.xlsx'), 'overdue.xlsx');
    expect(column(wb, '超期事项', '编号')).toEqual(api.map((i) => i.number));
    const forB = await listed<{ number: string }>('supervisor', `/api/v1/supervision/overdue?limit=500&unitId=${t.d.unitB}`);
    const fileB = await workbook(await t.get('supervisor', `/api/v1/supervision/overdue.xlsx?unitId=${t.d.unitB}`), 'overdue.xlsx');
    expect(column(fileB, '超期事项', '编号')).toEqual(forB.map((i) => i.number));
    expect(forB.length).toBeLessThan(api.length);
    expectProblem(await t.get('entA', '/api/v1/supervision/overdue.xlsx'), 403);
  });

  it('考核评价: every unit of the period on one sheet in rank order, then each period', async () => {
    const api = (await t.get('supervisor', '/api/v1/reports/scorecards?by=unit&periods=3&minIssues=1')).json() as Scorecards;
    const wb = await workbook(await t.get('supervisor', '/api/v1/reports/scorecards.xlsx?by=unit&periods=3&minIssues=1'), 'scorecards-unit.xlsx');
    const names = column(wb, '本期排名', '单位');
    expect([...names].sort()).toEqual(api.series.map((s) => s.name).sort());
    const ranks = column(wb, '本期排名', '排名');
    const rankOf = new Map(api.series.map((s) => [s.name, s.points.at(-1)?.rank ?? null]));
    expect(ranks).toEqual(names.map((n) => String(rankOf.get(n) ?? '不排名')));
    const numeric = ranks.filter((r) => r !== '不排名').map(Number);
    expect(numeric.length).toBeGreaterThan(1);
    expect(numeric).toEqual([...numeric].sort((a, b) => a - b));
    // Ranked ones first, those not ranked after.
    expect(ranks.slice(0, numeric.length).every((r) => r !== '不排名')).toBe(true);
    expect(column(wb, '各期得分', '单位')).toEqual(names);
    const own = await workbook(await t.get('headA', '/api/v1/reports/scorecards.xlsx?by=unit&minIssues=1'), 'scorecards-unit.xlsx');
    expect(column(own, '本期排名', '单位')).toEqual(['甲局']);
    expectProblem(await t.get('entA', '/api/v1/reports/scorecards.xlsx'), 403);
  });
});
