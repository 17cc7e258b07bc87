import { verifyLedger } from '../../services/cli/src/ledger-command.ts';
import { matchOutboxMail } from '../support/outbox-mail.ts';
import { until } from '../support/until.ts';
import { failures, type Drill } from './support/drill.ts';
import { openRig } from './support/rig.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';

/** How many issues make mail while SMTP is down, for how long it stays down, how long delivery may take after. */
const PLANS = {
  // A ceiling, polled: retries back off 5, 10, 20 s…, and a loaded machine stretches each.
  short: { issues: 4, downSeconds: 3, deliverSeconds: 90 },
  full: { issues: 40, downSeconds: 600, deliverSeconds: 600 },
};

type Row = { id: string; payload: { to: string[]; subject: string }; attempts: number; processed_at: Date | null; last_error: string | null };

/**
 * Drill 4: the mail server is down for a while. The worker process reaches the mail sink through
 * a TCP proxy the drill cuts; issues are filed and dispatched meanwhile, so their mails are
 * written to the outbox and fail to send. When the proxy is restored, every mail must arrive
 * exactly once: each outbox row is marked delivered, and the sink holds one message per row
 * (same recipients and subject), no more.
 */
export const smtpOutageDrill: Drill = {
  name: 'smtp-outage',
  promise: 'SMTP server down for a while: mails queue, then every one is delivered once',
  async run(scale) {
    const plan = PLANS[scale];
    const f = failures();
    const rig = await openRig({ name: 'smtp', sink: true });
    const sink = rig.sink;
    if (!sink) throw new Error('the drill needs its mail sink');
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: sink.port });
    try {
      await rig.startWorker({ SMTP_URL: `smtp://127.0.0.1:${proxy.port}` });
      await proxy.cut();
      const cutAt = Date.now();
      for (let i = 0; i < plan.issues; i += 4) await Promise.all(Array.from({ length: Math.min(4, plan.issues - i) }, () => rig.dispatched()));
      const mails = () => rig.db.selectFrom('outbox').select(['id', 'payload', 'attempts', 'processed_at', 'last_error']).where('topic', '=', 'mail').execute() as Promise<Row[]>;
      // Mail queues: at least one send has failed and nothing has been delivered.
      const queued = await until(mails, (rows) => rows.some((r) => r.attempts > 0), 60_000);
      f.check(queued.length > 0, 'no mail was written to the outbox');
      f.check(
        queued.some((r) => r.attempts > 0 && r.last_error),
        () => `no send was attempted while SMTP was down: ${JSON.stringify(queued.map((r) => r.attempts))}`,
      );
      f.check(sink.messages().length === 0, `${sink.messages().length} mails arrived while SMTP was down`);
      await new Promise((r) => setTimeout(r, Math.max(0, plan.downSeconds * 1000 - (Date.now() - cutAt))));
      await proxy.restore();
      const restoredAt = Date.now();

      const rows = await until(mails, (all) => all.every((r) => r.processed_at !== null), plan.deliverSeconds * 1000, 250);
      const deliveredAfter = (Date.now() - restoredAt) / 1000;
      const pending = rows.filter((r) => r.processed_at === null);
      f.check(
        pending.length === 0,
        () =>
          `${pending.length} of ${rows.length} mails undelivered ${Math.round((Date.now() - restoredAt) / 1000)} s after SMTP came back: ${JSON.stringify(pending.slice(0, 2).map((r) => [r.attempts, r.last_error]))}`,
      );
      // Late duplicates would arrive after the rows are marked: wait a moment before counting.
      await new Promise((r) => setTimeout(r, 1500));
      // Matched by Message-ID: mail the worker's own schedules add meanwhile (the 08:00 digests, the
      // 08:30 bulletin) is the outbox's too.
      const { wrong, resent, received } = await matchOutboxMail(rig.db, sink, rows);
      f.check(wrong.length === 0, () => `mails not delivered as their outbox rows say: ${wrong.slice(0, 3).join(' | ')}`);
      f.check(resent === 0, `${resent} extra copies of mails arrived`);
      const retried = rows.filter((r) => r.attempts > 1).length;
      const broken = await verifyLedger(rig.db);
      f.check(broken.length === 0, () => `ledger broken: ${JSON.stringify(broken.slice(0, 3))}`);
      return {
        summary: `${plan.issues} issues dispatched with SMTP down ${plan.downSeconds} s: ${rows.length} mails queued (${retried} needed more than one attempt), all delivered ${deliveredAfter.toFixed(1)} s after SMTP returned; ${received} messages in the sink, ${wrong.length} not as their rows say, ${resent} doubled`,
        failures: f.list,
      };
    } finally {
      await proxy.close();
      await rig.close();
    }
  },
};
