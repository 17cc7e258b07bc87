import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BulletinContent, ScoreRow } from '@huiyin/reports';
import { expectProblem, fieldsOf } from './e2e-district.ts';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/**
 * One half-month (2026-05-H1: 1–15 May 2026, Shanghai) played through the real API on a test
 * clock, then its bulletin checked against figures worked out by hand below. Limits of the test
 * category: claim 30 s, handling 120 s.
 *
 *   I1 甲局 claimed +10 s, answered +60 s, rated satisfied             — all on time
 *   I2 甲局 claimed +40 s (late), answered +200 s (late), basically satisfied
 *   I3 甲局 claimed +10, answered +60, rated dissatisfied → reopened, claimed again on time,
 *        its second answer never comes (handling clock still running, due in the period)
 *   I4 甲局 never claimed (claim and handling both overdue); its claim clock went red
 *   I5 甲局 returned it at +5 s, upheld, 乙局 claimed +20, answered +50, satisfied
 *   I6 乙局 / 乙领导: on time throughout, satisfied
 *   I7 乙局 / 乙领导: claimed +40 s (late), answered on time, not rated
 *
 * By hand, 甲局: claims due 5 (I1, I2, I3 twice, I4), on time 3 → 响应率 3/5; answers due 5
 * (I1, I2, I3 twice, I4), on time 2 → 解决率 2/5; rated 3, satisfied or basically 2 → 满意率 2/3;
 * returns 1, claims made 4 → 退单率 1/5; dissatisfied 1, answers made 3 → 重办率 1/3;
 * score 100 × (0.3·0.6 + 0.4·0.4 + 0.3·⅔) = 54.0.
 * 乙局: claims 3 (I5, I6, I7), on time 2; answers 3 on time; rated 2, both satisfied;
 * score 100 × (0.3·⅔ + 0.4 + 0.3) = 90.0. 甲领导 (I1–I5): claims 4/6, answers 3/6, rated 3/4;
 * 乙领导 (I6, I7): 2 issues, listed but not ranked (minimum 3).
 */
let t: ReportsDistrict;
const BASE = Date.parse('2026-05-06T01:00:00Z');
const at = (base: number, s: number) => new Date(BASE + base * 1000 + s * 1000);
const issues: Record<string, { id: string; number: string }> = {};
let firstBulletin: { id: string; body: string; content: BulletinContent };

async function answer(handler: 'handlerA' | 'handlerB', head: 'headA' | 'headB', id: string) {
  await t.ok(handler, id, 'resolve', { outcome: 'positive', body: '已协调供电公司接通动力电' });
  await t.ok(head, id, 'review', { approve: true });
}

async function dispatch(base: number, listing: object = {}) {
  t.set(at(base, 0));
  const issue = await t.file('entA');
  await t.ok('dispatcher', issue.id, 'list', listing);
  await t.ok('dispatcher', issue.id, 'dispatch');
  return issue;
}

