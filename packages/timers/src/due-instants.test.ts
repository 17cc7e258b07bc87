import { describe, expect, it } from 'vitest';
import { HORIZON_MS, NEAR_MS, WINDOW_LEAD_MS, instantJobId, instantOf, instantsOf, jobsOf } from './due-instants.ts';

const now = Date.UTC(2026, 11, 7, 9, 30, 0, 0);

describe('timers keyed by due instant', () => {
  it('rounds a step within the horizon up to its tenth of a second, never earlier than due', () => {
    expect(instantOf(now + 5_000, now)).toEqual({ kind: 'drain', at: now + 5_000 });
    expect(instantOf(now + 5_001, now)).toEqual({ kind: 'drain', at: now + 5_100 });
    expect(instantOf(now + 5_099, now)).toEqual({ kind: 'drain', at: now + 5_100 });
    expect(instantOf(now + HORIZON_MS - 1, now).kind).toBe('drain');
  });

  it("puts a step beyond the horizon in its minute's window", () => {
    const at = now + HORIZON_MS + 17_250;
    expect(instantOf(at, now)).toEqual({ kind: 'window', at: at - (at % 60_000) });
  });

  it('sets one job per distinct instant: a batch of next steps hours away is a window or two', () => {
    const hour = now + 3_600_000;
    const requests = Array.from({ length: 200 }, (_, i) => ({ at: new Date(hour + i * 500) }));
    const instants = instantsOf(requests, now);
    expect(instants.map((i) => i.kind)).toEqual(['window', 'window']);
    expect(instantsOf([{ at: new Date(now + 10_010) }, { at: new Date(now + 10_090) }], now)).toEqual([{ kind: 'drain', at: now + 10_100 }]);
  });

  it('gives a window job its minute less the lead, a drain beyond 2 s a fixed id, one nearer none, and every past-due instant one job now', () => {
    const jobs = jobsOf(
      [
        { kind: 'window', at: now + 600_000 },
        { kind: 'drain', at: now + 60_000 },
        { kind: 'drain', at: now + NEAR_MS - 100 },
        { kind: 'drain', at: now - 5_000 },
        { kind: 'drain', at: now - 100 },
      ],
      now,
    );
    expect(jobs).toEqual([
      { name: 'window', data: now + 600_000, jobId: instantJobId({ kind: 'window', at: now + 600_000 }), fireAt: now + 600_000 - WINDOW_LEAD_MS },
      { name: 'drain', data: now + 60_000, jobId: instantJobId({ kind: 'drain', at: now + 60_000 }), fireAt: now + 60_000 },
      { name: 'drain', data: now + NEAR_MS - 100, fireAt: now + NEAR_MS - 100 },
      { name: 'drain', data: now, fireAt: now },
    ]);
    // Ids BullMQ accepts (no colon), and window and drain ids of one instant apart.
    for (const j of jobs) expect(j.jobId ?? '').not.toContain(':');
    expect(instantJobId({ kind: 'window', at: now })).not.toBe(instantJobId({ kind: 'drain', at: now }));
  });
});
