import { createWorkingCalendar } from '@huiyin/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownDatabase } from '../support/own-database.ts';
import { insertCategory } from '../support/category.ts';
import { openDistrict, type E2eDistrict } from './e2e-district.ts';

// An ordinary issue the dispatcher flags green runs on the green channel's claim and handling
// limits, not only its shorter track (docs/domain.md#green-channel). A database of its own: the
// green channel's limits come from the district's green-channel category, if there is one.

let own: Awaited<ReturnType<typeof ownDatabase>>;
let t: E2eDistrict;

beforeAll(async () => {
  own = await ownDatabase('green_flag');
  t = await openDistrict({ DATABASE_URL: own.url });
});
afterAll(async () => {
  await t.close();
  await own.drop();
});

const HOUR = 3_600_000;
type Detail = { claimDueAt: string; handlingDueAt: string; greenChannel: boolean; timeLimit: { amount: number; unit: string }; timeLimitSource: string };
const detail = async (id: string) => (await t.get('dispatcher', `/api/v1/issues/${id}`)).json() as Detail;

/** Listed (green or not) and dispatched; with the dispatch's time, read from the ledger. */
async function dispatched(greenChannel: boolean) {
  const issue = await t.file('entA');
  await t.ok('dispatcher', issue.id, 'list', { greenChannel });
  await t.ok('dispatcher', issue.id, 'dispatch');
  const ev = await t.api.db.selectFrom('issue_events').select('at').where('issue_id', '=', issue.id).where('type', '=', 'dispatch').executeTakeFirstOrThrow();
  return { id: issue.id, at: ev.at.getTime() };
}

describe('an ordinary issue flagged green', () => {
  it('takes the green channel limits (2 h to claim, 24 h to handle) while the category has none of its own green', async () => {
    const green = await dispatched(true);
    const plain = await dispatched(false);
    const g = await detail(green.id);
    expect(Date.parse(g.claimDueAt) - green.at).toBe(2 * HOUR);
    expect(Date.parse(g.handlingDueAt) - green.at).toBe(24 * HOUR);
    expect(g).toMatchObject({ greenChannel: true, timeLimit: { amount: 24, unit: 'hours' }, timeLimitSource: 'green_channel' });
    // The same category unflagged keeps its own limits: 30 s to claim, 120 s to handle.
    const p = await detail(plain.id);
    expect(Date.parse(p.claimDueAt) - plain.at).toBe(30_000);
    expect(Date.parse(p.handlingDueAt) - plain.at).toBe(120_000);
    expect(p).toMatchObject({ timeLimit: { amount: 120, unit: 'seconds' }, timeLimitSource: 'category' });
    // The clock walks the green track: reminded an hour before its due time, held to working
    // hours when that falls outside them, unless holding would pass the due time (then at once:
    // docs/domain.md#clocks), so the test holds at any hour. Run after 17:30 Shanghai, the hour
    // before falls in the evening and the next morning is past the due time.
    const clock = await t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', green.id).where('kind', '=', 'handling').executeTakeFirstOrThrow();
    const calendar = createWorkingCalendar();
    const hourBefore = new Date(clock.due_at.getTime() - HOUR);
    const working = calendar.workingMsBetween(new Date(hourBefore.getTime() - 1), hourBefore) > 0;
    const held = new Date(calendar.addWorkingMs(hourBefore, 1).getTime() - 1);
    const remindAt = working || held >= clock.due_at ? hourBefore : held;
    expect(clock.next_step_at?.getTime()).toBe(remindAt.getTime());
  });

  it("takes the district's green-channel category's limits when there is one, and a change to its own category's limits leaves it alone", async () => {
    await insertCategory(t.api.db, {
      code: 'green_channel',
      name: '绿色通道',
      greenChannel: true,
      claim: { amount: 1, unit: 'hours' },
      handling: { amount: 12, unit: 'hours' },
    });
    const green = await dispatched(true);
    const plain = await dispatched(false);
    const before = await detail(green.id);
    expect(Date.parse(before.claimDueAt) - green.at).toBe(HOUR);
    expect(Date.parse(before.handlingDueAt) - green.at).toBe(12 * HOUR);
    const admin = await t.api.login(t.d.people.admin.login);
    const res = await t.api.call(admin, 'PATCH', `/api/v1/categories/${t.d.categoryId}`, { handlingLimit: { amount: 300, unit: 'seconds' } });
    expect(res.statusCode, res.body).toBe(200);
    // The green issue's limits are the green channel's: nothing to recompute for it.
    expect((await detail(green.id)).handlingDueAt).toBe(before.handlingDueAt);
    expect(Date.parse((await detail(plain.id)).handlingDueAt) - plain.at).toBe(300_000);
  });
});
