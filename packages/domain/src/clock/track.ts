import type { TimeLimit } from '@huiyin/calendar';

/**
 * The timeliness track of a clock (docs/domain.md#track): on time → reminder → yellow card (黄牌) →
 * red card (红牌) at the due time → escalated to the leader → escalated to supervision (督办单).
 */
export const TRACK_STEPS = ['on_time', 'reminded', 'yellow', 'red', 'leader', 'supervision'] as const;
export type TrackStep = (typeof TRACK_STEPS)[number];

/**
 * The steps a timer may fire. The rating clock has no track: at its `due` time the enterprise is
 * invited again or it closes. A paused handling clock has one step, `resume`, when its pause
 * allowance runs out (docs/domain.md#limit-bounds); neither is ever a clock's `step`.
 */
export type ClockStep = TrackStep | 'due' | 'resume';

/**
 * The clocks of an issue (docs/domain.md#clocks); `assist` runs once per assisting unit, `listing`
 * is the service centre's, from filing to dispatch.
 */
export type ClockKind = 'listing' | 'claim' | 'handling' | 'supplement' | 'rating' | 'assist';
/** The clocks of a key project: a milestone's, and a report period's. */
export type ProjectClockKind = 'milestone' | 'report';
/** Any kind a clock row may have. */
export type AnyClockKind = ClockKind | ProjectClockKind;

/**
 * The kind whose steps a clock walks: a key project's milestone and report clocks walk the full
 * track (reminder, yellow, red, leader, supervision), as an issue's handling clock does.
 */
export function trackKind(kind: AnyClockKind): ClockKind {
  return kind === 'milestone' || kind === 'report' ? 'handling' : kind;
}

/** Offsets from the due time, in seconds; the policy of a category (the green channel has its own). */
export type TrackPolicy = {
  reminderBeforeSeconds: number;
  yellowBeforeSeconds: number;
  leaderAfterSeconds: number;
  supervisionAfterSeconds: number;
  /** The time the supervision order (督办单) gives for its reply. */
  supervisionOrderLimit: TimeLimit;
  /** First contact (先行联系) is on time within this limit after the claim. */
  firstContactLimit: TimeLimit;
};

export const DEFAULT_TRACK_POLICY: TrackPolicy = {
  reminderBeforeSeconds: 24 * 3600,
  yellowBeforeSeconds: 4 * 3600,
  leaderAfterSeconds: 4 * 3600,
  supervisionAfterSeconds: 24 * 3600,
  supervisionOrderLimit: { amount: 3, unit: 'workingDays' },
  firstContactLimit: { amount: 1, unit: 'workingDays' },
};

export const GREEN_CHANNEL_TRACK_POLICY: TrackPolicy = {
  reminderBeforeSeconds: 3600,
  yellowBeforeSeconds: 1800,
  leaderAfterSeconds: 1800,
  supervisionAfterSeconds: 2 * 3600,
  supervisionOrderLimit: { amount: 24, unit: 'hours' },
  firstContactLimit: { amount: 2, unit: 'hours' },
};

/** The steps each kind of clock walks, in order. */
const STEPS_OF: Record<ClockKind, readonly ClockStep[]> = {
  listing: ['reminded', 'yellow', 'red', 'leader', 'supervision'],
  claim: ['reminded', 'yellow', 'red', 'leader', 'supervision'],
  handling: ['reminded', 'yellow', 'red', 'leader', 'supervision'],
  assist: ['reminded', 'yellow', 'red', 'leader', 'supervision'],
  // Documents the enterprise owes: it is reminded, and at the due time the unit hears of it.
  supplement: ['reminded', 'red'],
  rating: ['due'],
};

function offsetSeconds(step: ClockStep, p: TrackPolicy): number {
  switch (step) {
    case 'reminded':
      return -p.reminderBeforeSeconds;
    case 'yellow':
      return -p.yellowBeforeSeconds;
    case 'leader':
      return p.leaderAfterSeconds;
    case 'supervision':
      return p.supervisionAfterSeconds;
    default:
      return 0;
  }
}

/**
 * The next step after `current` and when it falls due. Steps whose time has already passed
 * (a limit shorter than the reminder offset) come due at once, still in order; times never
 * go backwards. Null when the track is finished. With `workingFrom` (the start of working time at
 * or after an instant), a reminder or a yellow card that would fall at night, on a weekend or a
 * holiday waits for the next working period, unless waiting would pass the due time; a red card
 * and the escalations go at once, whenever they fall.
 */
export function nextStep(kind: ClockKind, current: ClockStep, dueAt: Date, policy: TrackPolicy, notBefore: Date, workingFrom?: (at: Date) => Date): { step: ClockStep; at: Date } | null {
  const steps = STEPS_OF[kind];
  const i = current === 'on_time' ? 0 : steps.indexOf(current) + 1;
  if (current !== 'on_time' && i === 0) return null; // a step this kind of clock does not walk
  const step = steps[i];
  if (!step) return null;
  const at = new Date(Math.max(dueAt.getTime() + offsetSeconds(step, policy) * 1000, notBefore.getTime()));
  if (workingFrom && (step === 'reminded' || step === 'yellow')) {
    const held = workingFrom(at);
    if (held < dueAt) return { step, at: held };
  }
  return { step, at };
}

/** The worse of two steps, for the overall track colour. */
export function worseStep(a: ClockStep, b: ClockStep): ClockStep {
  const rank = (s: ClockStep) => (s === 'due' || s === 'resume' ? 0 : TRACK_STEPS.indexOf(s));
  return rank(b) > rank(a) ? b : a;
}
