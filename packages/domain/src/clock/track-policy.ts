import type { TimeLimit } from '@huiyin/calendar';
import { DEFAULT_TRACK_POLICY, GREEN_CHANNEL_TRACK_POLICY, type TrackPolicy } from './track.ts';

/** A category's track policy as stored: only the offsets it overrides. */
type StoredTrack = Partial<TrackPolicy> | null;

/**
 * The track an issue's clocks walk: its category's. An issue the dispatcher put on the green
 * channel (docs/domain.md#green-channel) in an ordinary category walks the district's shorter
 * green-channel track.
 */
export function trackPolicyOf(category: { track_policy: StoredTrack; green_channel: boolean } | undefined, issueGreenChannel: boolean): TrackPolicy {
  return issueGreenChannel && !category?.green_channel ? GREEN_CHANNEL_TRACK_POLICY : { ...DEFAULT_TRACK_POLICY, ...(category?.track_policy ?? {}) };
}

/** How long before the lead unit's due time an assisting unit answers, unless its category says. */
export const DEFAULT_ASSIST_MARGIN: TimeLimit = { amount: 1, unit: 'workingDays' };

/**
 * The claim and handling limits of the green channel (docs/domain.md#green-channel) when the
 * district has no green-channel category to take them from.
 */
export const GREEN_CHANNEL_LIMITS: { claim: TimeLimit; handling: TimeLimit } = { claim: { amount: 2, unit: 'hours' }, handling: { amount: 24, unit: 'hours' } };

/** The handling limit in force for an issue: the one the dispatcher chose, else its category's. */
export function handlingLimitOf(issue: { time_limit: TimeLimit | null }, categoryLimit: TimeLimit): TimeLimit {
  return issue.time_limit ?? categoryLimit;
}

/** Plain-time limits (green channel, tests) pause by the wall clock; the rest by working time. */
export function isPlainTime(limit: TimeLimit): boolean {
  return limit.unit === 'hours' || limit.unit === 'minutes' || limit.unit === 'seconds';
}

/** The tracks a key project's clocks walk: its milestones', and its progress reports'. */
export type ProjectTrackPolicy = { milestone: TrackPolicy; report: TrackPolicy };

/** The tracks of a project type (its `track_policy` and `report_track_policy`), over the standard one. */
export function projectTrackPolicyOf(type: { track_policy: StoredTrack; report_track_policy: StoredTrack } | undefined): ProjectTrackPolicy {
  return { milestone: { ...DEFAULT_TRACK_POLICY, ...(type?.track_policy ?? {}) }, report: { ...DEFAULT_TRACK_POLICY, ...(type?.report_track_policy ?? {}) } };
}
