import { describe, expect, it } from 'vitest';
import { decideIssue, persistIssue, restoreIssue, stateOf } from './decide.ts';
import { runningClocks } from './clocks.ts';
import { AT, DUE, cast, ev, fresh, inProgress, run, steps } from './test-fixtures.ts';

const refusal = (s: Parameters<typeof decideIssue>[0], e: Parameters<typeof decideIssue>[1]) => {
  const d = decideIssue(s, e);
  return d.ok ? 'accepted' : d.code;
};

describe('issue lifecycle: the main road', () => {
  it('walks submitted → listed → awaiting claim → in progress → review → resolved → closed', () => {
    let s = fresh();
    expect(stateOf(s)).toBe('submitted');
    s = run(s, steps.list());
    expect(stateOf(s)).toBe('listed');
    expect(s.context).toMatchObject({ leaderId: 'leader-1', leadUnitId: 'unit-a' });
    s = run(s, steps.dispatch());
    expect(stateOf(s)).toBe('awaitingClaim');
    expect(s.context.handlingDueAt).toBe(DUE);
    s = run(s, steps.claim());
    expect(stateOf(s)).toBe('inProgress.working');
    expect(s.context).toMatchObject({ claimedBy: 'h', claimedAt: AT });
    s = run(s, steps.contact(), ev('reportMilestone', cast.handler, {}), ev('interimReply', cast.handler, {}));
    expect(s.context.milestonesReported).toBe(1);
    s = run(s, steps.resolve());
    expect(stateOf(s)).toBe('answerReview');
    s = run(s, steps.review());
    expect(stateOf(s)).toBe('resolved');
    expect(s.context.answersDelivered).toBe(1);
    s = run(s, steps.rate('basically'));
    expect(stateOf(s)).toBe('closed');
    expect(s.status).toBe('done');
    expect(s.context.closedAs).toBe('rated');
  });

  it('reopens on dissatisfaction and the unit claims the redo', () => {
    let s = run(inProgress(), steps.resolve(), steps.review(), steps.rate('dissatisfied'));
    expect(stateOf(s)).toBe('reopened');
    expect(s.context).toMatchObject({ reopenCount: 1, answer: null, firstContactAt: null });
    s = run(s, steps.claim());
    expect(stateOf(s)).toBe('inProgress.working');
    expect(refusal(s, steps.resolve())).toBe('issue.first_contact_missing');
  });

  it('sends a negative answer through the leader, and only with a way forward', () => {
    const s = inProgress();
    expect(refusal(s, steps.resolve('negative', '  '))).toBe('issue.way_forward_required');
    let t = run(s, steps.resolve('negative', '建议改走二期用地指标，区自然资源局协助'), steps.review());
    expect(stateOf(t)).toBe('answerSignOff');
    expect(refusal(t, ev('signOff', cast.otherLeader, { approve: true, ratingDueAt: DUE }))).toBe('issue.forbidden');
    t = run(t, steps.signOff());
    expect(stateOf(t)).toBe('resolved');
    expect(t.context.answer).toEqual({ outcome: 'negative', reviewed: true, signedOff: true });
  });

  it('sends a rejected answer back to work', () => {
    const s = run(inProgress(), steps.resolve(), steps.review(false));
    expect(stateOf(s)).toBe('inProgress.working');
    expect(s.context.answer).toBeNull();
    const n = run(inProgress(), steps.resolve('negative', '分期办理'), steps.review(), steps.signOff(false));
    expect(stateOf(n)).toBe('inProgress.working');
  });
});

