import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeLimit } from '@huiyin/calendar';
import { createCalendarFromDb, recomputeOpenClocks, type RefreshableCalendar, type TimerPort, type TimerRequest } from '@huiyin/engine';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { expectProblem, fieldsOf } from './e2e-district.ts';

// A database of this file's own: a calendar declaration recomputes every open issue, and
// `calendar_days` is this file's alone. The engine's clock is ours too: Monday 1 March 2027,
// 10:00 Shanghai (chinese-days knows no holidays in 2027, so only weekends are off).
const T0 = Date.parse('2027-03-01T02:00:00.000Z');
const MIN = 60_000;
let clock = T0;
const at = (minutes: number) => {
  clock = T0 + minutes * MIN;
};

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let cal: RefreshableCalendar;
const timersSet: TimerRequest[] = [];
const timers: TimerPort = { schedule: async (requests) => void timersSet.push(...requests) };
const tokens = new Map<string, string>();

const days = (amount: number): TimeLimit => ({ amount, unit: 'workingDays' });
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  own = await ownDatabase('recompute');
  api = await startApi({ DATABASE_URL: own.url, SESSION_TTL_SECONDS: String(90 * 86_400) }, { calendarFromDb: true, timers, clock: () => new Date(clock) });
  cal = await createCalendarFromDb(api.db);
  d = await createDistrict(api.db);
  const people = { ...d.people, entA: d.entA };
  for (const [who, p] of Object.entries(people)) tokens.set(who, await api.login(p.login));
});

afterAll(async () => {
  await api.close();
  await own.drop();
});

const as = (who: string) => tokens.get(who) ?? '';
const patch = (who: string, id: string, body: unknown) => api.call(as(who), 'PATCH', `/api/v1/categories/${id}`, body);

