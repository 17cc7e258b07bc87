import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@huiyin/store';
import { drainDueMail, MAIL_BATCH, type DrainedMail } from './mail-drain.ts';
import type { Mailer } from './mailer.ts';

export type MailDrainOptions = {
  db: Db;
  mailer: Mailer;
  now?: () => Date;
  /**
   * Drains running at once, each in its own transaction: while one waits on its last sends,
   * another has its batch under way. @defaultValue 2
   */
  lanes?: number;
  /** How long a drain waits after a batch that was not full. @defaultValue 500 */
  idleMs?: number;
  batch?: number;
  /** Each batch's outcome. */
  drained?: (result: DrainedMail) => void;
  /** The database did not answer; the drain tries again after 2 s, 4 s … up to 30 s. */
  failed?: (err: unknown) => void;
  /** The database answered (after a failure, its outage is over). */
  answered?: () => void;
};

export type MailDrain = { stop(): Promise<void> };

/**
 * Delivers the outbox's mail in the background: each lane drains due mails (`drainDueMail`) back
 * to back while batches come full, else looks again after `idleMs`. `stop` cuts off the sends
 * under way, lets their rows go for the next worker without counting an attempt, records the
 * rest of each batch, and returns once every lane has ended.
 */
export function startMailDrain(o: MailDrainOptions): MailDrain {
  const batch = o.batch ?? MAIL_BATCH;
  const stopping = new AbortController();
  // Ends at once when the drain stops (node's timer rejects on the signal).
  const pause = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => undefined);
  const lane = async () => {
    let backoffMs = 2_000;
    while (!stopping.signal.aborted) {
      try {
        const result = await drainDueMail(o.db, o.mailer, { ...(o.now ? { now: o.now } : {}), batch, stop: stopping.signal });
        o.answered?.();
        backoffMs = 2_000;
        if (result.claimed > 0) o.drained?.(result);
        if (result.claimed < batch) await pause(o.idleMs ?? 500);
      } catch (err) {
        o.failed?.(err);
        await pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  };
  const lanes = Array.from({ length: o.lanes ?? 2 }, lane);
  return {
    async stop() {
      stopping.abort(new Error('the mail drain is stopping'));
      await Promise.all(lanes);
    },
  };
}