beforeAll(async () => {
  t = await openReportsDistrict('reports_bulletin');
  const { unitB, leaderB } = t.d;
  const fc = { channel: 'phone', note: '已电话联系企业' };

  issues['I1'] = await dispatch(0);
  t.set(at(0, 10));
  await t.ok('handlerA', issues['I1'].id, 'claim');
  await t.ok('handlerA', issues['I1'].id, 'first-contact', fc);
  t.set(at(0, 60));
  await answer('handlerA', 'headA', issues['I1'].id);
  t.set(at(0, 70));
  await t.ok('entA', issues['I1'].id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });

  issues['I2'] = await dispatch(1000);
  t.set(at(1000, 40));
  await t.ok('handlerA', issues['I2'].id, 'claim');
  await t.ok('handlerA', issues['I2'].id, 'first-contact', fc);
  t.set(at(1000, 200));
  await answer('handlerA', 'headA', issues['I2'].id);
  t.set(at(1000, 210));
  await t.ok('entA', issues['I2'].id, 'rate', { resolved: 'partly', satisfaction: 'basically' });

  issues['I3'] = await dispatch(2000);
  t.set(at(2000, 10));
  await t.ok('handlerA', issues['I3'].id, 'claim');
  await t.ok('handlerA', issues['I3'].id, 'first-contact', fc);
  t.set(at(2000, 60));
  await answer('handlerA', 'headA', issues['I3'].id);
  t.set(at(2000, 70));
  expect((await t.ok('entA', issues['I3'].id, 'rate', { resolved: 'no', satisfaction: 'dissatisfied' })).state).toBe('reopened');
  t.set(at(2000, 80));
  await t.ok('handlerA', issues['I3'].id, 'claim');

  issues['I4'] = await dispatch(3000);
  t.set(at(3000, 31));
  await t.fireClaimTrack(issues['I4'].id, 'red');

  issues['I5'] = await dispatch(4000);
  t.set(at(4000, 5));
  await t.ok('handlerA', issues['I5'].id, 'return', { reason: '不属于本局职责' });
  t.set(at(4000, 10));
  await t.ok('dispatcher', issues['I5'].id, 'rule-return', { upheld: true, leadUnitId: unitB, note: '由乙局主办' });
  t.set(at(4000, 20));
  await t.ok('handlerB', issues['I5'].id, 'claim');
  await t.ok('handlerB', issues['I5'].id, 'first-contact', fc);
  t.set(at(4000, 50));
  await answer('handlerB', 'headB', issues['I5'].id);
  t.set(at(4000, 60));
  await t.ok('entA', issues['I5'].id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });

  issues['I6'] = await dispatch(5000, { leadUnitId: unitB, leaderId: leaderB });
  t.set(at(5000, 10));
  await t.ok('handlerB', issues['I6'].id, 'claim');
  await t.ok('handlerB', issues['I6'].id, 'first-contact', fc);
  t.set(at(5000, 60));
  await answer('handlerB', 'headB', issues['I6'].id);
  t.set(at(5000, 70));
  await t.ok('entA', issues['I6'].id, 'rate', { resolved: 'yes', satisfaction: 'satisfied' });

  issues['I7'] = await dispatch(6000, { leadUnitId: unitB, leaderId: leaderB });
  t.set(at(6000, 40));
  await t.ok('handlerB', issues['I7'].id, 'claim');
  await t.ok('handlerB', issues['I7'].id, 'first-contact', fc);
  t.set(at(6000, 60));
  await answer('handlerB', 'headB', issues['I7'].id);

  // The day after the period: the bulletin is asked for.
  t.set('2026-05-16T02:00:00Z');
  const res = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1' });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json() as { id: string };
  const got = await t.get('supervisor', `/api/v1/bulletins/${created.id}`);
  firstBulletin = { id: created.id, body: got.body, content: (got.json() as { content: BulletinContent }).content };
}, 120_000);
afterAll(() => t?.close());

const row = (rows: ScoreRow[], id: string) => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};
const nums = (...keys: string[]) => keys.map((k) => issues[k]?.number);

