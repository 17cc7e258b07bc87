import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

type Related = { canLink: boolean; items: Array<{ id: string; number: string; enterpriseId: string; sameEnterprise: boolean }> };
const link = (who: Who, id: string, other: string) => t.api.call(t.as(who), 'POST', `/api/v1/issues/${id}/related`, { issueId: other });
const unlink = (who: Who, id: string, other: string) => t.api.call(t.as(who), 'DELETE', `/api/v1/issues/${id}/related/${other}`);
async function relatedOf(who: Who, id: string): Promise<Related> {
  const res = await t.get(who, `/api/v1/issues/${id}/related`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Related;
}
const ledgerOf = async (who: Who, id: string) => ((await t.get(who, `/api/v1/issues/${id}/timeline`)).json() as Array<{ type: string }>).map((e) => e.type);

describe('related issues (关联诉求)', () => {
  it('links two enterprises’ issues in one action, on both ledgers, and linking again is the same link', async () => {
    const a = await t.file('entA', { title: '线路故障频繁停电影响连续生产' });
    const b = await t.file('entB', { title: '厂区频繁停电影响生产' });
    const first = await link('dispatcher', a.id, b.id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ issueId: a.id, relatedIssueId: b.id, created: true });
    // Named the other way round, the pair is the same link: nothing new, 200 with the link as it was.
    const again = await link('dispatcher', b.id, a.id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ issueId: b.id, relatedIssueId: a.id, created: false, linkedAt: first.json().linkedAt });
    expect((await relatedOf('dispatcher', a.id)).items.map((x) => [x.id, x.sameEnterprise])).toEqual([[b.id, false]]);
    expect((await relatedOf('dispatcher', b.id)).items.map((x) => x.id)).toEqual([a.id]);
    // One event on each ledger, however many times it was linked.
    for (const id of [a.id, b.id]) expect((await ledgerOf('dispatcher', id)).filter((x) => x === 'linkRelated')).toHaveLength(1);
    const rows = await t.api.db.selectFrom('issue_links').selectAll().where('issue_a', 'in', [a.id, b.id]).execute();
    expect(rows).toHaveLength(1);
  });

  it('links by the other issue’s number (工单号), and names issueNumber when the number is wrong', async () => {
    const a = await t.file('entA', { title: '道路积水影响货车进出' });
    const b = await t.file('entB', { title: '园区道路积水严重' });
    const byNumber = (who: Who, id: string, body: object) => t.api.call(t.as(who), 'POST', `/api/v1/issues/${id}/related`, body);
    const made = await byNumber('dispatcher', a.id, { issueNumber: ` ${b.number} ` });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ issueId: a.id, relatedIssueId: b.id, created: true });
    expect((await relatedOf('dispatcher', b.id)).items.map((x) => x.number)).toEqual([a.number]);
    // Unknown, malformed, its own, both ways at once, neither: each a 4xx naming the field, nothing linked.
    const year = b.number.slice(0, 4);
    expect(fieldsOf(expectProblem(await byNumber('dispatcher', a.id, { issueNumber: `${year}-999999` }), 404))).toEqual(['issueNumber']);
    expect(fieldsOf(expectProblem(await byNumber('dispatcher', a.id, { issueNumber: '第123号' }), 400))).toEqual(['issueNumber']);
    expect(fieldsOf(expectProblem(await byNumber('dispatcher', a.id, { issueNumber: a.number }), 400))).toEqual(['issueNumber']);
    expect(fieldsOf(expectProblem(await byNumber('dispatcher', a.id, { issueId: b.id, issueNumber: b.number }), 400))).toEqual(['issueNumber']);
    expect(fieldsOf(expectProblem(await byNumber('dispatcher', a.id, {}), 400))).toEqual(['issueNumber']);
    // Another enterprise's number is as unknown to an enterprise as a number never given.
    expect(fieldsOf(expectProblem(await byNumber('entA', a.id, { issueNumber: b.number }), 404))).toEqual(['issueNumber']);
    expect((await relatedOf('dispatcher', a.id)).items.map((x) => x.id)).toEqual([b.id]);
  });

  it('refuses an issue linked to itself, naming the field', async () => {
    const a = await t.file('entA');
    const res = expectProblem(await link('dispatcher', a.id, a.id), 400);
    expect(fieldsOf(res)).toEqual(['issueId']);
    expect((await relatedOf('dispatcher', a.id)).items).toEqual([]);
  });

  it('shows an enterprise only the links to its own issues, and lets it link none', async () => {
    const a = await t.file('entA', { title: '园区污水管网堵塞返水' });
    const a2 = await t.file('entA', { title: '污水管网堵塞返水严重' });
    const b = await t.file('entB', { title: '园区污水管网堵塞' });
    expect((await link('supervisor', a.id, b.id)).statusCode).toBe(201);
    expect((await link('dispatcher', a.id, a2.id)).statusCode).toBe(201);
    expect((await relatedOf('dispatcher', a.id)).items.map((x) => x.id).sort()).toEqual([a2.id, b.id].sort());
    const forA = await relatedOf('entA', a.id);
    expect(forA.canLink).toBe(false);
    expect(forA.items.map((x) => x.id)).toEqual([a2.id]);
    expect((await relatedOf('entB', b.id)).items).toEqual([]);
    // Nor does the other enterprise's issue open through the link, nor can either link.
    expectProblem(await t.get('entB', `/api/v1/issues/${a.id}/related`), 404);
    expect(expectProblem(await link('entA', a.id, a2.id), 403).code).toBe('auth.forbidden');
    // The link events stay off the enterprises' timelines.
    expect(await ledgerOf('entA', a.id)).not.toContain('linkRelated');
  });

  it('unlinks, on both ledgers; unlinking again changes nothing', async () => {
    const a = await t.file('entA');
    const b = await t.file('entB');
    expect((await link('dispatcher', a.id, b.id)).statusCode).toBe(201);
    expect((await unlink('supervisor', b.id, a.id)).statusCode).toBe(204);
    expect((await relatedOf('dispatcher', a.id)).items).toEqual([]);
    for (const id of [a.id, b.id]) expect((await ledgerOf('dispatcher', id)).filter((x) => x === 'unlinkRelated')).toHaveLength(1);
    expect((await unlink('dispatcher', a.id, b.id)).statusCode).toBe(204);
    expect((await ledgerOf('dispatcher', a.id)).filter((x) => x === 'unlinkRelated')).toHaveLength(1);
    // An enterprise may not, and learns nothing of the other enterprise's issue: not found.
    expect(fieldsOf(expectProblem(await unlink('entA', a.id, b.id), 404))).toEqual(['issueId']);
  });

  it('lets a handler link two issues of its unit, and refuses one it cannot read', async () => {
    const mine = await t.dispatched('entA');
    const alsoMine = await t.dispatched('entB');
    const notYet = await t.file('entB');
    const ok = await link('handlerA', mine.id, alsoMine.id);
    expect(ok.statusCode, ok.body).toBe(201);
    const hidden = expectProblem(await link('handlerA', mine.id, notYet.id), 404);
    expect(hidden.code).toBe('issue.not_found');
    expect(fieldsOf(hidden)).toEqual(['issueId']);
    expect(fieldsOf(expectProblem(await link('handlerA', notYet.id, mine.id), 404))).toEqual(['id']);
    // The handler of another unit sees neither: nothing was linked for it.
    expectProblem(await unlink('handlerB', mine.id, alsoMine.id), 404);
    expect((await relatedOf('dispatcher', mine.id)).items.map((x) => x.id)).toEqual([alsoMine.id]);
  });
});
