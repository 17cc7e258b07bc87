import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

export const LEDGER_USAGE = `  ledger verify                 recompute every issue's hash chain; names each broken event, exits 1 if any`;

/** Why an event breaks its issue's chain. */
type LedgerBreak =
  /** The event's content no longer gives its stored hash: the row was edited. */
  | 'content_edited'
  /** The event's prev_hash is not its predecessor's hash: an event before it was edited, removed or inserted. */
  | 'chain_broken'
  /** seq does not follow its predecessor by one: an event before it was removed. */
  | 'seq_gap'
  /** The issue's version is past its last event: events at the end were removed. */
  | 'tail_missing';

/** One broken link, named so an auditor can find the row. */
export interface BrokenEvent {
  eventId: string | null;
  issueId: string;
  issueNumber: string;
  seq: number;
  breaks: LedgerBreak[];
}

/**
 * Recomputes every issue's chain in the database with the function the insert trigger uses
 * (`issue_event_hash`), and returns each event whose link does not hold, in ledger order.
 * An edit of an event shows as `content_edited` on that event; an edit that also forged its
 * hash shows as `chain_broken` on the next one.
 */
export async function verifyLedger(db: Db): Promise<BrokenEvent[]> {
  const { rows } = await sql<{ event_id: string | null; issue_id: string; number: string; seq: number; content_edited: boolean; chain_broken: boolean; seq_gap: boolean; tail_missing: boolean }>`
    with chained as (
      select e.id, e.issue_id, e.seq, e.prev_hash, e.hash,
             issue_event_hash(e.prev_hash, e) as recomputed,
             lag(e.hash) over w as expected_prev,
             coalesce(lag(e.seq) over w, 0) + 1 as expected_seq
      from issue_events e
      window w as (partition by e.issue_id order by e.seq)
    ),
    broken as (
      select c.id::text as event_id, c.issue_id, c.seq,
             c.hash is distinct from c.recomputed as content_edited,
             c.prev_hash is distinct from c.expected_prev as chain_broken,
             c.seq <> c.expected_seq as seq_gap,
             false as tail_missing
      from chained c
      where c.hash is distinct from c.recomputed or c.prev_hash is distinct from c.expected_prev or c.seq <> c.expected_seq
      union all
      select null, i.id, i.version, false, false, false, true
      from issues i
      where i.version > coalesce((select max(seq) from issue_events e where e.issue_id = i.id), 0)
    )
    select b.*, i.number from broken b join issues i on i.id = b.issue_id
    order by i.number, b.seq`.execute(db);
  return rows.map((r) => ({
    eventId: r.event_id,
    issueId: r.issue_id,
    issueNumber: r.number,
    seq: r.seq,
    breaks: (['content_edited', 'chain_broken', 'seq_gap', 'tail_missing'] as const).filter((k) => r[k]),
  }));
}

/** `huiyin ledger verify`; returns the exit code (1 when any event is broken). */
export async function ledgerCommand(args: string[], db: Db): Promise<number> {
  if (args.length !== 1 || args[0] !== 'verify') {
    console.error(`usage:\n${LEDGER_USAGE}`);
    return 2;
  }
  const started = Date.now();
  const [broken, counted] = await Promise.all([
    verifyLedger(db),
    db
      .selectFrom('issue_events')
      .select((eb) => [eb.fn.countAll<string>().as('events'), eb.fn.count<string>('issue_id').distinct().as('issues')])
      .executeTakeFirstOrThrow(),
  ]);
  for (const b of broken) {
    const where = b.eventId ? `event ${b.eventId} (seq ${b.seq})` : `events missing at the end, up to version ${b.seq}`;
    console.error(`BROKEN issue ${b.issueNumber} (${b.issueId}) ${where}: ${b.breaks.join(', ')}`);
  }
  const summary = `${counted.events} events of ${counted.issues} issues checked in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (broken.length > 0) {
    console.error(`ledger verify: ${broken.length} broken; ${summary}`);
    return 1;
  }
  console.log(`ledger verify: every chain holds; ${summary}`);
  return 0;
}
