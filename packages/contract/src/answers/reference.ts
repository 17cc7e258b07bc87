import { z } from 'zod';
import { RATING_TIMEOUT_OUTCOMES } from '@huiyin/domain';
import { PolicyChangeRecompute } from './calendar.ts';
import { Limit } from './common.ts';
import { listOf } from './common.ts';

/** A category as an enterprise sees it: what it files against, with the limits it waits on. */
export const Category = z.object({ id: z.string(), code: z.string(), name: z.string(), greenChannel: z.boolean(), claimLimit: Limit, handlingLimit: Limit }).meta({ id: 'Category' });

/** Offsets of the timeliness track from the due time, with the defaults filled in. */
export const CategoryTrackPolicy = z
  .object({
    reminderBeforeSeconds: z.number().int(),
    yellowBeforeSeconds: z.number().int(),
    leaderAfterSeconds: z.number().int(),
    supervisionAfterSeconds: z.number().int(),
    supervisionOrderLimit: Limit,
    firstContactLimit: Limit,
  })
  .meta({ id: 'CategoryTrackPolicy' });

/** A category's whole time-limit policy, as officials read it; bounds left unset show their defaults. */
export const CategoryPolicy = Category.extend({
  listingLimit: Limit,
  supplementLimit: Limit,
  ratingLimit: Limit,
  ratingTimeoutOutcome: z.enum(RATING_TIMEOUT_OUTCOMES),
  trackPolicy: CategoryTrackPolicy,
  maxExtension: Limit,
  maxExtensions: z.number().int(),
  maxPause: Limit,
  assistMargin: Limit,
  milestonesRequiredFrom: Limit,
}).meta({ id: 'CategoryPolicy', description: "A category's whole time-limit policy (officials)" });

/** Officials get each category's policy, an enterprise its `Category` view. The policy comes first: the first that fits is sent. */
export const CategoryList = listOf(z.union([CategoryPolicy, Category]));

export const CategoryChanged = z
  .object({
    category: CategoryPolicy,
    recompute: PolicyChangeRecompute.nullable().meta({ description: 'Null when no limit changed' }),
    rescheduled: z.number().int().meta({ description: 'Running clocks whose next track step moved to the new offsets' }),
  })
  .meta({ id: 'CategoryChanged' });

export const Unit = z.object({ id: z.string(), name: z.string(), shortName: z.string() }).meta({ id: 'Unit', description: 'A district unit (区直单位)' });

export const Leader = z.object({ id: z.string(), name: z.string(), title: z.string() }).meta({ id: 'Leader', description: 'A district leader (区级领导)' });