describe('the 三率 of a bulletin, against the hand-computed fixture', () => {
  it('gives 甲局 3/5, 2/5, 2/3, a 0/4 return rate (its one return was upheld), a 1/3 redo rate and 54.0', () => {
    const a = row(firstBulletin.content.units, t.d.unitA);
    expect(a.response).toEqual({ num: 3, den: 5, rate: 0.6 });
    expect(a.resolution).toEqual({ num: 2, den: 5, rate: 0.4 });
    expect(a.satisfaction).toEqual({ num: 2, den: 3, rate: 2 / 3 });
    // I5's return was ruled right (re-dispatched to 乙局): not held against 甲局.
    expect(a.returnRate).toEqual({ num: 0, den: 4, rate: 0 });
    expect(a.redoRate).toEqual({ num: 1, den: 3, rate: 1 / 3 });
    expect(a.score).toBe(54);
    expect(a.issues).toBe(4);
    expect(a.counts).toEqual({ filed: 4, claimed: 4, resolved: 3, closed: 2, overdue: 3 });
  });

  it('names the issues that cost 甲局 its points', () => {
    const a = row(firstBulletin.content.units, t.d.unitA);
    const [i2, i3, i4] = nums('I2', 'I3', 'I4');
    expect(a.causes.map((c) => c.text)).toEqual([
      `5 件中 1 件超时签收（${i2}），1 件逾期未签收（${i4}）`,
      `5 件中 1 件超期办结（${i2}），2 件逾期未办结（${i3}、${i4}）`,
      `评价 3 件中 1 件不满意（${i3}）`,
    ]);
    expect(a.causes[0]?.issues.map((i) => i.id)).toEqual([issues['I2']?.id, issues['I4']?.id]);
  });

  it('gives 乙局 2/3, 3/3, 2/2 and 90.0, ranks it above 甲局 and puts them on the red and black lists', () => {
    const b = row(firstBulletin.content.units, t.d.unitB);
    expect(b.response).toEqual({ num: 2, den: 3, rate: 2 / 3 });
    expect(b.resolution).toEqual({ num: 3, den: 3, rate: 1 });
    expect(b.satisfaction).toEqual({ num: 2, den: 2, rate: 1 });
    expect(b.returnRate).toEqual({ num: 0, den: 3, rate: 0 });
    expect(b.score).toBe(90);
    expect(b.rank).toBe(1);
    expect(row(firstBulletin.content.units, t.d.unitA).rank).toBe(2);
    expect(firstBulletin.content.redBlack).toEqual({
      red: [{ id: t.d.unitB, name: '乙局', rank: 1, score: 90 }],
      black: [{ id: t.d.unitA, name: '甲局', rank: 2, score: 54 }],
    });
    // 丙局 had nothing in the period: listed, not ranked.
    expect(row(firstBulletin.content.units, t.d.unitC)).toMatchObject({ issues: 0, ranked: false, rank: null, score: null });
  });

  it('scores leaders on every issue they lead; 乙领导 with two issues is listed but not ranked', () => {
    const la = row(firstBulletin.content.leaders, t.d.leaderA);
    expect([la.response, la.resolution, la.satisfaction]).toEqual([
      { num: 4, den: 6, rate: 4 / 6 },
      { num: 3, den: 6, rate: 0.5 },
      { num: 3, den: 4, rate: 0.75 },
    ]);
    expect(la.rank).toBe(1);
    const lb = row(firstBulletin.content.leaders, t.d.leaderB);
    expect(lb).toMatchObject({ issues: 2, ranked: false, rank: null });
    expect([lb.response.num, lb.response.den, lb.resolution.num, lb.resolution.den]).toEqual([1, 2, 2, 2]);
  });

  it('counts the period and lists the red card with its unit and leader', () => {
    expect(firstBulletin.content.totals).toEqual({ filed: 7, claimed: 7, resolved: 6, closed: 4, overdue: 4, redCards: 1, escalated: 0 });
    expect(firstBulletin.content.redCards).toEqual([
      expect.objectContaining({ issueId: issues['I4']?.id, clock: 'claim', unitId: t.d.unitA, unitName: '甲局', leaderId: t.d.leaderA, escalatedTo: null }),
    ]);
    expect(firstBulletin.content.period).toEqual({ id: '2026-05-H1', label: '2026年5月上半月（1日—15日）', start: '2026-04-30T16:00:00.000Z', end: '2026-05-15T16:00:00.000Z' });
    expect(firstBulletin.content.formulas.response).toContain('响应率 = 按时签收件数 ÷ 应签收件数');
  });
});

