import { randomUUID } from 'node:crypto';
import type { TimeLimit } from '@huiyin/calendar';
import type { TrackPolicy } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

const seconds = (amount: number): TimeLimit => ({ amount, unit: 'seconds' });

/**
 * A category of a test's own, so that its policy touches no other test's issues: limits in plain
 * seconds unless given (claim 600, handling 120, supplement and rating 600), the listing and
 * bounds left to their defaults unless given, the track's offsets as given over the standard ones.
 */
export async function insertCategory(
  db: Db,
  values: {
    code?: string;
    name?: string;
    greenChannel?: boolean;
    listing?: TimeLimit;
    claim?: TimeLimit;
    handling?: TimeLimit;
    supplement?: TimeLimit;
    rating?: TimeLimit;
    maxPause?: TimeLimit;
    maxExtensions?: number;
    milestonesRequiredFrom?: TimeLimit;
    track?: Partial<TrackPolicy>;
  } = {},
): Promise<string> {
  const json = (l: TimeLimit | undefined) => (l ? JSON.stringify(l) : null);
  const row = await db
    .insertInto('categories')
    .values({
      code: values.code ?? `test-${randomUUID()}`,
      name: values.name ?? '测试类别',
      green_channel: values.greenChannel ?? false,
      listing_limit: json(values.listing),
      claim_limit: JSON.stringify(values.claim ?? seconds(600)),
      handling_limit: JSON.stringify(values.handling ?? seconds(120)),
      supplement_limit: JSON.stringify(values.supplement ?? seconds(600)),
      rating_limit: JSON.stringify(values.rating ?? seconds(600)),
      rating_timeout_outcome: 'close_unrated',
      max_pause: json(values.maxPause),
      milestones_required_from: json(values.milestonesRequiredFrom),
      ...(values.maxExtensions !== undefined ? { max_extensions: values.maxExtensions } : {}),
      ...(values.track ? { track_policy: JSON.stringify(values.track) } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
