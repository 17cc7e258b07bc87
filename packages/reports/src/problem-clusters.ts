import { gramSimilarity, textGrams, type Actor } from '@huiyin/domain';
import { visibleTo, type Db } from '@huiyin/store';

/** Titles this alike (Dice of their character bigrams) state the same problem. */
const SAME_PROBLEM = 0.4;
/** The newest issues of the two windows that are clustered; beyond it the oldest are left out (`truncated`). */
const MAX_CLUSTERED = 20_000;
/** A gram in more clusters than this says nothing about which one an issue belongs to (生产, 影响). */
const COMMON_GRAM = 300;

/** 同类问题: one problem filed by several enterprises, counted as one hot spot. */
export type ProblemCluster = {
  /** The first issue of the cluster: a stable name for it within the windows. */
  id: string;
  /** The title most of its issues carry. */
  name: string;
  count: number;
  previous: number;
  change: number;
  changeRate: number | null;
  open: number;
  /** Distinct enterprises that filed it in the window. */
  enterprises: number;
  /** The unit leading most of its issues in the window: who would take it on as one task (主动治理). */
  leadUnitId: string | null;
  leadUnitName: string | null;
  /** Its issues in the window, newest first (at most 20). */
  issues: Array<{ id: string; number: string; title: string; enterpriseName: string; filedAt: Date; closedAt: Date | null }>;
  /** 主动治理: the newest governance task covering any of its issues, open or replied; null when none. */
  governanceTask: GovernanceTaskState | null;
};

/** A governance task as a cluster shows it: 已立治理任务 · 待回复 (no `repliedAt`) or 已回复. */
export type GovernanceTaskState = { id: string; title: string; unitName: string | null; issuedAt: Date; dueAt: Date; repliedAt: Date | null; escalatedAt: Date | null };

type Row = { id: string; number: string; title: string; enterpriseId: string; enterpriseName: string; leadUnitId: string | null; leadUnitName: string | null; filedAt: Date; closedAt: Date | null };

