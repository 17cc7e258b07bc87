import type { Logger } from 'pino';
import type { Config } from '@huiyin/config';
import { createChannelQueue, createChannelSender, createChannelWorker, enqueueDueChannelMessages, type ChannelDelivery, type WorkingTime } from '@huiyin/notify';
import type { QueueBackend } from '@huiyin/queues';
import type { Db } from '@huiyin/store';
import type { createWorkerMetrics } from './worker-metrics.ts';

type Wiring = {
  backend: QueueBackend;
  db: Db;
  calendar: WorkingTime;
  config: Config;
  metrics: ReturnType<typeof createWorkerMetrics>;
  logger: Logger;
  failing: (channel: string, error: string) => Promise<void>;
};

/**
 * The notice channels' delivery (README.md#notice-channels): due rows handed to their queue by the
 * worker's outbox loop (`handOver`), each sent once by this queue's worker, every outcome counted
 * in /metrics and a failure logged (the admins hear of a channel that keeps failing).
 */
export function startNoticeChannels(w: Wiring) {
  const sender = createChannelSender({ publicUrl: w.config.publicUrl, sms: w.config.sms });
  const queue = createChannelQueue(w.backend);
  const worker = createChannelWorker(w.backend, { db: w.db, sender, calendar: w.calendar, failing: w.failing });
  const topicOf = (name: string | undefined) => name ?? 'unknown';
  worker.on('completed', (job, result: ChannelDelivery) => {
    if (result === 'sent' || result === 'held' || result === 'unsendable') w.metrics.channelMessage(topicOf(job.name), result);
  });
  worker.on('failed', (job, err) => {
    w.metrics.channelMessage(topicOf(job?.name), 'failed');
    w.logger.warn(
      { outboxId: job?.data.outboxId, attempts: job?.attemptsMade, err: err.message },
      'notice channel message not sent (retried with backoff; after the last attempt the row is handed over again)',
    );
  });
  return {
    handOver: (now: Date) => enqueueDueChannelMessages(w.db, queue, now),
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
