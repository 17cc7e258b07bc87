import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { insertCategory } from '../support/category.ts';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Filed } from './e2e-district.ts';

// Bounds on how far a deadline may move (docs/domain.md#limit-bounds): an extension's length and
// count, and the time an issue may spend paused. The worker is driven by hand (`fireClockStep`),
// as its job would, so each step is asserted once and in order.

let t: E2eDistrict;
let deps: EngineDeps;

beforeAll(async () => {
  t = await openDistrict();
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
});
afterAll(() => t.close());

const seconds = (amount: number) => ({ amount, unit: 'seconds' as const });

/** A category of its own, so that its bounds touch no other test's issues. */
const category = (values: { handling: number; maxPause?: number; reminderBefore?: number }) =>
  insertCategory(t.api.db, {
    handling: seconds(values.handling),
    ...(values.maxPause ? { maxPause: seconds(values.maxPause) } : {}),
    track: { reminderBeforeSeconds: values.reminderBefore ?? 30, yellowBeforeSeconds: 10, leaderAfterSeconds: 60, supervisionAfterSeconds: 120 },
  });

/** Filed in `categoryId`, dispatched, claimed and first contact made. */
async function working(categoryId: string): Promise<Filed> {
  const issue = await t.file('entA', { categoryId });
  await t.ok('dispatcher', issue.id, 'list');
  await t.ok('dispatcher', issue.id, 'dispatch');
  await t.ok('handlerA', issue.id, 'claim');
  await t.ok('handlerA', issue.id, 'first-contact', { channel: 'phone', note: '已联系' });
  return issue;
}

const handlingClock = (issueId: string) =>
  t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issueId).where('kind', '=', 'handling').where('status', '<>', 'stopped').executeTakeFirstOrThrow();
const read = async (id: string) => (await t.get('dispatcher', `/api/v1/issues/${id}`)).json() as { state: string; version: number; handlingDueAt: string };
const until = async (at: Date) => {
  while (Date.now() <= at.getTime() + 20) await new Promise((r) => setTimeout(r, 100));
};
const events = (issueId: string) => t.api.db.selectFrom('issue_events').select(['type', 'actor', 'payload']).where('issue_id', '=', issueId).orderBy('seq').execute();

describe('extensions within bounds', () => {
  it('shows the bounds with the handling limit as their default', async () => {
    const res = await t.get('dispatcher', '/api/v1/categories');
    const mine = (res.json() as { items: Array<Record<string, unknown>> }).items.find((c) => c['id'] === t.d.categoryId);
    expect(mine).toMatchObject({ handlingLimit: seconds(120), maxExtension: seconds(120), maxExtensions: 1, maxPause: seconds(120) });
    // An enterprise sees what it files against, not the internal policy.
    const seen = ((await t.get('entA', '/api/v1/categories')).json() as { items: Array<Record<string, unknown>> }).items.find((c) => c['id'] === t.d.categoryId);
    expect(Object.keys(seen ?? {}).sort()).toEqual(['claimLimit', 'code', 'greenChannel', 'handlingLimit', 'id', 'name']);
  });

  it('refuses an extension longer than maxExtension, or beyond maxExtensions, with 422 naming amount, writing nothing', async () => {
    const issue = await t.inProgress();
    const before = await read(issue.id);
    // The 10 000-working-day extension that once moved a due time to 2065.
    const huge = expectProblem(await t.act('handlerA', issue.id, 'extension', { amount: { amount: 10_000, unit: 'workingDays' }, reason: '无限期' }), 422);
    expect(huge.code).toBe('issue.extension_too_long');
    expect(fieldsOf(huge)).toEqual(['amount']);
    expect(expectProblem(await t.act('handlerA', issue.id, 'extension', { amount: seconds(121), reason: '略超' }), 422).code).toBe('issue.extension_too_long');
    expect(await read(issue.id)).toEqual(before);
    // As long as the handling limit: granted.
    await t.ok('handlerA', issue.id, 'extension', { amount: seconds(120), reason: '等待批复' });
    const approved = await t.ok('leaderA', issue.id, 'extension/approve', {});
    expect(Date.parse(approved.handlingDueAt ?? '') - Date.parse(before.handlingDueAt)).toBe(120_000);
    // One extension per issue by default: the second is refused, however short.
    const second = expectProblem(await t.act('handlerA', issue.id, 'extension', { amount: seconds(5), reason: '再延' }), 422);
    expect(second).toMatchObject({ code: 'issue.extensions_exhausted', maxExtensions: 1, granted: 1 });
    expect(fieldsOf(second)).toEqual(['amount']);
    expect(await t.api.db.selectFrom('extensions').select('id').where('issue_id', '=', issue.id).execute()).toHaveLength(1);
  });

  it('lets an admin set the bounds, and names a bad one', async () => {
    const categoryId = await category({ handling: 120 });
    const bad = expectProblem(await t.api.call(await t.api.login(t.d.people.admin.login), 'PATCH', `/api/v1/categories/${categoryId}`, { maxExtensions: -1 }), 400);
    expect(fieldsOf(bad)).toEqual(['maxExtensions']);
    const res = await t.api.call(await t.api.login(t.d.people.admin.login), 'PATCH', `/api/v1/categories/${categoryId}`, { maxExtensions: 2, maxExtension: seconds(30), maxPause: seconds(10) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ category: { maxExtensions: 2, maxExtension: seconds(30), maxPause: seconds(10) } });
    const issue = await working(categoryId);
    expect(expectProblem(await t.act('handlerA', issue.id, 'extension', { amount: seconds(31), reason: '略超' }), 422).code).toBe('issue.extension_too_long');
    for (const reason of ['第一次', '第二次']) {
      await t.ok('handlerA', issue.id, 'extension', { amount: seconds(30), reason });
      await t.ok('leaderA', issue.id, 'extension/approve', {});
    }
    expect(expectProblem(await t.act('handlerA', issue.id, 'extension', { amount: seconds(30), reason: '第三次' }), 422).code).toBe('issue.extensions_exhausted');
  });
});

