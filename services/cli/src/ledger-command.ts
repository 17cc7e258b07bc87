import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { makeCheckpoint, type LedgerSigner } from '@huiyin/engine';
import type { Db } from '@huiyin/store';
import { exportLedger } from './ledger-export.ts';
import { verifyProjectLedger } from './verify-project-ledger.ts';

export const LEDGER_USAGE = `  ledger verify                 recompute every issue's and project's hash chain; names each broken event, exits 1 if any
  ledger export [--out FILE]    write every event and signed checkpoint as JSON lines (for packages/ledger-verify)
  ledger checkpoint             sign and store a checkpoint of every chain's head now`;

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

/** `huiyin ledger verify|export|checkpoint`; returns the exit code (verify: 1 when any event is broken). */
export async function ledgerCommand(args: string[], db: Db, keys: () => LedgerSigner): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') return ledgerExportCommand(rest, db);
  if (sub === 'checkpoint' && rest.length === 0) {
    const c = await makeCheckpoint({ db, clock: () => new Date() }, keys(), 'manual');
    console.log(`checkpoint ${c.id}: ${c.issueChains} issue and ${c.projectChains} project chains, head ${c.head}, key ${c.keyId}`);
    return 0;
  }
  if (args.length !== 1 || sub !== 'verify') {
    console.error(`usage:\n${LEDGER_USAGE}`);
    return 2;
  }
  const started = Date.now();
  const [brokenIssues, brokenProjects, counted, countedProjects] = await Promise.all([
    verifyLedger(db),
    verifyProjectLedger(db),
    db
      .selectFrom('issue_events')
      .select((eb) => [eb.fn.countAll<string>().as('events'), eb.fn.count<string>('issue_id').distinct().as('issues')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('project_events')
      .select((eb) => [eb.fn.countAll<string>().as('events'), eb.fn.count<string>('project_id').distinct().as('projects')])
      .executeTakeFirstOrThrow(),
  ]);
  const where = (b: { eventId: string | null; seq: number }) => (b.eventId ? `event ${b.eventId} (seq ${b.seq})` : `events missing at the end, up to version ${b.seq}`);
  for (const b of brokenIssues) console.error(`BROKEN issue ${b.issueNumber} (${b.issueId}) ${where(b)}: ${b.breaks.join(', ')}`);
  for (const b of brokenProjects) console.error(`BROKEN project ${b.projectName} (${b.projectId}) ${where(b)}: ${b.breaks.join(', ')}`);
  const broken = brokenIssues.length + brokenProjects.length;
  const summary = `${counted.events} events of ${counted.issues} issues and ${countedProjects.events} of ${countedProjects.projects} projects checked in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (broken > 0) {
    console.error(`ledger verify: ${broken} broken; ${summary}`);
    return 1;
  }
  console.log(`ledger verify: every chain holds; ${summary}`);
  return 0;
}

/** `huiyin ledger export [--out FILE]`: to the file, else to stdout; the counts on stderr. */
async function ledgerExportCommand(args: string[], db: Db): Promise<number> {
  let out: string | undefined;
  try {
    out = parseArgs({ args, options: { out: { type: 'string' } } }).values.out;
  } catch (err) {
    console.error(`${(err as Error).message}\nusage:\n${LEDGER_USAGE}`);
    return 2;
  }
  const stream = out ? createWriteStream(out) : process.stdout;
  const counted = await exportLedger(db, stream, new Date());
  if (out) {
    stream.end();
    await finished(stream);
  }
  console.error(`ledger export: ${counted.events} events, ${counted.checkpoints} checkpoints${out ? ` to ${out}` : ''}`);
  return 0;
}
