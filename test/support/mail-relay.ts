import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { createMailer, startMailDrain } from '@huiyin/notify';
import type { Db } from '@huiyin/store';

/** An SMTP sink fed from the outbox of `db` the way the worker feeds SMTP in production. */
export type MailRelay = { sink: MailSink; stop(): Promise<void> };

/**
 * Starts a sink on a free port and delivers `db`'s outbox to it through the production path: the
 * worker's mail drain (`startMailDrain`), one lane looking every 150 ms. `stop` lets the batch
 * under way finish before closing the mailer and the sink.
 */
export async function startMailRelay(db: Db, options: { publicUrl?: string } = {}): Promise<MailRelay> {
  const sink = await startMailSink({ smtpPort: 0 });
  // With `publicUrl`, each mail's link is written out in full, as the worker does with PUBLIC_URL.
  const mailer = createMailer(`smtp://127.0.0.1:${sink.port}`, 'Huiyin <noreply@huiyin.local>', options.publicUrl ? { publicUrl: options.publicUrl } : undefined);
  const drain = startMailDrain({ db, mailer, lanes: 1, idleMs: 150 });
  return {
    sink,
    async stop() {
      await drain.stop();
      mailer.close();
      await sink.close();
    },
  };
}