describe('appeals and the frozen bulletin', () => {
  it('an accepted appeal leaves the issue out of 甲局 in later bulletins; the stored one never changes', async () => {
    t.set('2026-05-16T03:00:00Z');
    // Later data for the period: the overdue claim is finally made.
    await t.ok('handlerA', issues['I4']?.id ?? '', 'claim');
    const filed = await t.post('headA', '/api/v1/appeals', { issueId: issues['I4']?.id, reason: 'malicious', text: '企业同一诉求反复提交，已多次答复' });
    expect(filed.statusCode, filed.body).toBe(201);
    const appeal = filed.json() as { id: string; status: string };
    expect(appeal.status).toBe('pending');
    // Only supervision decides; a second appeal on the same issue is refused.
    expectProblem(await t.post('headA', `/api/v1/appeals/${appeal.id}/decision`, { accept: true, note: '同意' }), 403);
    expect(expectProblem(await t.post('headA', '/api/v1/appeals', { issueId: issues['I4']?.id, reason: 'duplicate', text: '再次申诉' }), 409).code).toBe('appeal.exists');
    const decided = await t.post('supervisor', `/api/v1/appeals/${appeal.id}/decision`, { accept: true, note: '经核实系恶意重复诉求，同意不计入' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'accepted', decisionNote: '经核实系恶意重复诉求，同意不计入' });
    expect(expectProblem(await t.post('supervisor', `/api/v1/appeals/${appeal.id}/decision`, { accept: false, note: '改判' }), 409).code).toBe('appeal.already_decided');

    // Both are on the issue's ledger, one event and one version each.
    const events = await t.api.db
      .selectFrom('issue_events')
      .select(['seq', 'type', 'payload'])
      .where('issue_id', '=', issues['I4']?.id ?? '')
      .orderBy('seq')
      .execute();
    const row4 = await t.api.db
      .selectFrom('issues')
      .select('version')
      .where('id', '=', issues['I4']?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(events).toHaveLength(row4.version);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.slice(-2).map((e) => e.type)).toEqual(['appeal', 'appealDecision']);
    expect(events.at(-1)?.payload).toMatchObject({ appealId: appeal.id, accepted: true, unitId: t.d.unitA });

    t.set('2026-05-16T04:00:00Z');
    const again = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1', revision: true });
    expect(again.statusCode, again.body).toBe(201);
    const second = (again.json() as { content: BulletinContent }).content;
    const a = row(second.units, t.d.unitA);
    // Without I4: claims 3/4, answers 2/4, ratings 2/3 → 100 × (0.225 + 0.2 + 0.2) = 62.5.
    expect([a.response.num, a.response.den, a.resolution.num, a.resolution.den]).toEqual([3, 4, 2, 4]);
    expect(a.score).toBe(62.5);
    expect(a.excluded).toEqual([expect.objectContaining({ id: issues['I4']?.id, appealId: appeal.id })]);
    expect(second.appeals).toEqual([expect.objectContaining({ id: appeal.id, status: 'accepted', reason: 'malicious', unitName: '甲局' })]);
    // The leader is still scored on it, now a late claim rather than an undone one.
    expect(row(second.leaders, t.d.leaderA).causes[0]?.text).toContain(`2 件超时签收（${issues['I2']?.number}、${issues['I4']?.number}）`);

    // The first bulletin reads exactly as it did, and the database refuses to change it.
    const first = await t.get('supervisor', `/api/v1/bulletins/${firstBulletin.id}`);
    expect(first.body).toBe(firstBulletin.body);
    expect(row(firstBulletin.content.units, t.d.unitA).score).toBe(54);
    await expect(
      t.api.db
        .updateTable('bulletins')
        .set({ content: JSON.stringify({}) })
        .where('id', '=', firstBulletin.id)
        .execute(),
    ).rejects.toThrow(/bulletins are frozen/);
    await expect(t.api.db.deleteFrom('bulletins').where('id', '=', firstBulletin.id).execute()).rejects.toThrow(/bulletins are frozen/);
  });

  it('a rejected appeal changes nothing, is on the record, and each unit sees only its own appeals', async () => {
    t.set('2026-05-16T05:00:00Z');
    const filed = await t.post('headA', '/api/v1/appeals', { issueId: issues['I2']?.id, reason: 'unreasonable', text: '企业要求超出政策范围' });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = (filed.json() as { id: string }).id;
    const decided = await t.post('supervisor', `/api/v1/appeals/${id}/decision`, { accept: false, note: '诉求属于本单位职责范围' });
    expect(decided.json()).toMatchObject({ status: 'rejected', decisionNote: '诉求属于本单位职责范围' });
    const last = await t.api.db
      .selectFrom('issue_events')
      .select(['type', 'payload'])
      .where('issue_id', '=', issues['I2']?.id ?? '')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ type: 'appealDecision', payload: { appealId: id, accepted: false, note: '诉求属于本单位职责范围' } });
    const res = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1', revision: true });
    const a = row((res.json() as { content: BulletinContent }).content.units, t.d.unitA);
    expect(a.causes[0]?.issues.map((i) => i.id)).toContain(issues['I2']?.id);
    expect(a.excluded.map((e) => e.id)).toEqual([issues['I4']?.id]);
    // The unit sees its own two appeals; another unit none; supervision can filter by status.
    const mine = (await t.get('headA', '/api/v1/appeals')).json() as { items: Array<{ id: string; status: string }>; total: number };
    expect(mine.items.map((x) => x.status)).toEqual(['rejected', 'accepted']);
    expect(mine.total).toBe(2);
    expect(((await t.get('headB', '/api/v1/appeals')).json() as { total: number }).total).toBe(0);
    const rejected = (await t.get('supervisor', `/api/v1/appeals?status=rejected&unitId=${t.d.unitA}`)).json() as { items: Array<{ id: string }> };
    expect(rejected.items.map((x) => x.id)).toEqual([id]);
    expectProblem(await t.get('entA', '/api/v1/appeals'), 403);
    // After a rejection the unit may appeal again.
    expect((await t.post('headA', '/api/v1/appeals', { issueId: issues['I2']?.id, reason: 'duplicate', text: '补充材料后再次申诉' })).statusCode).toBe(201);
  });

  it('leaves an appeal out of a period that never counted its issue, rather than naming the issue by its id', async () => {
    t.set('2026-05-16T05:30:00Z');
    const res = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-03-H2' });
    expect(res.statusCode, res.body).toBe(201);
    const a = row((res.json() as { content: BulletinContent }).content.units, t.d.unitA);
    expect(a.excluded).toEqual([]);
  });

  it("refuses an appeal from a handler, or on another unit's issue, and names bad fields", async () => {
    expectProblem(await t.post('handlerA', '/api/v1/appeals', { issueId: issues['I1']?.id, reason: 'duplicate', text: '重复' }), 403);
    expectProblem(await t.post('headB', '/api/v1/appeals', { issueId: issues['I2']?.id, reason: 'duplicate', text: '重复' }), 403);
    const bad = expectProblem(await t.post('headA', '/api/v1/appeals', { issueId: 'nope', reason: 'bored', text: '' }), 400);
    expect((bad.errors ?? []).map((e) => e.field).sort()).toEqual(['issueId', 'reason', 'text']);
  });
});