describe('a pause with an end', () => {
  it('resumes by itself when the pause allowance is spent, credits no more than the allowance, and tells the unit', async () => {
    const issue = await working(await category({ handling: 120, maxPause: 3 }));
    const before = await read(issue.id);
    await t.ok('handlerA', issue.id, 'request-info', { body: '请提供用电负荷清单' });
    const paused = await handlingClock(issue.id);
    expect(paused).toMatchObject({ status: 'paused', next_step: 'resume' });
    expect(paused.next_step_at?.getTime()).toBe((paused.paused_at?.getTime() ?? 0) + 3000);
    // The enterprise never answers. A second later than the allowance, the worker's job comes.
    await until(new Date((paused.next_step_at?.getTime() ?? 0) + 1000));
    const fired = await fireClockStep(deps, { clockId: paused.id, step: 'resume', version: paused.version });
    expect(fired.outcome).toBe('applied');
    // A doubled job finds nothing to do.
    expect((await fireClockStep(deps, { clockId: paused.id, step: 'resume', version: paused.version })).outcome).toBe('stale');
    const after = await read(issue.id);
    expect(after.state).toBe('inProgress.working');
    // Paused for more than 4 s, credited 3 s: the allowance.
    expect(Date.parse(after.handlingDueAt) - Date.parse(before.handlingDueAt)).toBe(3000);
    const resumed = (await events(issue.id)).filter((e) => e.type === 'resumeHandling');
    expect(resumed).toEqual([expect.objectContaining({ actor: expect.objectContaining({ kind: 'system' }), payload: expect.objectContaining({ pausedMs: 3000 }) })]);
    const mails = await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).execute();
    expect(mails.filter((m) => (m.payload as { subject: string }).subject.startsWith('【恢复计时】'))).toHaveLength(1);

    // The allowance is spent: a second pause ends at once and adds nothing.
    await t.ok('handlerA', issue.id, 'request-info', { body: '请再提供图纸' });
    const again = await handlingClock(issue.id);
    expect(again.next_step_at?.getTime()).toBe(again.paused_at?.getTime());
    expect((await fireClockStep(deps, { clockId: again.id, step: 'resume', version: again.version })).outcome).toBe('applied');
    expect((await read(issue.id)).handlingDueAt).toBe(after.handlingDueAt);
  });

  it('credits a pause the enterprise ends in time in full, and leaves only the rest for the next', async () => {
    const issue = await working(await category({ handling: 120, maxPause: 60 }));
    const before = await read(issue.id);
    await t.ok('handlerA', issue.id, 'request-info', { body: '请提供图纸' });
    const first = await handlingClock(issue.id);
    await new Promise((r) => setTimeout(r, 1000));
    const supplied = await t.ok('entA', issue.id, 'supply-info', { body: '图纸已上传' });
    const credit = Date.parse(supplied.handlingDueAt ?? '') - Date.parse(before.handlingDueAt);
    expect(credit).toBeGreaterThanOrEqual(1000);
    expect(credit).toBeLessThan(60_000);
    // The old resume timer finds its clock running again.
    expect((await fireClockStep(deps, { clockId: first.id, step: 'resume', version: first.version })).outcome).toBe('stale');
    await t.ok('handlerA', issue.id, 'request-info', { body: '请补充说明' });
    const second = await handlingClock(issue.id);
    expect((second.next_step_at?.getTime() ?? 0) - (second.paused_at?.getTime() ?? 0)).toBe(60_000 - credit);
  });

  it('never rewinds a step already fired: after the pause the track goes on from where it was', async () => {
    // The reminder falls due 2 s after dispatch (118 s before a 120 s due time).
    const issue = await working(await category({ handling: 120, maxPause: 60, reminderBefore: 118 }));
    const clock = await handlingClock(issue.id);
    expect(clock.next_step).toBe('reminded');
    await until(clock.next_step_at ?? new Date());
    expect((await fireClockStep(deps, { clockId: clock.id, step: 'reminded', version: clock.version })).outcome).toBe('applied');
    await t.ok('handlerA', issue.id, 'request-info', { body: '请提供图纸' });
    await new Promise((r) => setTimeout(r, 500));
    await t.ok('entA', issue.id, 'supply-info', { body: '图纸已上传' });
    const resumed = await handlingClock(issue.id);
    expect(resumed).toMatchObject({ status: 'running', step: 'reminded', next_step: 'yellow' });
    expect(resumed.next_step_at?.getTime()).toBe(resumed.due_at.getTime() - 10_000);
    const steps = (await events(issue.id)).filter((e) => e.type === 'trackStep').map((e) => (e.payload as { step: string }).step);
    expect(steps).toEqual(['reminded']);
  });
});

