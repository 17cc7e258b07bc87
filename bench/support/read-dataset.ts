import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { fileIssue, type EngineDeps } from '@huiyin/engine';
import type { BenchDistrict } from './open-issues.ts';
import { benchText } from './bench-texts.ts';

/** How the generated issues came out: counts by kind, for the table and the JSON. */
export type ReadDataset = {
  issues: number;
  open: number;
  overdueOpen: number;
  byStage: Record<string, number>;
  byTrack: Record<string, number>;
  clocks: number;
  assists: number;
  returns: number;
  timeliness: number;
  ratings: number;
  events: number;
  spanDays: number;
  seconds: Record<string, number>;
};

/**
 * Writes `count` issues in bulk SQL (INSERT … SELECT generate_series, not the API) shaped like a
 * district's year: filed evenly over `spanDays` up to `now` (so a half-month holds ~1/24 of them
 * when the span is 360 days), spread over the district's enterprises with their leader and unit.
 *
 * - Stage by age: under 0.3 day submitted or listed, under 1.5 days awaiting the claim, under 14
 *   days somewhere in handling (in progress — a tenth of it waiting on the enterprise —, answer
 *   review, sign-off, returned, resolved awaiting the rating, reopened); older ones closed (1 %
 *   withdrawn, 0.5 % duplicate), except a backlog of 0.5 % still open and long overdue.
 * - Handling limits of 5, 10 or 15 working days (7, 14, 21 calendar days), so some recent issues
 *   are past their due time; the track (reminded, yellow, red, leader, supervision) follows from
 *   how far the due time is behind or ahead.
 * - Running clocks for open ones (claim, handling — paused while waiting —, rating), timeliness
 *   rows for each claim and answer done (about 5 % of answers late), enterprise ratings for
 *   most closed ones, and ledger events: `file` for every issue (copied from one filed through
 *   `fileIssue`), and a `trackStep` red for each issue whose handling due time passed undone or
 *   was answered late. Events go through the hash-chain trigger (never disabled), so the ledger
 *   verifies.
 */
