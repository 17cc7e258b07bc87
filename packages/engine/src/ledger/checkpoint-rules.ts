import { createHash, type KeyObject } from 'node:crypto';

/**
 * The engine's side of the checkpoint rules that packages/ledger-verify/README.md documents and
 * that package applies on its own: the tests hold the two to the same answers.
 */

/** The ledger's checkpoint signing key pair (Ed25519), from configuration. */
export type LedgerSigner = { privateKey: KeyObject; publicKey: KeyObject };

/** What a checkpoint signs, apart from its signature and key. */
export type CheckpointFacts = {
  madeAt: Date;
  reason: 'daily' | 'bulletin' | 'manual';
  issueEventsThrough: string;
  projectEventsThrough: string;
  issueChains: number;
  projectChains: number;
  head: string;
};

/** The statement signed, as UTF-8: one `name value` line per fact after the format's name. */
export function checkpointStatement(c: CheckpointFacts): string {
  return [
    'huiyin-ledger-checkpoint/1',
    `madeAt ${c.madeAt.toISOString()}`,
    `reason ${c.reason}`,
    `issueEventsThrough ${c.issueEventsThrough}`,
    `projectEventsThrough ${c.projectEventsThrough}`,
    `issueChains ${c.issueChains}`,
    `projectChains ${c.projectChains}`,
    `head ${c.head}`,
    '',
  ].join('\n');
}

/** The raw 32 bytes of an Ed25519 public key. */
const rawPublicKey = (key: KeyObject) => Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url');

/** A key's id: the first 16 hex digits of sha256 of its raw bytes. */
export const keyIdOf = (key: KeyObject) => createHash('sha256').update(rawPublicKey(key)).digest('hex').slice(0, 16);

/** The public key as published: PEM (SPKI) and raw base64, with its id. */
export function publishedKey(signer: LedgerSigner) {
  return {
    algorithm: 'Ed25519' as const,
    keyId: keyIdOf(signer.publicKey),
    pem: signer.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    raw: rawPublicKey(signer.publicKey).toString('base64'),
  };
}
