import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep } from '@huiyin/engine';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Filed, type Who } from './e2e-district.ts';

let t: E2eDistrict;
/** Issues of this file's district, dispatched to unit A and past their claim time. */
let overdue: Filed[] = [];
/** Issues filed and waiting to be listed. */
let waiting: Filed[] = [];

beforeAll(async () => {
  t = await openDistrict();
  waiting = [];
  for (let i = 0; i < 5; i++) waiting.push(await t.file(i % 2 ? 'entA' : 'entB'));
  overdue = [];
  for (let i = 0; i < 7; i++) overdue.push(await t.dispatched(i % 2 ? 'entA' : 'entB'));
  // Past their claim time by 1..7 hours: the clock would have got here by itself, slower.
  for (const [i, issue] of overdue.entries()) {
    await t.api.db
      .updateTable('issues')
      .set({ claim_due_at: new Date(Date.now() - (i + 1) * 3_600_000) })
      .where('id', '=', issue.id)
      .execute();
  }
}, 60_000);
afterAll(() => t.close());

type Paged = { items: Array<Record<string, unknown>>; nextCursor: string | null };

/** Every page of a list, `limit` rows at a time, following nextCursor to the end. */
async function walk(who: Who, url: string, limit: number) {
  const pages: Paged[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await t.get(who, `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Paged;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(500);
  } while (cursor);
  return { pages, rows: pages.flatMap((p) => p.items) };
}

/** Each of `ids` once in `got`, and no row twice. */
function expectEachOnce(got: string[], ids: string[]) {
  expect(new Set(got).size).toBe(got.length);
  for (const id of ids) expect(got.filter((g) => g === id)).toHaveLength(1);
}

describe('work lists page on the server', () => {
  it("walks the unit head's inbox two tasks at a time: every task once, soonest due first", async () => {
    const whole = await walk('headA', '/api/v1/inbox', 500);
    const { pages, rows } = await walk('headA', '/api/v1/inbox', 2);
    expect(pages.length).toBeGreaterThan(3);
    const key = (r: Record<string, unknown>) => `${String(r['task'])}:${String(r['issueId'])}`;
    expect(rows.map(key)).toEqual(whole.rows.map(key));
    expectEachOnce(
      rows.filter((r) => r['task'] === 'claim').map((r) => String(r['issueId'])),
      overdue.map((o) => o.id),
    );
    const due = rows.map((r) => (r['dueAt'] ? Date.parse(String(r['dueAt'])) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    // Rows carry no paging key of their own.
    expect(rows[0]).not.toHaveProperty('pageKey');
    expect(rows[0]).not.toHaveProperty('ref');
  });

  it('walks the listing queue: every waiting issue once, the oldest first', async () => {
    const { pages, rows } = await walk('dispatcher', '/api/v1/listing-queue', 3);
    expect(pages.length).toBeGreaterThan(1);
    const ids = rows.map((r) => String(r['id']));
    expectEachOnce(
      ids,
      waiting.map((w) => w.id),
    );
    const mine = ids.filter((id) => waiting.some((w) => w.id === id));
    expect(mine).toEqual(waiting.map((w) => w.id));
  });

  it('walks the overdue list: every overdue issue once, most overdue first', async () => {
    const { pages, rows } = await walk('supervisor', '/api/v1/supervision/overdue', 2);
    expect(pages.length).toBeGreaterThan(3);
    const ids = rows.map((r) => String(r['id']));
    expectEachOnce(
      ids,
      overdue.map((o) => o.id),
    );
    // The longest overdue (7 h) first among this district's.
    expect(ids.filter((id) => overdue.some((o) => o.id === id))).toEqual([...overdue].reverse().map((o) => o.id));
    // Leader A sees them too; leader B, whose enterprises they are not, none.
    expectEachOnce(
      (await walk('leaderA', '/api/v1/supervision/overdue', 4)).rows.map((r) => String(r['id'])),
      overdue.map((o) => o.id),
    );
    expect((await walk('leaderB', '/api/v1/supervision/overdue', 4)).rows.map((r) => String(r['id'])).filter((id) => overdue.some((o) => o.id === id))).toEqual([]);
  });

  it('refuses a forged cursor on every list with a 400 naming cursor', async () => {
    const forged = [
      'bm90LWEtY3Vyc29y',
      Buffer.from('["2026-02-31T00:00:00+08:00","claim","7d4b3c1e-0000-4000-8000-000000000000"]').toString('base64url'),
      // The inbox's shape with an offset PostgreSQL refuses, then with a text PostgreSQL cannot hold (each was a 500).
      Buffer.from('["2026-02-01T00:00:00+99:00","claim","7d4b3c1e-0000-4000-8000-000000000000"]').toString('base64url'),
      Buffer.from('["2026-02-01T00:00:00+08:00","cl\\ud800","7d4b3c1e-0000-4000-8000-000000000000"]').toString('base64url'),
      Buffer.from('[true,"x"]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      '%%%',
    ];
    for (const url of ['/api/v1/inbox', '/api/v1/listing-queue', '/api/v1/supervision/overdue', '/api/v1/supervision/orders', '/api/v1/leaders/me/enterprises']) {
      for (const c of forged) {
        const res = await t.get(url.includes('leaders') ? 'leaderA' : 'supervisor', `${url}?cursor=${encodeURIComponent(c)}`);
        expect(res.statusCode, `${url} ${c}: ${res.body}`).toBe(400);
        const body = expectProblem(res, 400);
        expect(JSON.stringify(body)).toContain('cursor');
      }
    }
  });
});

describe('supervision issues a 督办单 by hand', () => {
  it('issues one on an overdue issue: order, event, version, notices; a second is a 409; the unit head replies', async () => {
    const issue = overdue[0]!;
    const before = (await t.get('supervisor', `/api/v1/issues/${issue.id}`)).json() as { version: number };
    const url = `/api/v1/issues/${issue.id}/supervision-orders`;
    const body = { requiredReply: '书面说明超期未签收的原因和整改措施', dueIn: { amount: 2, unit: 'hours' } };
    expectProblem(await t.api.call(t.as('headA'), 'POST', url, body), 403);
    expectProblem(await t.api.call(t.as('leaderA'), 'POST', url, body), 403);
    const res = await t.api.call(t.as('supervisor'), 'POST', url, body);
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json() as { id: string; dueAt: string; version: number; unitId: string };
    expect(order.unitId).toBe(t.d.unitA);
    expect(order.version).toBe(before.version + 1);
    expect(Math.abs(Date.parse(order.dueAt) - Date.now() - 2 * 3_600_000)).toBeLessThan(60_000);

    // One event per version, the last one the order.
    const events = await t.api.db.selectFrom('issue_events').select(['seq', 'type', 'payload']).where('issue_id', '=', issue.id).orderBy('seq').execute();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ seq: order.version, type: 'supervisionOrder', payload: expect.objectContaining({ orderId: order.id, byHand: true }) });
    // The unit's heads and the leader hear of it.
    const outbox = await t.api.db.selectFrom('outbox').select(['payload']).where('issue_id', '=', issue.id).execute();
    const to = outbox
      .map((o) => JSON.stringify(o.payload))
      .filter((p) => p.includes('【督办单】'))
      .join(' ');
    expect(to).toContain(`head-a-${t.d.tag}`);
    expect(to).toContain(`leader-a-${t.d.tag}`);

    const again = expectProblem(await t.api.call(t.as('supervisor'), 'POST', url, body), 409);
    expect(again.code).toBe('issue.supervision_order_open');

    // Listed with its own deadline and who issued it; in the unit head's inbox.
    const listed = (await t.get('headA', `/api/v1/supervision/orders?open=true&issueId=${issue.id}`)).json() as Paged;
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: order.id, dueAt: order.dueAt, clock: null, issuedByName: expect.any(String) });
    const inbox = (await walk('headA', '/api/v1/inbox', 100)).rows;
    expect(inbox.filter((r) => r['task'] === 'supervisionOrder' && r['issueId'] === issue.id)).toHaveLength(1);
    const reply = await t.api.call(t.as('headA'), 'POST', `/api/v1/supervision/orders/${order.id}/reply`, { reply: '已安排专人当日签收，超期系人员调整所致。' });
    expect(reply.statusCode, reply.body).toBe(200);
    // open=false keeps the answered ones only, open=true the others.
    const answered = (await t.get('headA', `/api/v1/supervision/orders?open=false&issueId=${issue.id}`)).json() as Paged;
    expect(answered.items.map((o) => o['id'])).toEqual([order.id]);
    expect(((await t.get('headA', `/api/v1/supervision/orders?open=true&issueId=${issue.id}`)).json() as Paged).items).toEqual([]);
    // Answered: another may be issued.
    expect((await t.api.call(t.as('supervisor'), 'POST', url, { requiredReply: '再次督办', dueAt: new Date(Date.now() + 86_400_000).toISOString() })).statusCode).toBe(201);
  });

  it('a clock reaching supervision while a hand-issued order is open points to it instead of opening a second', async () => {
    const issue = overdue[2]!;
    const res = await t.api.call(t.as('supervisor'), 'POST', `/api/v1/issues/${issue.id}/supervision-orders`, { requiredReply: '说明超期原因', dueIn: { amount: 4, unit: 'hours' } });
    expect(res.statusCode, res.body).toBe(201);
    const hand = res.json() as { id: string; dueAt: string };
    // The claim clock walks its track, each step at its own time, up to supervision.
    const deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
    for (let i = 0; i < 10; i++) {
      const c = await t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('kind', '=', 'claim').executeTakeFirstOrThrow();
      if (c.step === 'supervision' || !c.next_step || !c.next_step_at) break;
      const at = c.next_step_at;
      expect((await fireClockStep({ ...deps, clock: () => at }, { clockId: c.id, step: c.next_step, version: c.version })).outcome).toBe('applied');
    }
    const orders = await t.api.db.selectFrom('supervision_orders').select(['id', 'clock_id']).where('issue_id', '=', issue.id).execute();
    expect(orders).toEqual([{ id: hand.id, clock_id: null }]);
    const step = await t.api.db.selectFrom('issue_events').select('payload').where('issue_id', '=', issue.id).where('type', '=', 'trackStep').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(step.payload).toMatchObject({ step: 'supervision', standingOrderId: hand.id, supervisionOrderDueAt: hand.dueAt });
  });

  it('refuses bad input naming the fields, a closed or on-time issue with a 409, and writes nothing', async () => {
    const issue = overdue[1]!;
    const url = `/api/v1/issues/${issue.id}/supervision-orders`;
    const count = async () => (await t.api.db.selectFrom('supervision_orders').select('id').where('issue_id', '=', issue.id).execute()).length;
    const cases: Array<[object, string]> = [
      [{ dueIn: { amount: 1, unit: 'hours' } }, 'requiredReply'],
      [{ requiredReply: '说明' }, 'dueIn'],
      [{ requiredReply: '说明', dueIn: { amount: 1, unit: 'hours' }, dueAt: new Date(Date.now() + 3_600_000).toISOString() }, 'dueIn'],
      [{ requiredReply: '说明', dueIn: { amount: 0, unit: 'fortnights' } }, 'dueIn.amount'],
      [{ requiredReply: '说明', dueAt: 'tomorrow' }, 'dueAt'],
      [{ requiredReply: '说明', dueAt: '2020-01-01T00:00:00Z' }, 'dueAt'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await t.api.call(t.as('supervisor'), 'POST', url, body), 400);
      const named = [...fieldsOf(p), String(p['field'] ?? '')];
      expect(
        named.some((f) => f === field || f === `body.${field}` || f.startsWith(field)),
        `${JSON.stringify(body)} → ${JSON.stringify(p)}`,
      ).toBe(true);
    }
    expect(await count()).toBe(0);
    expectProblem(await t.api.call(t.as('supervisor'), 'POST', `/api/v1/issues/${t.d.newId()}/supervision-orders`, { requiredReply: '说明', dueIn: { amount: 1, unit: 'hours' } }), 404);
    // Not overdue: a fresh dispatch still has its claim time ahead.
    const fresh = await t.dispatched('entA');
    const early = expectProblem(await t.api.call(t.as('supervisor'), 'POST', `/api/v1/issues/${fresh.id}/supervision-orders`, { requiredReply: '说明', dueIn: { amount: 1, unit: 'hours' } }), 409);
    expect(early.code).toBe('issue.not_overdue');
    // Withdrawn: closed.
    await t.ok('entA', fresh.id, 'withdraw', { reason: '已自行解决' });
    expectProblem(await t.api.call(t.as('supervisor'), 'POST', `/api/v1/issues/${fresh.id}/supervision-orders`, { requiredReply: '说明', dueIn: { amount: 1, unit: 'hours' } }), 409);
  });
});

describe("a leader's enterprises", () => {
  it('pages the signed-in leader’s enterprises with their open issue counts, scoped by role', async () => {
    const { pages, rows } = await walk('leaderA', '/api/v1/leaders/me/enterprises', 1);
    expect(pages).toHaveLength(2);
    expect(rows.map((r) => r['id']).sort()).toEqual([t.d.entA.id, t.d.entB.id].sort());
    const a = rows.find((r) => r['id'] === t.d.entA.id)!;
    const openA = (await t.api.db.selectFrom('issues').select('id').where('enterprise_id', '=', t.d.entA.id).where('closed_at', 'is', null).execute()).length;
    expect(a['openIssues']).toBe(openA);
    expect(a['overdueIssues']).toBeGreaterThanOrEqual(3);
    // Supervision reads any leader's; the unit those it shares; another leader none of A's.
    expect((await walk('supervisor', `/api/v1/leaders/${t.d.leaderA}/enterprises`, 50)).rows).toHaveLength(2);
    expect((await walk('headA', `/api/v1/leaders/${t.d.leaderA}/enterprises`, 50)).rows).toHaveLength(2);
    expect((await walk('headB', `/api/v1/leaders/${t.d.leaderA}/enterprises`, 50)).rows).toHaveLength(0);
    expectProblem(await t.get('leaderB', `/api/v1/leaders/${t.d.leaderA}/enterprises`), 403);
    expect((await walk('leaderB', '/api/v1/leaders/me/enterprises', 50)).rows).toHaveLength(0);
    expectProblem(await t.get('supervisor', '/api/v1/leaders/me/enterprises'), 400);
    expectProblem(await t.get('entA', '/api/v1/leaders/me/enterprises'), 403);
  });
});