export async function loadReadDataset(deps: EngineDeps, d: BenchDistrict, count: number, spanDays: number, progress: (s: string) => void): Promise<ReadDataset> {
  const { db } = deps;
  const seconds: Record<string, number> = {};
  const step = async (name: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    progress(name);
    await work();
    seconds[name] = (performance.now() - t) / 1000;
  };
  // One issue filed through the engine: its snapshot and `filed` event are the pattern.
  const template = (
    await fileIssue(deps, {
      actor: d.enterprise,
      input: { categoryId: d.categoryId, title: '用电增容', description: '厂区用电负荷扩容，需协调供电公司增容并明确时间表。', attachmentIds: [], channel: 'portal' },
    })
  ).issue;
  const now = new Date();

  await step('plan rows', () =>
    sql`
    create unlogged table bench_plan as
    with e as (select en.id, ac.id as account_id, a.leader_id, a.unit_id, row_number() over (order by en.id) - 1 as k
               from enterprises en join accounts ac on ac.enterprise_id = en.id join assignments a on a.enterprise_id = en.id),
    g as (select g, ${now}::timestamptz - make_interval(secs => (g::float8 / ${count}) * ${spanDays * 86_400}) as filed_at,
                 random() as r1, random() as r2, random() as r3, (array[7, 14, 21])[1 + g % 3] as limit_days
          from generate_series(1, ${count}) g),
    s as (select g.*, extract(epoch from ${now}::timestamptz - g.filed_at) / 86400 as age,
                 case when extract(epoch from ${now}::timestamptz - g.filed_at) / 86400 < 0.3 then (case when g.r2 < 0.5 then 'submitted' else 'listed' end)
                      when extract(epoch from ${now}::timestamptz - g.filed_at) / 86400 < 1.5 then 'awaitingClaim'
                      when extract(epoch from ${now}::timestamptz - g.filed_at) / 86400 < 14 or g.r1 < 0.005 then
                        (case when g.r2 < 0.62 then 'inProgress' when g.r2 < 0.72 then 'answerReview' when g.r2 < 0.78 then 'answerSignOff'
                              when g.r2 < 0.80 then 'returned' when g.r2 < 0.95 then 'resolved' else 'reopened' end)
                      when g.r1 < 0.015 then 'withdrawn' when g.r1 < 0.02 then 'duplicate' else 'closed' end as stage
          from g)
    select s.g, gen_random_uuid() as id, e.id as enterprise_id, e.account_id,
           case when s.stage = 'submitted' then null else e.leader_id end as leader_id,
           case when s.stage in ('submitted', 'listed') then null else e.unit_id end as unit_id,
           s.filed_at, s.stage, s.age, s.r1, s.r2, s.r3,
           case when s.stage = 'inProgress' and s.r3 < 0.1 then 'inProgress.waitingOnEnterprise' when s.stage = 'inProgress' then 'inProgress.working' else s.stage end as state,
           s.filed_at + interval '1 day' as claim_due,
           s.filed_at + make_interval(days => s.limit_days) as handling_due,
           -- claimed within ~1.1 days; answered between half a day and 5 % past the limit.
           s.filed_at + make_interval(secs => s.r2 * 1.1 * 86400) as claimed_at,
           least(${now}::timestamptz - interval '1 hour', s.filed_at + make_interval(secs => (0.5 + s.r3 * 1.05 * (s.limit_days - 0.5)) * 86400)) as answered_at
    from s join e on e.k = (s.g::bigint * 7919) % ${d.enterprises}`.execute(db),
  );
  await step('plan track', () =>
    sql`
    create unlogged table bench_rows as
    select p.*,
      p.stage in ('closed', 'withdrawn', 'duplicate') as finished,
      p.stage in ('awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'reopened') as handling,
      case when p.stage in ('awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'reopened') and p.state <> 'inProgress.waitingOnEnterprise' then
             case when p.handling_due < ${now}::timestamptz - interval '1 day' then 'supervision'
                  when p.handling_due < ${now}::timestamptz - interval '4 hours' then 'leader'
                  when p.handling_due < ${now}::timestamptz then 'red'
                  when p.handling_due < ${now}::timestamptz + interval '4 hours' then 'yellow'
                  when p.handling_due < ${now}::timestamptz + interval '1 day' then 'reminded'
                  when p.stage = 'awaitingClaim' and p.claim_due < ${now}::timestamptz then 'red'
                  else 'on_time' end
           else 'on_time' end as track,
      (p.stage = 'closed' and p.answered_at > p.handling_due)
        or (p.stage in ('awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'reopened') and p.state <> 'inProgress.waitingOnEnterprise' and p.handling_due < ${now}::timestamptz) as red_event
    from bench_plan p`.execute(db),
  );
  await sql`drop table bench_plan`.execute(db);

  const snapshot = JSON.stringify(template.snapshot);
  // Titles and descriptions worded as enterprises word them, for search and similar problems.
  const text = benchText(sql.ref('r.g'));
  await step('issues', () =>
    sql`
    insert into issues (id, number, enterprise_id, category_id, title, description, channel, filed_by, state, stage, status_note, snapshot, version, green_channel,
                        leader_id, lead_unit_id, expected_due_at, claim_due_at, handling_due_at, rating_due_at, filed_at, updated_at, closed_at, track)
    select r.id, 'R' || lpad(r.g::text, 7, '0'), r.enterprise_id, ${d.categoryId}, ${text.title}, ${text.description}, case when r.g % 5 = 0 then 'hotline' else 'portal' end,
           r.account_id, r.state, r.stage, case when r.finished then '已办结。' else '办理中。' end, ${snapshot}::jsonb,
           case when r.red_event then 2 else 1 end, false, r.leader_id, r.unit_id, r.handling_due,
           case when r.stage not in ('submitted', 'listed') then r.claim_due end,
           case when r.stage not in ('submitted', 'listed') then r.handling_due end,
           case when r.stage = 'resolved' then r.answered_at + interval '3 days' end,
           r.filed_at, greatest(r.filed_at, least(r.answered_at, ${now}::timestamptz)),
           case when r.finished then r.answered_at + make_interval(secs => r.r1 * 2 * 86400) end, r.track
    from bench_rows r`.execute(db),
  );

  await step('events (through the hash-chain trigger)', async () => {
    await sql`
      insert into issue_events (issue_id, seq, type, actor, actor_account_id, payload, state_after, visible_to_enterprise, at)
      select r.id, 1, e.type, e.actor, r.account_id, e.payload, e.state_after, e.visible_to_enterprise, r.filed_at
      from bench_rows r cross join (select * from issue_events where issue_id = ${template.id} and seq = 1) e`.execute(db);
    await sql`
      insert into issue_events (issue_id, seq, type, actor, actor_account_id, payload, state_after, visible_to_enterprise, at)
      select r.id, 2, 'trackStep', '{"kind":"system"}'::jsonb, null,
             jsonb_build_object('clock', 'handling', 'subject', null, 'step', 'red', 'dueAt', r.handling_due, 'firedAt', r.handling_due, 'lateMs', 0),
             r.state, false, r.handling_due
      from bench_rows r where r.red_event`.execute(db);
  });

  await step('clocks', () =>
    sql`
    insert into clocks (issue_id, kind, subject, status, started_at, due_at, paused_at, step, next_step, next_step_at, version)
    select r.id, 'claim', '', 'running', r.filed_at, r.claim_due, null, case when r.claim_due < ${now}::timestamptz then 'red' else 'on_time' end,
           case when r.claim_due < ${now}::timestamptz then 'leader' else 'red' end,
           case when r.claim_due < ${now}::timestamptz then r.claim_due + interval '4 hours' else r.claim_due end, 1
    from bench_rows r where r.stage in ('awaitingClaim', 'reopened')
    union all
    select r.id, 'handling', '', case when r.state = 'inProgress.waitingOnEnterprise' then 'paused' else 'running' end, r.filed_at, r.handling_due,
           case when r.state = 'inProgress.waitingOnEnterprise' then r.filed_at + interval '2 days' end, r.track,
           case r.track when 'on_time' then 'reminded' when 'reminded' then 'yellow' when 'yellow' then 'red' when 'red' then 'leader' when 'leader' then 'supervision' end,
           case r.track when 'on_time' then r.handling_due - interval '1 day' when 'reminded' then r.handling_due - interval '4 hours' when 'yellow' then r.handling_due
                        when 'red' then r.handling_due + interval '4 hours' when 'leader' then r.handling_due + interval '1 day' end, 1
    from bench_rows r where r.handling
    union all
    select r.id, 'rating', '', 'running', r.answered_at, r.answered_at + interval '3 days', null, 'on_time', null, null, 1
    from bench_rows r where r.stage = 'resolved'`.execute(db),
  );

  // Other units' part in an issue, as a unit's reader sees it: an assisting unit on 4 % of the
  // dispatched issues, and a unit that returned the issue (退回) on every returned one and 1 % of
  // the rest; each a unit other than the lead, its head the one who returned it.
  await step('assists and returns', async () => {
    const other = sql`(select units.id, o.id as head, row_number() over (order by units.id) - 1 as k
                       from units join officials o on o.unit_id = units.id and 'unit_head' = any(o.roles) where units.name ~ '^单位[0-9]+$')`;
    await sql`
      with u as ${other}
      insert into issue_assists (issue_id, unit_id, due_at, answered_at)
      select r.id, u.id, r.claimed_at + interval '5 days', case when r.finished then r.claimed_at + interval '3 days' end
      from bench_rows r join u on u.k = (r.g * 13 + 5) % (select count(*) from u)
      where r.unit_id is not null and r.unit_id <> u.id and r.r3 < 0.04`.execute(db);
    await sql`
      with u as ${other}
      insert into issue_returns (issue_id, unit_id, returned_by, reason, returned_at, upheld)
      select r.id, u.id, u.head, '不属于本单位职责', r.filed_at + interval '12 hours', case when r.stage <> 'returned' then true end
      from bench_rows r join u on u.k = (r.g * 17 + 3) % (select count(*) from u)
      where r.unit_id is not null and r.unit_id <> u.id and (r.stage = 'returned' or r.r1 > 0.99)`.execute(db);
  });

  await step('timeliness', () =>
    sql`
    insert into timeliness (issue_id, what, unit_id, due_at, done_at, on_time, round)
    select r.id, 'claim', r.unit_id, r.claim_due, r.claimed_at, r.claimed_at <= r.claim_due, 0
    from bench_rows r where r.stage not in ('submitted', 'listed', 'awaitingClaim') and r.claimed_at < ${now}::timestamptz
    union all
    select r.id, 'answer', r.unit_id, r.handling_due, r.answered_at, r.answered_at <= r.handling_due, 0
    from bench_rows r where r.stage in ('closed', 'resolved')`.execute(db),
  );

  await step('ratings', () =>
    sql`
    insert into ratings (issue_id, round, resolved, satisfaction, source, rated_at)
    select r.id, 1, case when r.r2 < 0.9 then 'yes' else 'partly' end,
           case when r.r1 > 0.15 then (case when r.r2 < 0.85 then 'satisfied' when r.r2 < 0.97 then 'basically' else 'dissatisfied' end) end,
           case when r.r1 > 0.15 then 'enterprise' else 'rating_timeout' end, r.answered_at + make_interval(secs => r.r1 * 2 * 86400)
    from bench_rows r where r.stage = 'closed'`.execute(db),
  );

  // As autovacuum leaves a table whose old rows no longer change: visibility map set, statistics fresh.
  await step('vacuum analyze', () => sql`vacuum analyze`.execute(db));
  const n = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(db)).rows[0]?.n ?? 0);
  const grouped = async (col: 'stage' | 'track') =>
    Object.fromEntries((await sql<{ k: string; n: string }>`select ${sql.ref(col)} as k, count(*) as n from bench_rows group by 1 order by 1`.execute(db)).rows.map((r) => [r.k, Number(r.n)]));
  const result: ReadDataset = {
    issues: await n(sql`select count(*) as n from bench_rows`),
    open: await n(sql`select count(*) as n from bench_rows where not finished`),
    overdueOpen: await n(sql`select count(*) as n from bench_rows where track in ('red', 'leader', 'supervision')`),
    byStage: await grouped('stage'),
    byTrack: await grouped('track'),
    clocks: await n(sql`select count(*) as n from clocks`),
    assists: await n(sql`select count(*) as n from issue_assists`),
    returns: await n(sql`select count(*) as n from issue_returns`),
    timeliness: await n(sql`select count(*) as n from timeliness`),
    ratings: await n(sql`select count(*) as n from ratings`),
    events: await n(sql`select count(*) as n from issue_events`),
    spanDays,
    seconds,
  };
  await sql`drop table bench_rows`.execute(db);
  return result;
}

