import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireDueSteps } from '@huiyin/engine';
import type { OpenList } from '@huiyin/reports';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/**
 * The 未办结 counts read each open issue's track, leader, unit and pressing due time from
 * `open_issue_tracks` (kept by triggers on issues, migrations T31–T33), so that a clock step
 * can update its issue in place; a reader who sees only some issues has the visibility rule
 * applied there too (its enterprise and first responder). They must follow every change of
 * these, a filing and a closing, whoever writes it, and such a reader must count the same.
 */
let t: ReportsDistrict;
const BASE = Date.parse('2026-04-08T01:00:00Z');
const at = (s: number) => new Date(BASE + s * 1000);

beforeAll(async () => {
  t = await openReportsDistrict('open_list_tracks');
}, 60_000);
afterAll(() => t?.close());

async function dispatched(s: number) {
  t.set(at(s));
  const issue = await t.file('entA');
  await t.ok('dispatcher', issue.id, 'list');
  await t.ok('dispatcher', issue.id, 'dispatch');
  return issue;
}

/** A group as the supervisor sees it (counted from open_issue_tracks alone) and as its own official does (from issues, for visibility): the same. */
async function group(groupBy: 'unit' | 'leader', id: string, own: 'headA' | 'leaderA') {
  const read = async (who: 'supervisor' | typeof own) => ((await t.get(who, `/api/v1/reports/open-list?groupBy=${groupBy}`)).json() as OpenList).groups.find((g) => g.id === id);
  const [all, mine] = await Promise.all([read('supervisor'), read(own)]);
  expect(mine).toEqual(all);
  return all;
}
const unitA = () => group('unit', t.d.unitA, 'headA');
const leaderA = () => group('leader', t.d.leaderA, 'leaderA');

/** Every open issue with the columns the counts read, and the triggers' rows: the two must be the same. */
async function tracksAgree() {
  const columns = ['track', 'leader_id', 'lead_unit_id', 'pressing_due_at', 'enterprise_id', 'first_responder_id'] as const;
  const issues = await t.api.db
    .selectFrom('issues')
    .select(['id', ...columns])
    .where('closed_at', 'is', null)
    .orderBy('id')
    .execute();
  const kept = await t.api.db
    .selectFrom('open_issue_tracks')
    .select(['issue_id as id', ...columns])
    .orderBy('issue_id')
    .execute();
  expect(kept).toEqual(issues);
  return kept.length;
}

