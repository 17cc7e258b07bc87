import { sql, type QueryCreator } from 'kysely';
import type { Database, Tx } from '@huiyin/store';
import type { Audience, Notice } from '@huiyin/domain';
import { channelRows, type ChannelRow } from './channel-rows.ts';
import { wantsMail, type AudienceRow } from './audience-row.ts';
import { gathering, ONE_BY_ONE, type InboxRow, type MailRow, type Reached } from './gathering.ts';

export type { AudienceRow } from './audience-row.ts';

/**
 * The notices one change of one issue sends. `issueId` null: a key project's clock step, whose
 * notices each carry their own `link` (`/projects/<id>`).
 */
export type IssueNotices = { issueId: string | null; notices: Notice[] };

/** An audience as a key; '' when it names nobody (an issue with no unit or leader yet). */
function keyOf(a: Audience): string {
  if ('enterprise' in a) return a.enterprise ? `e:${a.enterprise}` : '';
  if ('unit' in a) return a.unit ? `${a.heads ? 'h' : 'u'}:${a.unit}` : '';
  if ('leader' in a) return a.leader ? `l:${a.leader}` : '';
  if ('official' in a) return a.official ? `o:${a.official}` : '';
  return `r:${a.role}`;
}

/**
 * The people behind every distinct audience of a batch, in one statement whose size depends on
 * the kinds of audience, not on their number: a batch of 500 track steps naming 500 units asks
 * once for all of them. The one copy of the audience rules (`enqueueNotices` calls this): a unit's handlers
 * and heads, or its heads only; a leader's officials with the leader role; one official; officials by role; an
 * enterprise's contacts (mail, and SMS where they opted in) and accounts (inbox).
 */
async function audiences(trx: Tx, keys: Set<string>): Promise<Map<string, AudienceRow[]>> {
  const query = audienceQuery(keys);
  return peopleByAudience(query ? (await sql<AudienceRow>`${query}`.execute(trx)).rows : []);
}

/** The statement behind `audiences`, to run on its own or inside another; null when the keys name nobody. */
export function audienceQuery(keys: Set<string>) {
  // Each list reaches the planner as a scalar subquery, so no plan depends on its length: a
  // prepared statement holding this one (the filing batch's read) then settles on its generic
  // plan instead of planning every call anew.
  // (The outer cast keeps `= any(…)` the array form, not the subquery form.)
  const list = (xs: string[], type: 'uuid' | 'text') => sql`(select ${xs}::${sql.raw(type)}[])::${sql.raw(type)}[]`;
  const of = (tag: string) => [...keys].filter((k) => k.startsWith(`${tag}:`)).map((k) => k.slice(tag.length + 1));
  const [units, heads, leaders, roles, enterprises, persons] = [of('u'), of('h'), of('l'), of('r'), of('e'), of('o')];
  const parts = [];
  // A deactivated official is no one's audience any more (the subquery is flattened by the planner).
  const official = sql`(select * from officials where deactivated_at is null) o left join accounts a on a.official_id = o.id`;
  // An official's channels ride along: the mobile only when they chose SMS, so a notice writes an
  // SMS row only where one is configured; without a mobile on record mail stands in (as `reachOf`).
  const person = sql`o.email, a.id::text as account_id, case when 'sms' = any(o.notice_channels) then o.phone end as sms, (coalesce('mail' = any(o.notice_channels), true) or coalesce(o.phone, '') = '') as mail, null::text as hook`;
  const nobody = sql`null::text as sms, true as mail, null::text as hook`;
  if (units.length) parts.push(sql`select 'u:' || o.unit_id as k, ${person} from ${official} where o.unit_id = any(${list(units, 'uuid')}) and o.roles && array['handler','unit_head']::text[]`);
  if (heads.length) parts.push(sql`select 'h:' || o.unit_id as k, ${person} from ${official} where o.unit_id = any(${list(heads, 'uuid')}) and 'unit_head' = any(o.roles)`);
  if (leaders.length) parts.push(sql`select 'l:' || o.leader_id as k, ${person} from ${official} where o.leader_id = any(${list(leaders, 'uuid')}) and 'leader' = any(o.roles)`);
  if (persons.length) parts.push(sql`select 'o:' || o.id as k, ${person} from ${official} where o.id = any(${list(persons, 'uuid')})`);
  if (roles.length) parts.push(sql`select 'r:' || r.role as k, ${person} from ${official} join unnest(${list(roles, 'text')}) r(role) on r.role = any(o.roles)`);
  if (enterprises.length) {
    // A contact who opted in to SMS gets one at their mobile (spaces and dashes dropped) beside the mail.
    const contactSms = sql`case when c->'sms' = 'true'::jsonb and coalesce(c->>'phone', '') <> '' then regexp_replace(c->>'phone', '[[:space:]-]', '', 'g') end`;
    parts.push(
      sql`select 'e:' || e.id as k, c->>'email' as email, null::text as account_id, ${contactSms} as sms, true as mail, null::text as hook
        from enterprises e cross join jsonb_array_elements(e.contacts) c where e.id = any(${list(enterprises, 'uuid')})`,
    );
    parts.push(sql`select 'e:' || a.enterprise_id as k, null::text as email, a.id::text as account_id, ${nobody} from accounts a where a.enterprise_id = any(${list(enterprises, 'uuid')})`);
  }
  // The group robots of the units and leaders named (their 工作群), from a table of a few rows.
  const owners = [...new Set([...units, ...heads])];
  if (owners.length || leaders.length)
    parts.push(
      sql`select 'w:' || left(w.owner_kind, 1) || ':' || w.owner_id as k, null::text as email, null::text as account_id, null::text as sms, false as mail, w.vendor || ':' || w.id as hook from notice_webhooks w
        where w.enabled and ((w.owner_kind = 'unit' and w.owner_id = any(${list(owners, 'uuid')})) or (w.owner_kind = 'leader' and w.owner_id = any(${list(leaders, 'uuid')})))`,
    );
  return parts.length === 0 ? null : sql.join(parts, sql` union all `);
}

