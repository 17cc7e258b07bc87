import type { Actor } from '@huiyin/domain';
import { appendIssueEvents, type Tx } from '@huiyin/store';

/**
 * Appends an event the issue's machine does not see (a 督办单, its reply, an appeal) to the
 * issue's ledger: the issue's next version, one event at that seq, state unchanged, not shown to
 * the enterprise. The caller holds the issue's row lock. Returns the new version.
 */
export async function appendIssueEvent(trx: Tx, issue: { id: string; version: number; state: string }, actor: Actor, type: string, payload: Record<string, unknown>, now: Date): Promise<number> {
  await appendIssueEvents(trx, [{ issueId: issue.id, version: issue.version, events: [{ type, actor, payload, stateAfter: issue.state, at: now }] }], now);
  return issue.version + 1;
}
