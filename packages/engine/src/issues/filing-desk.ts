import { sql } from 'kysely';
import { type IssueRow, firstIssueEvents, prepared } from '@huiyin/store';
import { audienceKeysOf, audienceQuery, noticeRows, peopleByAudience, type AudienceRow } from '../notifications/enqueue-notice-batch.ts';
import { unknownReference } from './command-helpers.ts';
import { fileIssue, replay, type Acknowledgement } from './file-issue.ts';
import { filingAudiences, filingRows, issueNumbers, prepareFiling, takeIssueNumbers, withYearSequence, type Filing, type FilingCategory, type PreparedFiling } from './filing-rows.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import { createCoalescer, type Settled as CoalescedOutcome } from '../coalesce.ts';

type Settled = CoalescedOutcome<Acknowledgement>;
const ok = (value: Acknowledgement): Settled => ({ ok: true, value });
const failed = (error: unknown): Settled => ({ ok: false, error });
const settle = (p: Promise<Acknowledgement>): Promise<Settled> => p.then(ok, failed);

type Facts = {
  keys: Array<{ account_id: string; key: string }>;
  categories: FilingCategory[];
  enterprises: Array<{ id: string; name: string }>;
  people: AudienceRow[];
  /** Numbers taken for the batch's fresh filings (neither replays nor naming an unknown category or enterprise). */
  numbers: number[];
};

/**
 * All a batch must know before it writes, in one round trip: keys already used, categories,
 * enterprises, the notices' recipients, and as many issue numbers as it has fresh filings (the
 * same rule as `fileIssueBatch` applies after, so no number is taken for a replay or a refusal).
 * Prepared, as planning it costs more than running it (bench/README.md, filing-profile). Its lists
 * reach the planner as scalar subqueries, so no estimate depends on a batch's size and PostgreSQL
 * keeps one generic plan after the first five calls.
 */
async function factsOf(deps: EngineDeps, todo: ReadonlyArray<{ f: PreparedFiling }>, now: Date): Promise<{ year: number; facts: Facts }> {
  const people = audienceQuery(audienceKeysOf(todo.flatMap((t) => filingAudiences(t.f.enterpriseId).flat())));
  const { year, rows } = await withYearSequence(deps.db, now, (sequence) =>
    prepared(sql<Facts>`with t as (
      select * from unnest((select ${todo.map((t) => t.f.actor.accountId)}::uuid[]), (select ${todo.map((t) => t.f.idempotencyKey ?? null)}::text[]),
        (select ${todo.map((t) => t.f.input.categoryId)}::uuid[]), (select ${todo.map((t) => t.f.enterpriseId)}::uuid[])) as t(account_id, key, category_id, enterprise_id)
    ), used as (
      select k.account_id, k.key from idempotency_keys k join t on k.account_id = t.account_id and k.key = t.key
    )
    select
      (select coalesce(json_agg(json_build_object('account_id', u.account_id, 'key', u.key)), '[]') from used u) as keys,
      (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'green_channel', c.green_channel, 'handling_limit', c.handling_limit, 'listing_limit', c.listing_limit, 'track_policy', c.track_policy)), '[]') from categories c
        where c.id in (select category_id from t)) as categories,
      (select coalesce(json_agg(json_build_object('id', e.id, 'name', e.name)), '[]') from enterprises e where e.id in (select enterprise_id from t)) as enterprises,
      ${people ? sql`(select coalesce(json_agg(p), '[]') from (${people}) p)` : sql`'[]'::json`} as people,
      (select coalesce(array_agg(nextval(${sequence}::regclass)::integer), '{}') from t
        where not exists (select 1 from used u where u.account_id = t.account_id and u.key = t.key)
          and exists (select 1 from categories c where c.id = t.category_id) and exists (select 1 from enterprises e where e.id = t.enterprise_id)) as numbers`).execute(deps.db),
  );
  return { year, facts: rows.rows[0] ?? { keys: [], categories: [], enterprises: [], people: [], numbers: [] } };
}

/**
 * Files many issues at once: the same rows as `fileIssue` (issue, `file` event, idempotency key,
 * two notices), all written by one statement of data-modifying CTEs — its own transaction, one
 * round trip, one WAL flush — after one read (`factsOf`: keys, categories, enterprises, the
 * notices' recipients and the numbers). A batch of 30 costs two round trips where 30 single
 * filings cost 330. Each filing gets its own outcome: its refusals (unknown category or
 * enterprise, a key reused with another body) are its own, and should the write fail (a key
 * another request took meanwhile, a lost connection, a row the database refused) each filing is
 * filed again alone, so one bad row never fails the others.
 */
