import { DEFAULT_TRACK_POLICY, GREEN_CHANNEL_TRACK_POLICY, type TrackPolicy } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { Kysely } from 'kysely';
import type { Database } from '@huiyin/store';

export type ClockPolicy = { track: TrackPolicy; handlingLimit: TimeLimit };

/**
 * The track an issue's clocks walk: its category's. An issue the dispatcher put on the green
 * channel (绿色通道) in an ordinary category walks the district's shorter green-channel track.
 */
export async function clockPolicyOf(trx: Kysely<Database>, categoryId: string, issueGreenChannel = false): Promise<ClockPolicy> {
  const row = await trx.selectFrom('categories').select(['track_policy', 'handling_limit', 'green_channel']).where('id', '=', categoryId).executeTakeFirst();
  return { track: trackPolicyOf(row, issueGreenChannel), handlingLimit: row?.handling_limit ?? { amount: 5, unit: 'workingDays' } };
}

/** The track of `clockPolicyOf` from a category row already read (a batch of steps reads them with its issues). */
export function trackPolicyOf(category: { track_policy: Partial<TrackPolicy> | null; green_channel: boolean } | undefined, issueGreenChannel: boolean): TrackPolicy {
  return issueGreenChannel && !category?.green_channel ? GREEN_CHANNEL_TRACK_POLICY : { ...DEFAULT_TRACK_POLICY, ...(category?.track_policy ?? {}) };
}

/** The handling limit in force for an issue: the one the dispatcher chose, else its category's. */
export function handlingLimitOf(issue: { time_limit: TimeLimit | null }, categoryLimit: TimeLimit): TimeLimit {
  return issue.time_limit ?? categoryLimit;
}

/** Plain-time limits (green channel, tests) pause by the wall clock; the rest by working time. */
export function isPlainTime(limit: TimeLimit): boolean {
  return limit.unit === 'hours' || limit.unit === 'minutes' || limit.unit === 'seconds';
}
