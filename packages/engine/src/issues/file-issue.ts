import { DomainError } from '@huiyin/domain';
import { firstIssueEvents, type Tx, type IssueRow } from '@huiyin/store';
import { attach, unknownReference } from './command-helpers.ts';
import { filingRows, prepareFiling, takeIssueNumbers, type Filing } from './filing-rows.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';

export { requestHash } from './filing-rows.ts';

export type Acknowledgement = { issue: IssueRow; expectedDueAt: Date; replayed: boolean };

/** The first result under an Idempotency-Key, or null; a different body under the same key is refused. */
export async function replay(tx: Tx | EngineDeps['db'], accountId: string, key: string, hash: string): Promise<Acknowledgement | null> {
  const row = await tx.selectFrom('idempotency_keys').selectAll().where('account_id', '=', accountId).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new DomainError('idempotency.key_reused', 'this Idempotency-Key was used with another request body', { field: 'Idempotency-Key' });
  }
  const issue = await tx.selectFrom('issues').selectAll().where('id', '=', row.issue_id).executeTakeFirstOrThrow();
  return { issue, expectedDueAt: issue.expected_due_at, replayed: true };
}

/** Uploads named in a filing must be the filer's own and not yet attached: checked before a number is taken. */
async function assertAttachable(deps: EngineDeps, accountId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await deps.db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', [...ids])
    .where('uploaded_by', '=', accountId)
    .where('issue_id', 'is', null)
    .execute();
  if (rows.length !== new Set(ids).size) throw unknownReference('attachmentIds', 'unattached upload of yours');
}

/**
 * Files an issue: acknowledged at once with its number and the expected due time (件件有回音).
 * With an Idempotency-Key the same request returns the first result, never a second issue.
 * The API files through `createFilingDesk`, which batches concurrent filings into one
 * transaction; this is the path of one filing (and of a filing with attachments or own rows).
 */
export async function fileIssue(
  deps: EngineDeps,
  params: Filing & {
    /** The caller's own rows that must commit or fail with the filing (a project problem's link). */
    within?: (trx: Tx, issue: IssueRow) => Promise<void>;
  },
): Promise<Acknowledgement> {
  const f = prepareFiling(params);
  const { actor, input, idempotencyKey } = f;
  if (idempotencyKey) {
    const earlier = await replay(deps.db, actor.accountId, idempotencyKey, f.hash);
    if (earlier) return earlier;
  }
  const category = await deps.db.selectFrom('categories').selectAll().where('id', '=', input.categoryId).executeTakeFirst();
  if (!category) throw unknownReference('categoryId', 'category');
  const enterprise = await deps.db.selectFrom('enterprises').select(['id', 'name']).where('id', '=', f.enterpriseId).executeTakeFirst();
  if (!enterprise) throw unknownReference('enterpriseId', 'enterprise');
  await assertAttachable(deps, actor.accountId, input.attachmentIds);
  const now = deps.clock();
  const [number] = await takeIssueNumbers(deps.db, now, 1);
  const rows = filingRows(f, { number: number ?? '', category, enterpriseName: enterprise.name, now, calendar: deps.calendar });
  try {
    const filed = await deps.db.transaction().execute(async (trx) => {
      const issue = await trx.insertInto('issues').values(rows.issue).returningAll().executeTakeFirstOrThrow();
      await attach(trx, actor, rows.id, input.attachmentIds);
      await firstIssueEvents(trx, [{ issueId: rows.id, event: rows.event }]).execute();
      await trx.insertInto('clocks').values(rows.clock).execute();
      if (rows.idempotency) await trx.insertInto('idempotency_keys').values(rows.idempotency).execute();
      await enqueueNotices(trx, rows.id, rows.notices);
      if (params.within) await params.within(trx, issue);
      return { issue, expectedDueAt: rows.expectedDueAt, replayed: false };
    });
    await setTimers(deps, rows.timers);
    return filed;
  } catch (e) {
    // Two requests with one key raced: the loser returns the winner's result.
    if (idempotencyKey && (e as { constraint?: string }).constraint === 'idempotency_keys_pk') {
      const earlier = await replay(deps.db, actor.accountId, idempotencyKey, f.hash);
      if (earlier) return earlier;
    }
    throw e;
  }
}
