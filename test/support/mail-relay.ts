import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { createMailer, relayOutbox } from '@huiyin/notify';
import type { Db } from '@huiyin/store';

/** An SMTP sink fed by a loop relaying the outbox of `db`, as the worker does in production. */
export type MailRelay = { sink: MailSink; stop(): Promise<void> };

/**
 * Starts a sink on a free port and relays `db`'s outbox to it every 150 ms (a failed pass is
 * retried on the next one). `stop` waits out the pass under way before closing the mailer and sink.
 */
export async function startMailRelay(db: Db): Promise<MailRelay> {
  const sink = await startMailSink({ smtpPort: 0 });
  const mailer = createMailer(`smtp://127.0.0.1:${sink.port}`, 'Huiyin <noreply@huiyin.local>');
  let relaying = true;
  const loop = (async () => {
    while (relaying) {
      await relayOutbox(db, mailer, new Date(), 200).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  return {
    sink,
    async stop() {
      relaying = false;
      await loop;
      mailer.close();
      await sink.close();
    },
  };
}
