import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireDueSteps } from '@huiyin/engine';
import type { OpenList } from '@huiyin/reports';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/**
 * The 未办结 counts read each open issue's track, leader, unit and pressing due time from
 * `open_issue_tracks` (kept by triggers on issues, migrations T31 and T32), so that a clock step
 * can update its issue in place. They must follow every change of these, a filing and a closing,
 * whoever writes it, and a reader who sees only some issues must count the same.
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
  const columns = ['track', 'leader_id', 'lead_unit_id', 'pressing_due_at'] as const;
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
});