describe('未办结 counts by colour', () => {
  it('follow each step of a track, a filing and a closing', async () => {
    const red = await dispatched(0);
    const yellow = await dispatched(10);
    const calm = await dispatched(20);
    expect(await tracksAgree()).toBe(3);
    expect(await unitA()).toMatchObject({ open: 3, overdue: 0, red: 0, yellow: 0 });

    // A worker's batch: one statement updates the three issues (their reminders), one trigger run.
    t.set(at(1000));
    const batch = await fireDueSteps({ db: t.api.db, calendar: createWorkingCalendar(), clock: t.now }, { dueBy: at(1000), limit: 200 });
    // Each issue's two running clocks (claim, and handling, which starts at dispatch) take their reminder.
    expect(batch.fired.map((f) => f.step)).toEqual(Array(6).fill('reminded'));
    await tracksAgree();
    expect((await t.api.db.selectFrom('open_issue_tracks').select('track').distinct().execute()).map((r) => r.track)).toEqual(['reminded']);
    await t.fireClaimTrack(yellow.id, 'yellow');
    expect(await unitA()).toMatchObject({ open: 3, red: 0, yellow: 1 });
    await t.fireClaimTrack(red.id, 'red');
    expect(await unitA()).toMatchObject({ open: 3, red: 1, yellow: 1 });
    expect(await leaderA()).toMatchObject({ open: 3, red: 1, yellow: 1 });
    await tracksAgree();

    // A yellow issue going on to red leaves yellow; one closed leaves the counts.
    await t.fireClaimTrack(yellow.id, 'red');
    expect(await unitA()).toMatchObject({ open: 3, red: 2, yellow: 0 });
    await t.ok('entA', red.id, 'withdraw', { reason: '已自行解决' });
    expect(await unitA()).toMatchObject({ open: 2, red: 1, yellow: 0 });
    expect(await tracksAgree()).toBe(2);
    // Past the claim's due time both open issues count as overdue, from the copied due time.
    const claimDue = (await t.api.db.selectFrom('issues').select('claim_due_at').where('id', '=', calm.id).executeTakeFirstOrThrow()).claim_due_at;
    t.set(new Date(claimDue!.getTime() + 1000));
    expect(await unitA()).toMatchObject({ open: 2, overdue: 2 });
    expect(await leaderA()).toMatchObject({ open: 2, overdue: 2 });
    expect((await t.api.db.selectFrom('open_issue_tracks').select('issue_id').execute()).map((r) => r.issue_id).sort()).toEqual([yellow.id, calm.id].sort());
  });

  it("shows a unit's head what it leads, assists or returned, under each issue's lead unit, paged as one list", async () => {
    const list = async (who: 'headA' | 'supervisor', q: string) => (await t.get(who, `/api/v1/reports/open-list?groupBy=unit&${q}`)).json() as OpenList;
    const before = (await list('headA', 'limit=200')).items.map((i) => i.id);
    const led = await dispatched(3000);
    const assisted = await t.file('entA');
    await t.ok('dispatcher', assisted.id, 'list', { leadUnitId: t.d.unitB, assistingUnitIds: [t.d.unitA] });
    await t.ok('dispatcher', assisted.id, 'dispatch');
    const returned = await dispatched(3010);
    await t.ok('handlerA', returned.id, 'return', { reason: '不属于本单位职责' });
    await t.ok('dispatcher', returned.id, 'rule-return', { upheld: true, leadUnitId: t.d.unitB, note: '改派' });
    const others = await t.file('entA');
    await t.ok('dispatcher', others.id, 'list', { leadUnitId: t.d.unitC });
    await t.ok('dispatcher', others.id, 'dispatch');
    await tracksAgree();

    const mine = await list('headA', 'limit=200');
    expect(mine.items.map((i) => i.id).sort()).toEqual([...before, led.id, assisted.id, returned.id].sort());
    // Unit B's group holds only the two unit A has a part in; the supervisor's holds all of B's.
    expect(mine.groups.find((g) => g.id === t.d.unitB)).toMatchObject({ open: 2 });
    expect(mine.groups.some((g) => g.id === t.d.unitC)).toBe(false);
    expect(
      mine.items
        .filter((i) => i.groupId === t.d.unitB)
        .map((i) => i.id)
        .sort(),
    ).toEqual([assisted.id, returned.id].sort());
    // Group order and item order as the supervisor's list has them, and pages of one add up to the whole.
    const all = await list('supervisor', 'limit=200');
    const seen = new Set(mine.items.map((i) => i.id));
    expect(mine.items.map((i) => i.id)).toEqual(all.items.filter((i) => seen.has(i.id)).map((i) => i.id));
    const pages = await Promise.all(mine.items.map((_, k) => list('headA', `limit=1&offset=${k}`)));
    expect(pages.map((p) => p.items[0]?.id)).toEqual(mine.items.map((i) => i.id));
    expect(mine.total).toBe(mine.items.length);
    // By leader the same issues, and for a leader (their enterprises' too), in the supervisor's order.
    for (const who of ['headA', 'leaderA'] as const) {
      const read = async (as: typeof who | 'supervisor') => (await t.get(as, '/api/v1/reports/open-list?groupBy=leader&limit=200')).json() as OpenList;
      const [theirs, everyone] = await Promise.all([read(who), read('supervisor')]);
      const ids = new Set(theirs.items.map((i) => i.id));
      if (who === 'headA') expect([...ids].sort()).toEqual(mine.items.map((i) => i.id).sort());
      else expect(ids.has(others.id)).toBe(true);
      expect(theirs.items.map((i) => i.id)).toEqual(everyone.items.filter((i) => ids.has(i.id)).map((i) => i.id));
    }
  });
});