describe('scoping of bulletins', () => {
  it('shows a unit head the figures of all but the issues behind only their own unit', async () => {
    const res = await t.get('headB', `/api/v1/bulletins/${firstBulletin.id}`);
    expect(res.statusCode).toBe(200);
    const content = (res.json() as { content: BulletinContent }).content;
    expect(row(content.units, t.d.unitA).score).toBe(54);
    expect(row(content.units, t.d.unitA).causes).toEqual([]);
    expect(row(content.units, t.d.unitB).causes.map((c) => c.rate)).toEqual(['response']);
    // The red card is 甲局's and 甲领导's: not 乙局's to see.
    expect(content.redCards).toEqual([]);
  });

  it('shows a leader the issues behind their own leader row only', async () => {
    const content = ((await t.get('leaderB', `/api/v1/bulletins/${firstBulletin.id}`)).json() as { content: BulletinContent }).content;
    expect(row(content.leaders, t.d.leaderB).causes.map((c) => c.rate)).toEqual(['response']);
    expect(row(content.leaders, t.d.leaderA).causes).toEqual([]);
    expect(content.units.every((u) => u.causes.length === 0)).toBe(true);
  });

  it('mails an on-demand bulletin only when asked, to the leaders, unit heads and supervision', async () => {
    t.set('2026-05-16T06:00:00Z');
    const quiet = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-04-H2' });
    expect(quiet.json()).toMatchObject({ kind: 'on_demand', periodId: '2026-04-H2', mailed: 0 });
    t.set('2026-05-16T06:01:00Z');
    const loud = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-04-H2', mail: true, minIssues: 1, revision: true });
    const body = loud.json() as { id: string; mailed: number; content: BulletinContent };
    expect(body.mailed).toBe(5);
    expect(body.content.minIssues).toBe(1);
    const listed = (await t.get('headA', '/api/v1/bulletins?period=2026-04-H2')).json() as { items: Array<{ id: string }>; total: number };
    expect(listed.total).toBe(2);
    expect(listed.items[0]?.id).toBe(body.id);
  });

  it('refuses enterprises, and answers 404 for an unknown bulletin and 400 for a bad period', async () => {
    expectProblem(await t.get('entA', `/api/v1/bulletins/${firstBulletin.id}`), 403);
    expectProblem(await t.get('entA', '/api/v1/bulletins'), 403);
    expect(expectProblem(await t.get('supervisor', `/api/v1/bulletins/${t.d.newId()}`), 404).code).toBe('bulletin.not_found');
    const bad = expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period: '2026-13-H1' }), 400);
    expect((bad.errors ?? []).map((e) => e.field)).toEqual(['period']);
    expect((expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period: 'May' }), 400).errors ?? []).map((e) => e.field)).toEqual(['period']);
    expectProblem(await t.post('headA', '/api/v1/bulletins', { period: '2026-05-H1' }), 403);
  });
});

