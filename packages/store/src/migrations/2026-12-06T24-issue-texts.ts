import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Search and similar problems (docs/api.md#search): the character bigrams of each issue's title and
// description, in a table of their own with a GIN index. Not pg_trgm: under an LC_CTYPE of C (the
// embedded server's default, and many a district's) pg_trgm drops every CJK character. The rule
// below compares code points only, so it is the same under any locale: a "word character" is an
// ASCII letter or digit or a CJK ideograph (Extension A, the basic block, compatibility ideographs);
// every run of them gives its overlapping pairs, a run of one gives itself. Lower-cased, distinct,
// sorted. Chinese needs no segmenter this way: 线路故障 gives 线路 路故 故障.
//
// Not a column or expression index on `issues`: every clock step updates `issues` (not HOT), and
// an index there would be rewritten each time. Titles and descriptions never change after filing,
// so one row per issue is written once, by a statement trigger on insert (filing, its batches,
// bulk loads alike). 0.12 ms per 100-character text on the 2-core machine.
const W = '0-9a-z㐀-䶿一-鿿豈-﫿';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
    create function issue_grams(t text) returns text[] language sql immutable parallel safe as $$
      with n as (select lower(t) as s)
      select coalesce(array_agg(distinct g order by g), '{}') from (
        select unnest(regexp_matches(s, '[${W}]{2}', 'g')) from n
        union all
        -- the pairs starting at each run's second character: drop the first, pair again
        select unnest(regexp_matches(regexp_replace(s, '(^|[^${W}])[${W}]', '\\1', 'g'), '[${W}]{2}', 'g')) from n
        union all
        select unnest(regexp_matches(' ' || s || ' ', '[^${W}]([${W}])(?=[^${W}])', 'g')) from n
      ) y(g)
    $$`)
    .execute(db);
  await db.schema
    .createTable('issue_texts')
    .addColumn('issue_id', 'uuid', (c) => c.primaryKey().references('issues.id').onDelete('cascade'))
    // The filing time again (it never changes): a search sorts its matches newest first here, and joins `issues` only for the page.
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('grams', sql`text[]`, (c) => c.notNull())
    .execute();
  // More of the common grams in the statistics: similarity leaves out the commonest (pg_stats).
  await sql`alter table issue_texts alter column grams set statistics 1000`.execute(db);
  await sql`create index issue_texts_grams on issue_texts using gin (grams)`.execute(db);
  await sql`
    create function issue_texts_add() returns trigger language plpgsql as $$
    begin
      insert into issue_texts (issue_id, filed_at, grams) select a.id, a.filed_at, issue_grams(a.title || ' ' || a.description) from added a;
      return null;
    end $$`.execute(db);
  await sql`create trigger issue_texts_add after insert on issues referencing new table as added
    for each statement execute function issue_texts_add()`.execute(db);
  // The issues filed before, in batches of 20 000 by id so no statement holds a million rows.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = await sql<{ last: string | null }>`
      with b as (select id, filed_at, title, description from issues where id > ${after}::uuid order by id limit 20000),
      i as (insert into issue_texts (issue_id, filed_at, grams) select id, filed_at, issue_grams(title || ' ' || description) from b)
      select max(id::text) as last from b`.execute(db);
    const last = r.rows[0]?.last;
    if (!last) break;
    after = last;
  }
  await sql`analyze issue_texts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger issue_texts_add on issues`.execute(db);
  await sql`drop function issue_texts_add()`.execute(db);
  await db.schema.dropTable('issue_texts').execute();
  await sql`drop function issue_grams(text)`.execute(db);
}
