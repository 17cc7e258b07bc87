import { sql } from 'kysely';
import { DomainError, type Actor } from '@huiyin/domain';
import type { IssueStage } from '@huiyin/contract';
import { type Db, visibleTo } from '@huiyin/store';
import { ISSUE_REF_COLUMNS } from './issue-ref.ts';

/** The grams an issue is looked up by: its rarest, as the statistics of `issue_texts` know them. */
const KEY_GRAMS = 6;
/** A gram in more than this share of texts is no key, unless fewer than `MIN_KEY_GRAMS` are rarer. */
const RARE = 0.001;
const MIN_KEY_GRAMS = 2;
/** The newest this many issues sharing a key gram are scored, however many share one. */
const MAX_CANDIDATES = 1000;
/** Below this Dice coefficient two texts share only common words. */
const MIN_SIMILARITY = 0.15;

/**
 * The grams of `grams` least frequent in all issue texts, by ANALYZE's most common elements
 * (statistics target 1000 on the column, migration T24); a gram not among them is rarer than all
 * that are. Rare grams are few rows each in the GIN index, so the candidates stay few.
 */
function keyGrams(grams: readonly string[]) {
  return sql<string[]>`(
    select coalesce(array_agg(k.g), '{}') from (
      select g, coalesce(c.f, 0) as f, row_number() over (order by coalesce(c.f, 0), g) as n
      from unnest(${grams}::text[]) g
      left join (
        select m.e, m.f from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as m(e, f)
        where s.schemaname = current_schema() and s.tablename = 'issue_texts' and s.attname = 'grams'
      ) c on c.e = g
    ) k where k.n <= ${KEY_GRAMS} and (k.f <= ${RARE} or k.n <= ${MIN_KEY_GRAMS}))`;
}

/**
 * 相似诉求: the issues the actor may see whose text shares the most character bigrams with this
 * one's (Dice: 2·|A∩B| ÷ (|A|+|B|)), from any enterprise, most similar first. Candidates share one
 * of its rarest grams (`keyGrams`); each is then scored on its whole gram set. `open` keeps those
 * not yet ended: the likely duplicates and related problems a dispatcher can still link.
 */
export async function similarIssues(db: Db, actor: Actor, options: { issueId: string; limit: number; open: boolean }) {
  const me = await db
    .selectFrom('issues')
    .innerJoin('issue_texts', 'issue_texts.issue_id', 'issues.id')
    .select(['issues.id', 'issues.enterprise_id as enterpriseId', 'issue_texts.grams'])
    .where('issues.id', '=', options.issueId)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!me) throw new DomainError('issue.not_found', 'no such issue');
  if (!me.grams.length) return { items: [] };
  const shared = sql<number>`cardinality(array(select unnest(t.grams) intersect select unnest(${me.grams}::text[])))`;
  // The newest candidates sharing a key gram; only they are scored.
  const candidates = db
    .selectFrom('issue_texts')
    .select('issue_id')
    .where(sql<boolean>`grams && ${keyGrams(me.grams)}`)
    .where('issue_id', '<>', me.id)
    .orderBy('filed_at', 'desc')
    .limit(MAX_CANDIDATES);
  const scored = db
    .selectFrom('issue_texts as t')
    .select(['t.issue_id', sql<number>`round((2.0 * ${shared} / (cardinality(t.grams) + ${me.grams.length}))::numeric, 3)::float8`.as('similarity')])
    .where('t.issue_id', 'in', candidates);
  const rows = await db
    .selectFrom('issues')
    .innerJoin(scored.as('s'), 's.issue_id', 'issues.id')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .select([...ISSUE_REF_COLUMNS, 'issues.duplicate_of as duplicateOf', 's.similarity'])
    .$narrowType<{ stage: IssueStage }>()
    .where(visibleTo(actor))
    .$if(options.open, (q) => q.where('issues.closed_at', 'is', null))
    .where('s.similarity', '>=', MIN_SIMILARITY)
    .orderBy('s.similarity', 'desc')
    .orderBy('issues.filed_at', 'desc')
    .limit(options.limit)
    .execute();
  return { items: rows.map((r) => ({ ...r, sameEnterprise: r.enterpriseId === me.enterpriseId })) };
}
