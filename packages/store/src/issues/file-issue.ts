import { createHash, randomUUID } from 'node:crypto';
import { DomainError, formatIssueNumber, shanghaiYear, type Actor } from '@huiyin/domain';
import { persistIssue, startIssue, statePath, statusNote, stageOf } from '@huiyin/issue-workflow';
import type { FileIssueInput } from '@huiyin/contract';
import type { Tx } from '../db.ts';
import type { IssueRow } from '../schema.ts';
import { attach, shanghaiText, unknownReference } from './command-helpers.ts';
import { describeActor } from './execute-command.ts';
import { enqueueNotices } from './notices.ts';
import type { StoreDeps } from './ports.ts';

export type Acknowledgement = { issue: IssueRow; expectedDueAt: Date; replayed: boolean };

/** The hash that tells a retried request from a different one under the same key. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

async function replay(tx: Tx | StoreDeps['db'], accountId: string, key: string, hash: string): Promise<Acknowledgement | null> {
  const row = await tx.selectFrom('idempotency_keys').selectAll().where('account_id', '=', accountId).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new DomainError('idempotency.key_reused', 'this Idempotency-Key was used with another request body', { field: 'Idempotency-Key' });
  }
  const issue = await tx.selectFrom('issues').selectAll().where('id', '=', row.issue_id).executeTakeFirstOrThrow();
  return { issue, expectedDueAt: issue.expected_due_at, replayed: true };
}

/**
 * The next number of the year, taken in a statement of its own so that the counter's row lock
 * is held for microseconds, not for the whole filing: numbers are unique and increasing under
 * any concurrency, and a filing that fails after this point leaves a gap in the sequence.
 */
async function nextIssueNumber(deps: StoreDeps, now: Date): Promise<string> {
  const year = shanghaiYear(now);
  const { last } = await deps.db
    .insertInto('issue_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('issue_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatIssueNumber(year, last);
}

/** Uploads named in a filing must be the filer's own and not yet attached: checked before a number is taken. */
async function assertAttachable(deps: StoreDeps, accountId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await deps.db.selectFrom('attachments').select('id').where('id', 'in', [...ids]).where('uploaded_by', '=', accountId).where('issue_id', 'is', null).execute();
  if (rows.length !== new Set(ids).size) throw unknownReference('attachmentIds', 'unattached upload of yours');
}

/**
 * Files an issue: acknowledged at once with its number and the expected due time (件件有回音).
 * With an Idempotency-Key the same request returns the first result, never a second issue.
 */
export async function fileIssue(
  deps: StoreDeps,
  params: {
    actor: Actor;
    input: FileIssueInput;
    idempotencyKey?: string | undefined;
    /** The caller's own rows that must commit or fail with the filing (a project problem's link). */
    within?: (trx: Tx, issue: IssueRow) => Promise<void>;
  },
): Promise<Acknowledgement> {
  const { actor, input, idempotencyKey } = params;
  if (actor.kind === 'system') throw new DomainError('auth.forbidden', 'the engine does not file issues');
  let enterpriseId: string;
  let firstResponderId: string | null = null;
  if (actor.kind === 'enterprise') {
    if (input.enterpriseId && input.enterpriseId !== actor.enterpriseId) {
      throw new DomainError('validation.invalid', 'an enterprise files only for itself', { field: 'enterpriseId' });
    }
    enterpriseId = actor.enterpriseId;
  } else {
    if (!input.enterpriseId) throw new DomainError('validation.required', 'name the enterprise you record this for', { field: 'enterpriseId' });
    enterpriseId = input.enterpriseId;
    firstResponderId = actor.officialId; // 首问责任
  }
  const hash = requestHash({ ...input, enterpriseId });
  if (idempotencyKey) {
    const earlier = await replay(deps.db, actor.accountId, idempotencyKey, hash);
    if (earlier) return earlier;
  }
  const category = await deps.db.selectFrom('categories').selectAll().where('id', '=', input.categoryId).executeTakeFirst();
  if (!category) throw unknownReference('categoryId', 'category');
  const enterprise = await deps.db.selectFrom('enterprises').select(['id', 'name']).where('id', '=', enterpriseId).executeTakeFirst();
  if (!enterprise) throw unknownReference('enterpriseId', 'enterprise');
  await assertAttachable(deps, actor.accountId, input.attachmentIds);
  const now = deps.now();
  const number = await nextIssueNumber(deps, now);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const id = randomUUID();
      const snapshot = startIssue({ issueId: id, enterpriseId, firstResponderId, greenChannel: category.green_channel });
      const state = statePath(snapshot);
      const expectedDueAt = deps.calendar.addLimit(now, category.handling_limit);
      const issue = await trx
        .insertInto('issues')
        .values({
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
          filed_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await attach(trx, actor, id, input.attachmentIds);
      await trx
        .insertInto('issue_events')
        .values({
          issue_id: id,
          seq: 1,
          type: 'file',
          actor: JSON.stringify(describeActor(actor)),
          actor_account_id: actor.accountId,
          payload: JSON.stringify({ number: issue.number, categoryId: category.id, title: input.title, channel: input.channel, expectedDueAt, attachmentIds: input.attachmentIds, firstResponderId }),
          state_after: state,
          visible_to_enterprise: true,
          at: now,
        })
        .execute();
      if (idempotencyKey) {
        await trx.insertInto('idempotency_keys').values({ account_id: actor.accountId, key: idempotencyKey, request_hash: hash, issue_id: id }).execute();
      }
      await enqueueNotices(trx, id, [
        { audience: [{ enterprise: enterpriseId }], subject: `【已受理】${issue.number} ${input.title}`, text: `${enterprise.name}：您反映的问题已受理，编号 ${issue.number}，预计 ${shanghaiText(expectedDueAt)} 前答复。可随时查看办理进度。` },
        { audience: [{ role: 'dispatcher' }], subject: `【待列单】${issue.number} ${input.title}`, text: `${enterprise.name}（${category.name}）：${input.description}` },
      ]);
      if (params.within) await params.within(trx, issue);
      return { issue, expectedDueAt, replayed: false };
    });
  } catch (e) {
    // Two requests with one key raced: the loser returns the winner's result.
    if (idempotencyKey && (e as { constraint?: string }).constraint === 'idempotency_keys_pk') {
      const earlier = await replay(deps.db, actor.accountId, idempotencyKey, hash);
      if (earlier) return earlier;
    }
    throw e;
  }
}
