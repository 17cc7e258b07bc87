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
