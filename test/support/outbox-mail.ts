import type { MailSink } from '@huiyin/mailsink';
import type { Db } from '@huiyin/store';

type SentRow = { id: string; payload: unknown };

/**
 * Matches what the sink received against the outbox's mail rows, by the Message-ID each row's
 * mail carries (`<row id@outbox.huiyin>`), not by counting: a worker's scheduled jobs (the 08:00
 * digests, the 08:30 bulletin, Shanghai time) may add mail while a test runs, and those rows are
 * as much the outbox's as the test's own.
 * - `wrong`: a row of `sent` that never arrived or arrived changed, or a message no row sent.
 * - `resent`: copies beyond the first (a worker killed between SMTP's acceptance and its commit
 *   sends again under the same id; where nothing is killed, any copy is a double).
 * The sink is read first and the rows after, so every message seen has its row in that read.
 */
export async function matchOutboxMail(db: Db, sink: MailSink, sent: readonly SentRow[]) {
  const received = sink.messages();
  const copies = new Map<string, Array<{ to: readonly string[]; subject: string }>>();
  for (const m of received) {
    const id = /^message-id:\s*<([0-9a-f-]+)@outbox\.huiyin>/im.exec(m.raw)?.[1] ?? `unknown ${m.subject}`;
    copies.set(id, [...(copies.get(id) ?? []), m]);
  }
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  const wrong: string[] = [];
  for (const r of sent) {
    const m = r.payload as { to: string[]; subject: string };
    const got = copies.get(r.id) ?? [];
    if (got.length === 0) wrong.push(`${m.subject}: never arrived`);
    else if (!got.every((c) => c.subject === m.subject && same(c.to, m.to))) wrong.push(`${m.subject}: arrived changed`);
  }
  const known = new Set((await db.selectFrom('outbox').select('id').where('topic', '=', 'mail').execute()).map((r) => r.id));
  for (const [id, c] of copies) if (!known.has(id)) wrong.push(`${id} (${c[0]?.subject}): no outbox row sent it`);
  const resent = [...copies.values()].reduce((n, c) => n + Math.max(0, c.length - 1), 0);
  return { wrong, resent, received: received.length };
}
