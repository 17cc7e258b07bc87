import { createHash, createPublicKey, verify, type Hash, type KeyObject } from 'node:crypto';
import { checkpointStatement, eventHash, type Checkpoint, type ExportedEvent } from './rules.ts';

/** What a verification found: counts, and one line per problem (none: the ledger holds). */
export type Verification = { events: number; chains: number; checkpoints: number; problems: string[] };

/** The key id checkpoints name: the first 16 hex digits of sha256 of the raw 32-byte Ed25519 key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** A public key from its PEM (SPKI) or the base64 of its 32 raw bytes. */
export function readPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(trimmed, 'base64').toString('base64url') }, format: 'jwk' });
}

type Ledger = 'issue' | 'project';
const LEDGERS: readonly Ledger[] = ['issue', 'project'];
const ledgerOf = (e: ExportedEvent): Ledger => (e.kind === 'issue_event' ? 'issue' : 'project');
/** A chain's state as the events stream by: its highest seq so far and that event's hash. */
type ChainState = { seq: number; hash: string };
/** A signed checkpoint waiting for the stream to pass its bounds: the head digest built as it does. */
type Pending = { checkpoint: Checkpoint; name: string; bound: Record<Ledger, bigint>; digest: Hash; chains: Record<Ledger, number>; done: Record<Ledger, boolean> };

/**
 * A verifier that takes the events one at a time, in the export's order (each ledger's events by
 * ascending id, the issue ledger first), holding one entry per chain, never the events: an export
 * of millions of events verifies in the memory of its chains. Checkpoints are given first; each is
 * checked when the stream passes its bounds (README.md, rules 1–3).
 */
export function createVerifier(input: { checkpoints: readonly Checkpoint[]; published?: readonly Checkpoint[]; publicKey: KeyObject }) {
  const problems: string[] = [];
  const chains: Record<Ledger, Map<string, ChainState>> = { issue: new Map(), project: new Map() };
  let events = 0;
  let current: Ledger = 'issue';
  let lastId: bigint | null = null;
  let ordered = true;

  // A checkpoint published elsewhere and also in the export counts once.
  const all = new Map<string, { checkpoint: Checkpoint; source: string }>();
  for (const c of input.checkpoints) all.set(c.signature, { checkpoint: c, source: 'export' });
  for (const c of input.published ?? []) if (!all.has(c.signature)) all.set(c.signature, { checkpoint: c, source: 'published' });
  const keyId = keyIdOf(input.publicKey);
  const pending: Pending[] = [];
  for (const { checkpoint: c, source } of all.values()) {
    const name = `checkpoint ${c.id ?? '?'} of ${c.madeAt} (${source})`;
    if (c.keyId !== keyId) problems.push(`${name}: signed with key ${c.keyId}, not the given key ${keyId}`);
    else if (!verify(null, Buffer.from(checkpointStatement(c), 'utf8'), input.publicKey, Buffer.from(c.signature, 'base64'))) {
      problems.push(`${name}: the signature does not hold (the checkpoint was altered or not signed by this key)`);
    } else {
      const bound = { issue: BigInt(c.issueEventsThrough), project: BigInt(c.projectEventsThrough) };
      pending.push({ checkpoint: c, name, bound, digest: createHash('sha256'), chains: { issue: 0, project: 0 }, done: { issue: false, project: false } });
    }
  }

  /** Adds the ledger's heads, as they stand, to each checkpoint whose bound the stream has passed. */
  function settle(ledger: Ledger, passed: (p: Pending) => boolean) {
    const due = pending.filter((p) => !p.done[ledger] && passed(p));
    if (due.length === 0) return;
    const lines = [...chains[ledger]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([chain, s]) => `${ledger} ${chain} ${s.seq} ${s.hash}\n`);
    for (const p of due) {
      for (const line of lines) p.digest.update(line, 'utf8');
      p.chains[ledger] = lines.length;
      p.done[ledger] = true;
    }
  }

  function event(e: ExportedEvent) {
    events += 1;
    const ledger = ledgerOf(e);
    const id = BigInt(e.id);
    if (ledger !== current) {
      if (ledger === 'issue') ordered = false;
      settle(current, () => true);
      current = ledger;
      lastId = null;
    }
    if (lastId !== null && id <= lastId) ordered = false;
    settle(ledger, (p) => id > p.bound[ledger]);
    lastId = id;

    const state = chains[ledger].get(e.chain);
    const at = `${ledger} ${e.chain} seq ${e.seq} (event ${e.id})`;
    if (e.seq !== (state ? state.seq + 1 : 1)) problems.push(`${at}: seq does not follow ${state ? state.seq : 'the start'} (an event is missing)`);
    if (e.prevHash !== (state ? state.hash : null)) problems.push(`${at}: prevHash is not the previous event's hash (the chain is broken)`);
    if (eventHash(e.prevHash, e) !== e.hash) problems.push(`${at}: its content does not give its hash (the event was edited)`);
    if (!state || e.seq > state.seq) chains[ledger].set(e.chain, { seq: e.seq, hash: e.hash });
  }

  function finish(): Verification {
    for (const ledger of LEDGERS) settle(ledger, () => true);
    if (!ordered) problems.push('the export is not in ledger order (issue events, then project events, each by ascending id): its checkpoints cannot be checked');
    else {
      for (const p of pending) {
        const { issue, project } = p.chains;
        if (issue !== p.checkpoint.issueChains || project !== p.checkpoint.projectChains) {
          problems.push(`${p.name}: covers ${p.checkpoint.issueChains} issue and ${p.checkpoint.projectChains} project chains, the export ${issue} and ${project}`);
        }
        const head = p.digest.digest('hex');
        if (head !== p.checkpoint.head) problems.push(`${p.name}: the events it covers give head ${head}, it signed ${p.checkpoint.head} (history before it was rewritten)`);
      }
    }
    return { events, chains: chains.issue.size + chains.project.size, checkpoints: all.size, problems };
  }

  return { event, finish };
}

/** Verifies events held in memory (any order: put in the export's first). */
export function verifyExport(input: { events: readonly ExportedEvent[]; checkpoints: readonly Checkpoint[]; published?: readonly Checkpoint[]; publicKey: KeyObject }): Verification {
  const verifier = createVerifier(input);
  const order = (a: ExportedEvent, b: ExportedEvent) => (ledgerOf(a) === ledgerOf(b) ? (BigInt(a.id) < BigInt(b.id) ? -1 : 1) : ledgerOf(a) === 'issue' ? -1 : 1);
  for (const e of [...input.events].sort(order)) verifier.event(e);
  return verifier.finish();
}
