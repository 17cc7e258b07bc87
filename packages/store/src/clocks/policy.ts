import { DEFAULT_TRACK_POLICY, type TrackPolicy } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { Tx } from '../db.ts';

export type ClockPolicy = { track: TrackPolicy; handlingLimit: TimeLimit };

export async function clockPolicyOf(trx: Tx, categoryId: string): Promise<ClockPolicy> {
  const row = await trx.selectFrom('categories').select(['track_policy', 'handling_limit']).where('id', '=', categoryId).executeTakeFirst();
  return { track: { ...DEFAULT_TRACK_POLICY, ...(row?.track_policy ?? {}) }, handlingLimit: row?.handling_limit ?? { amount: 5, unit: 'workingDays' } };
}

/** Plain-time limits (green channel, tests) pause by the wall clock; the rest by working time. */
export function isPlainTime(limit: TimeLimit): boolean {
  return limit.unit === 'hours' || limit.unit === 'minutes' || limit.unit === 'seconds';
}
