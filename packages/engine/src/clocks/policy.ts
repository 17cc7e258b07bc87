import {
  DEFAULT_ASSIST_MARGIN,
  DEFAULT_MILESTONES_REQUIRED_FROM,
  GREEN_CHANNEL_LIMITS,
  handlingLimitOf,
  projectTrackPolicyOf,
  trackPolicyOf,
  type ProjectTrackPolicy,
  type TrackPolicy,
} from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { Kysely } from 'kysely';
import type { CategoryRow, Database, Tx } from '@huiyin/store';

export type ClockPolicy = { track: TrackPolicy };

const readIn = new WeakMap<Kysely<Database>, Map<string, Promise<CategoryRow | undefined>>>();

/**
 * A category as this transaction read it first. A command reads its issue's category several
 * times (its limits in the event, again in the record, its track for the clocks and for
 * timeliness); one read serves them all, the command's locking read of its issue when it primed
 * it (`knowCategoryIn`). Outside a transaction it is read each time. No
 * transaction that changes a category reads it through here: change-category-policy reads and
 * updates it with its own statements, and recomputes the clocks in later transactions.
 */
export function categoryIn(trx: Kysely<Database>, id: string): Promise<CategoryRow | undefined> {
  const read = () => trx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!trx.isTransaction) return read();
  let mine = readIn.get(trx);
  if (!mine) readIn.set(trx, (mine = new Map()));
  let row = mine.get(id);
  if (!row) mine.set(id, (row = read()));
  return row;
}

/** Gives this transaction's `categoryIn` a category already read (by the command's locking read of its issue). */
export function knowCategoryIn(trx: Kysely<Database>, row: CategoryRow): void {
  if (!trx.isTransaction) return;
  let mine = readIn.get(trx);
  if (!mine) readIn.set(trx, (mine = new Map()));
  if (!mine.has(row.id)) mine.set(row.id, Promise.resolve(row));
}

/** An issue's track, read from its category (rules: `trackPolicyOf`). */
export async function clockPolicyOf(trx: Kysely<Database>, categoryId: string, issueGreenChannel = false): Promise<ClockPolicy> {
  return { track: trackPolicyOf(await categoryIn(trx, categoryId), issueGreenChannel) };
}

/**
 * The category as an issue runs on it: an issue the dispatcher put on the green channel in an
 * ordinary category takes the green channel's claim and handling limits (the district's
 * green-channel category's, else `GREEN_CHANNEL_LIMITS`), as it takes its track. The other
 * limits stay the category's.
 */
export async function limitsFor<C extends { green_channel: boolean; claim_limit: TimeLimit; handling_limit: TimeLimit }>(db: Kysely<Database>, category: C, issueGreenChannel: boolean): Promise<C> {
  if (!issueGreenChannel || category.green_channel) return category;
  const green = await greenChannelLimits(db);
  return { ...category, claim_limit: green.claim, handling_limit: green.handling };
}

/** The green channel's claim and handling limits: the district's green-channel category's (the first by code), else `GREEN_CHANNEL_LIMITS`. */
export async function greenChannelLimits(db: Kysely<Database>): Promise<{ claim: TimeLimit; handling: TimeLimit }> {
  const green = await db.selectFrom('categories').select(['claim_limit', 'handling_limit']).where('green_channel', '=', true).orderBy('code').limit(1).executeTakeFirst();
  return { claim: green?.claim_limit ?? GREEN_CHANNEL_LIMITS.claim, handling: green?.handling_limit ?? GREEN_CHANNEL_LIMITS.handling };
}

/**
 * How far an issue's deadline may move (docs/domain.md#limit-bounds), with the handling limit in
 * force (the dispatcher's, else the category's or the green channel's), which null bounds default to.
 */
export async function limitBoundsOf(db: Kysely<Database>, issue: { category_id: string; green_channel: boolean; time_limit: TimeLimit | null }) {
  const own = await db
    .selectFrom('categories')
    .select(['green_channel', 'claim_limit', 'handling_limit', 'max_extension', 'max_extensions', 'max_pause'])
    .where('id', '=', issue.category_id)
    .executeTakeFirstOrThrow();
  const cat = await limitsFor(db, own, issue.green_channel);
  const handlingLimit = handlingLimitOf(issue, cat.handling_limit);
  const { maxExtension, maxExtensions, maxPause } = categoryBounds({ ...cat, handling_limit: handlingLimit });
  return { handlingLimit, maxExtension, maxExtensions, maxPause };
}

/**
 * A category's bounds as the API shows them: null ones are its handling limit (the assist margin:
 * 1 working day; a milestone plan is required from 5 working days).
 */
export function categoryBounds(c: {
  handling_limit: TimeLimit;
  max_extension: TimeLimit | null;
  max_extensions: number;
  max_pause: TimeLimit | null;
  assist_margin?: TimeLimit | null;
  milestones_required_from?: TimeLimit | null;
}) {
  return {
    maxExtension: c.max_extension ?? c.handling_limit,
    maxExtensions: c.max_extensions,
    maxPause: c.max_pause ?? c.handling_limit,
    assistMargin: c.assist_margin ?? DEFAULT_ASSIST_MARGIN,
    milestonesRequiredFrom: c.milestones_required_from ?? DEFAULT_MILESTONES_REQUIRED_FROM,
  };
}

/** A key project's tracks, read from its type (rules: `projectTrackPolicyOf`). */
export async function projectTracksOf(trx: Tx, typeCode: string): Promise<ProjectTrackPolicy> {
  const row = await trx.selectFrom('project_types').select(['track_policy', 'report_track_policy']).where('code', '=', typeCode).executeTakeFirst();
  return projectTrackPolicyOf(row);
}