describe('the date promised to the enterprise', () => {
  it('follows the real handling due time at dispatch, at the end of a pause and at an extension, and the enterprise hears each move', async () => {
    const categoryId = await category({ handling: 120 });
    const filed = await t.file('entA', { categoryId });
    const promised = async () => (await t.get('entA', `/api/v1/issues/${filed.id}`)).json() as { expectedDueAt: string; handlingDueAt: string | null };
    const estimate = (await promised()).expectedDueAt;
    await new Promise((r) => setTimeout(r, 50));
    await t.ok('dispatcher', filed.id, 'list');
    await t.ok('dispatcher', filed.id, 'dispatch');
    const dispatched = await promised();
    expect(dispatched.expectedDueAt).toBe(dispatched.handlingDueAt);
    expect(dispatched.expectedDueAt).not.toBe(estimate);
    await t.ok('handlerA', filed.id, 'claim');
    await t.ok('handlerA', filed.id, 'first-contact', { channel: 'phone', note: '已联系' });
    await t.ok('handlerA', filed.id, 'request-info', { body: '请提供图纸' });
    await new Promise((r) => setTimeout(r, 300));
    await t.ok('entA', filed.id, 'supply-info', { body: '图纸已上传' });
    const resumed = await promised();
    expect(resumed.expectedDueAt).toBe(resumed.handlingDueAt);
    expect(Date.parse(resumed.expectedDueAt)).toBeGreaterThan(Date.parse(dispatched.expectedDueAt));
    await t.ok('handlerA', filed.id, 'extension', { amount: seconds(60), reason: '等待供电公司排期' });
    await t.ok('leaderA', filed.id, 'extension/approve', {});
    const extended = await promised();
    expect(Date.parse(extended.expectedDueAt) - Date.parse(resumed.expectedDueAt)).toBe(60_000);
    const told = (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', filed.id).orderBy('id').execute())
      .map((m) => m.payload as { to: string[]; subject: string })
      .filter((m) => m.to.some((to) => to.includes('@ent.test')))
      .map((m) => m.subject.replace(/ .*/, '').replace(filed.number, ''));
    expect(told).toEqual(['【已受理】', '【已派发】', '【已签收】', '【请补充信息】', '【答复时限调整】', '【办理时限调整】']);
  });
});

describe("assisting units' clocks", () => {
  const assistClock = (issueId: string) => t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issueId).where('kind', '=', 'assist').executeTakeFirstOrThrow();
  const dispatchedAt = async (issueId: string) =>
    (await t.api.db.selectFrom('issue_events').select('at').where('issue_id', '=', issueId).where('type', '=', 'dispatch').executeTakeFirstOrThrow()).at.getTime();

  it('start at dispatch, not at listing, and fall due before the lead unit by the category margin', async () => {
    const categoryId = await category({ handling: 120 });
    const admin = await t.api.login(t.d.people.admin.login);
    expect((await t.api.call(admin, 'PATCH', `/api/v1/categories/${categoryId}`, { assistMargin: seconds(20) })).statusCode).toBe(200);
    const issue = await t.file('entA', { categoryId });
    await t.ok('dispatcher', issue.id, 'list', { assistingUnitIds: [t.d.unitC] });
    // A late dispatch: the assisting unit's time counts from it.
    await new Promise((r) => setTimeout(r, 1500));
    const lead = await t.ok('dispatcher', issue.id, 'dispatch');
    const at = await dispatchedAt(issue.id);
    const clock = await assistClock(issue.id);
    expect(clock.started_at.getTime()).toBe(at);
    expect(clock.due_at.getTime()).toBe(Date.parse(lead.handlingDueAt ?? '') - 20_000);
    const detail = (await t.get('handlerA', `/api/v1/issues/${issue.id}`)).json() as { assists: Array<{ dueAt: string }> };
    expect(Date.parse(detail.assists[0]?.dueAt ?? '')).toBe(clock.due_at.getTime());
    const mail = (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).execute())
      .map((m) => m.payload as { subject: string; text: string })
      .find((m) => m.subject.startsWith('【协办】'));
    expect(mail?.text).toContain('主办单位答复时限');
  });

  it('take halfway to the lead unit when the margin does not fit', async () => {
    const issue = await t.file('entA');
    await t.ok('dispatcher', issue.id, 'list', { assistingUnitIds: [t.d.unitC] });
    const lead = await t.ok('dispatcher', issue.id, 'dispatch');
    const at = await dispatchedAt(issue.id);
    // 120 s to handle, a margin of one working day: the assisting unit gets 60 s.
    expect((await assistClock(issue.id)).due_at.getTime()).toBe(at + (Date.parse(lead.handlingDueAt ?? '') - at) / 2);
  });

  it("take the dispatcher's due time when it falls before the lead unit's, and refuse one after it with 422", async () => {
    const issue = await t.file('entA');
    await t.ok('dispatcher', issue.id, 'list', { assistingUnitIds: [t.d.unitC] });
    const late = expectProblem(await t.act('dispatcher', issue.id, 'dispatch', { assists: [{ unitId: t.d.unitC, dueAt: new Date(Date.now() + 600_000).toISOString() }] }), 422);
    expect(late.code).toBe('issue.assist_due_after_lead');
    expect(fieldsOf(late)).toEqual(['assists.0.dueAt']);
    expect(fieldsOf(expectProblem(await t.act('dispatcher', issue.id, 'dispatch', { assists: [{ unitId: t.d.unitB, dueAt: new Date(Date.now() + 30_000).toISOString() }] }), 422))).toEqual([
      'assists.0.unitId',
    ]);
    expect((await read(issue.id)).state).toBe('listed');
    const chosen = new Date(Date.now() + 30_000);
    await t.ok('dispatcher', issue.id, 'dispatch', { assists: [{ unitId: t.d.unitC, dueAt: chosen.toISOString() }] });
    expect((await assistClock(issue.id)).due_at.getTime()).toBe(chosen.getTime());
  });
});
