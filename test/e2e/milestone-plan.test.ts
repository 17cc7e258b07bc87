import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { insertCategory } from '../support/category.ts';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict } from './e2e-district.ts';

// 四明确 with its fourth element (docs/domain.md#limit-bounds): from the category's
// `milestonesRequiredFrom` on, an issue is listed with its milestone plan, and each milestone
// walks its own track once the unit handles the issue. The worker is driven by hand
// (`fireClockStep`), as its job would, so each step is checked once and in order.

let t: E2eDistrict;
let deps: EngineDeps;

beforeAll(async () => {
  t = await openDistrict();
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
});
afterAll(() => t.close());

const seconds = (amount: number) => ({ amount, unit: 'seconds' as const });
const inSeconds = (n: number) => new Date(Date.now() + n * 1000).toISOString();
const milestoneClock = (issueId: string) => t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issueId).where('kind', '=', 'milestone').executeTakeFirst();
const sleepUntil = async (at: Date | null) => {
  while (Date.now() <= (at?.getTime() ?? 0) + 20) await new Promise((r) => setTimeout(r, 100));
};

describe('the milestone plan', () => {
  it('is required at listing from the category default of 5 working days, and nothing is written without it', async () => {
    const categoryId = await insertCategory(t.api.db, { handling: { amount: 5, unit: 'workingDays' } });
    const issue = await t.file('entA', { categoryId });
    const before = await t.api.db.selectFrom('issues').select(['version', 'state']).where('id', '=', issue.id).executeTakeFirstOrThrow();
    const refused = expectProblem(await t.act('dispatcher', issue.id, 'list'), 422);
    expect(refused.code).toBe('issue.milestones_required');
    expect(fieldsOf(refused)).toEqual(['milestones']);
    expect(refused.milestonesRequiredFrom).toEqual({ amount: 5, unit: 'workingDays' });
    expect(await t.api.db.selectFrom('issues').select(['version', 'state']).where('id', '=', issue.id).executeTakeFirstOrThrow()).toEqual(before);
    // A shorter limit the dispatcher chose needs no plan; the category's own does, with one milestone it lists.
    await t.ok('dispatcher', issue.id, 'list', { timeLimit: { amount: 4, unit: 'workingDays' } });
    const other = await t.file('entA', { categoryId });
    await t.ok('dispatcher', other.id, 'list', { milestones: [{ title: '现场踏勘', dueAt: inSeconds(3600) }] });
    const categories = (await t.get('admin', '/api/v1/categories')).json() as { items: Array<{ id: string; milestonesRequiredFrom: unknown }> };
    expect(categories.items.find((c) => c.id === categoryId)?.milestonesRequiredFrom).toEqual({ amount: 5, unit: 'workingDays' });
  });

  it("follows the category's own threshold, changed by an admin on the record", async () => {
    const categoryId = await insertCategory(t.api.db, { handling: seconds(1200) });
    const free = await t.file('entA', { categoryId });
    await t.ok('dispatcher', free.id, 'list');
    const admin = await t.api.login(t.d.people.admin.login);
    const res = await t.api.call(admin, 'PATCH', `/api/v1/categories/${categoryId}`, { milestonesRequiredFrom: seconds(600) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ category: { milestonesRequiredFrom: seconds(600) } });
    const audit = await t.api.db.selectFrom('policy_changes').select(['before', 'after']).where('subject_id', '=', categoryId).execute();
    expect(audit).toEqual([{ before: { milestonesRequiredFrom: { amount: 5, unit: 'workingDays' } }, after: { milestonesRequiredFrom: seconds(600) } }]);
    const planned = await t.file('entA', { categoryId });
    expect(fieldsOf(expectProblem(await t.act('dispatcher', planned.id, 'list'), 422))).toEqual(['milestones']);
  });

  it('walks a milestone past due along its own track, once per step, and stops it when reported done', async () => {
    const categoryId = await insertCategory(t.api.db, {
      handling: seconds(1200),
      milestonesRequiredFrom: seconds(600),
      track: { reminderBeforeSeconds: 1, yellowBeforeSeconds: 1, leaderAfterSeconds: 1, supervisionAfterSeconds: 2 },
    });
    const issue = await t.file('entA', { categoryId });
    await t.ok('dispatcher', issue.id, 'list', { milestones: [{ title: '完成管线迁改方案', dueAt: inSeconds(4) }] });
    // Listed, not yet dispatched: the plan's clock waits for the unit.
    expect(await milestoneClock(issue.id)).toBeUndefined();
    await t.ok('dispatcher', issue.id, 'dispatch');
    const [milestone] = await t.api.db.selectFrom('milestones').select(['id', 'due_at']).where('issue_id', '=', issue.id).execute();
    expect(await milestoneClock(issue.id)).toMatchObject({ status: 'running', subject: milestone?.id, due_at: milestone?.due_at, next_step: 'reminded' });

    const fired: string[] = [];
    for (;;) {
      const clock = await milestoneClock(issue.id);
      if (!clock?.next_step || fired.length === 5) break;
      await sleepUntil(clock.next_step_at);
      expect((await fireClockStep(deps, { clockId: clock.id, step: clock.next_step, version: clock.version })).outcome).toBe('applied');
      // The same job again (a retry, a second worker) finds nothing to do.
      expect((await fireClockStep(deps, { clockId: clock.id, step: clock.next_step, version: clock.version })).outcome).not.toBe('applied');
      fired.push(clock.next_step);
    }
    expect(fired).toEqual(['reminded', 'yellow', 'red', 'leader', 'supervision']);
    const mails = (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issue.id).orderBy('id').execute()).map((m) => m.payload as { subject: string; text: string });
    const ofMilestone = mails.filter((m) => m.text.includes('完成节点「完成管线迁改方案」'));
    expect(ofMilestone.map((m) => m.subject.replace(/】.*/, '】'))).toEqual(['【即将到期】', '【黄牌预警】', '【红牌超期】', '【提级至分包领导】', '【督办单】']);
    const row = await t.api.db.selectFrom('issues').select(['track', 'lead_unit_id']).where('id', '=', issue.id).executeTakeFirstOrThrow();
    expect(row.track).toBe('supervision');
    const orders = await t.api.db.selectFrom('supervision_orders').select(['unit_id']).where('issue_id', '=', issue.id).execute();
    expect(orders).toEqual([{ unit_id: row.lead_unit_id }]);

    // Reported done late: the clock stops as missed, and no further step fires.
    await t.ok('handlerA', issue.id, 'claim');
    await t.ok('handlerA', issue.id, 'first-contact', { channel: 'phone', note: '已联系' });
    await t.ok('handlerA', issue.id, 'milestone-report', { milestoneId: milestone?.id, note: '方案已报审' });
    expect(await milestoneClock(issue.id)).toMatchObject({ status: 'stopped', outcome: 'missed', next_step: null });
  }, 60_000);

  it('stops a milestone done in time as met, leaving the others running', async () => {
    const categoryId = await insertCategory(t.api.db, { handling: seconds(1200), milestonesRequiredFrom: seconds(600) });
    const issue = await t.file('entA', { categoryId });
    const plan = [
      { title: '现场踏勘', dueAt: inSeconds(600) },
      { title: '出具意见', dueAt: inSeconds(900) },
    ];
    await t.ok('dispatcher', issue.id, 'list', { milestones: plan });
    await t.ok('dispatcher', issue.id, 'dispatch');
    await t.ok('handlerA', issue.id, 'claim');
    await t.ok('handlerA', issue.id, 'first-contact', { channel: 'phone', note: '已联系' });
    const clocks = () => t.api.db.selectFrom('clocks').select(['subject', 'status', 'outcome']).where('issue_id', '=', issue.id).where('kind', '=', 'milestone').execute();
    expect((await clocks()).map((c) => c.status)).toEqual(['running', 'running']);
    const [first] = await t.api.db.selectFrom('milestones').select('id').where('issue_id', '=', issue.id).orderBy('seq').execute();
    await t.ok('handlerA', issue.id, 'milestone-report', { milestoneId: first?.id, note: '已踏勘' });
    expect(await clocks()).toContainEqual({ subject: first?.id, status: 'stopped', outcome: 'met' });
    expect((await clocks()).filter((c) => c.status === 'running')).toHaveLength(1);
  });
});
