import { shanghaiText, type WorkingCalendar } from '@huiyin/calendar';
import { createHash, randomUUID } from 'node:crypto';
import { formatIssueNumber, listingLimitOf, nextStep, shanghaiYear, trackPolicyOf, type Actor, type Audience, type Notice } from '@huiyin/domain';
import type { TimerRequest } from '../deps.ts';
import { workingFrom } from '../clocks/working-from.ts';
import { persistIssue, startIssue, stateOf, statusNote, stageOf, whoFiles, type Filer } from '@huiyin/issue-workflow';
import type { FileIssueInput } from '@huiyin/contract';
import { sql } from 'kysely';
import type { Db, CategoryRow, LedgerEntry } from '@huiyin/store';

/** The rows of one filing, shared by the single and the batched path so that both write the same. */

/** What a filing reads of its category. */
export type FilingCategory = Pick<CategoryRow, 'id' | 'name' | 'green_channel' | 'handling_limit' | 'listing_limit' | 'track_policy'>;

export type Filing = { actor: Actor; input: FileIssueInput; idempotencyKey?: string | undefined };
/** Who files for which enterprise, and the hash that tells a retried request from a different one. */
export type PreparedFiling = { actor: Filer; input: FileIssueInput; idempotencyKey: string | undefined; enterpriseId: string; firstResponderId: string | null; hash: string };

/** The hash that tells a retried request from a different one under the same key. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** Checks who may file for whom (`whoFiles`) and hashes the request for Idempotency-Key replays. */
export function prepareFiling(filing: Filing): PreparedFiling {
  const { actor, input } = filing;
  const { filer, enterpriseId, firstResponderId } = whoFiles(actor, input.enterpriseId);
  return { actor: filer, input, idempotencyKey: filing.idempotencyKey, enterpriseId, firstResponderId, hash: requestHash({ ...input, enterpriseId }) };
}

/**
 * Takes `count` numbers of the year at once from the year's sequence (T14): no transaction, so no
 * commit to flush, and no lock any other filing waits on. Numbers are unique and increasing
 * under any concurrency; a filing that fails after this point leaves a gap in the sequence.
 */
export async function takeIssueNumbers(db: Db, now: Date, count: number): Promise<string[]> {
  const { year, rows } = await withYearSequence(db, now, (sequence) =>
    sql<{ n: number }>`select nextval(${sequence}::regclass)::integer as n from generate_series(1, ${count}::integer)`.execute(db).then((r) => r.rows),
  );
  return issueNumbers(
    year,
    rows.map((r) => r.n),
  );
}

/** Numbers taken from the year's sequence, in order, as `YYYY-NNNNNN`. */
export function issueNumbers(year: number, taken: readonly number[]): string[] {
  return [...taken].sort((a, b) => a - b).map((n) => formatIssueNumber(year, n));
}

/**
 * Runs `take` with the name of the sequence of `now`'s year (Shanghai), which the year's first
 * filing creates: a statement that finds it missing is run again once it exists.
 */
export async function withYearSequence<T>(db: Db, now: Date, take: (sequence: string) => Promise<T>): Promise<{ year: number; rows: T }> {
  const year = shanghaiYear(now);
  const name = `issue_numbers_${year}`;
  try {
    return { year, rows: await take(name) };
  } catch (e) {
    if ((e as { code?: string }).code !== '42P01') throw e; // undefined_table: the year has no sequence yet
    await createYearSequence(db, year, name);
    return { year, rows: await take(name) };
  }
}

/**
 * The year's sequence, created once under a lock: it starts after any number of the year already
 * in the table (imported, say), and a process that finds it created and used leaves it alone.
 */
async function createYearSequence(db: Db, year: number, name: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
    await sql`create sequence if not exists ${sql.raw(name)} as integer minvalue 1`.execute(trx);
    await sql`select setval(${name}::regclass, m) from (select max(substr(number, 6)::integer) as m from issues where number like ${`${year}-%`}) x
      where m is not null and (select last_value from pg_sequences where sequencename = ${name}) is null`.execute(trx);
  });
}

/** Who hears of a filing: the enterprise (已受理) and the dispatchers (待列单). */
export function filingAudiences(enterpriseId: string): [Audience[], Audience[]] {
  return [[{ enterprise: enterpriseId }], [{ role: 'dispatcher' }]];
}

/** The issue row, its `file` event and its two notices (已受理 to the enterprise, 待列单 to the dispatchers). */
export function filingRows(f: PreparedFiling, ctx: { number: string; category: FilingCategory; enterpriseName: string; now: Date; calendar: WorkingCalendar }) {
  const { input, actor, enterpriseId, firstResponderId } = f;
  const { number, category, now } = ctx;
  const id = randomUUID();
  // The service centre's clock starts at filing (docs/domain.md#clocks): its row and first timer.
  const listingDueAt = ctx.calendar.addLimit(now, listingLimitOf(category, category.green_channel));
  const snapshot = startIssue({ issueId: id, enterpriseId, firstResponderId, greenChannel: category.green_channel, listingDueAt: listingDueAt.toISOString() });
  const state = stateOf(snapshot);
  const expectedDueAt = ctx.calendar.addLimit(now, category.handling_limit);
  const clockId = randomUUID();
  const first = nextStep('listing', 'on_time', listingDueAt, trackPolicyOf(category, category.green_channel), now, workingFrom(ctx.calendar));
  const clock = {
    id: clockId,
    issue_id: id,
    kind: 'listing' as const,
    status: 'running' as const,
    started_at: now,
    due_at: listingDueAt,
    next_step: first?.step ?? null,
    next_step_at: first?.at ?? null,
  };
  const timers: TimerRequest[] = first ? [{ clockId, step: first.step, version: 1, at: first.at }] : [];
  const issue = {
    id,
    number,
    enterprise_id: enterpriseId,
    category_id: category.id,
    title: input.title,
    description: input.description,
    channel: input.channel,
    filed_by: actor.accountId,
    first_responder_id: firstResponderId,
    state,
    stage: stageOf(state),
    status_note: statusNote(snapshot, { unit: () => '', leader: () => '' }),
    snapshot: JSON.stringify(persistIssue(snapshot)),
    version: 1,
    green_channel: category.green_channel,
    expected_due_at: expectedDueAt,
    listing_due_at: listingDueAt,
    filed_at: now,
    updated_at: now,
  };
  const event: LedgerEntry = {
    type: 'file',
    actor,
    payload: { number, categoryId: category.id, title: input.title, channel: input.channel, expectedDueAt, attachmentIds: input.attachmentIds, firstResponderId },
    stateAfter: state,
    visibleToEnterprise: true,
    at: now,
  };
  const [toEnterprise, toDispatchers] = filingAudiences(enterpriseId);
  const notices: Notice[] = [
    {
      audience: toEnterprise,
      subject: `【已受理】${number} ${input.title}`,
      text: `${ctx.enterpriseName}：您反映的问题已受理，编号 ${number}，预计 ${shanghaiText(expectedDueAt)} 前答复。可随时查看办理进度。`,
    },
    { audience: toDispatchers, subject: `【待列单】${number} ${input.title}`, text: `${ctx.enterpriseName}（${category.name}）：${input.description}` },
  ];
  const idempotency = f.idempotencyKey ? { account_id: actor.accountId, key: f.idempotencyKey, request_hash: f.hash, issue_id: id } : null;
  return { id, issue, event, notices, idempotency, expectedDueAt, clock, timers };
}
