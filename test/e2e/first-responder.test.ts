import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { insertCategory } from '../support/category.ts';
import { openDistrict, type E2eDistrict } from './e2e-district.ts';

// 首问责任 (docs/domain.md#first-responder): an official who records a problem for an enterprise
// owns it until dispatch: it is in their inbox, they hear of the listing's track and of the
// dispatch, and the enterprise sees their name. The worker is driven by hand (`fireClockStep`).

let t: E2eDistrict;
let deps: EngineDeps;
let categoryId: string;

beforeAll(async () => {
  t = await openDistrict();
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  categoryId = await insertCategory(t.api.db, {
    listing: { amount: 2, unit: 'seconds' },
    handling: { amount: 1200, unit: 'seconds' },
    track: { reminderBeforeSeconds: 1, yellowBeforeSeconds: 1, leaderAfterSeconds: 600, supervisionAfterSeconds: 1200 },
  });
});
afterAll(() => t.close());

const sleepUntil = async (at: Date | null) => {
  while (Date.now() <= (at?.getTime() ?? 0) + 20) await new Promise((r) => setTimeout(r, 100));
};
/** The subjects of the inbox rows (notifications) of one official's account, oldest first. */
async function noticesOf(login: string, issueId: string): Promise<string[]> {
  const rows = await t.api.db
    .selectFrom('notifications')
    .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
    .select('notifications.subject')
    .where('accounts.login', '=', login)
    .where('notifications.issue_id', '=', issueId)
    .orderBy('notifications.created_at')
    .execute();
  return rows.map((r) => r.subject.replace(/】.*/, '】'));
}
const inboxTasks = async (who: 'headA' | 'handlerA') => ((await t.get(who, '/api/v1/inbox')).json() as { items: Array<{ issueId: string; task: string }> }).items;

describe('the first responder', () => {
  it('follows what they recorded until dispatch: inbox, the listing track, the dispatch; the enterprise sees their name', async () => {
    const res = await t.fileRaw('headA', { categoryId, enterpriseId: t.d.entA.id, channel: 'phone' });
    expect(res.statusCode, res.body).toBe(201);
    const issue = res.json() as { id: string };
    const seen = (await t.get('entA', `/api/v1/issues/${issue.id}`)).json() as { firstResponder: { name: string } | null };
    expect(seen.firstResponder?.name).toBe('head-a');
    expect(await inboxTasks('headA')).toContainEqual(expect.objectContaining({ issueId: issue.id, task: 'firstResponse' }));
    // Another official of the same unit is not its first responder.
    expect((await inboxTasks('handlerA')).filter((x) => x.issueId === issue.id)).toEqual([]);

    // The listing's reminder, yellow and red cards reach the first responder too.
    for (const step of ['reminded', 'yellow', 'red'] as const) {
      const clock = await t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('kind', '=', 'listing').executeTakeFirstOrThrow();
      expect(clock.next_step).toBe(step);
      await sleepUntil(clock.next_step_at);
      expect((await fireClockStep(deps, { clockId: clock.id, step, version: clock.version })).outcome).toBe('applied');
    }
    const login = t.d.people.headA.login;
    expect(await noticesOf(login, issue.id)).toEqual(['【待列单即将到期】', '【列单黄牌预警】', '【列单红牌超期】']);

    await t.ok('dispatcher', issue.id, 'list');
    await t.ok('dispatcher', issue.id, 'dispatch');
    const after = await noticesOf(login, issue.id);
    expect(after.filter((s) => s === '【首问已派发】')).toHaveLength(1);
    // Dispatched: the unit owns it now, and it leaves the first responder's inbox as theirs.
    expect((await inboxTasks('headA')).filter((x) => x.issueId === issue.id && x.task === 'firstResponse')).toEqual([]);
  }, 60_000);

  it('is nobody for an issue the enterprise filed itself', async () => {
    const issue = await t.file('entA', { categoryId });
    expect(((await t.get('entA', `/api/v1/issues/${issue.id}`)).json() as { firstResponder: unknown }).firstResponder).toBeNull();
  });
});
