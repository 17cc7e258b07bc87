import { sql } from 'kysely';
import { type Db, rowLimit } from '@huiyin/store';
import { outboxMessageId, type Mail, type Mailer } from './mailer.ts';

/** Mails one drain claims and sends at a time: four rounds over the mailer's eight connections. */
export const MAIL_BATCH = 32;

export type DrainOptions = {
  now?: () => Date;
  /** @defaultValue MAIL_BATCH */
  batch?: number;
  /**
   * Sends not done this long after their batch began are cut off (a queued one dropped, one under
   * way closing its connection), counted as failed and tried again later: an SMTP server that
   * takes connections but never answers cannot keep a batch's rows locked, and its transaction
   * open, for the mailer's timeouts times the batch. @defaultValue 60 000
   */
  deadlineMs?: number;
  /** The drain is stopping: sends not done are cut off and their rows let go without an attempt. */
  stop?: AbortSignal;
};

/** A failed mail is tried again after 5 s, 10 s, 20 s … and at most every 5 minutes, for ever. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * An SMTP error as a row keeps it: at most 500 characters, without what PostgreSQL's text refuses
 * (a NUL, half a surrogate pair), so one odd reply cannot fail the statement that records a batch.
 */
export function errorText(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(LONE_SURROGATE, '\uFFFD').replaceAll('\0', '');
  return [...text].slice(0, 500).join('') || 'send failed';
}

export type MailFailure = { id: string; attempts: number; error: string };
export type DrainedMail = { claimed: number; sent: number; failed: MailFailure[] };

type Due = { id: string; payload: unknown; attempts: number };
type Outcome = { sent: true } | { sent: false; error: string } | 'let go';
/** A row's outcome as the recording statement reads it (`jsonb_to_recordset`). */
type Mark = { id: string; attempts: number; error: string | null; retry_at?: string; delivered_to?: string[]; payload?: Mail | null };

/** Sends one row's mail under the batch's signal. */
async function sendOne(mailer: Mailer, row: Due, signal: AbortSignal, stop: AbortSignal | undefined): Promise<Outcome> {
  try {
    await mailer.send({ ...(row.payload as Mail), messageId: outboxMessageId(row.id) }, signal);
    return { sent: true };
  } catch (e) {
    if (stop?.aborted) return 'let go';
    return { sent: false, error: errorText(signal.aborted ? signal.reason : e) };
  }
}

/**
 * Sends the due outbox mails, up to `batch`, and records each outcome, in one transaction that
 * holds their rows' locks while it sends: rows are claimed with SKIP LOCKED, so drains in other
 * workers take the next ones, and a drain whose worker dies lets its rows go with its connection,
 * at once, for the next drain. A sent mail is marked with its time and recipients (and a secret
 * link dropped from the row); a failed one counts the attempt, keeps the error and waits
 * `retryDelayMs`. Two statements a batch instead of a queued job and four statements a mail.
 * At least once: a crash, or a send cut off, between the SMTP server's acceptance and the commit
 * sends a mail again, under the row's one Message-ID, so the copy reads as the same message.
 */
export async function drainDueMail(db: Db, mailer: Mailer, o: DrainOptions = {}): Promise<DrainedMail> {
  const now = o.now ?? (() => new Date());
  const deadlineMs = o.deadlineMs ?? 60_000;
  return db.transaction().execute(async (trx) => {
    const rows: Due[] = await trx
      .selectFrom('outbox')
      .select(['id', 'payload', 'attempts'])
      // A literal, not a parameter: a prepared statement's generic plan can use the partial index.
      .where('topic', '=', sql.lit('mail'))
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now())
      .orderBy('available_at')
      .orderBy('id')
      .limit(rowLimit(o.batch ?? MAIL_BATCH))
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return { claimed: 0, sent: 0, failed: [] };
    // One signal for the batch, cut at the deadline or when the drain stops (a listener removed
    // after the batch, rather than AbortSignal.any, which ties each batch's signal to `stop`).
    const cut = new AbortController();
    const timer = setTimeout(() => cut.abort(new Error(`no answer from the SMTP server within ${deadlineMs / 1000} s`)), deadlineMs);
    const stopping = () => cut.abort(o.stop?.reason);
    if (o.stop?.aborted) stopping();
    o.stop?.addEventListener('abort', stopping, { once: true });
    const outcomes = await Promise.all(rows.map((r) => sendOne(mailer, r, cut.signal, o.stop))).finally(() => {
      clearTimeout(timer);
      o.stop?.removeEventListener('abort', stopping);
    });
    const at = now();
    const marks = rows.flatMap((r, i): Mark[] => {
      const outcome = outcomes[i] ?? 'let go';
      if (outcome === 'let go') return [];
      const attempts = r.attempts + 1;
      if (!outcome.sent) return [{ id: r.id, attempts, error: outcome.error, retry_at: new Date(at.getTime() + retryDelayMs(attempts)).toISOString() }];
      const kept = r.payload as Mail;
      // A secret link has done its work once sent: the row (and every backup after) keeps none.
      return [{ id: r.id, attempts, error: null, delivered_to: kept.to, payload: kept.secretLink ? { ...kept, link: undefined } : null }];
    });
    if (marks.length > 0) {
      await sql`
        update outbox o set
          attempts = v.attempts,
          last_error = v.error,
          processed_at = case when v.error is null then ${at}::timestamptz end,
          delivered_to = coalesce(v.delivered_to, o.delivered_to),
          payload = coalesce(v.payload, o.payload),
          available_at = coalesce(v.retry_at, o.available_at)
        from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb)
          as v(id bigint, attempts int, error text, delivered_to jsonb, payload jsonb, retry_at timestamptz)
        where o.id = v.id`.execute(trx);
    }
    const failed = marks.flatMap((m): MailFailure[] => (m.error === null ? [] : [{ id: m.id, attempts: m.attempts, error: m.error }]));
    return { claimed: rows.length, sent: marks.length - failed.length, failed };
  });
}
