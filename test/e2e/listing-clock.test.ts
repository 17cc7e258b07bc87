import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { ownDatabase } from '../support/own-database.ts';
import { insertCategory } from '../support/category.ts';
import { openDistrict, PDF, type E2eDistrict } from './e2e-district.ts';

// The service centre's step has a clock (docs/domain.md#clocks): from filing to dispatch an issue
// walks the listing track, an overdue listing is on the board and in the open list, and the
// dispatch records whether the listing was on time. A database of its own: the board and the
// open list read every issue. The worker is driven by hand (`fireClockStep`), as its job would.

let own: Awaited<ReturnType<typeof ownDatabase>>;
let t: E2eDistrict;
let deps: EngineDeps;
let categoryId: string;

beforeAll(async () => {
  own = await ownDatabase('listing_clock');
  t = await openDistrict({ DATABASE_URL: own.url });
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  categoryId = await insertCategory(t.api.db, {
    listing: { amount: 2, unit: 'seconds' },
    handling: { amount: 1200, unit: 'seconds' },
    track: { reminderBeforeSeconds: 1, yellowBeforeSeconds: 1, leaderAfterSeconds: 1, supervisionAfterSeconds: 2 },
  });
});
afterAll(async () => {
  await t.close();
  await own.drop();
});

const listingClock = (issueId: string) => t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issueId).where('kind', '=', 'listing').executeTakeFirstOrThrow();
const sleepUntil = async (at: Date | null) => {
  while (Date.now() <= (at?.getTime() ?? 0) + 20) await new Promise((r) => setTimeout(r, 100));
};
/** Fires the clock's next steps as their jobs would, in order, until `last`. */
async function walkTo(issueId: string, last: string): Promise<string[]> {
  const fired: string[] = [];
  for (;;) {
    const clock = await listingClock(issueId);
    if (!clock.next_step || fired.at(-1) === last) return fired;
    await sleepUntil(clock.next_step_at);
    const result = await fireClockStep(deps, { clockId: clock.id, step: clock.next_step, version: clock.version });
    expect(result.outcome).toBe('applied');
    fired.push(clock.next_step);
  }
}
const subjects = async (issueId: string) =>
  (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', issueId).orderBy('id').execute()).map((m) => (m.payload as { subject: string }).subject.replace(/】.*/, '】'));

describe('the listing clock', () => {
  it('starts at filing and walks its track to supervision while nobody dispatches; the board and the open list show it overdue', async () => {
    const issue = await t.file('entA', { categoryId });
    const clock = await listingClock(issue.id);
    const detail = (await t.get('dispatcher', `/api/v1/issues/${issue.id}`)).json() as { listingDueAt: string; filedAt: string };
    expect(Date.parse(detail.listingDueAt) - Date.parse(detail.filedAt)).toBe(2000);
    expect(clock).toMatchObject({ status: 'running', next_step: 'reminded', due_at: new Date(detail.listingDueAt) });

    expect(await walkTo(issue.id, 'supervision')).toEqual(['reminded', 'yellow', 'red', 'leader', 'supervision']);
    expect(await subjects(issue.id)).toEqual(['【已受理】', '【待列单】', '【待列单即将到期】', '【列单黄牌预警】', '【列单红牌超期】', '【提级至服务中心负责人】', '【督办单】']);
    const overdue = (await t.get('supervisor', '/api/v1/supervision/overdue?limit=100')).json() as { items: Array<{ id: string; track: string }> };
    expect(overdue.items).toContainEqual(expect.objectContaining({ id: issue.id, track: 'supervision' }));
    const open = (await t.get('supervisor', '/api/v1/reports/open-list?groupBy=unit&limit=500')).json() as { items: Array<{ id: string; overdue: boolean }> };
    expect(open.items).toContainEqual(expect.objectContaining({ id: issue.id, overdue: true }));

    // Dispatched at last: the listing clock stops as missed, the timeliness says late, the board lets it go.
    await t.ok('dispatcher', issue.id, 'list');
    await t.ok('dispatcher', issue.id, 'dispatch');
    expect(await listingClock(issue.id)).toMatchObject({ status: 'stopped', outcome: 'missed' });
    const late = await t.api.db.selectFrom('timeliness').select(['what', 'on_time']).where('issue_id', '=', issue.id).execute();
    expect(late).toEqual([{ what: 'listing', on_time: false }]);
    const after = (await t.get('supervisor', '/api/v1/supervision/overdue?limit=100')).json() as { items: Array<{ id: string }> };
    expect(after.items.map((i) => i.id)).not.toContain(issue.id);
  });

  it('is met by a dispatch in time, on the path of a filing with attachments too', async () => {
    const upload = await t.upload('entA', 'plan.pdf', PDF);
    expect(upload.statusCode, upload.body).toBe(201);
    const issue = await t.file('entA', { categoryId, attachmentIds: [upload.json().id] });
    expect((await listingClock(issue.id)).status).toBe('running');
    await t.ok('dispatcher', issue.id, 'list');
    await t.ok('dispatcher', issue.id, 'dispatch');
    expect(await listingClock(issue.id)).toMatchObject({ status: 'stopped', outcome: 'met' });
    expect(await t.api.db.selectFrom('timeliness').select(['what', 'on_time']).where('issue_id', '=', issue.id).execute()).toEqual([{ what: 'listing', on_time: true }]);
  });

  it('is cancelled by a withdrawal, and moves with the category limit', async () => {
    const withdrawn = await t.file('entA', { categoryId });
    await t.ok('entA', withdrawn.id, 'withdraw', { reason: '已解决' });
    expect(await listingClock(withdrawn.id)).toMatchObject({ status: 'stopped', outcome: 'cancelled' });

    const waiting = await t.file('entA', { categoryId });
    const before = await listingClock(waiting.id);
    const admin = await t.api.login(t.d.people.admin.login);
    const res = await t.api.call(admin, 'PATCH', `/api/v1/categories/${categoryId}`, { listingLimit: { amount: 600, unit: 'seconds' } });
    expect(res.statusCode, res.body).toBe(200);
    const moved = await listingClock(waiting.id);
    expect(moved.due_at.getTime() - before.due_at.getTime()).toBe(598_000);
    expect(res.json()).toMatchObject({ category: { listingLimit: { amount: 600, unit: 'seconds' } } });
  });
});

describe('the most pressing clock', () => {
  it("is what a leader's inbox and the board count down to: an unclaimed issue's claim, not its handling", async () => {
    const fast = await insertCategory(t.api.db, {
      claim: { amount: 1, unit: 'seconds' },
      handling: { amount: 3600, unit: 'seconds' },
      track: { reminderBeforeSeconds: 1, yellowBeforeSeconds: 1, leaderAfterSeconds: 1, supervisionAfterSeconds: 600 },
    });
    const issue = await t.file('entA', { categoryId: fast });
    await t.ok('dispatcher', issue.id, 'list');
    const dispatched = await t.ok('dispatcher', issue.id, 'dispatch');
    const claim = await t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('kind', '=', 'claim').executeTakeFirstOrThrow();
    for (;;) {
      const c = await t.api.db.selectFrom('clocks').selectAll().where('id', '=', claim.id).executeTakeFirstOrThrow();
      if (c.step === 'leader' || !c.next_step) break;
      await sleepUntil(c.next_step_at);
      expect((await fireClockStep(deps, { clockId: c.id, step: c.next_step, version: c.version })).outcome).toBe('applied');
    }
    const inbox = (await t.get('leaderA', '/api/v1/inbox')).json() as { items: Array<{ issueId: string; task: string; dueAt: string }> };
    const task = inbox.items.find((i) => i.issueId === issue.id && i.task === 'escalated');
    expect(task?.dueAt).toBe(dispatched.claimDueAt);
    expect(task?.dueAt).not.toBe(dispatched.handlingDueAt);
    const board = (await t.get('supervisor', '/api/v1/supervision/overdue?limit=100')).json() as { items: Array<{ id: string; pressingDueAt: string }> };
    expect(board.items.find((i) => i.id === issue.id)?.pressingDueAt).toBe(dispatched.claimDueAt);
  });
});
