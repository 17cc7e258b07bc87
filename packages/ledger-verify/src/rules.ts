import { createHash } from 'node:crypto';
import { jsonbText } from './canonical.ts';

/**
 * The hashing rules, as README.md states them. The engine applies the same rules in PostgreSQL
 * (issue_event_hash, project_event_hash) and in its checkpoint writer; this package repeats them
 * from the documentation alone, so that a verifier needs nothing of the engine.
 */

/** One event of an export (the `issue_event` and `project_event` lines). */
export type ExportedEvent = {
  kind: 'issue_event' | 'project_event';
  /** The event's id: the ledger's global append order, which checkpoints count up to. */
  id: string;
  /** The issue's or project's id: one chain each. */
  chain: string;
  /** Of a project event: the milestone it concerns, or null. */
  milestoneId?: string | null;
  seq: number;
  type: string;
  actor: unknown;
  actorAccountId: string | null;
  payload: unknown;
  stateAfter: string;
  /** Of an issue event. */
  visibleToEnterprise?: boolean;
  /** UTC to the microsecond: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  at: string;
  prevHash: string | null;
  hash: string;
};

/** One checkpoint, as the export and `GET /api/v1/ledger/checkpoints` give it. */
export type Checkpoint = {
  id?: string;
  madeAt: string;
  reason: string;
  issueEventsThrough: string;
  projectEventsThrough: string;
  issueChains: number;
  projectChains: number;
  head: string;
  keyId: string;
  signature: string;
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The event's content: a JSON array of its columns, in jsonb's text form. */
function eventContent(e: ExportedEvent): string {
  const columns =
    e.kind === 'issue_event'
      ? [e.chain, e.seq, e.type, e.actor, e.actorAccountId, e.payload, e.stateAfter, e.visibleToEnterprise ?? false, e.at]
      : [e.chain, e.milestoneId ?? null, e.seq, e.type, e.actor, e.actorAccountId, e.payload, e.stateAfter, e.at];
  return jsonbText(columns);
}

/** hash = sha256(prevHash, or nothing for a chain's first event, followed by the content), hex. */
export const eventHash = (prevHash: string | null, e: ExportedEvent) => sha256(`${prevHash ?? ''}${eventContent(e)}`);

/** A chain's last event covered by a checkpoint. */
export type ChainHead = { ledger: 'issue' | 'project'; chain: string; seq: number; hash: string };

/**
 * The head digest: sha256 of one line `<ledger> <chain id> <seq> <hash>\n` per chain, the issue
 * chains first, each ledger's chains in ascending order of their (lower-case) ids.
 */
export function headDigest(heads: readonly ChainHead[]): string {
  const order = (a: ChainHead, b: ChainHead) => (a.ledger === b.ledger ? (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0) : a.ledger === 'issue' ? -1 : 1);
  return sha256(
    [...heads]
      .sort(order)
      .map((h) => `${h.ledger} ${h.chain} ${h.seq} ${h.hash}\n`)
      .join(''),
  );
}

/** The statement a checkpoint's Ed25519 signature is over, as UTF-8. */
export function checkpointStatement(c: Checkpoint): string {
  return [
    'huiyin-ledger-checkpoint/1',
    `madeAt ${c.madeAt}`,
    `reason ${c.reason}`,
    `issueEventsThrough ${c.issueEventsThrough}`,
    `projectEventsThrough ${c.projectEventsThrough}`,
    `issueChains ${c.issueChains}`,
    `projectChains ${c.projectChains}`,
    `head ${c.head}`,
    '',
  ].join('\n');
}
