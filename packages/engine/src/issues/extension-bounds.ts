import type { Db } from '@huiyin/store';
import { limitBoundsOf } from '../clocks/policy.ts';

/**
 * How far the unit may still ask to extend (docs/domain.md#limit-bounds), for the console to say
 * so before it asks: the longest extension, how many the category grants and how many this
 * issue had. Null for an issue that is gone.
 */
export async function extensionBoundsOf(db: Db, issueId: string) {
  const issue = await db.selectFrom('issues').select(['category_id', 'green_channel', 'time_limit']).where('id', '=', issueId).executeTakeFirst();
  if (!issue) return null;
  const [bounds, granted] = await Promise.all([
    limitBoundsOf(db, issue),
    db
      .selectFrom('extensions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('issue_id', '=', issueId)
      .where('decision', '=', 'approved')
      .executeTakeFirstOrThrow(),
  ]);
  return { maxExtension: bounds.maxExtension, maxExtensions: bounds.maxExtensions, granted: Number(granted.n) };
}
