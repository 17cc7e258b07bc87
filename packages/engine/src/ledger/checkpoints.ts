import { createHash, sign, type Hash } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '@huiyin/domain';
import { type Db, rowLimit } from '@huiyin/store';
import { checkpointStatement, keyIdOf, type CheckpointFacts, type LedgerSigner } from './checkpoint-rules.ts';

/** Chains read per round trip while the head digest is computed. */
const HEAD_PAGE = 5000;

/** A signed checkpoint, as the API, the export and a bulletin's snapshot give it. */
export type LedgerCheckpoint = Omit<CheckpointFacts, 'madeAt'> & { id: string; madeAt: Date; keyId: string; signature: string };

/**
 * The last event id of each ledger such that every event up to it has committed and none can
 * join below it: a SHARE lock waits out the transactions appending (they hold ROW EXCLUSIVE and
 * draw their ids under it) and holds new ones off for the one read. Later events draw larger ids.
 * While the lock is asked for, every writer queues behind it; so it is asked for a second at a
 * time, and asked again after a pause when a long writer (a recompute of many issues) holds on.
 */
async function boundaries(db: Db): Promise<{ issue: string; project: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '1s'`.execute(trx);
        await sql`lock table issue_events, project_events in share mode`.execute(trx);
        const { rows } = await sql<{ issue: string; project: string }>`
          select (select coalesce(max(id), 0) from issue_events)::text as issue, (select coalesce(max(id), 0) from project_events)::text as project`.execute(trx);
        const row = rows[0];
        if (!row) throw new Error('no ledger bounds');
        return row;
      });
    } catch (err) {
      // 55P03 lock_not_available: a writer held on past the second; try again, up to about a minute.
      if ((err as { code?: string }).code !== '55P03' || attempt >= LOCK_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, LOCK_PAUSE_MS));
    }
  }
}

/** How often, and how far apart, the bounds' lock is asked for before a checkpoint gives up. */
const LOCK_ATTEMPTS = 30;
const LOCK_PAUSE_MS = 1000;

/** Adds one ledger's chain heads (`<ledger> <chain> <seq> <hash>\n`, chains in id order) to `digest`; returns how many. */
async function addHeads(db: Db, digest: Hash, ledger: 'issue' | 'project', through: string): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    // One index probe per chain: its last event up to the bound (the append-only rows below it never change).
    const { rows }: { rows: { chain: string; seq: number; hash: string }[] } =
      ledger === 'issue'
        ? await sql<{ chain: string; seq: number; hash: string }>`
            select i.id as chain, e.seq, e.hash from issues i
            cross join lateral (select seq, hash from issue_events e where e.issue_id = i.id and e.id <= ${through}::bigint order by seq desc limit 1) e
            where i.id > coalesce(${after}::uuid, '00000000-0000-0000-0000-000000000000') order by i.id limit ${HEAD_PAGE}`.execute(db)
        : await sql<{ chain: string; seq: number; hash: string }>`
            select p.id as chain, e.seq, e.hash from projects p
            cross join lateral (select seq, hash from project_events e where e.project_id = p.id and e.id <= ${through}::bigint order by seq desc limit 1) e
            where p.id > coalesce(${after}::uuid, '00000000-0000-0000-0000-000000000000') order by p.id limit ${HEAD_PAGE}`.execute(db);
    for (const r of rows) digest.update(`${ledger} ${r.chain} ${r.seq} ${r.hash}\n`, 'utf8');
    count += rows.length;
    const last = rows.at(-1);
    if (rows.length < HEAD_PAGE || !last) return count;
    after = last.chain;
  }
}

const toCheckpoint = (r: {
  id: string;
  made_at: Date;
  reason: CheckpointFacts['reason'];
  issue_events_through: string;
  project_events_through: string;
  issue_chains: number;
  project_chains: number;
  head: string;
  key_id: string;
  signature: string;
}): LedgerCheckpoint => ({
  id: r.id,
  madeAt: r.made_at,
  reason: r.reason,
  issueEventsThrough: r.issue_events_through,
  projectEventsThrough: r.project_events_through,
  issueChains: r.issue_chains,
  projectChains: r.project_chains,
  head: r.head,
  keyId: r.key_id,
  signature: r.signature,
});

/**
 * Signs the heads of every issue and project chain as they stand now and stores the checkpoint
 * (docs/api.md#ledger-checkpoints). The worker makes one daily, every bulletin one for its snapshot.
 */
export async function makeCheckpoint(deps: { db: Db; clock: () => Date }, signer: LedgerSigner, reason: CheckpointFacts['reason']): Promise<LedgerCheckpoint> {
  const { db } = deps;
  const through = await boundaries(db);
  const digest = createHash('sha256');
  const issueChains = await addHeads(db, digest, 'issue', through.issue);
  const projectChains = await addHeads(db, digest, 'project', through.project);
  // Kept to the millisecond, as the statement writes it and timestamptz gives it back.
  const madeAt = new Date(deps.clock().getTime());
  const facts: CheckpointFacts = { madeAt, reason, issueEventsThrough: through.issue, projectEventsThrough: through.project, issueChains, projectChains, head: digest.digest('hex') };
  const signature = sign(null, Buffer.from(checkpointStatement(facts), 'utf8'), signer.privateKey).toString('base64');
  const row = await db
    .insertInto('ledger_checkpoints')
    .values({
      made_at: madeAt,
      reason,
      issue_events_through: through.issue,
      project_events_through: through.project,
      issue_chains: issueChains,
      project_chains: projectChains,
      head: facts.head,
      key_id: keyIdOf(signer.publicKey),
      signature,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCheckpoint(row);
}

/** Checkpoints, newest first, one keyset page at a time (the cursor is the last id given). */
export async function listCheckpoints(db: Db, page: { limit: number; cursor?: string | undefined }): Promise<{ items: LedgerCheckpoint[]; nextCursor: string | null }> {
  if (page.cursor !== undefined && !/^[1-9]\d{0,17}$/.test(page.cursor)) throw new DomainError('validation.invalid', 'not a cursor this API gave out', { field: 'cursor' });
  const rows = await db
    .selectFrom('ledger_checkpoints')
    .selectAll()
    .$if(page.cursor !== undefined, (q) => q.where('id', '<', page.cursor ?? '0'))
    .orderBy('id', 'desc')
    .limit(rowLimit(page.limit + 1))
    .execute();
  const items = rows.slice(0, page.limit).map(toCheckpoint);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/** Every checkpoint, oldest first, for an export. */
export async function* allCheckpoints(db: Db): AsyncGenerator<LedgerCheckpoint> {
  let after = '0';
  for (;;) {
    const rows = await db.selectFrom('ledger_checkpoints').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
    for (const r of rows) yield toCheckpoint(r);
    const last = rows.at(-1);
    if (!last || rows.length < 1000) return;
    after = last.id;
  }
}

/**
 * A bulletin's section (`sections.ledgerCheckpoint`): a checkpoint made as the bulletin is, frozen
 * in its snapshot, where the operators cannot take it back quietly.
 */
export const ledgerCheckpointSection =
  (signer: LedgerSigner) =>
  async (input: { db: Db; asOf: Date }): Promise<LedgerCheckpoint> =>
    makeCheckpoint({ db: input.db, clock: () => input.asOf }, signer, 'bulletin');
