import { describe, expect, it } from 'vitest';
import { decideProject, persistProject, restoreProject, stateOf } from './decide.ts';
import { cast, freshProject, pev, runProject } from './test-fixtures.ts';

const start = () => pev('start', cast.head, {});

describe('the project machine', () => {
  it('walks planned → underWay → suspended → underWay → completed', () => {
    let s = freshProject();
    expect(stateOf(s)).toBe('planned');
    s = runProject(s, pev('planMilestones', cast.handler, { dueOns: ['2026-12-31', '2027-03-31'] }), start());
    expect(stateOf(s)).toBe('underWay');
    expect(s.context.startedAt).not.toBeNull();
    s = runProject(s, pev('suspend', cast.leader, { reason: '用地手续待批' }));
    expect(stateOf(s)).toBe('suspended');
    expect(s.context.suspensions).toBe(1);
    s = runProject(s, pev('resume', cast.supervisor, {}), pev('fileReport', cast.handler, { periodEnd: '2026-11-30' }));
    expect(s.context.reportsFiled).toBe(1);
    s = runProject(s, pev('complete', cast.head, { openMilestones: 0 }));
    expect(stateOf(s)).toBe('completed');
    expect(s.status).toBe('done');
  });

  it('refuses completion while milestones are open', () => {
    const s = runProject(freshProject(), start());
    expect(decideProject(s, pev('complete', cast.head, { openMilestones: 2 }))).toMatchObject({ ok: false, refusal: 'unmet_condition', code: 'project.milestones_open' });
  });

  it('refuses a milestone due after the planned completion, naming the condition', () => {
    const d = decideProject(freshProject(), pev('planMilestones', cast.dispatcher, { dueOns: ['2026-12-01', '2027-07-01'] }));
    expect(d).toMatchObject({ ok: false, code: 'project.milestone_after_completion' });
  });

  it('refuses moving the completion before a planned milestone or before the start', () => {
    const s = runProject(freshProject(), pev('planMilestones', cast.dispatcher, { dueOns: ['2027-05-01'] }));
    expect(s.context.lastMilestoneDueOn).toBe('2027-05-01');
    const base = { leaderId: 'leader-1', unitId: 'unit-a', startDate: '2026-03-01' };
    expect(decideProject(s, pev('update', cast.dispatcher, { ...base, plannedCompletion: '2027-04-30' }))).toMatchObject({ ok: false, code: 'project.completion_before_milestone' });
    expect(decideProject(s, pev('update', cast.dispatcher, { ...base, plannedCompletion: '2026-02-01' }))).toMatchObject({ ok: false, code: 'project.completion_before_start' });
    const moved = runProject(s, pev('update', cast.admin, { ...base, leaderId: 'leader-2', plannedCompletion: '2027-05-01' }));
    expect(moved.context).toMatchObject({ leaderId: 'leader-2', plannedCompletion: '2027-05-01' });
  });

  it("tells a wrong state from another's project", () => {
    const planned = freshProject();
    expect(decideProject(planned, pev('fileReport', cast.handler, { periodEnd: '2026-11-30' }))).toMatchObject({ ok: false, refusal: 'wrong_state', code: 'project.wrong_state' });
    expect(decideProject(planned, start())).toMatchObject({ ok: true });
    expect(decideProject(planned, pev('start', cast.otherHead, {}))).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(decideProject(planned, pev('start', cast.handler, {}))).toMatchObject({ ok: false, refusal: 'forbidden' });
    const underWay = runProject(planned, start());
    expect(decideProject(underWay, pev('suspend', cast.otherLeader, { reason: 'x' }))).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(decideProject(underWay, pev('fileReport', cast.otherHandler, { periodEnd: '2026-11-30' }))).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(decideProject(underWay, pev('reportProblem', cast.enterprise, { issueId: 'i' }))).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(decideProject(underWay, pev('update', cast.head, { leaderId: 'leader-1', unitId: 'unit-a', startDate: '2026-03-01', plannedCompletion: '2027-06-30' }))).toMatchObject({
      ok: false,
      refusal: 'forbidden',
    });
  });

  it('hands problems over in every open state, and nothing after completion', () => {
    let s = freshProject();
    s = runProject(s, pev('reportProblem', cast.leader, { issueId: 'i1' }), start(), pev('reportProblem', cast.handler, { issueId: 'i2' }));
    s = runProject(s, pev('suspend', cast.admin, { reason: 'x' }), pev('reportProblem', cast.supervisor, { issueId: 'i3' }));
    expect(s.context.problemsReported).toBe(3);
    s = runProject(s, pev('resume', cast.leader, {}), pev('complete', cast.admin, { openMilestones: 0 }));
    expect(decideProject(s, pev('reportProblem', cast.leader, { issueId: 'i4' }))).toMatchObject({ ok: false, refusal: 'wrong_state' });
  });

  it('persists and restores to the same state and context', () => {
    const s = runProject(freshProject(), start(), pev('suspend', cast.leader, { reason: 'x' }));
    const back = restoreProject(JSON.parse(JSON.stringify(persistProject(s))));
    expect(stateOf(back)).toBe('suspended');
    expect(back.context).toEqual(s.context);
    expect(decideProject(back, pev('resume', cast.leader, {}))).toMatchObject({ ok: true });
  });
});
