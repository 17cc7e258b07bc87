import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireDueSteps } from '@huiyin/engine';
import type { OpenList } from '@huiyin/reports';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/**
 * The 未办结 counts by colour read each open issue's track from `open_issue_tracks` (kept by
 * triggers on issues, migration T31), so that a clock step can update its issue in place. They
 * must follow every change of track, a filing and a closing, whoever writes it.
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

const unitA = async () => ((await t.get('supervisor', '/api/v1/reports/open-list?groupBy=unit')).json() as OpenList).groups.find((g) => g.id === t.d.unitA);

/** Every open issue with its track, and the triggers' rows: the two must be the same. */
async function tracksAgree() {
  const issues = await t.api.db.selectFrom('issues').select(['id', 'track']).where('closed_at', 'is', null).orderBy('id').execute();
  const kept = await t.api.db.selectFrom('open_issue_tracks').select(['issue_id as id', 'track']).orderBy('issue_id').execute();
  expect(kept).toEqual(issues);
  return kept.length;
}

describe('未办结 counts by colour', () => {
  it('follow each step of a track, a filing and a closing', async () => {
    const red = await dispatched(0);
    const yellow = await dispatched(10);
    const calm = await dispatched(20);
    expect(await tracksAgree()).toBe(3);
    expect(await unitA()).toMatchObject({ open: 3, red: 0, yellow: 0 });

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
    await tracksAgree();

    // A yellow issue going on to red leaves yellow; one closed leaves the counts.
    await t.fireClaimTrack(yellow.id, 'red');
    expect(await unitA()).toMatchObject({ open: 3, red: 2, yellow: 0 });
    await t.ok('entA', red.id, 'withdraw', { reason: '已自行解决' });
    expect(await unitA()).toMatchObject({ open: 2, red: 1, yellow: 0 });
    expect(await tracksAgree()).toBe(2);
    expect((await t.api.db.selectFrom('open_issue_tracks').select('issue_id').execute()).map((r) => r.issue_id).sort()).toEqual([yellow.id, calm.id].sort());
  });
});