export async function fileIssueBatch(deps: EngineDeps, filings: readonly Filing[]): Promise<Settled[]> {
  const out: Array<Settled | undefined> = new Array(filings.length);
  const todo: Array<{ at: number; f: PreparedFiling }> = [];
  const later: number[] = [];
  const seen = new Set<string>();
  filings.forEach((filing, at) => {
    try {
      const f = prepareFiling(filing);
      const key = f.idempotencyKey ? `${f.actor.accountId} ${f.idempotencyKey}` : null;
      // A second request under one key waits for the first to commit, then replays it.
      if (key && seen.has(key)) later.push(at);
      else todo.push({ at, f });
      if (key) seen.add(key);
    } catch (e) {
      out[at] = failed(e);
    }
  });

  const now = deps.clock();
  const { year, facts } = todo.length === 0 ? { year: 0, facts: null } : await factsOf(deps, todo, now);
  const replays = new Set(facts?.keys.map((r) => `${r.account_id} ${r.key}`));
  const category = new Map(facts?.categories.map((c) => [c.id, c]));
  const enterprise = new Map(facts?.enterprises.map((e) => [e.id, e.name]));
  const fresh: typeof todo = [];
  const replaying: Array<Promise<void>> = [];
  for (const t of todo) {
    const { f } = t;
    if (f.idempotencyKey && replays.has(`${f.actor.accountId} ${f.idempotencyKey}`)) {
      replaying.push(settle(replay(deps.db, f.actor.accountId, f.idempotencyKey, f.hash).then((r) => r ?? fileIssue(deps, f))).then((s) => void (out[t.at] = s)));
    } else if (!category.has(f.input.categoryId)) out[t.at] = failed(unknownReference('categoryId', 'category'));
    else if (!enterprise.has(f.enterpriseId)) out[t.at] = failed(unknownReference('enterpriseId', 'enterprise'));
    else fresh.push(t);
  }

  if (fresh.length > 0 && facts) {
    try {
      // The read took one number per fresh filing by the same rule; should they ever differ, the rest are taken now.
      const numbers = issueNumbers(year, facts.numbers);
      if (numbers.length < fresh.length) numbers.push(...(await takeIssueNumbers(deps.db, now, fresh.length - numbers.length)));
      const rows = fresh.map((t, n) =>
        filingRows(t.f, { number: numbers[n] ?? '', category: category.get(t.f.input.categoryId)!, enterpriseName: enterprise.get(t.f.enterpriseId) ?? '', now, calendar: deps.calendar }),
      );
      const keys = rows.flatMap((r) => (r.idempotency ? [r.idempotency] : []));
      const { mails, inbox, channels } = noticeRows(
        rows.map((r) => ({ issueId: r.id, notices: r.notices })),
        peopleByAudience(facts.people),
      );
      // Each CTE inserts whether or not the final select reads it; the ledger's FK and chain
      // trigger see the issues inserted beside them (checked at the end of the statement; a
      // filing's event is its issue's first). A key another request took meanwhile fails the
      // statement on the key's primary key, and the batch is filed again one by one.
      let write = deps.db.with('i', (db) =>
        db
          .insertInto('issues')
          .values(rows.map((r) => r.issue))
          .returningAll(),
      );
      // The other CTEs add nothing to the statement's type: cast back, to add them when there are rows.
      const also = (more: (q: typeof write) => unknown) => void (write = more(write) as typeof write);
      also((q) =>
        q.with('e', (db) =>
          firstIssueEvents(
            db,
            rows.map((r) => ({ issueId: r.id, event: r.event })),
          ).returning('id'),
        ),
      );
      also((q) =>
        q.with('c', (db) =>
          db
            .insertInto('clocks')
            .values(rows.map((r) => r.clock))
            .returning('id'),
        ),
      );
      if (keys.length > 0) also((q) => q.with('k', (db) => db.insertInto('idempotency_keys').values(keys).returning('key')));
      // Channel rows (SMS, group robots) only where someone configured one (README.md#notice-channels).
      const outbox = channels.length > 0 ? [...mails, ...channels] : mails;
      if (outbox.length > 0)
        also((q) =>
          q.with('o', (db) =>
            db
              .insertInto('outbox')
              .values(outbox)
              .onConflict((oc) => oc.column('dedupe_key').doNothing())
              .returning('id'),
          ),
        );
      if (inbox.length > 0)
        also((q) =>
          q.with('n', (db) =>
            db
              .insertInto('notifications')
              .values(inbox)
              .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
              .returning('id'),
          ),
        );
      const inserted = await write.selectFrom('i').selectAll().execute();
      await setTimers(
        deps,
        rows.flatMap((r) => r.timers),
      );
      const issues = new Map<string, IssueRow>(inserted.map((i) => [i.id, i as IssueRow]));
      rows.forEach((r, n) => {
        const issue = issues.get(r.id);
        out[fresh[n]!.at] = issue ? ok({ issue, expectedDueAt: r.expectedDueAt, replayed: false }) : failed(new Error(`issue ${r.id} was not returned by its insert`));
      });
    } catch {
      // Whatever failed the batch is found again by filing each alone; each gets its own answer.
      await Promise.all(fresh.map(async (t) => void (out[t.at] = await settle(fileIssue(deps, t.f)))));
    }
  }
  await Promise.all(replaying);
  // Repeats of a key within the batch: the first has committed (or failed) by now.
  await Promise.all(later.map(async (at) => void (out[at] = await settle(fileIssue(deps, filings[at]!)))));
  return out.map((s) => s ?? failed(new Error('filing left without an outcome')));
}

export type FilingDesk = { file(filing: Filing): Promise<Acknowledgement> };

/**
 * Group commit for filings (see `createCoalescer`): a filing that arrives while no batch is
 * being written goes at once; those that arrive meanwhile go together in the next, up to
 * `maxBatch`. One batch in flight rather than two: bigger batches, fewer statements, less
 * PostgreSQL CPU per filing for the same peak (`pnpm bench filing`, bench/README.md).
 */
export function createFilingDesk(deps: EngineDeps, options: { maxBatch?: number; inFlight?: number } = {}): FilingDesk {
  const batched = createCoalescer<Filing, Acknowledgement>((filings) => fileIssueBatch(deps, filings), { maxBatch: options.maxBatch ?? 64, inFlight: options.inFlight ?? 1 });
  return {
    file(filing) {
      // Uploads to attach are checked and claimed row by row: such filings take the single path.
      return filing.input.attachmentIds.length > 0 ? fileIssue(deps, filing) : batched(filing);
    },
  };
}
