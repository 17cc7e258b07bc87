import { sql } from 'kysely';
import { formatIssueNumber, shanghaiYear, type Actor } from '@huiyin/domain';
import type { IssueStage } from '@huiyin/contract';
import { type Db, visibleTo } from '@huiyin/store';
import { ISSUE_REF_COLUMNS } from './issue-ref.ts';

/** What a search hit shows: enough to recognise the issue and open it. */
function hitQuery(db: Db) {
  return db
    .selectFrom('issues')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .innerJoin('categories', 'categories.id', 'issues.category_id')
    .select([...ISSUE_REF_COLUMNS, 'categories.name as categoryName'])
    .$narrowType<{ stage: IssueStage }>();
}

/** A number as people type it: 2026-000123, 2026-123, or 123 (this year's, else last year's). */
function numbersOf(q: string, now: Date): string[] {
  const full = /^(\d{4})-(\d{1,6})$/.exec(q);
  if (full) return [formatIssueNumber(Number(full[1]), Number(full[2]))];
  if (/^\d{1,6}$/.test(q) && Number(q) > 0) {
    const year = shanghaiYear(now);
    return [formatIssueNumber(year, Number(q)), formatIssueNumber(year - 1, Number(q))];
  }
  return [];
}

/**
 * How many of the newest issues the actor may see are read first. A term in more than one in
 * fifty texts fills a page from them; a rarer one goes to the index, whose matches are then few.
 */
const RECENT = 1000;
/** The index's matches read per round, and the rounds at most: scoped readers see few of them. */
const MATCH_BATCH = 500;
const MATCH_ROUNDS = 6;

/**
 * 搜索: the issue whose number was typed, if the actor may see it, and the issues whose title or
 * description holds every whitespace-separated term, newest first. Two ways, whichever is cheap:
 * the newest `RECENT` issues the actor may see, each confirmed; else the terms' character bigrams
 * (`issue_grams`, migration T24) through the GIN index on `issue_texts`, the matches sorted there
 * by filing time and joined to `issues` only until the page is full. The text itself confirms each
 * term, so 故障 and 障频 never match 频繁故障 by accident of order. Scoped as every read is
 * (`visibleTo`). A query with no term of two characters reads the newest issues only.
 */
export async function searchIssues(db: Db, actor: Actor, options: { q: string; limit: number; now: Date /** @defaultValue `RECENT` (1000) */; recent?: number }) {
  const newest = options.recent ?? RECENT;
  const q = options.q.trim().replace(/\s+/g, ' ');
  const numbers = numbersOf(q, options.now);
  const exact = numbers.length ? await hitQuery(db).where('issues.number', 'in', numbers).where(visibleTo(actor)).orderBy('issues.filed_at', 'desc').limit(1).executeTakeFirst() : undefined;
  const terms = [...new Set(q.toLowerCase().split(' ').filter(Boolean))];
  if (!terms.length) return { exact: exact ?? null, items: [] };
  const indexed = terms.filter((t) => [...t].length >= 2).join(' ');
  const haystack = sql<string>`lower(issues.title || ' ' || issues.description)`;
  const confirmed = () => {
    let query = hitQuery(db).where(visibleTo(actor));
    for (const t of terms) query = query.where(sql<boolean>`strpos(${haystack}, ${t}) > 0`);
    return query;
  };
  const recent = db.selectFrom('issues').select('issues.id').where(visibleTo(actor)).orderBy('issues.filed_at', 'desc').limit(newest);
  const [walked, seen] = await Promise.all([
    confirmed().where('issues.id', 'in', recent).orderBy('issues.filed_at', 'desc').orderBy('issues.id', 'desc').limit(options.limit).execute(),
    db
      .selectFrom(recent.limit(newest + 1).as('r'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  // A full page, or every issue the actor may see was among the newest: nothing older can come before.
  if (walked.length === options.limit || Number(seen.n) <= newest || !indexed) return { exact: exact ?? null, items: walked };
  // The index's matches newest first, a batch at a time (no index on filed_at here, so the GIN
  // index is the only way in), each batch confirmed and scoped against `issues`.
  const items: typeof walked = [];
  let after: { at: Date; id: string } | null = null;
  for (let round = 0; round < MATCH_ROUNDS && items.length < options.limit; round++) {
    const cursor: { at: Date; id: string } | null = after;
    const batch: Array<{ issue_id: string; filed_at: Date }> = await db
      .selectFrom('issue_texts')
      .select(['issue_id', 'filed_at'])
      .where(sql<boolean>`grams @> issue_grams(${indexed})`)
      .$if(cursor !== null, (b) => b.where(sql<boolean>`(filed_at, issue_id) < (${cursor!.at}, ${cursor!.id}::uuid)`))
      .orderBy('filed_at', 'desc')
      .orderBy('issue_id', 'desc')
      .limit(MATCH_BATCH)
      .execute();
    if (batch.length) {
      const ids = batch.map((b) => b.issue_id);
      items.push(
        ...(await confirmed()
          .where('issues.id', 'in', ids)
          .orderBy('issues.filed_at', 'desc')
          .orderBy('issues.id', 'desc')
          .limit(options.limit - items.length)
          .execute()),
      );
    }
    const last: { issue_id: string; filed_at: Date } | undefined = batch.at(-1);
    if (batch.length < MATCH_BATCH || !last) break;
    after = { at: last.filed_at, id: last.issue_id };
  }
  return { exact: exact ?? null, items };
}