async function ok(who: string, id: string, action: string, body: object = {}) {
  const res = await api.call(as(who), 'POST', `/api/v1/issues/${id}/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as { version: number; claimDueAt: string | null; handlingDueAt: string | null };
}

/** A category of the test's own, limits in working days, so that counts are exact. */
async function category(handling = 10, claim = 2) {
  const row = await api.db
    .insertInto('categories')
    .values({
      code: `wd-${crypto.randomUUID()}`,
      name: '工作日类',
      green_channel: false,
      claim_limit: JSON.stringify(days(claim)),
      handling_limit: JSON.stringify(days(handling)),
      supplement_limit: JSON.stringify(days(5)),
      rating_limit: JSON.stringify(days(3)),
      rating_timeout_outcome: 'close_unrated',
      // Two extensions on one issue replay in order below.
      max_extensions: 2,
      // Listed without a milestone plan: test/e2e/milestone-plan.test.ts has that rule.
      milestones_required_from: JSON.stringify(days(1000)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function dispatched(categoryId: string, listing: object = {}) {
  const res = await api.call(as('entA'), 'POST', '/api/v1/issues', { categoryId, title: '厂区道路未通电', description: '二期厂房道路照明和动力电未接通。' });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json() as { id: string };
  await ok('dispatcher', id, 'list', listing);
  await ok('dispatcher', id, 'dispatch');
  return id;
}

const issue = async (id: string) =>
  (await api.call(as('dispatcher'), 'GET', `/api/v1/issues/${id}`)).json() as {
    version: number;
    claimDueAt: string;
    handlingDueAt: string;
    timeLimit: TimeLimit;
    timeLimitSource: string;
    assists: Array<{ unitId: string; dueAt: string }>;
  };
const clockOf = (id: string, kind: 'claim' | 'handling' | 'assist') =>
  api.db.selectFrom('clocks').selectAll().where('issue_id', '=', id).where('kind', '=', kind).where('status', '<>', 'stopped').executeTakeFirstOrThrow();
const events = (id: string) => api.db.selectFrom('issue_events').select(['seq', 'type', 'payload', 'actor', 'visible_to_enterprise']).where('issue_id', '=', id).orderBy('seq').execute();

describe('PATCH /api/v1/categories/:id recomputes running clocks', () => {
  it("moves a dispatched issue's handling and assist due times to the new limit, as one recomputeDue event, with new clock versions and timers", async () => {
    at(0);
    const categoryId = await category(10);
    const id = await dispatched(categoryId, { assistingUnitIds: [d.unitC] });
    const before = await issue(id);
    // Monday 1 March + 10 working days: Monday 15 March, 17:30 Shanghai.
    expect(before).toMatchObject({ handlingDueAt: '2027-03-15T09:30:00.000Z', claimDueAt: '2027-03-03T09:30:00.000Z', timeLimit: days(10), timeLimitSource: 'category' });
    const handlingBefore = await clockOf(id, 'handling');
    timersSet.length = 0;

    at(60);
    const res = await patch('admin', categoryId, { handlingLimit: days(15) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ category: { id: categoryId, handlingLimit: days(15), claimLimit: days(2) }, recompute: { recomputed: 1, unchanged: 0, skipped: 0 }, rescheduled: 0 });

    // + 15 working days: Monday 22 March; the assisting unit's task is due a working day before it.
    const after = await issue(id);
    expect(after).toMatchObject({ handlingDueAt: '2027-03-22T09:30:00.000Z', claimDueAt: before.claimDueAt, version: before.version + 1, timeLimit: days(15) });
    expect(after.assists).toMatchObject([{ unitId: d.unitC, dueAt: '2027-03-19T09:30:00.000Z' }]);
    const handling = await clockOf(id, 'handling');
    expect(handling).toMatchObject({ due_at: new Date('2027-03-22T09:30:00.000Z'), status: 'running', version: handlingBefore.version + 1, next_step: 'reminded' });
    // 24 h before is Sunday 21 March: the reminder waits for Monday's first working period.
    expect(handling.next_step_at).toEqual(new Date('2027-03-22T01:00:00.000Z'));
    expect((await clockOf(id, 'assist')).due_at).toEqual(new Date('2027-03-19T09:30:00.000Z'));
    expect(timersSet).toEqual(expect.arrayContaining([expect.objectContaining({ clockId: handling.id, version: handling.version, step: 'reminded' })]));

    const last = (await events(id)).at(-1);
    expect(last).toMatchObject({
      seq: after.version,
      type: 'recomputeDue',
      actor: { kind: 'system' },
      visible_to_enterprise: true,
      payload: {
        reason: 'category_policy',
        changes: [
          { clock: 'handling', previousDueAt: '2027-03-15T09:30:00.000Z', dueAt: '2027-03-22T09:30:00.000Z' },
          // Due the close of the working day before the lead's: Friday 12 March, then Friday 19 March.
          { clock: 'assist', unitId: d.unitC, previousDueAt: '2027-03-12T09:30:00.000Z', dueAt: '2027-03-19T09:30:00.000Z' },
        ],
      },
    });

    // The same limit again moves nothing and writes nothing.
    const again = await patch('admin', categoryId, { handlingLimit: days(15) });
    expect(again.json()).toMatchObject({ recompute: null });
    const claimAgain = await patch('admin', categoryId, { claimLimit: days(2) });
    expect(claimAgain.json()).toMatchObject({ recompute: null });
    // A new supplement limit is looked at, but this issue owes no documents: nothing is written.
    const supplementOnly = await patch('admin', categoryId, { supplementLimit: days(4) });
    expect(supplementOnly.json()).toMatchObject({ recompute: { recomputed: 0, unchanged: 1, skipped: 0 } });
    expect((await issue(id)).version).toBe(after.version);

    // A new claim limit moves the claim clock alone: Monday + 3 working days is Thursday.
    const claim = await patch('admin', categoryId, { claimLimit: days(3) });
    expect(claim.json()).toMatchObject({ recompute: { recomputed: 1 } });
    expect(await issue(id)).toMatchObject({ claimDueAt: '2027-03-04T09:30:00.000Z', handlingDueAt: '2027-03-22T09:30:00.000Z' });
    expect((await events(id)).at(-1)).toMatchObject({
      type: 'recomputeDue',
      visible_to_enterprise: false,
      payload: { changes: [{ clock: 'claim', previousDueAt: '2027-03-03T09:30:00.000Z', dueAt: '2027-03-04T09:30:00.000Z' }] },
    });
  });

  it('adds approved extensions and completed pauses to the new base, in the order they came, and leaves timeliness results as they were', async () => {
    at(0);
    const categoryId = await category(10);
    const id = await dispatched(categoryId);
    at(10);
    await ok('handlerA', id, 'claim');
    await ok('handlerA', id, 'first-contact', { channel: 'phone', note: '已电话联系企业' });
    // An extension, a pause, another extension: the order matters, as working days end at 17:30.
    at(20);
    await ok('handlerA', id, 'extension', { amount: days(1), reason: '需等待供电公司排期' });
    at(30);
    await ok('leaderA', id, 'extension/approve', {});
    // A pause from 11:00 to 14:00: 1.5 working hours (lunch is 12:00–13:30).
    at(60);
    await ok('handlerA', id, 'request-info', { body: '请提供用电报装编号' });
    at(240);
    const resumed = await ok('entA', id, 'supply-info', { body: '报装编号 2027-0301' });
    // 15 March + 1 working day = 16 March 17:30, + 1.5 working hours = 17 March 10:30.
    expect(resumed.handlingDueAt).toBe('2027-03-17T02:30:00.000Z');
    at(250);
    await ok('handlerA', id, 'extension', { amount: days(2), reason: '需等待联合验收' });
    at(260);
    const extended = await ok('leaderA', id, 'extension/approve', {});
    // + 2 working days from 17 March 10:30: the close of 19 March.
    expect(extended.handlingDueAt).toBe('2027-03-19T09:30:00.000Z');
    // A second issue is still waiting on the enterprise: its open pause adds nothing yet.
    at(0);
    const paused = await dispatched(categoryId);
    at(15);
    await ok('handlerA', paused, 'claim');
    await ok('handlerA', paused, 'first-contact', { channel: 'visit', note: '上门了解' });
    at(60);
    await ok('handlerA', paused, 'request-info', { body: '请提供图纸' });
    const frozen = await api.db.selectFrom('timeliness').selectAll().where('issue_id', 'in', [id, paused]).orderBy('id').execute();
    expect(frozen.map((r) => r.what).sort()).toEqual(['claim', 'claim', 'first_contact', 'first_contact', 'listing', 'listing']);

    // With the rules unchanged the replay gives back what the commands computed: nothing moves.
    expect(await recomputeOpenClocks({ db: api.db, calendar: cal, clock: () => new Date(clock) }, { categoryId, reason: 'category_policy' })).toEqual({
      recomputed: 0,
      unchanged: 2,
      skipped: 0,
      timers: [],
    });

    at(300);
    const res = await patch('admin', categoryId, { handlingLimit: days(12) });
    expect(res.json(), res.body).toMatchObject({ recompute: { recomputed: 2, unchanged: 0, skipped: 0 } });

    // New base 17 March 17:30, + 1 working day = 18 March 17:30, + 1.5 working hours = 19 March 10:30,
    // + 2 working days = the close of Tuesday 23 March.
    const pause = cal.workingMsBetween(new Date(T0 + 60 * MIN), new Date(T0 + 240 * MIN));
    const expected = cal.addLimit(cal.addWorkingMs(cal.addLimit(cal.addLimit(new Date(T0), days(12)), days(1)), pause), days(2));
    expect(iso(expected.getTime())).toBe('2027-03-23T09:30:00.000Z');
    expect((await issue(id)).handlingDueAt).toBe('2027-03-23T09:30:00.000Z');
    expect((await clockOf(id, 'handling')).due_at).toEqual(expected);
    expect((await events(id)).at(-1)).toMatchObject({
      type: 'recomputeDue',
      payload: { reason: 'category_policy', changes: [{ clock: 'handling', previousDueAt: '2027-03-19T09:30:00.000Z', dueAt: '2027-03-23T09:30:00.000Z' }] },
    });

    // The paused clock moves but stays paused; the resume then adds its pause to the new due time.
    expect((await issue(paused)).handlingDueAt).toBe('2027-03-17T09:30:00.000Z');
    expect(await clockOf(paused, 'handling')).toMatchObject({ status: 'paused', due_at: new Date('2027-03-17T09:30:00.000Z'), next_step: 'resume' });
    at(360);
    const back = await ok('entA', paused, 'supply-info', { body: '图纸已上传' });
    // 11:00 → 16:00 is 3.5 working hours: from 17 March 17:30 to 18 March 14:00 (lunch is not counted).
    expect(back.handlingDueAt).toBe(iso(cal.addWorkingMs(new Date('2027-03-17T09:30:00.000Z'), cal.workingMsBetween(new Date(T0 + 60 * MIN), new Date(T0 + 360 * MIN))).getTime()));
    expect(back.handlingDueAt).toBe('2027-03-18T06:00:00.000Z');

    const still = await api.db.selectFrom('timeliness').selectAll().where('issue_id', 'in', [id, paused]).orderBy('id').execute();
    expect(still).toEqual(frozen);
  });

  it("keeps the handling limit a dispatcher chose, while the category's claim limit still applies", async () => {
    at(0);
    const categoryId = await category(10);
    const chosen = await dispatched(categoryId, { timeLimit: days(20) });
    const byDefault = await dispatched(categoryId);
    expect(await issue(chosen)).toMatchObject({ timeLimit: days(20), timeLimitSource: 'dispatcher', handlingDueAt: '2027-03-29T09:30:00.000Z' });
    const chosenVersion = (await issue(chosen)).version;

    at(30);
    const res = await patch('admin', categoryId, { handlingLimit: days(5) });
    expect(res.json()).toMatchObject({ recompute: { recomputed: 1, unchanged: 1 } });
    expect(await issue(chosen)).toMatchObject({ handlingDueAt: '2027-03-29T09:30:00.000Z', version: chosenVersion, timeLimit: days(20) });
    expect(await issue(byDefault)).toMatchObject({ handlingDueAt: '2027-03-08T09:30:00.000Z', timeLimit: days(5) });

    const both = await patch('admin', categoryId, { claimLimit: days(1), handlingLimit: days(6) });
    expect(both.json()).toMatchObject({ recompute: { recomputed: 2 } });
    expect(await issue(chosen)).toMatchObject({ claimDueAt: '2027-03-02T09:30:00.000Z', handlingDueAt: '2027-03-29T09:30:00.000Z' });
    expect((await events(chosen)).at(-1)).toMatchObject({ type: 'recomputeDue', payload: { changes: [{ clock: 'claim' }] } });
  });

  it('keeps a claim clock restarted by a denied return on its dispatch-time due (regression)', async () => {
    at(0);
    const categoryId = await category(10);
    const id = await dispatched(categoryId);
    at(10);
    await ok('handlerA', id, 'return', { reason: '不属于本单位职责' });
    // Ruled the next day: the claim clock restarts then, still due on Wednesday 3 March.
    at(24 * 60);
    await ok('dispatcher', id, 'rule-return', { upheld: false, note: '属于本单位职责' });
    expect(await clockOf(id, 'claim')).toMatchObject({ started_at: new Date(T0 + 24 * 60 * MIN), due_at: new Date('2027-03-03T09:30:00.000Z') });
    at(24 * 60 + 30);
    const res = await patch('admin', categoryId, { handlingLimit: days(11) });
    expect(res.json()).toMatchObject({ recompute: { recomputed: 1 } });
    expect((await events(id)).at(-1)).toMatchObject({ payload: { changes: [{ clock: 'handling', dueAt: '2027-03-16T09:30:00.000Z' }] } });
    expect((await issue(id)).claimDueAt).toBe('2027-03-03T09:30:00.000Z');
  });

  it("re-schedules running clocks' next steps on a new track policy, without an event or a due time moving", async () => {
    at(0);
    const categoryId = await category(10);
    const id = await dispatched(categoryId);
    const before = await issue(id);
    const handling = await clockOf(id, 'handling');
    const claim = await clockOf(id, 'claim');
    timersSet.length = 0;

    at(5);
    const res = await patch('admin', categoryId, { trackPolicy: { reminderBeforeSeconds: 3 * 86_400 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ recompute: null, rescheduled: 2, category: { trackPolicy: { reminderBeforeSeconds: 3 * 86_400, yellowBeforeSeconds: 4 * 3600 } } });
    expect(await issue(id)).toMatchObject({ version: before.version, handlingDueAt: before.handlingDueAt, claimDueAt: before.claimDueAt });
    const moved = await clockOf(id, 'handling');
    expect(moved).toMatchObject({ due_at: handling.due_at, step: 'on_time', next_step: 'reminded', version: handling.version + 1 });
    // Three days before Monday 15 March 17:30 is the close of Friday 12 March: a working time, kept.
    expect(moved.next_step_at).toEqual(new Date(handling.due_at.getTime() - 3 * 86_400_000));
    // Three days before the claim's Wednesday is past: the reminder comes now, in working hours.
    expect(await clockOf(id, 'claim')).toMatchObject({ due_at: claim.due_at, next_step: 'reminded', next_step_at: new Date(T0 + 5 * MIN), version: claim.version + 1 });
    expect(timersSet.map((t) => [t.clockId, t.version]).sort()).toEqual(
      [
        [claim.id, claim.version + 1],
        [handling.id, handling.version + 1],
      ].sort(),
    );
    expect((await events(id)).at(-1)?.type).toBe('dispatch');
  });

  it('is for admins, names a bad field with 400, and 404s an unknown category; nothing changes', async () => {
    const categoryId = await category(10);
    for (const who of ['dispatcher', 'handlerA', 'leaderA', 'entA']) {
      expect(expectProblem(await patch(who, categoryId, { handlingLimit: days(3) }), 403).code).toBe('auth.forbidden');
    }
    expectProblem(await api.call(null, 'PATCH', `/api/v1/categories/${categoryId}`, { handlingLimit: days(3) }), 401);
    const cases: Array<[unknown, string[]]> = [
      [{ handlingLimit: { amount: 0, unit: 'workingDays' } }, ['handlingLimit.amount']],
      [{ claimLimit: { amount: 2, unit: 'fortnights' } }, ['claimLimit.unit']],
      [{ greenChannel: 'yes' }, ['greenChannel']],
      [{ trackPolicy: { reminderBeforeSeconds: -1 } }, ['trackPolicy.reminderBeforeSeconds']],
      [{}, ['body']],
      // A misspelt field is named (the body is strict), not taken for an empty change.
      [{ handlingLimt: days(3) }, ['handlingLimt']],
    ];
    for (const [body, fields] of cases) {
      expect(fieldsOf(expectProblem(await patch('admin', categoryId, body), 400)), JSON.stringify(body)).toEqual(fields);
    }
    expect(expectProblem(await patch('admin', crypto.randomUUID(), { handlingLimit: days(3) }), 404).code).toBe('category.not_found');
    const row = await api.db.selectFrom('categories').select(['handling_limit', 'claim_limit', 'green_channel']).where('id', '=', categoryId).executeTakeFirstOrThrow();
    expect(row).toEqual({ handling_limit: days(10), claim_limit: days(2), green_channel: false });
  });
});

describe('POST /api/v1/calendar/days recomputes running clocks', () => {
  it('moves a running handling clock by one working day when a day inside its period becomes a holiday', async () => {
    at(0);
    const categoryId = await category(30);
    const id = await dispatched(categoryId);
    const before = await issue(id);
    // Monday 1 March + 30 working days: Monday 12 April.
    expect(before.handlingDueAt).toBe('2027-04-12T09:30:00.000Z');
    const handling = await clockOf(id, 'handling');
    const openBefore = await api.db.selectFrom('issues').select(['id', 'version']).where('closed_at', 'is', null).execute();

    at(45);
    const res = await api.call(as('admin'), 'POST', '/api/v1/calendar/days', { source: '示例（非官方）：测试用', days: [{ date: '2027-03-10', kind: 'holiday', name: '测试假日' }] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { count: number; recompute: { recomputed: number; unchanged: number; skipped: number } };
    expect(body.count).toBe(1);
    await cal.refresh();

    const after = await issue(id);
    expect(after.handlingDueAt).toBe('2027-04-13T09:30:00.000Z');
    expect(after.handlingDueAt).toBe(iso(cal.addWorkingDays(new Date(before.handlingDueAt), 1).getTime()));
    // Its claim was due on 3 March, before the holiday: it stays.
    expect(after.claimDueAt).toBe(before.claimDueAt);
    expect(await clockOf(id, 'handling')).toMatchObject({ due_at: new Date('2027-04-13T09:30:00.000Z'), version: handling.version + 1 });
    expect((await events(id)).at(-1)).toMatchObject({
      type: 'recomputeDue',
      payload: { reason: 'calendar', changes: [{ clock: 'handling', previousDueAt: '2027-04-12T09:30:00.000Z', dueAt: '2027-04-13T09:30:00.000Z' }] },
    });

    // Every open issue was looked at once: those that moved have one event more.
    const openAfter = new Map((await api.db.selectFrom('issues').select(['id', 'version']).where('closed_at', 'is', null).execute()).map((r) => [r.id, r.version]));
    const moved = openBefore.filter((r) => openAfter.get(r.id) === r.version + 1).length;
    expect(body.recompute).toEqual({ recomputed: moved, unchanged: expect.any(Number), skipped: 0 });
    expect(moved).toBeGreaterThanOrEqual(1);
  });

  it('is for admins', async () => {
    const res = await api.call(as('dispatcher'), 'POST', '/api/v1/calendar/days', { source: 'admin', days: [{ date: '2027-03-11', kind: 'holiday' }] });
    expect(expectProblem(res, 403).code).toBe('auth.forbidden');
  });
});

describe('rating and supplement clocks move with their limits', () => {
  const anyClock = (id: string, kind: 'rating' | 'supplement') =>
    api.db.selectFrom('clocks').selectAll().where('issue_id', '=', id).where('kind', '=', kind).where('status', '<>', 'stopped').executeTakeFirstOrThrow();
  const frozen = (id: string) => api.db.selectFrom('timeliness').selectAll().where('issue_id', '=', id).orderBy('id').execute();
  const deps = () => ({ db: api.db, calendar: cal, clock: () => new Date(clock) });

  /** Dispatched, claimed, contacted and answered at minute 30: the rating clock runs from the delivery. */
  async function resolved(categoryId: string) {
    at(0);
    const id = await dispatched(categoryId);
    at(10);
    await ok('handlerA', id, 'claim');
    await ok('handlerA', id, 'first-contact', { channel: 'phone', note: '已电话联系企业' });
    at(20);
    await ok('handlerA', id, 'resolve', { outcome: 'positive', body: '已协调接通动力电。' });
    at(30);
    await ok('headA', id, 'review', { approve: true });
    return id;
  }

  it("moves a resolved issue's rating clock to the new rating limit, replayed from the delivery, and leaves its frozen results", async () => {
    await cal.refresh();
    const categoryId = await category(10);
    const id = await resolved(categoryId);
    const delivered = new Date(T0 + 30 * MIN);
    const rating = await anyClock(id, 'rating');
    expect(rating.due_at).toEqual(cal.addLimit(delivered, days(3)));
    const results = await frozen(id);
    expect(results.map((r) => r.what).sort()).toEqual(['answer', 'claim', 'first_contact', 'listing']);
    // With the rules unchanged the replay gives back what the review computed.
    expect(await recomputeOpenClocks(deps(), { categoryId, reason: 'category_policy' })).toMatchObject({ recomputed: 0, unchanged: 1, skipped: 0 });

    at(40);
    timersSet.length = 0;
    const res = await patch('admin', categoryId, { ratingLimit: days(5) });
    expect(res.json(), res.body).toMatchObject({ recompute: { recomputed: 1, unchanged: 0, skipped: 0 } });
    const due = cal.addLimit(delivered, days(5));
    expect(due.getTime()).toBeGreaterThan(rating.due_at.getTime());
    const after = (await api.call(as('dispatcher'), 'GET', `/api/v1/issues/${id}`)).json() as { state: string; ratingDueAt: string; handlingDueAt: string };
    expect(after).toMatchObject({ state: 'resolved', ratingDueAt: due.toISOString() });
    const moved = await anyClock(id, 'rating');
    expect(moved).toMatchObject({ id: rating.id, status: 'running', due_at: due, version: rating.version + 1 });
    expect(timersSet.filter((t) => t.clockId === rating.id).map((t) => t.version)).toEqual([moved.version]);
    const last = (await events(id)).at(-1);
    expect(last).toMatchObject({
      type: 'recomputeDue',
      visible_to_enterprise: true,
      payload: { reason: 'category_policy', changes: [{ clock: 'rating', previousDueAt: rating.due_at.toISOString(), dueAt: due.toISOString() }] },
    });
    // Whether the claim, the first contact and the answer were on time stays as it was recorded.
    expect(await frozen(id)).toEqual(results);
    const mail = await api.db.selectFrom('outbox').select('payload').where('issue_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((mail.payload as { subject: string }).subject).toMatch(/^【评价时限调整】/);
  });

  it('moves the documents owed (容缺) and the supplement clock to the new supplement limit, from the listing', async () => {
    await cal.refresh();
    at(0);
    const categoryId = await category(10);
    const id = await dispatched(categoryId, { pendingDocuments: [{ name: '营业执照副本' }, { name: '用电报装申请表' }] });
    const supplement = await anyClock(id, 'supplement');
    expect(supplement.due_at).toEqual(cal.addLimit(new Date(T0), days(5)));
    const before = await issue(id);

    at(40);
    timersSet.length = 0;
    const res = await patch('admin', categoryId, { supplementLimit: days(8) });
    expect(res.json(), res.body).toMatchObject({ recompute: { recomputed: 1, unchanged: 0, skipped: 0 } });
    const due = cal.addLimit(new Date(T0), days(8));
    const docs = await api.db.selectFrom('pending_documents').select(['due_at', 'supplied_at']).where('issue_id', '=', id).execute();
    expect(docs).toEqual([
      { due_at: due, supplied_at: null },
      { due_at: due, supplied_at: null },
    ]);
    const moved = await anyClock(id, 'supplement');
    expect(moved).toMatchObject({ id: supplement.id, due_at: due, version: supplement.version + 1 });
    expect(timersSet.filter((t) => t.clockId === supplement.id).map((t) => t.version)).toEqual([moved.version]);
    // Only the documents moved: the claim and handling clocks keep their times.
    const after = await issue(id);
    expect([after.claimDueAt, after.handlingDueAt]).toEqual([before.claimDueAt, before.handlingDueAt]);
    expect((await events(id)).at(-1)).toMatchObject({
      type: 'recomputeDue',
      payload: { changes: [{ clock: 'supplement', previousDueAt: supplement.due_at.toISOString(), dueAt: due.toISOString() }] },
    });
    // Nothing left to move: a second run reads and writes nothing.
    expect(await recomputeOpenClocks(deps(), { categoryId, reason: 'category_policy' })).toMatchObject({ recomputed: 0, unchanged: 1 });
  });

  it('moves a rating clock by one working day when a day inside its period becomes a holiday', async () => {
    await cal.refresh();
    const categoryId = await category(10);
    const id = await resolved(categoryId);
    const rating = await anyClock(id, 'rating');
    const results = await frozen(id);
    at(45);
    // A working day inside the rating period (due after it).
    const inside = '2027-03-02';
    expect(cal.isWorkingDay(inside)).toBe(true);
    const res = await api.call(as('admin'), 'POST', '/api/v1/calendar/days', { source: '示例（非官方）：测试用', days: [{ date: inside, kind: 'holiday', name: '测试假日' }] });
    expect(res.statusCode, res.body).toBe(201);
    await cal.refresh();
    const moved = await anyClock(id, 'rating');
    expect(moved.due_at).toEqual(cal.addWorkingDays(rating.due_at, 1));
    expect((await events(id)).at(-1)).toMatchObject({ type: 'recomputeDue', payload: { reason: 'calendar', changes: [{ clock: 'rating' }] } });
    expect(await frozen(id)).toEqual(results);
  });
});
