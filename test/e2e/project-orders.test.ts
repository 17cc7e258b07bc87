import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, shanghaiDate } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { addDays } from '../../workflows/project/src/report-periods.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { callAs } from '../support/call-as.ts';
import { ownDatabase } from '../support/own-database.ts';

// A key project's 督办单, seen and answered like an issue's. The milestone's clock is walked to
// supervision by the real step function at each step's own time (as the seed's catch-up does),
// so no test waits on a timer; the reply then goes through the API at the wall clock.
const POLICY = {
  reminderBeforeSeconds: 6,
  yellowBeforeSeconds: 3,
  leaderAfterSeconds: 2,
  supervisionAfterSeconds: 4,
  supervisionOrderLimit: { amount: 3, unit: 'workingDays' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
const TYPE = 'order_test';
const today = shanghaiDate(new Date());

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let deps: EngineDeps;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  own = await ownDatabase('project_orders');
  api = await startApi({ DATABASE_URL: own.url });
  deps = { db: api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  d = await createDistrict(api.db);
  await api.db
    .insertInto('project_types')
    .values({ code: TYPE, name: '督办测试类', name_en: 'order test', sort: 98, track_policy: JSON.stringify(POLICY), report_track_policy: JSON.stringify(POLICY) })
    .execute();
  for (const [who, p] of Object.entries(d.people)) tokens[who] = await api.login(p.login);
}, 60_000);

afterAll(async () => {
  await api.close();
  await own.drop();
});

const call = callAs(() => api, tokens);

type Order = {
  id: string;
  issueId: string | null;
  number: string | null;
  title: string;
  projectId: string | null;
  projectName: string | null;
  unitId: string;
  clock: string | null;
  repliedAt: string | null;
};
const ordersOf = async (who: string, query = '') => ((await call(who, 'GET', `/api/v1/supervision/orders?limit=100${query}`)) as { items: Order[] }).items;
type Task = { task: string; issueId: string | null; projectId?: string | null; title: string; number: string };
const inboxOf = async (who: string) => ((await call(who, 'GET', '/api/v1/inbox?limit=100')) as { items: Task[] }).items;

describe("a key project's 督办单", () => {
  let projectId = '';
  let orderId = '';

  beforeAll(async () => {
    const p = (await call(
      'dispatcher',
      'POST',
      '/api/v1/projects',
      {
        name: `督办项目-${d.tag}`,
        type: TYPE,
        totalInvestment: 30_000,
        planYear: Number(today.slice(0, 4)),
        plannedInvestmentYear: 8_000,
        leaderId: d.leaderB,
        unitId: d.unitB,
        teamOfficialIds: [],
        startDate: addDays(today, -30),
        plannedCompletion: addDays(today, 120),
      },
      201,
    )) as { id: string };
    projectId = p.id;
    await call('leaderB', 'POST', `/api/v1/projects/${projectId}/milestones`, { milestones: [{ name: '桩基完成', dueOn: addDays(today, 2) }] }, 201);
    await call('headB', 'POST', `/api/v1/projects/${projectId}/start`, {});
    const milestone = await api.db.selectFrom('project_milestones').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    // Each step fired at its own time, until the clock has issued its order.
    for (let i = 0; i < 10; i++) {
      const c = await api.db.selectFrom('clocks').selectAll().where('project_id', '=', projectId).where('subject', '=', milestone.id).executeTakeFirstOrThrow();
      if (c.step === 'supervision' || !c.next_step || !c.next_step_at) break;
      const at = c.next_step_at;
      const fired = await fireClockStep({ ...deps, clock: () => at }, { clockId: c.id, step: c.next_step, version: c.version });
      expect(fired.outcome).toBe('applied');
    }
    const order = await api.db.selectFrom('supervision_orders').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ issue_id: null, unit_id: d.unitB, replied_at: null });
    orderId = order.id;
  }, 60_000);

  it('is listed for supervision, the unit and the project leader, with the project in place of the issue', async () => {
    const mine = (list: Order[]) => list.filter((o) => o.projectId === projectId);
    const expected = { id: orderId, issueId: null, number: null, title: `督办项目-${d.tag}`, projectId, projectName: `督办项目-${d.tag}`, unitId: d.unitB, clock: 'milestone', repliedAt: null };
    expect(mine(await ordersOf('supervisor'))).toMatchObject([expected]);
    expect(mine(await ordersOf('headB', '&open=true'))).toMatchObject([expected]);
    expect(mine(await ordersOf('leaderB'))).toMatchObject([expected]);
    expect(mine(await ordersOf('supervisor', `&projectId=${projectId}`))).toMatchObject([expected]);
    // Another unit, another leader: nothing of it.
    expect(mine(await ordersOf('headA'))).toEqual([]);
    expect(mine(await ordersOf('leaderA'))).toEqual([]);
  });

  it("is a task in the unit head's inbox, leading to the project, and in no other unit's", async () => {
    const task = (await inboxOf('headB')).filter((t) => t.task === 'supervisionOrder' && t.projectId === projectId);
    expect(task).toMatchObject([{ issueId: null, projectId, title: `督办项目-${d.tag}` }]);
    expect((await inboxOf('headA')).filter((t) => t.projectId === projectId)).toEqual([]);
    expect((await inboxOf('handlerB')).filter((t) => t.projectId === projectId)).toEqual([]);
  });

  it('is answered once, by the head of its unit, on the project ledger; supervision hears of it', async () => {
    const unknown = await api.call(tokens['headB'] ?? '', 'POST', `/api/v1/supervision/orders/${d.newId()}/reply`, { reply: '无此单' });
    expect(unknown.statusCode).toBe(404);
    await call('headA', 'POST', `/api/v1/supervision/orders/${orderId}/reply`, { reply: '不是本单位的' }, 403);
    const before = await api.db.selectFrom('projects').select('version').where('id', '=', projectId).executeTakeFirstOrThrow();

    const reply = await call('headB', 'POST', `/api/v1/supervision/orders/${orderId}/reply`, { reply: '已增派两台旋挖钻机，三日内完成桩基。' });
    expect(reply).toMatchObject({ id: orderId, onTime: true });

    const after = await api.db.selectFrom('projects').select('version').where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version + 1);
    const events = await api.db.selectFrom('project_events').select(['type', 'seq', 'payload']).where('project_id', '=', projectId).orderBy('seq').execute();
    // The ledger's sequence is still the project's version: one event per change.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: after.version }, (_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: 'supervisionReply', seq: after.version, payload: { orderId, reply: '已增派两台旋挖钻机，三日内完成桩基。', onTime: true } });

    const supervisorAccount = await api.db.selectFrom('accounts').select('id').where('login', '=', d.people.supervisor.login).executeTakeFirstOrThrow();
    const notices = await api.db
      .selectFrom('notifications')
      .select(['link', 'issue_id', 'subject'])
      .where('account_id', '=', supervisorAccount.id)
      .where('dedupe_key', '=', `order-reply-${orderId}`)
      .execute();
    expect(notices).toEqual([{ link: `/projects/${projectId}`, issue_id: null, subject: `【督办回复】重点项目「督办项目-${d.tag}」` }]);

    await call('headB', 'POST', `/api/v1/supervision/orders/${orderId}/reply`, { reply: '再答一次' }, 409);
    const listed = (await ordersOf('supervisor', `&projectId=${projectId}`))[0];
    expect(listed?.repliedAt).not.toBeNull();
    expect((await inboxOf('headB')).filter((t) => t.projectId === projectId)).toEqual([]);
    expect((await api.db.selectFrom('projects').select('version').where('id', '=', projectId).executeTakeFirstOrThrow()).version).toBe(after.version);
  });
});
