import { describe, expect, it } from 'vitest';
import { decideMilestone, persistMilestone, restoreMilestone, stateOf } from './decide.ts';
import { AT, DUE, cast, freshMilestone, mev, runMilestone } from './test-fixtures.ts';

const AFTER_DUE = '2026-12-16T01:00:00.000Z';

describe('the milestone machine', () => {
  it('walks planned → dueSoon → late → done as the engine and the unit report', () => {
    let s = freshMilestone();
    expect(stateOf(s)).toBe('planned');
    s = runMilestone(s, mev('reportProgress', cast.handler, { percent: 40 }), mev('dueSoon', cast.system, {}));
    expect(stateOf(s)).toBe('dueSoon');
    s = runMilestone(s, mev('overdue', cast.system, {}, AFTER_DUE));
    expect(stateOf(s)).toBe('late');
    s = runMilestone(s, mev('reportProgress', cast.head, { percent: 70 }, AFTER_DUE));
    expect(stateOf(s)).toBe('late');
    s = runMilestone(s, mev('reportProgress', cast.handler, { percent: 100 }, AFTER_DUE));
    expect(stateOf(s)).toBe('done');
    expect(s.context).toMatchObject({ percent: 100, doneAt: AFTER_DUE });
  });

  it('is not late before its due time', () => {
    expect(decideMilestone(freshMilestone(), mev('overdue', cast.system, {}, AT))).toMatchObject({ ok: false, code: 'milestone.not_yet_due' });
    expect(decideMilestone(freshMilestone(), mev('overdue', cast.system, {}, DUE))).toMatchObject({ ok: true });
  });

  it('refuses progress that goes backwards or out of range', () => {
    const s = runMilestone(freshMilestone(), mev('reportProgress', cast.handler, { percent: 50 }));
    expect(decideMilestone(s, mev('reportProgress', cast.handler, { percent: 30 }))).toMatchObject({ ok: false, code: 'milestone.percent_decreased' });
    expect(decideMilestone(s, mev('reportProgress', cast.handler, { percent: 101 }))).toMatchObject({ ok: false, code: 'milestone.percent_out_of_range' });
  });

  it('lets the leader replan a late milestone back onto the plan, never into the past', () => {
    const late = runMilestone(freshMilestone(), mev('overdue', cast.system, {}, AFTER_DUE));
    expect(decideMilestone(late, mev('replan', cast.leader, { dueAt: AT }, AFTER_DUE))).toMatchObject({ ok: false, code: 'milestone.replan_in_past' });
    expect(decideMilestone(late, mev('replan', cast.handler, { dueAt: '2027-01-31T16:00:00.000Z' }, AFTER_DUE))).toMatchObject({ ok: false, refusal: 'forbidden' });
    const back = runMilestone(late, mev('replan', cast.leader, { dueAt: '2027-01-31T16:00:00.000Z' }, AFTER_DUE));
    expect(stateOf(back)).toBe('planned');
    expect(back.context).toMatchObject({ dueAt: '2027-01-31T16:00:00.000Z', replans: 1 });
  });

  it('keeps time by the engine only, and takes reports from its unit only', () => {
    const s = freshMilestone();
    expect(decideMilestone(s, mev('overdue', cast.supervisor, {}, AFTER_DUE))).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(decideMilestone(s, mev('reportProgress', cast.otherHandler, { percent: 10 }))).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(decideMilestone(s, mev('complete', cast.leader, {}))).toMatchObject({ ok: false, refusal: 'forbidden' });
    const moved = runMilestone(s, mev('reassign', cast.system, { leaderId: 'leader-2', unitId: 'unit-b' }));
    expect(decideMilestone(moved, mev('reportProgress', cast.otherHandler, { percent: 10 }))).toMatchObject({ ok: true });
  });

  it('accepts nothing once done, and restores from what the store keeps', () => {
    const done = runMilestone(freshMilestone(), mev('complete', cast.handler, {}));
    expect(decideMilestone(done, mev('reportProgress', cast.handler, { percent: 100 }))).toMatchObject({ ok: false, refusal: 'wrong_state' });
    const back = restoreMilestone(JSON.parse(JSON.stringify(persistMilestone(done))));
    expect(stateOf(back)).toBe('done');
    expect(decideMilestone(back, mev('replan', cast.leader, { dueAt: '2027-01-31T16:00:00.000Z' }))).toMatchObject({ ok: false, refusal: 'wrong_state' });
  });
});