describe('claiming and returning', () => {
  const awaiting = () => run(fresh(), steps.list(), steps.dispatch());

  it('lets only the lead unit claim', () => {
    expect(refusal(awaiting(), ev('claim', cast.otherHandler, {}))).toBe('issue.forbidden');
    expect(refusal(awaiting(), ev('claim', cast.dispatcher, {}))).toBe('issue.forbidden');
    expect(refusal(awaiting(), ev('claim', cast.head, {}))).toBe('accepted');
  });

  it('re-dispatches an upheld return to another unit with fresh clocks', () => {
    let s = run(awaiting(), ev('return', cast.handler, { reason: '不属于本单位职责' }));
    expect(stateOf(s)).toBe('returned');
    expect(s.context.returningUnitId).toBe('unit-a');
    const same = ev('ruleReturn', cast.dispatcher, { upheld: true, leadUnitId: 'unit-a', claimDueAt: AT, handlingDueAt: DUE });
    expect(refusal(s, same)).toBe('issue.redispatch_same_unit');
    expect(refusal(s, ev('ruleReturn', cast.dispatcher, { upheld: true }))).toBe('issue.redispatch_unit_required');
    s = run(s, ev('ruleReturn', cast.dispatcher, { upheld: true, leadUnitId: 'unit-b', claimDueAt: AT, handlingDueAt: '2026-12-10T09:30:00.000Z' }));
    expect(stateOf(s)).toBe('awaitingClaim');
    expect(s.context).toMatchObject({ leadUnitId: 'unit-b', handlingDueAt: '2026-12-10T09:30:00.000Z', returnCount: 1 });
    expect(refusal(s, ev('claim', cast.handler, {}))).toBe('issue.forbidden');
    expect(refusal(s, ev('claim', cast.otherHandler, {}))).toBe('accepted');
  });

  it('makes a denied return final for that unit', () => {
    const s = run(awaiting(), ev('return', cast.handler, { reason: '职责不清' }), ev('ruleReturn', cast.dispatcher, { upheld: false }));
    expect(stateOf(s)).toBe('awaitingClaim');
    expect(s.context.leadUnitId).toBe('unit-a');
    expect(refusal(s, ev('return', cast.head, { reason: '再次申请' }))).toBe('issue.return_ruling_final');
  });

  it('sends repeated returns to the leader', () => {
    const back = (unit: 'unit-a' | 'unit-b') => ev('ruleReturn', cast.dispatcher, { upheld: true, leadUnitId: unit, claimDueAt: AT, handlingDueAt: DUE });
    const s = run(awaiting(), ev('return', cast.handler, { reason: '一' }), back('unit-b'), ev('return', cast.otherHandler, { reason: '二' }));
    expect(s.context.returnCount).toBe(2);
    expect(refusal(s, back('unit-a'))).toBe('issue.forbidden');
    expect(refusal(s, ev('ruleReturn', cast.leader, { upheld: false }))).toBe('accepted');
  });
});

describe('in progress', () => {
  it('needs first contact before an answer', () => {
    const s = run(fresh(), steps.list(), steps.dispatch(), steps.claim());
    expect(refusal(s, steps.resolve())).toBe('issue.first_contact_missing');
    expect(refusal(run(s, steps.contact()), steps.contact())).toBe('issue.first_contact_already_recorded');
  });

  it('waits for every assisting unit before the lead unit answers', () => {
    let s = run(fresh(), steps.list(['unit-c']), steps.dispatch(), steps.claim(), steps.contact());
    expect(refusal(s, steps.resolve())).toBe('issue.assists_unanswered');
    expect(refusal(s, ev('answerAssist', cast.otherHandler, {}))).toBe('issue.forbidden');
    s = run(s, ev('answerAssist', cast.assistHandler, {}));
    expect(refusal(s, ev('answerAssist', cast.assistHandler, {}))).toBe('issue.assist_already_answered');
    expect(refusal(s, steps.resolve())).toBe('accepted');
  });

  it('refuses a lead unit that also assists', () => {
    const bad = ev('list', cast.dispatcher, { leaderId: 'leader-1', leadUnitId: 'unit-a', assists: [{ unitId: 'unit-a', dueAt: DUE, answered: false }], greenChannel: false, pendingDocuments: 0 });
    expect(refusal(fresh(), bad)).toBe('issue.lead_unit_also_assisting');
  });

  it('has the leader decide extensions requested before the due time', () => {
    let s = run(inProgress(), ev('requestExtension', cast.handler, {}));
    expect(refusal(s, ev('requestExtension', cast.handler, {}))).toBe('issue.extension_pending');
    expect(refusal(s, ev('approveExtension', cast.head, { handlingDueAt: DUE }))).toBe('issue.forbidden');
    s = run(s, ev('approveExtension', cast.leader, { handlingDueAt: '2026-12-11T09:30:00.000Z' }));
    expect(s.context).toMatchObject({ pendingExtension: false, extensionCount: 1, handlingDueAt: '2026-12-11T09:30:00.000Z' });
    expect(refusal(s, ev('denyExtension', cast.leader, {}))).toBe('issue.no_extension_pending');
    const late = { ...ev('requestExtension', cast.handler, {}), at: '2026-12-12T00:00:00.000Z' };
    expect(refusal(s, late)).toBe('issue.extension_after_due');
  });

  it('pauses the handling clock while waiting on the enterprise', () => {
    let s = run(inProgress(), ev('requestInfo', cast.handler, {}));
    expect(stateOf(s)).toBe('inProgress.waitingOnEnterprise');
    expect(runningClocks(s)).toEqual({ handling: 'paused' });
    expect(refusal(s, ev('supplyInfo', cast.otherEnterprise, { handlingDueAt: DUE, pausedMs: 0 }))).toBe('issue.forbidden');
    s = run(s, ev('supplyInfo', cast.enterprise, { handlingDueAt: '2026-12-07T09:30:00.000Z', pausedMs: 3_600_000 }));
    expect(runningClocks(s)).toEqual({ handling: 'running' });
    expect(s.context.handlingDueAt).toBe('2026-12-07T09:30:00.000Z');
  });
});

