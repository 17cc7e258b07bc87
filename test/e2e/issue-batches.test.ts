import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Filed, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
}, 60_000);
afterAll(() => t.close());

type Item = { id: string; outcome: 'ok' | 'refused'; number: string | null; state: string | null; version: number | null; code: string | null };
type Batch = { ok: number; refused: number; items: Item[] };

const batch = (who: Who, action: string, body: object, headers: Record<string, string> = {}) => t.api.call(t.as(who), 'POST', `/api/v1/issues/batch/${action}`, body, headers);

/** Each issue's events of `type`, and its version, straight from the database. */
async function ledgerOf(ids: string[], type: string) {
  const events = await t.api.db.selectFrom('issue_events').select(['issue_id', 'type']).where('issue_id', 'in', ids).where('type', '=', type).execute();
  const versions = await t.api.db.selectFrom('issues').select(['id', 'version', 'stage']).where('id', 'in', ids).execute();
  return {
    count: (id: string) => events.filter((e) => e.issue_id === id).length,
    version: (id: string) => versions.find((v) => v.id === id)?.version,
    stage: (id: string) => versions.find((v) => v.id === id)?.stage,
  };
}
const byId = (b: Batch) => new Map(b.items.map((i) => [i.id, i]));

describe('批量签收', () => {
  it('claims what it may, refuses the rest each with its reason, and writes every claim once', async () => {
    const mine: Filed[] = [await t.dispatched('entA'), await t.dispatched('entA'), await t.dispatched('entB')];
    const unitB = await t.dispatched('entA', { leadUnitId: t.d.unitB });
    const claimed = await t.dispatched('entA');
    await t.ok('handlerA', claimed.id, 'claim');
    const stranger = t.d.newId();
    const before = await ledgerOf([unitB.id, claimed.id], 'claim');
    const ids = [...mine.map((m) => m.id), unitB.id, claimed.id, mine[0]!.id, stranger];
    const res = await batch('handlerA', 'claim', { ids }, { 'idempotency-key': `claim-${t.d.tag}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Batch;
    // The repeated id counts once, in the order asked.
    expect(body.items.map((i) => i.id)).toEqual([...mine.map((m) => m.id), unitB.id, claimed.id, stranger]);
    expect([body.ok, body.refused]).toEqual([3, 3]);
    const items = byId(body);
    for (const m of mine) expect(items.get(m.id)).toMatchObject({ outcome: 'ok', number: m.number, state: 'inProgress.working' });
    // Not unit A's to claim: refused as its own request would be; the others as theirs.
    expect(items.get(unitB.id)).toMatchObject({ outcome: 'refused', number: null, code: 'issue.forbidden' });
    expect(items.get(claimed.id)).toMatchObject({ outcome: 'refused', code: 'issue.wrong_state' });
    expect(items.get(stranger)).toMatchObject({ outcome: 'refused', code: 'issue.not_found' });

    const after = await ledgerOf([...mine.map((m) => m.id), unitB.id, claimed.id], 'claim');
    for (const m of mine) expect(after.count(m.id)).toBe(1);
    // A refused issue is untouched: no event, same version.
    expect(after.count(unitB.id)).toBe(0);
    expect(after.version(unitB.id)).toBe(before.version(unitB.id));
    expect(after.version(claimed.id)).toBe(before.version(claimed.id));

    // The same request again with its key: the first answer, nothing written twice.
    const again = await batch('handlerA', 'claim', { ids }, { 'idempotency-key': `claim-${t.d.tag}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);
    const still = await ledgerOf(
      mine.map((m) => m.id),
      'claim',
    );
    for (const m of mine) expect(still.count(m.id)).toBe(1);
  });

  it('refuses whoever is not a handler or unit head, and a bad list naming ids', async () => {
    const issue = await t.dispatched('entA');
    expectProblem(await batch('dispatcher', 'claim', { ids: [issue.id] }), 403);
    expectProblem(await batch('entA', 'claim', { ids: [issue.id] }), 403);
    expect(fieldsOf(expectProblem(await batch('handlerA', 'claim', { ids: [] }), 400))).toEqual(['ids']);
    expect(fieldsOf(expectProblem(await batch('handlerA', 'claim', { ids: ['x'] }), 400))).toEqual(['ids.0']);
    expect(fieldsOf(expectProblem(await batch('handlerA', 'claim', { ids: Array.from({ length: 101 }, () => t.d.newId()) }), 400))).toEqual(['ids']);
    expect((await ledgerOf([issue.id], 'claim')).count(issue.id)).toBe(0);
  });
});

describe('批量派单', () => {
  it("lists with the assignment's defaults and dispatches, refusing an issue already sent", async () => {
    const waiting = [await t.file('entA'), await t.file('entB')];
    const listed = await t.file('entA');
    await t.ok('dispatcher', listed.id, 'list', { leaderId: t.d.leaderB, leadUnitId: t.d.unitB });
    const sent = await t.dispatched('entA');
    const res = await batch('dispatcher', 'dispatch', { ids: [...waiting.map((w) => w.id), listed.id, sent.id] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Batch;
    expect([body.ok, body.refused]).toEqual([3, 1]);
    expect(byId(body).get(sent.id)).toMatchObject({ outcome: 'refused', code: 'issue.wrong_state' });
    const rows = await t.api.db
      .selectFrom('issues')
      .select(['id', 'stage', 'leader_id', 'lead_unit_id'])
      .where('id', 'in', [...waiting.map((w) => w.id), listed.id])
      .execute();
    for (const w of waiting) expect(rows.find((r) => r.id === w.id)).toMatchObject({ stage: 'awaitingClaim', leader_id: t.d.leaderA, lead_unit_id: t.d.unitA });
    // Listed already: dispatched as the dispatcher listed it, not listed again.
    expect(rows.find((r) => r.id === listed.id)).toMatchObject({ stage: 'awaitingClaim', leader_id: t.d.leaderB, lead_unit_id: t.d.unitB });
    const ledger = await ledgerOf([...waiting.map((w) => w.id), listed.id, sent.id], 'dispatch');
    for (const id of [...waiting.map((w) => w.id), listed.id, sent.id]) expect(ledger.count(id)).toBe(1);
    expectProblem(await batch('handlerA', 'dispatch', { ids: [waiting[0]!.id] }), 403);
  });
});

describe('batch 督办', () => {
  it('issues an order on each overdue issue and refuses the others with their codes', async () => {
    const late = [await t.dispatched('entA'), await t.dispatched('entB')];
    const fresh = await t.dispatched('entA');
    await t.api.db
      .updateTable('issues')
      .set({ claim_due_at: new Date(Date.now() - 3_600_000) })
      .where(
        'id',
        'in',
        late.map((l) => l.id),
      )
      .execute();
    const body = { ids: [...late.map((l) => l.id), fresh.id], requiredReply: '请说明超期原因及办结时间', dueIn: { amount: 2, unit: 'workingDays' } };
    const res = await batch('supervisor', 'supervision-orders', body);
    expect(res.statusCode, res.body).toBe(200);
    const first = byId(res.json() as Batch);
    for (const l of late) expect(first.get(l.id)).toMatchObject({ outcome: 'ok', number: l.number });
    expect(first.get(fresh.id)).toMatchObject({ outcome: 'refused', code: 'issue.not_overdue' });
    // Again: each late issue has its order open, so each is refused; still one order each.
    const again = byId((await batch('supervisor', 'supervision-orders', body)).json() as Batch);
    for (const l of late) expect(again.get(l.id)).toMatchObject({ outcome: 'refused', code: 'issue.supervision_order_open' });
    const orders = await t.api.db
      .selectFrom('supervision_orders')
      .select('issue_id')
      .where('issue_id', 'in', [...late.map((l) => l.id), fresh.id])
      .execute();
    expect(orders.map((o) => o.issue_id).sort()).toEqual(late.map((l) => l.id).sort());

    const past = await batch('supervisor', 'supervision-orders', { ...body, dueIn: undefined, dueAt: '2026-01-01T10:00:00+08:00' });
    expect(fieldsOf(expectProblem(past, 400))).toEqual(['dueAt']);
    expectProblem(await batch('dispatcher', 'supervision-orders', body), 403);
  });
});
