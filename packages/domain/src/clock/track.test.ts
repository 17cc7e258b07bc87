import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_TRACK_POLICY, nextStep, type ClockKind, type ClockStep } from './track.ts';

const due = new Date('2026-12-04T09:30:00Z');
const policy = { ...DEFAULT_TRACK_POLICY, reminderBeforeSeconds: 600, yellowBeforeSeconds: 120, leaderAfterSeconds: 60, supervisionAfterSeconds: 300 };

function walk(kind: ClockKind, start: Date, p = policy) {
  const out: Array<{ step: ClockStep; at: Date }> = [];
  let current: ClockStep = 'on_time';
  let notBefore = start;
  for (;;) {
    const n = nextStep(kind, current, due, p, notBefore);
    if (!n) return out;
    out.push(n);
    current = n.step;
    notBefore = n.at;
  }
}

describe('the timeliness track', () => {
  it('walks reminder, yellow, red at the due time, leader, supervision for a handling clock', () => {
    const steps = walk('handling', new Date('2026-12-01T00:00:00Z'));
    expect(steps.map((s) => s.step)).toEqual(['reminded', 'yellow', 'red', 'leader', 'supervision']);
    expect(steps.map((s) => s.at.toISOString())).toEqual(['2026-12-04T09:20:00.000Z', '2026-12-04T09:28:00.000Z', '2026-12-04T09:30:00.000Z', '2026-12-04T09:31:00.000Z', '2026-12-04T09:35:00.000Z']);
  });

  it('fires steps already past at once, in order, when the limit is shorter than the offsets', () => {
    const start = new Date('2026-12-04T09:29:00Z');
    const steps = walk('claim', start);
    expect(steps.slice(0, 2).map((s) => s.at.getTime())).toEqual([start.getTime(), start.getTime()]);
    expect(steps[2]?.at.toISOString()).toBe('2026-12-04T09:30:00.000Z');
  });

  it('has one step for the rating clock and two for supplements', () => {
    expect(walk('rating', new Date(0)).map((s) => s.step)).toEqual(['due']);
    expect(walk('supplement', new Date(0)).map((s) => s.step)).toEqual(['reminded', 'red']);
  });

  test.prop([
    fc.constantFrom<ClockKind>('claim', 'handling', 'assist', 'supplement', 'rating'),
    fc.integer({ min: 0, max: 10 ** 6 }),
    fc.integer({ min: 0, max: 10 ** 5 }),
    fc.integer({ min: 0, max: 10 ** 5 }),
  ])('never goes back in time and ends', (kind, startOffset, reminder, yellow) => {
    const steps = walk(kind, new Date(due.getTime() - startOffset * 1000), { ...policy, reminderBeforeSeconds: reminder, yellowBeforeSeconds: yellow });
    expect(steps.length).toBeGreaterThan(0);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.at.getTime()).toBeGreaterThanOrEqual(steps[i - 1]!.at.getTime());
  });
});

describe('reminders held to working hours', () => {
  // Working time starts at 09:00 Shanghai (01:00Z) on weekdays; a stand-in for the calendar's rule.
  const workingFrom = (at: Date) => {
    const d = new Date(at);
    const open = (x: Date) => x.getUTCDay() !== 0 && x.getUTCDay() !== 6 && x.getUTCHours() >= 1 && x.getUTCHours() < 9;
    while (!open(d)) d.setTime(d.getTime() + 60_000);
    return d;
  };
  it('waits for Monday morning with a reminder due on Sunday, before a Monday evening due time', () => {
    // Due Monday 22 March 2027 17:30 Shanghai; the reminder 24 h before falls on Sunday.
    const due = new Date('2027-03-22T09:30:00.000Z');
    const now = new Date('2027-03-19T02:00:00.000Z');
    expect(nextStep('handling', 'on_time', due, DEFAULT_TRACK_POLICY, now, workingFrom)).toEqual({ step: 'reminded', at: new Date('2027-03-22T01:00:00.000Z') });
    // Without the rule, it is Sunday at 17:30.
    expect(nextStep('handling', 'on_time', due, DEFAULT_TRACK_POLICY, now)?.at).toEqual(new Date('2027-03-21T09:30:00.000Z'));
  });

  it('never holds a red card or an escalation, nor a reminder past the due time', () => {
    const due = new Date('2027-03-21T03:00:00.000Z'); // Sunday 11:00 Shanghai
    const now = new Date('2027-03-19T02:00:00.000Z');
    expect(nextStep('handling', 'reminded', due, DEFAULT_TRACK_POLICY, now, workingFrom)?.at).toEqual(new Date(due.getTime() - 4 * 3600_000));
    expect(nextStep('handling', 'yellow', due, DEFAULT_TRACK_POLICY, now, workingFrom)).toEqual({ step: 'red', at: due });
    expect(nextStep('handling', 'red', due, DEFAULT_TRACK_POLICY, now, workingFrom)).toEqual({ step: 'leader', at: new Date(due.getTime() + 4 * 3600_000) });
  });
});