describe('information from the enterprise', () => {
  it('takes added information from the owner at any open stage, without moving it', () => {
    for (const s of [fresh(), inProgress(), run(inProgress(), steps.resolve())]) {
      const next = run(s, ev('addInformation', cast.enterprise, {}));
      expect(stateOf(next)).toBe(stateOf(s));
      expect(next.context.informationAdded).toBe(1);
      expect(refusal(s, ev('addInformation', cast.otherEnterprise, {}))).toBe('issue.forbidden');
    }
    const closed = run(inProgress(), steps.resolve(), steps.review(), steps.rate('satisfied'));
    expect(refusal(closed, ev('addInformation', cast.enterprise, {}))).toBe('issue.wrong_state');
  });
});

describe('clocks declared by state', () => {
  it('runs claim and handling clocks together from dispatch, and rating when resolved', () => {
    const awaiting = run(fresh(), steps.list(), steps.dispatch());
    expect(runningClocks(awaiting)).toEqual({ claim: 'running', handling: 'running' });
    expect(runningClocks(run(inProgress(), steps.resolve(), steps.review()))).toEqual({ rating: 'running' });
    // Before dispatch the service centre's listing clock runs.
    expect(runningClocks(fresh())).toEqual({ listing: 'running' });
    expect(runningClocks(run(fresh(), steps.list()))).toEqual({ listing: 'running' });
  });

  it('runs the supplement clock while documents are pending', () => {
    const list = ev('list', cast.dispatcher, { leaderId: 'leader-1', leadUnitId: 'unit-a', assists: [], greenChannel: false, pendingDocuments: 2 });
    let s = run(fresh(), list, steps.dispatch());
    expect(runningClocks(s).supplement).toBe('running');
    s = run(s, ev('supplyDocument', cast.enterprise, { remaining: 0 }));
    expect(runningClocks(s).supplement).toBeUndefined();
  });
});

describe('ending', () => {
  it('lets the owner withdraw before resolution only', () => {
    expect(stateOf(run(inProgress(), ev('withdraw', cast.enterprise, { reason: '已自行解决' })))).toBe('withdrawn');
    expect(refusal(inProgress(), ev('withdraw', cast.otherEnterprise, { reason: 'x' }))).toBe('issue.forbidden');
    const resolved = run(inProgress(), steps.resolve(), steps.review());
    expect(refusal(resolved, ev('withdraw', cast.enterprise, { reason: 'x' }))).toBe('issue.wrong_state');
  });

  it('invites once more when the rating limit passes, then closes', () => {
    let s = run(inProgress(), steps.resolve(), steps.review());
    s = run(s, ev('ratingTimeout', cast.system, { ratingDueAt: DUE }));
    expect(stateOf(s)).toBe('resolved');
    expect(s.context.ratingInvitations).toBe(1);
    s = run(s, ev('ratingTimeout', cast.system, { ratingDueAt: DUE }));
    expect(stateOf(s)).toBe('closed');
    expect(s.context.closedAs).toBe('rating_timeout');
    expect(refusal(run(inProgress(), steps.resolve(), steps.review()), ev('ratingTimeout', cast.enterprise, { ratingDueAt: DUE }))).toBe('issue.forbidden');
  });

  it('lets supervision strike off a resolved issue, and nothing leaves a final state', () => {
    const s = run(inProgress(), steps.resolve(), steps.review(), ev('strikeOff', cast.supervisor, { reason: '电话回访满意' }));
    expect(stateOf(s)).toBe('closed');
    expect(refusal(s, steps.rate('dissatisfied'))).toBe('issue.wrong_state');
    expect(refusal(inProgress(), ev('strikeOff', cast.supervisor, { reason: 'x' }))).toBe('issue.wrong_state');
  });

  it('links a duplicate and stops there', () => {
    const s = run(fresh(), ev('markDuplicate', cast.dispatcher, { duplicateOf: 'iss-0' }));
    expect(stateOf(s)).toBe('duplicate');
    expect(s.context.duplicateOf).toBe('iss-0');
    expect(refusal(fresh(), ev('markDuplicate', cast.dispatcher, { duplicateOf: 'iss-1' }))).toBe('issue.duplicate_of_itself');
  });

  it('refuses events the state does not know, as a wrong state', () => {
    expect(refusal(fresh(), steps.claim())).toBe('issue.wrong_state');
    expect(refusal(fresh(), steps.rate('satisfied'))).toBe('issue.wrong_state');
  });
});