/** The rows of `audienceQuery`, by audience key. */
export function peopleByAudience(rows: readonly AudienceRow[]): Map<string, AudienceRow[]> {
  const out = new Map<string, AudienceRow[]>();
  for (const r of rows) {
    const list = out.get(r.k);
    if (list) list.push(r);
    else out.set(r.k, [r]);
  }
  return out;
}

/**
 * The notices of many issues at once (a batch of track steps, or one command's via
 * `enqueueNotices`): each notice one outbox mail and one inbox row per recipient account; a
 * dedupe key already enqueued is skipped, mail and inbox alike, and so is a key repeated within
 * the batch (DO NOTHING never raises for it). Two statements (the audience's read, then the
 * rows) while its mails and inbox rows together stay within `ROWS_PER_INSERT`; past that, one
 * insert per table and slice. `gather`: a batch of track steps, whose many notices of one step to
 * one person go as one (`gathering`).
 */
export async function enqueueNoticeBatch(trx: Tx, batch: readonly IssueNotices[], options: { gather?: boolean } = {}): Promise<void> {
  const { mails, inbox, channels } = noticeRows(batch, await audiences(trx, audienceKeys(batch)), options.gather);
  const outbox = channels.length > 0 ? [...mails, ...channels] : mails;
  // The usual case, a command's few rows, goes as one statement: the outbox's insert a CTE of the inbox's.
  if (outbox.length > 0 && inbox.length > 0 && outbox.length + inbox.length <= ROWS_PER_INSERT) {
    // The CTE's query creator knows the outbox insert's name too; the inbox insert needs only ours.
    const withMail = trx.with('mail', (db) => outboxInsert(db, outbox)) as unknown as QueryCreator<Database>;
    await inboxInsert(withMail, inbox).execute();
    return;
  }
  for (const rows of slices(outbox)) await outboxInsert(trx, rows).execute();
  for (const rows of slices(inbox)) await inboxInsert(trx, rows).execute();
}

