import { sql } from 'kysely';
import type { TimeLimit } from '@huiyin/calendar';
import type { UpdateCategoryInput } from '@huiyin/contract';
import { DomainError, type ClockKind } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { categoryPolicy } from './change-category-policy.ts';

export type CategoryPolicyPreview = {
  /** Running or paused clocks whose due time the change would recompute, by kind. */
  clocks: Partial<Record<ClockKind, number>>;
  /** Open issues those clocks belong to. */
  issues: number;
  /** Running clocks whose next track step would move (a new track policy), besides those. */
  tracksRescheduled: number;
};

// Field by field: jsonb gives the keys back in its own order.
const same = (a: TimeLimit | null | undefined, b: TimeLimit | null | undefined) => (a ?? null) === (b ?? null) || (!!a && !!b && a.amount === b.amount && a.unit === b.unit);

/**
 * What saving `change` would move, before it is saved: the category's open clocks whose limit
 * changes. A handling clock under the dispatcher's own limit, and the claim and handling clocks of
 * an issue put on the green channel in an ordinary category, keep theirs and are not counted.
 * An upper bound: a clock whose recomputed due time comes out the same is counted too.
 */
export async function previewCategoryPolicy(db: Db, categoryId: string, change: UpdateCategoryInput): Promise<CategoryPolicyPreview> {
  const row = await db.selectFrom('categories').selectAll().where('id', '=', categoryId).executeTakeFirst();
  if (!row) throw new DomainError('category.not_found', 'no such category');
  const now = categoryPolicy(row);
  const moved: ClockKind[] = [];
  if (change.listingLimit !== undefined && !same(row.listing_limit, change.listingLimit)) moved.push('listing');
  if (change.claimLimit && !same(now.claimLimit, change.claimLimit)) moved.push('claim');
  if (change.handlingLimit && !same(now.handlingLimit, change.handlingLimit)) moved.push('handling');
  if (change.supplementLimit && !same(now.supplementLimit, change.supplementLimit)) moved.push('supplement');
  if (change.ratingLimit && !same(now.ratingLimit, change.ratingLimit)) moved.push('rating');
  if (change.assistMargin !== undefined && !same(row.assist_margin, change.assistMargin)) moved.push('assist');
  const trackMoved = change.trackPolicy !== undefined && JSON.stringify({ ...now.trackPolicy, ...change.trackPolicy }) !== JSON.stringify(now.trackPolicy);
  const open = db
    .selectFrom('clocks')
    .innerJoin('issues', 'issues.id', 'clocks.issue_id')
    .where('issues.category_id', '=', categoryId)
    .where('issues.closed_at', 'is', null)
    .where('clocks.status', 'in', ['running', 'paused']);
  const counted = moved.length
    ? await open
        .select(['clocks.kind', 'clocks.issue_id'])
        .where('clocks.kind', 'in', moved)
        // Limits of its own: the dispatcher's handling limit, the green channel's on a flagged issue.
        .where((eb) => eb.not(eb.and([eb('clocks.kind', '=', 'handling'), eb('issues.time_limit', 'is not', null)])))
        .where((eb) => eb.not(eb.and([eb('clocks.kind', 'in', ['claim', 'handling']), eb('issues.green_channel', '=', true), sql<boolean>`${!row.green_channel}`])))
        .execute()
    : [];
  const clocks: Partial<Record<ClockKind, number>> = {};
  for (const c of counted) clocks[c.kind as ClockKind] = (clocks[c.kind as ClockKind] ?? 0) + 1;
  const tracks = trackMoved
    ? Number(
        (
          await open
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('clocks.status', '=', 'running')
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  return { clocks, issues: new Set(counted.map((c) => c.issue_id)).size, tracksRescheduled: tracks };
}
