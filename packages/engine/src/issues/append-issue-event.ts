import type { OfficialActor } from '@huiyin/domain';
import type { Tx } from '@huiyin/store';
import { describeActor } from '@huiyin/domain';

/**
 * Appends an event the issue's machine does not see (a 督办单, its reply, an appeal) to the
 * issue's ledger: the issue's next version, one event at that seq, state unchanged, not shown to
 * the enterprise. The caller holds the issue's row lock. Returns the new version.
 */
export async function appendIssueEvent(
  trx: Tx,
  issue: { id: string; version: number; state: string },
  actor: OfficialActor,
  type: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<number> {
  const version = issue.version + 1;
  await trx.updateTable('issues').set({ version, updated_at: now }).where('id', '=', issue.id).execute();
  await trx
    .insertInto('issue_events')
    .values({ issue_id: issue.id, seq: version, type, actor: JSON.stringify(describeActor(actor)), actor_account_id: actor.accountId, payload: JSON.stringify(payload), state_after: issue.state, visible_to_enterprise: false, at: now })
    .execute();
  return version;
}