describe('persistence', () => {
  it('restores a persisted snapshot that decides exactly as the original', () => {
    const s = run(inProgress(), ev('requestInfo', cast.handler, {}));
    const restored = restoreIssue(JSON.parse(JSON.stringify(persistIssue(s))));
    expect(stateOf(restored)).toBe('inProgress.waitingOnEnterprise');
    expect(restored.context).toEqual(s.context);
    expect(stateOf(run(restored, ev('supplyInfo', cast.enterprise, { handlingDueAt: DUE, pausedMs: 0 })))).toBe('inProgress.working');
  });
});

describe('recomputing due times', () => {
  const later = '2026-12-18T09:30:00.000Z';
  const recompute = (body: { claimDueAt?: string; handlingDueAt?: string; assists?: Array<{ unitId: string; dueAt: string }>; ratingDueAt?: string }, actor: Parameters<typeof ev>[1] = cast.system) =>
    ev('recomputeDue', actor, body);

  it('sets the given due times, leaves the rest, and stays where it is', () => {
    const awaiting = run(fresh(), steps.list(['unit-c']), steps.dispatch());
    const s = run(awaiting, recompute({ handlingDueAt: later, assists: [{ unitId: 'unit-c', dueAt: later }] }));
    expect(stateOf(s)).toBe('awaitingClaim');
    expect(s.context).toMatchObject({ claimDueAt: AT, handlingDueAt: later, assists: [{ unitId: 'unit-c', dueAt: later, answered: false }] });
    const both = run(awaiting, recompute({ claimDueAt: DUE, handlingDueAt: later }));
    expect(both.context).toMatchObject({ claimDueAt: DUE, handlingDueAt: later });
  });

  it('moves a paused handling clock without resuming it', () => {
    const s = run(inProgress(), ev('requestInfo', cast.handler, {}), recompute({ handlingDueAt: later }));
    expect(stateOf(s)).toBe('inProgress.waitingOnEnterprise');
    expect(runningClocks(s)).toEqual({ handling: 'paused' });
    expect(s.context.handlingDueAt).toBe(later);
  });

  it("is the system's alone, and only where a clock it moves can run", () => {
    const s = inProgress();
    for (const actor of [cast.dispatcher, cast.leader, cast.handler, cast.enterprise]) {
      expect(refusal(s, recompute({ handlingDueAt: later }, actor))).toBe('issue.forbidden');
    }
    const resolved = run(s, steps.resolve(), steps.review());
    expect(refusal(run(resolved, steps.rate('satisfied')), recompute({ handlingDueAt: later }))).toBe('issue.wrong_state');
    // Submitted and listed: the listing clock runs (and documents owed, the supplement clock); resolved: the rating clock.
    for (const where of [
      fresh(),
      run(fresh(), steps.list()),
      run(s, steps.resolve()),
      run(s, steps.resolve('negative', '分期办理'), steps.review()),
      resolved,
      run(resolved, steps.rate('dissatisfied')),
    ]) {
      expect(refusal(where, recompute({ handlingDueAt: later }))).toBe('accepted');
    }
  });

  it('moves the rating clock of a resolved issue and nothing else', () => {
    const resolved = run(inProgress(), steps.resolve(), steps.review());
    const s = run(resolved, recompute({ ratingDueAt: later }));
    expect(stateOf(s)).toBe('resolved');
    expect(runningClocks(s)).toEqual({ rating: 'running' });
    expect(s.context).toEqual({ ...resolved.context, ratingDueAt: later });
  });
});
