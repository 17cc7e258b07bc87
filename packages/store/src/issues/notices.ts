import { sql } from 'kysely';
import type { Tx } from '../db.ts';

/** Who hears of a change. Resolved to mail addresses inside the transaction that made it. */
export type Audience =
  | { enterprise: string }
  | { unit: string; heads?: boolean }
  | { leader: string }
  | { role: 'dispatcher' | 'supervisor' };

export type Notice = { audience: Audience[]; subject: string; text: string };

async function addresses(trx: Tx, a: Audience): Promise<string[]> {
  if ('enterprise' in a) {
    const row = await trx.selectFrom('enterprises').select('contacts').where('id', '=', a.enterprise).executeTakeFirst();
    return (row?.contacts ?? []).map((c) => c.email).filter(Boolean);
  }
  let q = trx.selectFrom('officials').select('email');
  if ('unit' in a) {
    q = q.where('unit_id', '=', a.unit);
    q = q.where(a.heads ? sql<boolean>`'unit_head' = any(roles)` : sql<boolean>`roles && array['handler','unit_head']::text[]`);
  } else if ('leader' in a) {
    q = q.where('leader_id', '=', a.leader).where(sql<boolean>`'leader' = any(roles)`);
  } else {
    q = q.where(sql<boolean>`${a.role} = any(roles)`);
  }
  return (await q.execute()).map((r) => r.email);
}

/** Writes each notice as one outbox row; the worker mails it after commit. */
export async function enqueueNotices(trx: Tx, issueId: string, notices: Notice[]): Promise<void> {
  for (const n of notices) {
    const to = [...new Set((await Promise.all(n.audience.map((a) => addresses(trx, a)))).flat())];
    if (to.length === 0) continue;
    await trx
      .insertInto('outbox')
      .values({ topic: 'mail', issue_id: issueId, payload: JSON.stringify({ to, subject: n.subject, text: n.text }) })
      .execute();
  }
}
