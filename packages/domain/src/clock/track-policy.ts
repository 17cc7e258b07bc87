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
 * From which handling limit an issue's milestone plan (节点计划) is required at listing, unless the
 * category says: the fourth element of 四明确 (docs/domain.md#limit-bounds).
 */
export const DEFAULT_MILESTONES_REQUIRED_FROM: TimeLimit = { amount: 5, unit: 'workingDays' };

/** The service centre's time from filing to dispatch (列单派单), unless the category says. */
export const DEFAULT_LISTING_LIMIT: TimeLimit = { amount: 1, unit: 'workingDays' };

/**
 * The listing, claim and handling limits of the green channel (docs/domain.md#green-channel)
 * when the district has no green-channel category to take the latter two from.
 */
export const GREEN_CHANNEL_LIMITS: { listing: TimeLimit; claim: TimeLimit; handling: TimeLimit } = {
  listing: { amount: 2, unit: 'hours' },
  claim: { amount: 2, unit: 'hours' },
  handling: { amount: 24, unit: 'hours' },
};

/** The listing limit of an issue: its category's, else the green channel's or the default. */
export function listingLimitOf(category: { listing_limit: TimeLimit | null }, greenChannel: boolean): TimeLimit {
  return category.listing_limit ?? (greenChannel ? GREEN_CHANNEL_LIMITS.listing : DEFAULT_LISTING_LIMIT);
}

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
