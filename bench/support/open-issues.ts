import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { ClaimInput, DispatchInput, ListIssueInput } from '@huiyin/contract';
import { executeIssueCommand, fileIssue, hashPasswordForStore, issueCommands, type EngineDeps, type IssueCommand } from '@huiyin/engine';

type Official = { kind: 'official'; accountId: string; officialId: string; roles: Array<'dispatcher' | 'handler'>; unitId: string | null; leaderId: string | null };
export type BenchDistrict = { categoryId: string; enterprises: number; dispatcher: Official; handler: Official; enterprise: { kind: 'enterprise'; accountId: string; enterpriseId: string } };

/** The default track, written out so the category carries a policy of its own. */
const BENCH_TRACK_POLICY = {
  reminderBeforeSeconds: 86_400,
  yellowBeforeSeconds: 14_400,
  leaderAfterSeconds: 14_400,
  supervisionAfterSeconds: 86_400,
  supervisionOrderLimit: { amount: 3, unit: 'workingDays' },
  firstContactLimit: { amount: 1, unit: 'workingDays' },
};

/**
 * A district of realistic shape, so that each step's notices reach real recipients: 8 leaders
 * (an official and an account each), 24 units with a head and two handlers, a dispatcher and a
 * supervisor, `enterprises` enterprises with a contact and an account, each assigned to a leader
 * and a unit, and one category with a track policy. Beside whatever the database already holds
 * (a drill's own district): every statement keeps to the rows it made (`@bench.local`, 基准企业,
 * 领导n, 单位n).
 */
