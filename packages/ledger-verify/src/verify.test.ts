import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonbText } from './canonical.ts';
import { checkpointStatement, eventHash, headDigest, type Checkpoint, type ExportedEvent } from './rules.ts';
import { keyIdOf, verifyExport } from './verify.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ISSUE = '0b7f5c1e-0000-4000-8000-000000000001';

/** A chain of `n` issue events whose ids start at `firstId`, linked as the engine links them. */
function chain(n: number, firstId = 1): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  for (let seq = 1; seq <= n; seq += 1) {
    const e: ExportedEvent = {
      kind: 'issue_event',
      id: String(firstId + seq - 1),
      chain: ISSUE,
      seq,
      type: seq === 1 ? 'file' : 'note',
      actor: { kind: 'system' },
      actorAccountId: null,
      payload: { note: `第${seq}步` },
      stateAfter: 'filed',
      visibleToEnterprise: true,
      at: `2026-12-0${seq}T01:00:00.000000Z`,
      prevHash: events.at(-1)?.hash ?? null,
      hash: '',
    };
    e.hash = eventHash(e.prevHash, e);
    events.push(e);
  }
  return events;
}

function checkpointOf(events: ExportedEvent[]): Checkpoint {
  const last = events.at(-1);
  const facts = { madeAt: '2026-12-06T02:00:00.000Z', reason: 'daily', issueEventsThrough: last?.id ?? '0', projectEventsThrough: '0', issueChains: last ? 1 : 0, projectChains: 0 };
  const head = headDigest(last ? [{ ledger: 'issue', chain: last.chain, seq: last.seq, hash: last.hash }] : []);
  const c = { ...facts, head, keyId: keyIdOf(publicKey), signature: '' };
  return { ...c, signature: sign(null, Buffer.from(checkpointStatement(c)), privateKey).toString('base64') };
}

describe('jsonbText', () => {
  it('orders keys shorter first, then by bytes, and writes numbers without exponents', () => {
    expect(jsonbText({ bb: 1, a: 2, é: 3, c: [1e21, 1.5e-7, -0] })).toBe('{"a": 2, "c": [1000000000000000000000, 0.00000015, 0], "bb": 1, "é": 3}');
  });
});

describe('verifyExport', () => {
  it('passes an untouched chain and its checkpoint, with events appended after it', () => {
    const events = chain(3);
    const checkpoint = checkpointOf(events);
    expect(verifyExport({ events, checkpoints: [checkpoint], publicKey }).problems).toEqual([]);
    // Events 4 and 5 came after the checkpoint (ids past its bound): it still holds.
    expect(verifyExport({ events: chain(5), checkpoints: [checkpoint], publicKey }).problems).toEqual([]);
  });

  it('names an edited event whose hash was not recomputed', () => {
    const events = chain(3);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, payload: { note: '改写' } } : e));
    expect(verifyExport({ events: edited, checkpoints: [], publicKey }).problems).toEqual([`issue ${ISSUE} seq 2 (event 2): its content does not give its hash (the event was edited)`]);
  });

  it('fails a history rewritten with every later hash recomputed against an earlier checkpoint', () => {
    const events = chain(3);
    const checkpoint = checkpointOf(events);
    const rewritten: ExportedEvent[] = [];
    for (const e of events) {
      const r = { ...e, payload: e.seq === 2 ? { note: '改写' } : e.payload, prevHash: rewritten.at(-1)?.hash ?? null };
      rewritten.push({ ...r, hash: eventHash(r.prevHash, r) });
    }
    expect(verifyExport({ events: rewritten, checkpoints: [], publicKey }).problems).toEqual([]);
    const problems = verifyExport({ events: rewritten, checkpoints: [], published: [checkpoint], publicKey }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/\(published\): the events it covers give head/);
  });

  it('refuses a checkpoint altered after signing, or signed by another key', () => {
    const events = chain(2);
    const checkpoint = checkpointOf(events);
    expect(verifyExport({ events, checkpoints: [{ ...checkpoint, issueChains: 2 }], publicKey }).problems[0]).toMatch(/the signature does not hold/);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifyExport({ events, checkpoints: [checkpoint], publicKey: other }).problems[0]).toMatch(/signed with key [0-9a-f]{16}, not the given key/);
  });
});
