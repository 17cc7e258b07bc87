import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '@huiyin/domain';
import { visibleTo, type Db } from '@huiyin/store';
import { viewerOf } from './viewer.ts';
import { problemClusters, type ProblemCluster } from './problem-clusters.ts';

const DAY_MS = 86_400_000;

export type HotSpot = {
  id: string;
  name: string;
  /** Issues filed in the window. */
  count: number;
  /** Issues filed in the window of the same length just before. */
  previous: number;
  change: number;
  /** (count − previous) ÷ previous; null when there were none before. */
  changeRate: number | null;
  /** Of `count`, those not finished yet. */
  open: number;
};
export type HotSpots = {
  window: { days: number; from: Date; to: Date; previousFrom: Date };
  minCount: number;
  byCategory: HotSpot[];
  byEnterprise: HotSpot[];
  byIndustry: HotSpot[];
  /** 同类问题: alike titles from several enterprises as one hot spot (`problemClusters`). */
  byProblem: ProblemCluster[];
  /** More issues in the two windows than are clustered: the oldest were left out of `byProblem`. */
  problemsTruncated: boolean;
};

/**
 * 主动治理: recurring problems over a rolling window — issues filed in [to − days, to) by category,
 * enterprise, industry and problem (alike titles from several enterprises), at least `minCount` each, most first, against the window before.
 * Counts only the issues the actor may see.
 */
export async function hotSpots(db: Db, actor: Actor, options: { days: number; to: Date; minCount: number; limit: number; problemLimit?: number | undefined }): Promise<HotSpots> {
  viewerOf(actor);
  const to = options.to;
  const from = new Date(to.getTime() - options.days * DAY_MS);
  const previousFrom = new Date(from.getTime() - options.days * DAY_MS);
  const group = (id: RawBuilder<string>, name: RawBuilder<string>) =>
    db
      .selectFrom('issues')
      .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
      .innerJoin('categories', 'categories.id', 'issues.category_id')
      .where(visibleTo(actor))
      .where('issues.filed_at', '>=', previousFrom)
      .where('issues.filed_at', '<', to)
      .select([
        id.as('id'),
        name.as('name'),
        sql<string>`count(*) filter (where issues.filed_at >= ${from})`.as('count'),
        sql<string>`count(*) filter (where issues.filed_at < ${from})`.as('previous'),
        sql<string>`count(*) filter (where issues.filed_at >= ${from} and issues.closed_at is null)`.as('open'),
      ])
      .groupBy([id, name])
      .having(sql<boolean>`count(*) filter (where issues.filed_at >= ${from}) >= ${options.minCount}`)
      .orderBy(sql`count(*) filter (where issues.filed_at >= ${from})`, 'desc')
      .orderBy(name)
      .limit(options.limit)
      .execute()
      .then((rows) =>
        rows.map((r): HotSpot => {
          const count = Number(r.count);
          const previous = Number(r.previous);
          return { id: r.id, name: r.name, count, previous, change: count - previous, changeRate: previous === 0 ? null : (count - previous) / previous, open: Number(r.open) };
        }),
      );
  const [byCategory, byEnterprise, byIndustry, problems] = await Promise.all([
    group(sql<string>`categories.id::text`, sql<string>`categories.name`),
    group(sql<string>`enterprises.id::text`, sql<string>`enterprises.name`),
    group(sql<string>`enterprises.industry`, sql<string>`enterprises.industry`),
    problemClusters(db, actor, { from, to, previousFrom, minCount: options.minCount, limit: options.problemLimit ?? options.limit }),
  ]);
  return {
    window: { days: options.days, from, to, previousFrom },
    minCount: options.minCount,
    byCategory,
    byEnterprise,
    byIndustry,
    byProblem: problems.clusters,
    problemsTruncated: problems.truncated,
  };
}
