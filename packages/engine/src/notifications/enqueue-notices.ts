import type { Notice } from '@huiyin/domain';
import type { Tx } from '@huiyin/store';
import { enqueueNoticeBatch } from './enqueue-notice-batch.ts';

/**
 * Writes each notice as one outbox mail (the worker sends it after commit) and one inbox row per
 * recipient account, in two statements whatever the number of notices. With a `dedupeKey`, a
 * notice already enqueued is skipped (mail and inbox rows alike). The audience rules live once,
 * in `enqueueNoticeBatch`: this is its batch of one issue.
 */
export async function enqueueNotices(trx: Tx, issueId: string, notices: Notice[]): Promise<void> {
  await enqueueNoticeBatch(trx, [{ issueId, notices }]);
}