const most = <T>(xs: T[]): T | undefined => {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/**
 * Greedy clustering of titles by their character bigrams (`textGrams`, the rule search uses), oldest
 * first: an issue joins the cluster whose first title is most alike (≥ `SAME_PROBLEM`), else starts
 * one. Candidates come from an index of grams to clusters, so each issue is compared with the few
 * clusters sharing a gram with it, not with all.
 */
export function clusterTitles<T extends { title: string }>(rows: readonly T[]): T[][] {
  const clusters: Array<{ grams: Set<string>; members: T[] }> = [];
  const byGram = new Map<string, number[]>();
  for (const row of rows) {
    const grams = new Set(textGrams(row.title));
    const shared = new Map<number, number>();
    for (const g of grams) for (const c of (byGram.get(g)?.length ?? 0) <= COMMON_GRAM ? (byGram.get(g) ?? []) : []) shared.set(c, (shared.get(c) ?? 0) + 1);
    let best = -1;
    let bestScore = SAME_PROBLEM;
    for (const [c, n] of shared) {
      const cluster = clusters[c]!;
      // The bound first: a cluster cannot beat the best without enough shared grams.
      if ((2 * n) / (grams.size + cluster.grams.size) < bestScore) continue;
      const score = gramSimilarity(grams, cluster.grams);
      if (score >= bestScore) [best, bestScore] = [c, score];
    }
    if (best >= 0) {
      clusters[best]!.members.push(row);
      continue;
    }
    clusters.push({ grams, members: [row] });
    for (const g of grams) byGram.set(g, [...(byGram.get(g) ?? []), clusters.length - 1]);
  }
  return clusters.map((c) => c.members);
}

/**
 * The problems several enterprises filed in [from, to), as the actor may see them: clusters of
 * alike titles from at least two enterprises and `minCount` issues, with the count in the window
 * before (`previousFrom`) for the trend, most enterprises first.
 */
export async function problemClusters(db: Db, actor: Actor, w: { from: Date; to: Date; previousFrom: Date; minCount: number; limit: number }) {
  const rows: Row[] = await db
    .selectFrom('issues')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .leftJoin('units', 'units.id', 'issues.lead_unit_id')
    .select([
      'issues.id',
      'issues.number',
      'issues.title',
      'issues.enterprise_id as enterpriseId',
      'enterprises.name as enterpriseName',
      'issues.lead_unit_id as leadUnitId',
      'units.short_name as leadUnitName',
      'issues.filed_at as filedAt',
      'issues.closed_at as closedAt',
    ])
    .where(visibleTo(actor))
    .where('issues.filed_at', '>=', w.previousFrom)
    .where('issues.filed_at', '<', w.to)
    // A duplicate is already counted in its original.
    .where('issues.duplicate_of', 'is', null)
    .orderBy('issues.filed_at', 'desc')
    .limit(MAX_CLUSTERED + 1)
    .execute();
  const truncated = rows.length > MAX_CLUSTERED;
  const kept = rows.slice(0, MAX_CLUSTERED).reverse();
  const clusters = clusterTitles(kept).flatMap((members): ProblemCluster[] => {
    const now = members.filter((m) => m.filedAt >= w.from);
    const enterprises = new Set(now.map((m) => m.enterpriseId)).size;
    if (now.length < w.minCount || enterprises < 2) return [];
    const count = now.length;
    const previous = members.length - count;
    const unit = most(now.filter((m) => m.leadUnitId).map((m) => m.leadUnitId));
    return [
      {
        id: members[0]!.id,
        name: most(now.map((m) => m.title)) ?? members[0]!.title,
        count,
        previous,
        change: count - previous,
        changeRate: previous === 0 ? null : (count - previous) / previous,
        open: now.filter((m) => m.closedAt === null).length,
        enterprises,
        leadUnitId: unit ?? null,
        leadUnitName: now.find((m) => m.leadUnitId === unit)?.leadUnitName ?? null,
        issues: now
          .slice(-20)
          .reverse()
          .map(({ id, number, title, enterpriseName, filedAt, closedAt }) => ({ id, number, title, enterpriseName, filedAt, closedAt })),
        governanceTask: null,
      },
    ];
  });
  clusters.sort((a, b) => b.enterprises - a.enterprises || b.count - a.count || a.name.localeCompare(b.name));
  const shown = clusters.slice(0, w.limit);
  const tasks = await governanceTasksOf(
    db,
    shown.flatMap((c) => c.issues.map((i) => i.id)),
  );
  for (const c of shown) c.governanceTask = c.issues.map((i) => tasks.get(i.id)).reduce<GovernanceTaskState | null>((a, b) => (b && (!a || b.issuedAt > a.issuedAt) ? b : a), null);
  return { clusters: shown, truncated };
}

/** Each issue's newest governance task (a `governance` 督办单 covering it), in one read. */
async function governanceTasksOf(db: Db, issueIds: string[]): Promise<Map<string, GovernanceTaskState>> {
  if (!issueIds.length) return new Map();
  const rows = await db
    .selectFrom('supervision_order_issues as c')
    .innerJoin('supervision_orders as o', 'o.id', 'c.order_id')
    .leftJoin('units', 'units.id', 'o.unit_id')
    .select(['c.issue_id as issueId', 'o.id', 'o.title', 'units.short_name as unitName', 'o.issued_at as issuedAt', 'o.due_at as dueAt', 'o.replied_at as repliedAt', 'o.escalated_at as escalatedAt'])
    .where('c.issue_id', 'in', issueIds)
    .orderBy('o.issued_at')
    .execute();
  // Oldest first: the newest task of each issue is the one left in the map.
  return new Map(rows.map(({ issueId, title, ...task }) => [issueId, { ...task, title: title ?? '' }]));
}
