import type { TimeLimit } from '@huiyin/calendar';

/** What a category's policy says when the enterprise does not rate within the limit, twice. */
export const RATING_TIMEOUT_OUTCOMES = ['close_unrated', 'close_satisfied'] as const;
export type RatingTimeoutOutcome = (typeof RATING_TIMEOUT_OUTCOMES)[number];

/** A category's time-limit policy. The timers that enforce it come with the clocks. */
export type TimeLimitPolicy = {
  claimLimit: TimeLimit;
  handlingLimit: TimeLimit;
  supplementLimit: TimeLimit;
  ratingLimit: TimeLimit;
  greenChannel: boolean;
  ratingTimeoutOutcome: RatingTimeoutOutcome;
};
