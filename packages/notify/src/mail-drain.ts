import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { outboxMessageId, type Mail, type Mailer } from './mailer.ts';

/** Mails one drain claims and sends at a time: four rounds over the mailer's eight connections. */
export const MAIL_BATCH = 32;

export type DrainOptions = {
  now?: () => Date;
  /** @defaultValue MAIL_BATCH */
  batch?: number;
  /**
   * A send still under way this long after its batch began counts as failed and is tried again
   * later, so an SMTP server that takes mail but never answers cannot keep a batch's rows locked
   * (and its transaction open) for the mailer's socket timeout times the batch. @defaultValue 60 000
   */
  deadlineMs?: number;
};

/** A failed mail is tried again after 5 s, 10 s, 20 s … and at most every 5 minutes, for ever. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

export type MailFailure = { id: string; attempts: number; error: string };
export type DrainedMail = { claimed: number; sent: number; failed: MailFailure[] };

type Due = { id: string; payload: unknown; attempts: number };

/** Sends one row's mail; resolves to null when the server took it, else to why not. */
async function sendOne(mailer: Mailer, row: Due, deadline: Promise<string>): Promise<string | null> {
  const kept = row.payload as Mail;
  const sent = mailer.send({ ...kept, messageId: outboxMessageId(row.id) }).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500) || 'send failed',
  );
  return Promise.race([sent, deadline]);
}

/**
 * Sends the due outbox mails, up to `batch`, and records each outcome, in one transaction that
 * holds their rows' locks while it sends: rows are claimed with SKIP LOCKED, so drains in other
 * workers take the next ones, and a drain whose worker dies lets its rows go with its connection,
 * at once, for the next drain. A sent mail is marked with its time and recipients (and a secret
 * link dropped from the row); a failed one counts the attempt, keeps the error and waits
 * `retryDelayMs`. Two statements a batch instead of a queued job and four statements a mail.
 * At least once: a crash between the SMTP server's acceptance and the commit sends a mail again,
 * under the row's one Message-ID, so the copy reads as the same message.
 */
export async function drainDueMail(db: Db, mailer: Mailer, o: DrainOptions = {}): Promise<DrainedMail> {
  const now = o.now ?? (() => new Date());
  const deadlineMs = o.deadlineMs ?? 60_000;
  return db.transaction().execute(async (trx) => {
    const rows: Due[] = await trx
      .selectFrom('outbox')
      .select(['id', 'payload', 'attempts'])
      .where('topic', '=', 'mail')
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now())
      .orderBy('available_at')
      .orderBy('id')
      .limit(o.batch ?? MAIL_BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return { claimed: 0, sent: 0, failed: [] };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer from the SMTP server within ${deadlineMs / 1000} s`), deadlineMs);
    });
    const errors = await Promise.all(rows.map((r) => sendOne(mailer, r, deadline))).finally(() => clearTimeout(timer));
    const at = now();
    const marks = rows.map((r, i) => {
      const error = errors[i] ?? null;
      const kept = r.payload as Mail;
      if (error !== null) return { id: r.id, error, retry_at: new Date(at.getTime() + retryDelayMs(r.attempts + 1)).toISOString() };
      // A secret link has done its work once sent: the row (and every backup after) keeps none.
      return { id: r.id, error: null, delivered_to: kept.to, payload: kept.secretLink ? { ...kept, link: undefined } : null };
    });
    await sql`
      update outbox o set
        attempts = o.attempts + 1,
        last_error = v.error,
        processed_at = case when v.error is null then ${at}::timestamptz end,
        delivered_to = coalesce(v.delivered_to, o.delivered_to),
        payload = coalesce(v.payload, o.payload),
        available_at = coalesce(v.retry_at, o.available_at)
      from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as v(id bigint, error text, delivered_to jsonb, payload jsonb, retry_at timestamptz)
      where o.id = v.id`.execute(trx);
    const failed = marks.flatMap((m, i) => (m.error === null ? [] : [{ id: m.id, attempts: (rows[i]?.attempts ?? 0) + 1, error: m.error }]));
    return { claimed: rows.length, sent: rows.length - failed.length, failed };
  });
}
