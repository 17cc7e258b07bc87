import { enqueueNoticeBatch } from '../notifications/enqueue-notice-batch.ts';
import type { Tx } from '@huiyin/store';

/** Who hears of a change. Resolved to mail addresses and accounts inside the transaction that made it. */
export type Audience =
  | { enterprise: string }
  | { unit: string; heads?: boolean }
  | { leader: string }
  | { role: 'dispatcher' | 'supervisor' };

export type Notice = {
  audience: Audience[];
  subject: string;
  text: string;
  /**
   * Names the message, so that a retried or repeated producer enqueues it once: the mail and
   * each account's inbox row are written only the first time the key is seen. Two different
   * notices need two keys.
   */
  dedupeKey?: string | undefined;
  /** Where the inbox row points. @defaultValue `/issues/<issueId>` */
  link?: string | undefined;
};

/**
 * Writes each notice as one outbox mail (the worker sends it after commit) and one inbox row per
 * recipient account, in three statements whatever the number of notices. With a `dedupeKey`, a
 * notice already enqueued is skipped (mail and inbox rows alike). The audience rules live once,
 * in `enqueueNoticeBatch`: this is its batch of one issue.
 */
export async function enqueueNotices(trx: Tx, issueId: string, notices: Notice[]): Promise<void> {
  await enqueueNoticeBatch(trx, [{ issueId, notices }]);
}
