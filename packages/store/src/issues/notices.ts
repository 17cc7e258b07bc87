import { sql } from 'kysely';
import type { Tx } from '../db.ts';

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

type Recipient = { notice: number; ord: number; email: string | null; account_id: string | null };

/**
 * The rows behind one audience: an enterprise's contacts (mail) and every account of it (inbox);
 * officials with their mail address and their accounts, if any.
 */
function audienceRows(trx: Tx, notice: number, ord: number, a: Audience) {
  // An audience naming nothing (an issue with no unit or leader yet) is nobody, not a bad uuid.
  if (('enterprise' in a ? a.enterprise : 'unit' in a ? a.unit : 'leader' in a ? a.leader : a.role) === '') return [];
  const tag = [sql.lit(notice).as('notice'), sql.lit(ord).as('ord')] as const;
  if ('enterprise' in a) {
    return [
      trx.selectFrom('enterprises').where('id', '=', a.enterprise)
        .select([...tag, sql<string | null>`jsonb_array_elements(enterprises.contacts)->>'email'`.as('email'), sql<string | null>`null::uuid`.as('account_id')]),
      trx.selectFrom('accounts').where('enterprise_id', '=', a.enterprise)
        .select([...tag, sql<string | null>`null::text`.as('email'), sql<string | null>`accounts.id`.as('account_id')]),
    ];
  }
  let q = trx
    .selectFrom('officials')
    .leftJoin('accounts', 'accounts.official_id', 'officials.id')
    .select([...tag, sql<string | null>`officials.email`.as('email'), sql<string | null>`accounts.id`.as('account_id')]);
  if ('unit' in a) {
    q = q.where('officials.unit_id', '=', a.unit);
    q = q.where(a.heads ? sql<boolean>`'unit_head' = any(officials.roles)` : sql<boolean>`officials.roles && array['handler','unit_head']::text[]`);
  } else if ('leader' in a) {
    q = q.where('officials.leader_id', '=', a.leader).where(sql<boolean>`'leader' = any(officials.roles)`);
  } else {
    q = q.where(sql<boolean>`${a.role} = any(officials.roles)`);
  }
  return [q];
}

/** Every notice's recipients in one query. */
async function recipients(trx: Tx, notices: Notice[]): Promise<Recipient[]> {
  const parts = notices.flatMap((n, i) => n.audience.flatMap((a, ord) => audienceRows(trx, i, ord, a)));
  const [first, ...rest] = parts;
  if (!first) return [];
  return (await rest.reduce((u, p) => u.unionAll(p), first).execute()) as Recipient[];
}

/**
 * Writes each notice as one outbox mail (the worker sends it after commit) and one inbox row per
 * recipient account, in three statements whatever the number of notices. With a `dedupeKey`, a
 * notice already enqueued is skipped (mail and inbox rows alike).
 */
export async function enqueueNotices(trx: Tx, issueId: string, notices: Notice[]): Promise<void> {
  const rows = (await recipients(trx, notices)).sort((a, b) => a.ord - b.ord);
  const mails = [];
  const inbox = [];
  for (const [i, n] of notices.entries()) {
    const mine = rows.filter((r) => r.notice === i);
    // Audience order, first mention wins; contacts without an address are skipped.
    const to = [...new Set(mine.map((r) => r.email).filter((e): e is string => Boolean(e)))];
    const accounts = new Set(mine.map((r) => r.account_id).filter((id): id is string => id !== null));
    const dedupeKey = n.dedupeKey ?? null;
    const link = n.link ?? `/issues/${issueId}`;
    // The mail carries the console path; the mailer makes it absolute with the public URL.
    if (to.length > 0) mails.push({ topic: 'mail', issue_id: issueId, payload: JSON.stringify({ to, subject: n.subject, text: n.text, link }), dedupe_key: dedupeKey });
    for (const account of accounts) {
      inbox.push({ account_id: account, issue_id: issueId, subject: n.subject, body: n.text, link, dedupe_key: dedupeKey });
    }
  }
  // A key repeated within one statement is skipped as well: DO NOTHING never raises for it.
  if (mails.length > 0) await trx.insertInto('outbox').values(mails).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
  if (inbox.length > 0) await trx.insertInto('notifications').values(inbox).onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing()).execute();
}
