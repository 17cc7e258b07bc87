import type { TimeLimit } from '@huiyin/calendar';
import type { UpdateCategoryInput } from '@huiyin/contract';
import { DEFAULT_TRACK_POLICY, DomainError, listingLimitOf, type TrackPolicy } from '@huiyin/domain';
import type { CategoryRow } from '@huiyin/store';
import { setTimers, type EngineDeps, type TimerRequest } from '../deps.ts';
import { recomputeOpenClocks, type RecomputeOpenClocksResult } from '../clocks/recompute-open-clocks.ts';
import { rescheduleTracks } from '../clocks/reschedule-tracks.ts';
import { categoryBounds } from '../clocks/policy.ts';
import { changedFields, recordPolicyChanges } from '../audit/policy-changes.ts';

export type CategoryPolicy = ReturnType<typeof categoryPolicy>;

export type CategoryPolicyChanged = {
  category: CategoryPolicy;
  /** Open issues whose claim or handling due times were recomputed (null: no limit of theirs changed). */
  recompute: Omit<RecomputeOpenClocksResult, 'timers'> | null;
  /** Running clocks whose next track step moved to the new offsets. */
  rescheduled: number;
  /** Timers to set once committed (moved clocks and rescheduled steps). */
  timers: TimerRequest[];
};

/** A category as the API shows it, the track policy with its defaults filled in. */
export function categoryPolicy(c: CategoryRow) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    greenChannel: c.green_channel,
    listingLimit: listingLimitOf(c, c.green_channel),
    claimLimit: c.claim_limit,
    handlingLimit: c.handling_limit,
    supplementLimit: c.supplement_limit,
    ratingLimit: c.rating_limit,
    ratingTimeoutOutcome: c.rating_timeout_outcome,
    trackPolicy: { ...DEFAULT_TRACK_POLICY, ...c.track_policy } as TrackPolicy,
    ...categoryBounds(c),
  };
}

const sameLimit = (a: TimeLimit, b: TimeLimit | undefined) => b === undefined || (a.amount === b.amount && a.unit === b.unit);

/**
 * Changes a category's policy (admin) and applies it to what is running: new claim, handling,
 * rating or supplement limits recompute the due times of the category's open issues
 * (`recomputeOpenClocks`, one ledger event per issue that moves), a new track policy
 * re-schedules their running clocks' next steps (`rescheduleTracks`). The green channel and the
 * timeout outcome apply from the next time they are used. Frozen timeliness results are never touched.
 * The change is recorded with its author and the old and new values (`policy_changes`).
 * @throws DomainError `category.not_found`
 */
export async function changeCategoryPolicy(deps: EngineDeps, params: { categoryId: string; change: UpdateCategoryInput; accountId: string | null }): Promise<CategoryPolicyChanged> {
  const { change } = params;
  const [before, after] = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('categories').selectAll().where('id', '=', params.categoryId).forUpdate().executeTakeFirst();
    if (!row) throw new DomainError('category.not_found', 'no such category');
    const updated = await trx
      .updateTable('categories')
      .set({
        ...(change.listingLimit !== undefined ? { listing_limit: change.listingLimit && JSON.stringify(change.listingLimit) } : {}),
        ...(change.claimLimit ? { claim_limit: JSON.stringify(change.claimLimit) } : {}),
        ...(change.handlingLimit ? { handling_limit: JSON.stringify(change.handlingLimit) } : {}),
        ...(change.supplementLimit ? { supplement_limit: JSON.stringify(change.supplementLimit) } : {}),
        ...(change.ratingLimit ? { rating_limit: JSON.stringify(change.ratingLimit) } : {}),
        ...(change.greenChannel !== undefined ? { green_channel: change.greenChannel } : {}),
        ...(change.ratingTimeoutOutcome ? { rating_timeout_outcome: change.ratingTimeoutOutcome } : {}),
        ...(change.maxExtension !== undefined ? { max_extension: change.maxExtension && JSON.stringify(change.maxExtension) } : {}),
        ...(change.maxExtensions !== undefined ? { max_extensions: change.maxExtensions } : {}),
        ...(change.assistMargin !== undefined ? { assist_margin: change.assistMargin && JSON.stringify(change.assistMargin) } : {}),
        ...(change.maxPause !== undefined ? { max_pause: change.maxPause && JSON.stringify(change.maxPause) } : {}),
        ...(change.milestonesRequiredFrom !== undefined ? { milestones_required_from: change.milestonesRequiredFrom && JSON.stringify(change.milestonesRequiredFrom) } : {}),
        ...(change.trackPolicy ? { track_policy: JSON.stringify({ ...row.track_policy, ...change.trackPolicy }) } : {}),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Who changed what, from what: only the fields that really changed.
    const diff = changedFields(categoryPolicy(row), categoryPolicy(updated));
    if (diff) await recordPolicyChanges(trx, [{ accountId: params.accountId, subject: 'category', subjectId: row.id, ...diff }]);
    return [row, updated] as const;
  });
  const limitsMoved =
    JSON.stringify(before.listing_limit) !== JSON.stringify(after.listing_limit) ||
    JSON.stringify(before.assist_margin) !== JSON.stringify(after.assist_margin) ||
    !sameLimit(before.claim_limit, change.claimLimit) ||
    !sameLimit(before.handling_limit, change.handlingLimit) ||
    !sameLimit(before.rating_limit, change.ratingLimit) ||
    !sameLimit(before.supplement_limit, change.supplementLimit);
  const trackMoved = JSON.stringify(categoryPolicy(before).trackPolicy) !== JSON.stringify(categoryPolicy(after).trackPolicy);
  const result: CategoryPolicyChanged = { category: categoryPolicy(after), recompute: null, rescheduled: 0, timers: [] };
  if (limitsMoved) {
    const { timers, ...counts } = await recomputeOpenClocks(deps, { categoryId: after.id, reason: 'category_policy' });
    result.recompute = counts;
    result.timers.push(...timers);
  }
  if (trackMoved) {
    // Clocks whose due time moved were re-scheduled with the new track already; this catches the rest.
    const { rescheduled, timers } = await rescheduleTracks(deps, { categoryId: after.id });
    result.rescheduled = rescheduled;
    result.timers.push(...timers);
  }
  await setTimers(deps, result.timers);
  return result;
}