/** Outbox rows, a dedupe key already there skipped. */
function outboxInsert(db: QueryCreator<Database>, rows: ReadonlyArray<MailRow | ChannelRow>) {
  return db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing());
}

/** Inbox rows, one an account already has under its dedupe key skipped. */
function inboxInsert(db: QueryCreator<Database>, rows: readonly InboxRow[]) {
  return db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing());
}

/**
 * Rows per insert statement. PostgreSQL takes at most 65 535 parameters in one statement and an
 * inbox row has six (an outbox row four): a batch of 500 track steps for units of 25 officials
 * would pass it in one.
 */
const ROWS_PER_INSERT = 5_000;

function slices<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(rows.slice(i, i + ROWS_PER_INSERT));
  return out;
}

/** Every audience a batch names, as the keys `audiences` resolves. */
function audienceKeys(batch: readonly IssueNotices[]): Set<string> {
  return audienceKeysOf(batch.flatMap((b) => b.notices.flatMap((n) => n.audience)));
}

/** The keys `audiences` resolves for these audiences (none for an audience that names nobody). */
export function audienceKeysOf(list: readonly Audience[]): Set<string> {
  return new Set(list.map(keyOf).filter(Boolean));
}

/**
 * The outbox mails and inbox rows of a batch, given the people behind its audiences. With
 * `gather` (a batch of track steps), a person who would get many notices of one step at once
 * gets one listing them (`gathering`).
 */
export function noticeRows(batch: readonly IssueNotices[], people: Map<string, AudienceRow[]>, gather = false) {
  const mails: MailRow[] = [];
  const inbox: InboxRow[] = [];
  const channels: ChannelRow[] = [];
  const reached: Reached[] = batch.flatMap(({ issueId, notices }) =>
    // Audience order, first mention wins; contacts without an address are skipped.
    notices.map((n) => ({ issueId, n, rows: n.audience.flatMap((a) => people.get(keyOf(a)) ?? []), groups: groupsOf(n.audience, people) })),
  );
  const gathered = gather ? gathering(reached) : ONE_BY_ONE;
  for (const item of reached) {
    const { issueId, n, rows, groups } = item;
    const to = [...new Set(rows.flatMap((r) => (r.email && wantsMail(n, r) && !gathered.takes(item, 'mail', r.email, r.k) ? [r.email] : [])))];
    const accounts = new Set(rows.flatMap((r) => (r.account_id && !gathered.takes(item, 'inbox', r.account_id, r.k) ? [r.account_id] : [])));
    const dedupeKey = n.dedupeKey ?? null;
    const link = n.link ?? (issueId ? `/issues/${issueId}` : null);
    // The mail carries the console path; the mailer makes it absolute with the public URL.
    if (to.length > 0) mails.push({ topic: 'mail', issue_id: issueId, payload: JSON.stringify({ to, subject: n.subject, text: n.text, link }), dedupe_key: dedupeKey });
    for (const account of accounts) inbox.push({ account_id: account, issue_id: issueId, subject: n.subject, body: n.text, link, dedupe_key: dedupeKey });
    const alone = rows.map((r) => (r.sms && gathered.takes(item, 'sms', r.sms, r.k) ? { ...r, sms: null } : r));
    channels.push(
      ...channelRows(
        issueId,
        n,
        link,
        alone,
        groups.filter((g) => !(g.hook && gathered.takes(item, 'hook', g.hook, g.k))),
      ),
    );
  }
  const more = gathered.rows();
  return { mails: [...mails, ...more.mails], inbox: [...inbox, ...more.inbox], channels: [...channels, ...more.channels] };
}

/** The group robots behind a notice's units and leaders (none unless one is configured). */
function groupsOf(audience: readonly Audience[], people: Map<string, AudienceRow[]>): AudienceRow[] {
  if (people.size === 0) return [];
  return audience.flatMap((a) => {
    if ('unit' in a && a.unit) return people.get(`w:u:${a.unit}`) ?? [];
    if ('leader' in a && a.leader) return people.get(`w:l:${a.leader}`) ?? [];
    return [];
  });
}
