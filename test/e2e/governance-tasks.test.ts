import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { escalateOverdueOrders, type EngineDeps } from '@huiyin/engine';
import { ownDatabase } from '../support/own-database.ts';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Filed, type Who } from './e2e-district.ts';

// 主动治理 (docs/domain.md#supervision-orders): a problem several enterprises filed (同类问题) is
// made one governance task — a 督办单 of kind governance — for one unit, covering the cluster's
// issues. On a database of the file's own: the board's clusters and the reply clock's catch-up
// see only this district.

let own: Awaited<ReturnType<typeof ownDatabase>>;
let t: E2eDistrict;
let deps: EngineDeps;

beforeAll(async () => {
  own = await ownDatabase('governance');
  t = await openDistrict({ DATABASE_URL: own.url });
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
});
afterAll(async () => {
  await t.close();
  await own.drop();
});

type Task = { id: string; title: string; repliedAt: string | null; escalatedAt: string | null; unitName: string | null };
type Cluster = { id: string; name: string; leadUnitId: string | null; issues: Array<{ id: string }>; governanceTask: Task | null };
type Order = { id: string; kind: string; issueCount: number | null; title: string; issueId: string | null; repliedAt: string | null; unitId: string | null };

const make = (who: Who, body: object) => t.api.call(t.as(who), 'POST', '/api/v1/problem-clusters/governance-tasks', body);
const timeline = async (who: Who, id: string) => ((await t.get(who, `/api/v1/issues/${id}/timeline`)).json() as Array<{ type: string; payload?: Record<string, unknown> }>).map((e) => e.type);
async function clusterOf(issueId: string): Promise<Cluster> {
  const res = await t.get('supervisor', '/api/v1/reports/hot-spots?days=90');
  expect(res.statusCode, res.body).toBe(200);
  const cluster = (res.json() as { byProblem: Cluster[] }).byProblem.find((c) => c.issues.some((i) => i.id === issueId));
  expect(cluster).toBeDefined();
  return cluster!;
}
async function ordersOf(who: Who): Promise<Order[]> {
  const res = await t.get(who, '/api/v1/supervision/orders?limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Order[] }).items;
}

/** Filed by `who` with this title, listed with the assignment's defaults (unit A) and dispatched. */
async function dispatched(who: Who, title: string): Promise<Filed> {
  const issue = await t.file(who, { title });
  await t.ok('dispatcher', issue.id, 'list');
  await t.ok('dispatcher', issue.id, 'dispatch');
  return issue;
}

describe('a recurring problem made one governance task (主动治理)', () => {
  it('makes one task of a cluster for its lead unit, tells the unit, closes on the reply, and the cluster shows it', async () => {
    const issues = [await dispatched('entA', '园区北门雨水管网堵塞道路积水'), await dispatched('entB', '园区北门雨水管网堵塞积水严重'), await dispatched('entB', '北门雨水管网堵塞道路积水')];
    const ids = issues.map((i) => i.id);
    const before = await clusterOf(ids[0]!);
    expect(before.issues.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(before.leadUnitId).toBe(t.d.unitA);
    expect(before.governanceTask).toBeNull();

    const made = await make('supervisor', { issueIds: before.issues.map((i) => i.id), unitId: before.leadUnitId, title: before.name, note: '统一排查北门雨水管网并限期疏通' });
    expect(made.statusCode, made.body).toBe(201);
    const task = made.json() as { id: string; unitId: string; dueAt: string; issues: Array<{ id: string }> };
    expect(task.unitId).toBe(t.d.unitA);
    expect(task.issues.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(Date.parse(task.dueAt)).toBeGreaterThan(Date.now());

    // One task for the set: a second one, by anyone, for the same issues is refused and writes nothing.
    const again = expectProblem(await t.writesNothing(() => make('dispatcher', { issueIds: ids, unitId: t.d.unitB, title: '再立一次', note: '重复' })), 409);
    expect(again.code).toBe('issue.governance_task_open');
    expect(fieldsOf(again)).toEqual(['issueIds']);
    expect(again['orderId']).toBe(task.id);
    expect((await t.api.db.selectFrom('supervision_order_issues').select('order_id').where('issue_id', 'in', ids).execute()).map((r) => r.order_id)).toEqual([task.id, task.id, task.id]);

    // Each covered issue's ledger has it, hidden from the enterprise.
    for (const id of ids) expect((await timeline('dispatcher', id)).filter((x) => x === 'governanceTask')).toHaveLength(1);
    expect(await timeline('entA', ids[0]!)).not.toContain('governanceTask');

    // The unit's head is told as of a 督办单: an inbox row and a mail.
    const head = await t.api.db.selectFrom('accounts').select('id').where('login', '=', t.d.people.headA.login).executeTakeFirstOrThrow();
    const inbox = await t.api.db.selectFrom('notifications').select(['subject', 'link']).where('account_id', '=', head.id).where('dedupe_key', '=', `order-${task.id}`).execute();
    expect(inbox).toEqual([{ subject: `【督办单·主动治理】${before.name}`, link: '/orders' }]);
    const mails = (await t.api.db.selectFrom('outbox').select(['topic', 'payload']).where('dedupe_key', '=', `order-${task.id}`).execute()).filter((m) => m.topic === 'mail');
    expect(mails).toHaveLength(1);
    expect((mails[0]!.payload as { to: string[] }).to.join(' ')).toContain(t.d.people.headA.login);
    expect((mails[0]!.payload as { to: string[] }).to.join(' ')).not.toContain(t.d.people.headB.login);

    // Listed among the 督办单 for the unit, as a governance task; the cluster shows it open.
    const listed = (await ordersOf('headA')).find((o) => o.id === task.id);
    expect(listed).toMatchObject({ kind: 'governance', issueCount: 3, title: before.name, issueId: null, repliedAt: null, unitId: t.d.unitA });
    expect((await ordersOf('headB')).map((o) => o.id)).not.toContain(task.id);
    expect((await clusterOf(ids[0]!)).governanceTask).toMatchObject({ id: task.id, repliedAt: null, unitName: '甲局' });

    // Only the head of its unit replies; the reply closes it, on each issue's ledger, and supervision hears.
    expectProblem(await t.api.call(t.as('headB'), 'POST', `/api/v1/supervision/orders/${task.id}/reply`, { reply: '不是我单位' }), 403);
    const replied = await t.api.call(t.as('headA'), 'POST', `/api/v1/supervision/orders/${task.id}/reply`, { reply: '已完成北门管网疏通并建立巡查机制' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ id: task.id, onTime: true });
    expect((await ordersOf('supervisor')).find((o) => o.id === task.id)?.repliedAt).not.toBeNull();
    for (const id of ids) expect(await timeline('dispatcher', id)).toContain('supervisionReply');
    const cluster = await clusterOf(ids[0]!);
    expect(cluster.governanceTask?.id).toBe(task.id);
    expect(cluster.governanceTask?.repliedAt).not.toBeNull();
    const supervisor = await t.api.db.selectFrom('accounts').select('id').where('login', '=', t.d.people.supervisor.login).executeTakeFirstOrThrow();
    expect(await t.api.db.selectFrom('notifications').select('id').where('account_id', '=', supervisor.id).where('dedupe_key', '=', `order-reply-${task.id}`).execute()).toHaveLength(1);

    // Replied, the task no longer stands in the way of a new one.
    expect((await make('dispatcher', { issueIds: ids, unitId: t.d.unitB, title: '第二轮治理', note: '复查' })).statusCode).toBe(201);
  });

  it('refuses bad input naming the field, and anyone but supervision or a dispatcher', async () => {
    const issue = await dispatched('entA', '企业用工招聘渠道不足');
    const good = { issueIds: [issue.id], unitId: t.d.unitA, title: '用工招聘', note: '统一对接招聘渠道' };
    const cases: Array<[object, number, string]> = [
      [{ ...good, issueIds: [] }, 400, 'issueIds'],
      [{ ...good, unitId: undefined }, 400, 'unitId'],
      [{ ...good, title: '  ' }, 400, 'title'],
      [{ ...good, issueIds: [t.d.newId()] }, 404, 'issueIds'],
      [{ ...good, issueIds: [issue.id, 'not-an-id'] }, 400, 'issueIds.1'],
      [{ ...good, unitId: t.d.newId() }, 422, 'unitId'],
    ];
    for (const [body, status, field] of cases) {
      const res = expectProblem(await t.writesNothing(() => make('supervisor', body)), status);
      expect(fieldsOf(res), JSON.stringify(body)).toEqual([field]);
    }
    for (const who of ['handlerA', 'headA', 'leaderA', 'entA'] as const) expect(expectProblem(await make(who, good), 403).code).toBe('auth.forbidden');
    expect(await t.api.db.selectFrom('supervision_order_issues').select('order_id').where('issue_id', '=', issue.id).execute()).toEqual([]);
  });

  it('escalates a task left unanswered past its reply due time, on each covered issue', async () => {
    const a = await dispatched('entA', '园区夜间噪声扰民');
    const b = await dispatched('entB', '园区夜间施工噪声扰民');
    const made = await make('dispatcher', { issueIds: [a.id, b.id], unitId: t.d.unitC, title: '夜间噪声', note: '联合执法' });
    expect(made.statusCode, made.body).toBe(201);
    const id = (made.json() as { id: string }).id;
    // Not due yet: nothing to do. Then its due time passes (moved back rather than waited for).
    expect(await escalateOverdueOrders(deps)).not.toContain(id);
    await t.api.db
      .updateTable('supervision_orders')
      .set({ due_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await escalateOverdueOrders(deps)).toContain(id);
    expect(await escalateOverdueOrders(deps)).not.toContain(id);
    for (const issue of [a, b]) expect((await timeline('dispatcher', issue.id)).filter((x) => x === 'supervisionOrderOverdue')).toHaveLength(1);
    expect((await clusterOf(a.id)).governanceTask?.escalatedAt).not.toBeNull();
    const mails = await t.api.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', `order-overdue-${id}`).where('topic', '=', 'mail').execute();
    expect(mails).toHaveLength(1);
    expect((mails[0]!.payload as { subject: string }).subject).toBe('【督办超期未复】主动治理「夜间噪声」');
  });
});