export async function seedDistrict(db: Db, enterprises: number): Promise<BenchDistrict> {
  const hash = await hashPasswordForStore('bench-password');
  await sql`
    with l as (insert into leaders (name, title) select '领导' || g, '副区长' from generate_series(0, 7) g returning id)
    insert into officials (name, email, leader_id, roles) select '领导', 'leader-' || id || '@bench.local', id, array['leader'] from l`.execute(db);
  await sql`
    with u as (insert into units (name, short_name) select '单位' || g, '单位' || g from generate_series(0, 23) g returning id)
    insert into officials (name, email, unit_id, roles)
    select r || '-' || u.id, r || '-' || u.id || '@bench.local', u.id, array[r] from u cross join (values ('unit_head'), ('handler'), ('handler')) v(r)`.execute(db);
  await sql`insert into officials (name, email, roles) values ('营商办', 'dispatcher@bench.local', array['dispatcher']), ('督查室', 'supervisor@bench.local', array['supervisor'])`.execute(db);
  await sql`insert into accounts (login, password_hash, official_id) select 'o-' || id, ${hash}, id from officials where email like '%@bench.local'`.execute(db);
  await sql`
    insert into enterprises (name, credit_code, is_key, industry, address, contacts)
    select '基准企业' || g, '91410311' || lpad(g::text, 10, '0'), g % 3 = 0, '先进装备制造', '霁川区',
           jsonb_build_array(jsonb_build_object('name', '联系人', 'role', '总经理', 'phone', '13800000000', 'email', 'ent-' || g || '@bench.local'))
    from generate_series(0, ${enterprises - 1}) g`.execute(db);
  await sql`insert into accounts (login, password_hash, enterprise_id) select 'e-' || id, ${hash}, id from enterprises where name like '基准企业%'`.execute(db);
  await sql`
    with e as (select id, row_number() over (order by id) as k from enterprises where name like '基准企业%'),
         l as (select id, row_number() over (order by id) - 1 as k from leaders where name ~ '^领导[0-9]+$'),
         u as (select units.id, row_number() over (order by units.id) - 1 as k, officials.id as head
               from units join officials on officials.unit_id = units.id and 'unit_head' = any(officials.roles) where units.name ~ '^单位[0-9]+$')
    insert into assignments (enterprise_id, leader_id, unit_id, unit_head_id)
    select e.id, l.id, u.id, u.head from e join l on l.k = e.k % 8 join u on u.k = e.k % 24`.execute(db);
  const limit = (amount: number) => JSON.stringify({ amount, unit: 'workingDays' });
  const cat = await db
    .insertInto('categories')
    .values({
      code: 'bench',
      name: '基准',
      green_channel: false,
      claim_limit: limit(1),
      handling_limit: limit(10),
      // No milestone plan asked at listing: the bench measures clocks, not planning (README, 四明确).
      milestones_required_from: limit(1000),
      supplement_limit: limit(5),
      rating_limit: limit(3),
      rating_timeout_outcome: 'close_unrated',
      track_policy: JSON.stringify(BENCH_TRACK_POLICY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const official = async (role: 'dispatcher' | 'handler'): Promise<Official> => {
    const o = await db
      .selectFrom('officials')
      .innerJoin('accounts', 'accounts.official_id', 'officials.id')
      .select(['officials.id', 'officials.unit_id', 'accounts.id as accountId'])
      .where(sql<boolean>`${role} = any(officials.roles)`)
      .where('officials.email', 'like', '%@bench.local')
      .orderBy('officials.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { kind: 'official', accountId: o.accountId, officialId: o.id, roles: [role], unitId: o.unit_id, leaderId: null };
  };
  const dispatcher = await official('dispatcher');
  const ent = await db
    .selectFrom('enterprises')
    .innerJoin('accounts', 'accounts.enterprise_id', 'enterprises.id')
    .innerJoin('assignments', 'assignments.enterprise_id', 'enterprises.id')
    .select(['enterprises.id', 'accounts.id as accountId', 'assignments.unit_id'])
    .where('enterprises.name', 'like', '基准企业%')
    .orderBy('enterprises.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const handler = await db
    .selectFrom('officials')
    .innerJoin('accounts', 'accounts.official_id', 'officials.id')
    .select(['officials.id', 'accounts.id as accountId'])
    .where('officials.unit_id', '=', ent.unit_id)
    .where(sql<boolean>`'handler' = any(officials.roles)`)
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    categoryId: cat.id,
    enterprises,
    dispatcher,
    handler: { kind: 'official', accountId: handler.accountId, officialId: handler.id, roles: ['handler'], unitId: ent.unit_id, leaderId: null },
    enterprise: { kind: 'enterprise', accountId: ent.accountId, enterpriseId: ent.id },
  };
}

/** The commands the bench takes, with the input schemas that give their defaults. */
const STEPS = {
  list: [issueCommands.list, ListIssueInput],
  dispatch: [issueCommands.dispatch, DispatchInput],
  claim: [issueCommands.claim, ClaimInput],
} as const;

/** Runs one of `STEPS` on an issue, with its input's defaults. */
async function act(deps: EngineDeps, issueId: string, name: keyof typeof STEPS, actor: BenchDistrict['dispatcher']): Promise<void> {
  const [command, input] = STEPS[name];
  await executeIssueCommand(deps, { issueId, actor, command: command as IssueCommand<object>, input: input.parse({}) });
}

/**
 * Two issues walked through the engine, whose rows the bulk load copies: one dispatched and
 * awaiting its claim (claim and handling clocks run), one claimed and in progress (handling
 * runs). Their own clocks are stopped, so that only the bulk issues have timers.
 */
export async function templateIssues(deps: EngineDeps, d: BenchDistrict): Promise<{ awaitingClaim: string; inProgress: string }> {
  const file = async (title: string) =>
    (
      await fileIssue(deps, {
        actor: d.enterprise,
        input: { categoryId: d.categoryId, title, description: '厂区用电负荷扩容，需协调供电公司增容并明确时间表。', attachmentIds: [], channel: 'portal' },
      })
    ).issue.id;
  const awaitingClaim = await file('用电增容');
  const inProgress = await file('用电增容');
  for (const id of [awaitingClaim, inProgress]) {
    await act(deps, id, 'list', d.dispatcher);
    await act(deps, id, 'dispatch', d.dispatcher);
  }
  await act(deps, inProgress, 'claim', d.handler);
  await deps.db
    .updateTable('clocks')
    .set((eb) => ({ status: 'stopped', stopped_at: new Date(), outcome: 'cancelled', next_step: null, next_step_at: null, version: eb('version', '+', 1) }))
    .where('issue_id', 'in', [awaitingClaim, inProgress])
    .where('status', '<>', 'stopped')
    .execute();
  return { awaitingClaim, inProgress };
}

/**
 * Writes `count` open issues in bulk SQL (not through the API), copied from the templates with
 * their ledger history: a share `awaitingShare` awaiting their claim (claim and handling clocks
 * running), the rest in progress (handling running). Every running clock is on time, its next
 * step the reminder at a random time between 1 h and 1 h + `horizonSeconds` from now, its due
 * time a day later (the policy's reminder offset). Returns the number of running clocks.
 */
export async function loadOpenIssues(
  db: Db,
  d: BenchDistrict,
  templates: { awaitingClaim: string; inProgress: string },
  count: number,
  awaitingShare: number,
  horizonSeconds: number,
): Promise<number> {
  const awaiting = Math.round(count * awaitingShare);
  const reminder = BENCH_TRACK_POLICY.reminderBeforeSeconds;
  await sql`
    create unlogged table bench_open as
    with e as (select enterprises.id, accounts.id as account_id, assignments.leader_id, assignments.unit_id, row_number() over (order by enterprises.id) - 1 as k
               from enterprises join accounts on accounts.enterprise_id = enterprises.id join assignments on assignments.enterprise_id = enterprises.id
               where enterprises.name like '基准企业%')
    select g, gen_random_uuid() as id, g <= ${awaiting} as awaiting, e.id as enterprise_id, e.account_id, e.leader_id, e.unit_id,
           now() + make_interval(secs => 3600 + random() * ${horizonSeconds}) as claim_next,
           now() + make_interval(secs => 3600 + random() * ${horizonSeconds}) as handling_next
    from generate_series(1, ${count}) g join e on e.k = g % ${d.enterprises}`.execute(db);
  await sql`
    insert into issues (id, number, enterprise_id, category_id, title, description, channel, filed_by, state, stage, status_note, snapshot, version, green_channel,
                        leader_id, lead_unit_id, time_limit, expected_due_at, claim_due_at, handling_due_at, filed_at, updated_at, track)
    select o.id, 'BENCH-' || lpad(o.g::text, 7, '0'), o.enterprise_id, t.category_id, t.title || ' ' || o.g, t.description, t.channel, o.account_id, t.state, t.stage, t.status_note,
           jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.snapshot, '{context,issueId}', to_jsonb(o.id::text)), '{context,enterpriseId}', to_jsonb(o.enterprise_id::text)),
                     '{context,leaderId}', to_jsonb(o.leader_id::text)), '{context,leadUnitId}', to_jsonb(o.unit_id::text)),
           t.version, t.green_channel, o.leader_id, o.unit_id, t.time_limit, t.expected_due_at,
           case when o.awaiting then o.claim_next + make_interval(secs => ${reminder}) end, o.handling_next + make_interval(secs => ${reminder}),
           now() - interval '1 day', now() - interval '1 day', 'on_time'
    from bench_open o join issues t on t.id = case when o.awaiting then ${templates.awaitingClaim}::uuid else ${templates.inProgress}::uuid end`.execute(db);
  await sql`
    insert into issue_events (issue_id, seq, type, actor, actor_account_id, payload, state_after, visible_to_enterprise, at)
    select o.id, e.seq, e.type, e.actor, e.actor_account_id, e.payload, e.state_after, e.visible_to_enterprise, now() - interval '1 day'
    from bench_open o join issue_events e on e.issue_id = case when o.awaiting then ${templates.awaitingClaim}::uuid else ${templates.inProgress}::uuid end`.execute(db);
  const clocks = await sql`
    insert into clocks (issue_id, kind, subject, status, started_at, due_at, step, next_step, next_step_at, version)
    select id, 'handling', '', 'running', now() - interval '1 day', handling_next + make_interval(secs => ${reminder}), 'on_time', 'reminded', handling_next, 1 from bench_open
    union all
    select id, 'claim', '', 'running', now() - interval '1 day', claim_next + make_interval(secs => ${reminder}), 'on_time', 'reminded', claim_next, 1 from bench_open where awaiting`.execute(db);
  await sql`drop table bench_open`.execute(db);
  // As autovacuum leaves a table in service: without it the first batches over freshly loaded rows
  // pay for setting every row's hint bits (a drain's claim read took ten times as long).
  await sql`vacuum analyze`.execute(db);
  return Number(clocks.numAffectedRows ?? 0);
}