/** The supervisor of the seeded district, as the API's actor. */
export async function supervisorActor(db: Db) {
  const o = await db
    .selectFrom('officials')
    .innerJoin('accounts', 'accounts.official_id', 'officials.id')
    .select(['officials.id', 'accounts.id as accountId'])
    .where(sql<boolean>`'supervisor' = any(officials.roles)`)
    .executeTakeFirstOrThrow();
  return { kind: 'official' as const, accountId: o.accountId, officialId: o.id, roles: ['supervisor' as const], unitId: null, leaderId: null };
}

/** Every enterprise with its account, as actors for their own lists. */
export async function enterpriseActors(db: Db) {
  const rows = await db.selectFrom('enterprises').innerJoin('accounts', 'accounts.enterprise_id', 'enterprises.id').select(['enterprises.id', 'accounts.id as accountId']).execute();
  return rows.map((r) => ({ kind: 'enterprise' as const, accountId: r.accountId, enterpriseId: r.id }));
}

/** A unit's head of the seeded district (the first unit's) and a leader (the first), as the API's actors: readers who see only some issues. */
export const unitHeadActor = (db: Db) => officialActor(db, 'unit_head');
export const leaderActor = (db: Db) => officialActor(db, 'leader');

async function officialActor<R extends 'unit_head' | 'leader'>(db: Db, role: R) {
  const o = await db
    .selectFrom('officials')
    .innerJoin('accounts', 'accounts.official_id', 'officials.id')
    .select(['officials.id', 'officials.unit_id', 'officials.leader_id', 'accounts.id as accountId'])
    .where(sql<boolean>`${role} = any(officials.roles)`)
    .where('officials.email', 'like', '%@bench.local')
    .orderBy(role === 'leader' ? 'officials.leader_id' : 'officials.unit_id')
    .executeTakeFirstOrThrow();
  return { kind: 'official' as const, accountId: o.accountId, officialId: o.id, roles: [role], unitId: o.unit_id, leaderId: o.leader_id };
}
