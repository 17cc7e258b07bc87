import { z } from 'zod';
import { RATING_TIMEOUT_OUTCOMES } from '@huiyin/domain';
import { TimeLimit } from './common.ts';

const Seconds = z
  .number()
  .int()
  .min(0)
  .max(30 * 86_400);

/** Offsets of the timeliness track from the due time, in seconds; each left out keeps its value. */
export const TrackPolicyInput = z.strictObject({
  reminderBeforeSeconds: Seconds.optional(),
  yellowBeforeSeconds: Seconds.optional(),
  leaderAfterSeconds: Seconds.optional(),
  supervisionAfterSeconds: Seconds.optional(),
  supervisionOrderLimit: TimeLimit.optional(),
  firstContactLimit: TimeLimit.optional(),
});
export type TrackPolicyInput = z.infer<typeof TrackPolicyInput>;

/**
 * A change to a category's policy (admin): only the fields given change. New limits apply to the
 * category's running clocks at once (an issue with a limit the dispatcher chose keeps its own
 * handling limit); results already recorded stay as they were.
 */
export const UpdateCategoryInput = z
  .strictObject({
    /** 列单派单: from filing to dispatch; null: 1 working day (2 hours on the green channel). */
    listingLimit: TimeLimit.nullable().optional(),
    claimLimit: TimeLimit.optional(),
    handlingLimit: TimeLimit.optional(),
    supplementLimit: TimeLimit.optional(),
    ratingLimit: TimeLimit.optional(),
    greenChannel: z.boolean().optional(),
    ratingTimeoutOutcome: z.enum(RATING_TIMEOUT_OUTCOMES).optional(),
    trackPolicy: TrackPolicyInput.optional(),
    /** The longest extension one request may ask; null: as long as the handling limit. */
    maxExtension: TimeLimit.nullable().optional(),
    /** How many extensions an issue may be granted (0: none). */
    maxExtensions: z.number().int().min(0).max(10).optional(),
    /** The working time an issue may spend paused waiting on the enterprise, in all; null: the handling limit. */
    maxPause: TimeLimit.nullable().optional(),
    /** How long before the lead unit's due time an assisting unit's answer is due by default; null: 1 working day. */
    assistMargin: TimeLimit.nullable().optional(),
    /** From which handling limit listing requires a milestone plan; null: 5 working days. */
    milestonesRequiredFrom: TimeLimit.nullable().optional(),
  })
  // Only when the body is otherwise fine: an unknown key alone is one error, not two.
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field', when: (payload) => payload.issues.length === 0 });
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryInput>;
