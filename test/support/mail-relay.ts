import { randomUUID } from 'node:crypto';

import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { createMailQueue, createMailWorker, createMailer, enqueueDueMail } from '@huiyin/notify';
import type { Db } from '@huiyin/store';
import { openTestBackend } from './queue-backend.ts';
import { sharedDatabaseUrl, sharedRedisPrefix } from './run-scope.ts';

/** An SMTP sink fed from the outbox of `db` the way the worker feeds SMTP in production. */
export type MailRelay = { sink: MailSink; stop(): Promise<void> };

/**
 * Starts a sink on a free port and delivers `db`'s outbox to it through the production path: due
 * mails handed to a BullMQ delivery queue every 150 ms (`enqueueDueMail`), sent by the mail
 * worker (`createMailWorker`), on the suite's timer backend (TIMERS_BACKEND) under a prefix of the relay's own. `stop` waits
 * out the hand-over under way before closing the worker, the queue, the mailer and the sink.
 */
export async function startMailRelay(db: Db, options: { publicUrl?: string } = {}): Promise<MailRelay> {
  const sink = await startMailSink({ smtpPort: 0 });
  // With `publicUrl`, each mail's link is written out in full, as the worker does with PUBLIC_URL.
  const mailer = createMailer(`smtp://127.0.0.1:${sink.port}`, 'Huiyin <noreply@huiyin.local>', options.publicUrl ? { publicUrl: options.publicUrl } : undefined);
  const backend = await openTestBackend(`${sharedRedisPrefix()}_relay_${randomUUID().slice(0, 8)}`, sharedDatabaseUrl());
  const queue = createMailQueue(backend);
  const worker = createMailWorker(backend, db, mailer);
  let relaying = true;
  const loop = (async () => {
    while (relaying) {
      await enqueueDueMail(db, queue, new Date()).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  return {
    sink,
    async stop() {
      relaying = false;
      await loop;
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await backend.close();
      mailer.close();
      await sink.close();
    },
  };
}