describe('the bulletin as XLSX', () => {
  it('opens with its sheets, headers and the same numbers as the page', async () => {
    const res = await t.get('supervisor', `/api/v1/bulletins/${firstBulletin.id}.xlsx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // Stored with the key-project section, the bulletin carries its sheets too.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '单位三率', '领导三率', '红黑榜', '红牌清单', '申诉', '督办超期未复', '重点项目投资', '滞后节点', '未报进度']);
    const units = wb.getWorksheet('单位三率');
    if (!units) throw new Error('no sheet');
    const headers = (units.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 8)).toEqual(['排名', '单位', '计分件数', '得分', '响应率', '按时签收/应签收', '解决率', '按时办结/应办结']);
    const line = units.getRows(2, units.rowCount - 1)?.find((r) => r.getCell(2).value === '甲局');
    expect(line?.getCell(1).value).toBe(2);
    expect(line?.getCell(4).value).toBe(54);
    expect(line?.getCell(5).value).toBe(0.6);
    expect(line?.getCell(6).value).toBe('3/5');
    expect(line?.getCell(7).value).toBe(0.4);
    expect(line?.getCell(9).value).toBeCloseTo(2 / 3, 10);
    expect(String(line?.getCell(headers.indexOf('失分原因') + 1).value)).toContain(`1 件逾期未签收（${issues['I4']?.number}）`);
    const summary = wb.getWorksheet('概况');
    expect(summary?.getCell('A4').value).toBe('受理');
    expect(summary?.getCell('B4').value).toBe(7);
    expect(wb.getWorksheet('红牌清单')?.getCell('A2').value).toBe(issues['I4']?.number);
  });
});

describe('odd input', () => {
  it('answers a NUL byte in an appeal text or a query with 400, not 500', async () => {
    const res = await t.post('headA', '/api/v1/appeals', { issueId: issues['I1']?.id, reason: 'duplicate', text: 'a\u0000b' });
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['text']);
    const q = await t.get('supervisor', '/api/v1/bulletins?period=%00');
    expect(q.statusCode, q.body).toBe(400);
  });

  it('lists its routes in /openapi.json', async () => {
    const doc = (await t.api.call(null, 'GET', '/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/bulletins',
      '/api/v1/bulletins/{id}',
      '/api/v1/bulletins/{id}.xlsx',
      '/api/v1/reports/open-list',
      '/api/v1/reports/open-list.xlsx',
      '/api/v1/reports/scorecards',
      '/api/v1/reports/monthly-pack',
      '/api/v1/reports/monthly-pack.xlsx',
      '/api/v1/reports/hot-spots',
      '/api/v1/appeals',
      '/api/v1/appeals/{id}/decision',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
