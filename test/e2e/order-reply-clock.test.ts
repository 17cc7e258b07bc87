import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { escalateOverdueOrders, type EngineDeps } from '@huiyin/engine';
import { bulletinPeriodOf } from '@huiyin/reports';
import { ownDatabase } from '../support/own-database.ts';
import { openDistrict, type E2eDistrict } from './e2e-district.ts';

// A 督办单 nobody answers is not forgotten (docs/domain.md#supervision-orders): past its reply due
// time it escalates once, to the unit's head, the leader and supervision, shows as overdue in the
// order list and is listed in the bulletin. The workers' catch-up runs `escalateOverdueOrders`
// several times a second; here it is called as the catch-up would, on a database of the file's
// own (it escalates every order due, whoever's).

let own: Awaited<ReturnType<typeof ownDatabase>>;
let t: E2eDistrict;
let deps: EngineDeps;

beforeAll(async () => {
  own = await ownDatabase('order_reply');
  t = await openDistrict({ DATABASE_URL: own.url });
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
});
afterAll(async () => {
  await t.close();
  await own.drop();
});

type Order = { id: string; issueId: string; replyDueAt: string; replyOverdue: boolean; escalatedAt: string | null; repliedAt: string | null };
const ordersOf = async (issueId: string) => ((await t.get('supervisor', `/api/v1/supervision/orders?limit=100&issueId=${issueId}`)).json() as { items: Order[] }).items;
const sleepUntil = async (at: number) => {
  while (Date.now() <= at + 20) await new Promise((r) => setTimeout(r, 100));
};

describe('the reply clock of a 督办单', () => {
  it('escalates an unanswered order once past its reply due time, and the bulletin lists it', async () => {
    const issue = await t.inProgress({ timeLimit: { amount: 1, unit: 'seconds' } });
    const handlingDue = Date.parse((await t.ok('handlerA', issue.id, 'interim-reply', { body: '正在协调' })).handlingDueAt ?? '');
    await sleepUntil(handlingDue);
    const issued = await t.api.call(await t.api.login(t.d.people.supervisor.login), 'POST', `/api/v1/issues/${issue.id}/supervision-orders`, {
      requiredReply: '书面说明超期原因',
      dueIn: { amount: 2, unit: 'seconds' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const [before] = await ordersOf(issue.id);
    expect(before).toMatchObject({ replyOverdue: false, escalatedAt: null, repliedAt: null });
    // Not due yet: nothing to do.
    expect(await escalateOverdueOrders(deps)).not.toContain(before?.id);

    await sleepUntil(Date.parse(before?.replyDueAt ?? ''));
    const escalated = await escalateOverdueOrders(deps);
    expect(escalated).toContain(before?.id);
    // Once: a second round, or another worker, finds nothing.
    expect(await escalateOverdueOrders(deps)).not.toContain(before?.id);
    const [after] = await ordersOf(issue.id);
    expect(after).toMatchObject({ replyOverdue: true, repliedAt: null });
    expect(after?.escalatedAt).not.toBeNull();

    const events = await t.api.db.selectFrom('issue_events').select(['type', 'payload']).where('issue_id', '=', issue.id).where('type', '=', 'supervisionOrderOverdue').execute();
    expect(events).toEqual([expect.objectContaining({ payload: expect.objectContaining({ orderId: before?.id }) })]);
    const mails = (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).execute())
      .map((m) => m.payload as { to: string[]; subject: string })
      .filter((m) => m.subject.startsWith('【督办超期未复】'));
    expect(mails).toHaveLength(1);
    const to = mails[0]?.to.join(' ') ?? '';
    for (const who of ['headA', 'leaderA', 'supervisor'] as const) expect(to).toContain(t.d.people[who].login);
    // The enterprise hears nothing of it.
    expect(((await t.get('entA', `/api/v1/issues/${issue.id}/timeline`)).json() as Array<{ type: string }>).map((e) => e.type)).not.toContain('supervisionOrderOverdue');

    // A late reply is taken, and the order stays late.
    expect((await t.api.call(await t.api.login(t.d.people.headA.login), 'POST', `/api/v1/supervision/orders/${before?.id}/reply`, { reply: '已说明' })).statusCode).toBe(200);
    expect((await ordersOf(issue.id))[0]).toMatchObject({ replyOverdue: true });

    const period = bulletinPeriodOf(new Date()).id;
    const bulletin = await t.api.call(await t.api.login(t.d.people.supervisor.login), 'POST', '/api/v1/bulletins', { period });
    expect(bulletin.statusCode, bulletin.body).toBe(201);
    const late = (bulletin.json() as { content: { lateOrders: Array<{ orderId: string; repliedAt: string | null; escalatedAt: string | null }> } }).content.lateOrders;
    expect(late).toContainEqual(expect.objectContaining({ orderId: before?.id, escalatedAt: after?.escalatedAt }));
  });

  it('leaves an order answered in time alone', async () => {
    const issue = await t.inProgress({ timeLimit: { amount: 1, unit: 'seconds' } });
    // Signed in first, and 5 s to answer: a sign-in (a password hash) on a loaded machine can
    // take longer than a second by itself, and the answer must come in time for this test.
    const [supervisor, head] = [await t.api.login(t.d.people.supervisor.login), await t.api.login(t.d.people.headA.login)];
    await sleepUntil(Date.now() + 1100);
    const issued = await t.api.call(supervisor, 'POST', `/api/v1/issues/${issue.id}/supervision-orders`, {
      requiredReply: '书面说明超期原因',
      dueIn: { amount: 5, unit: 'seconds' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const [order] = await ordersOf(issue.id);
    expect((await t.api.call(head, 'POST', `/api/v1/supervision/orders/${order?.id}/reply`, { reply: '已说明' })).statusCode).toBe(200);
    await sleepUntil(Date.parse(order?.replyDueAt ?? ''));
    expect(await escalateOverdueOrders(deps)).not.toContain(order?.id);
    expect((await ordersOf(issue.id))[0]).toMatchObject({ replyOverdue: false, escalatedAt: null });
  });
});
