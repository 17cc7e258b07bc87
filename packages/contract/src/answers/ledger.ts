import { z } from 'zod';
import { Time } from './common.ts';

/** A signed checkpoint of the issue and project ledgers (docs/api.md#ledger-checkpoints). */
export const LedgerCheckpoint = z
  .object({
    id: z.string().meta({ description: 'The checkpoint’s number, in the order they were made' }),
    madeAt: Time,
    reason: z.enum(['daily', 'bulletin', 'manual']).meta({ description: 'daily: the worker’s; bulletin: made with a bulletin and frozen in its snapshot' }),
    issueEventsThrough: z.string().meta({ description: 'The last issue event id it covers' }),
    projectEventsThrough: z.string().meta({ description: 'The last project event id it covers' }),
    issueChains: z.number().int(),
    projectChains: z.number().int(),
    head: z.string().meta({ description: 'sha256, hex, over every chain’s last covered event (packages/ledger-verify/README.md)' }),
    keyId: z.string().meta({ description: 'The signing key: the first 16 hex digits of sha256 of its raw public key' }),
    signature: z.string().meta({ description: 'Ed25519 signature of the checkpoint’s statement, base64' }),
  })
  .meta({ id: 'LedgerCheckpoint', description: 'The engine’s signature over the heads of every issue and project hash chain' });

export const LedgerPublicKey = z
  .object({
    algorithm: z.literal('Ed25519'),
    keyId: z.string(),
    pem: z.string().meta({ description: 'The public key, SubjectPublicKeyInfo PEM' }),
    raw: z.string().meta({ description: 'The public key’s 32 raw bytes, base64' }),
  })
  .meta({ id: 'LedgerPublicKey', description: 'The key that verifies ledger checkpoints' });

/** A checkpoint as frozen in a bulletin's snapshot (`sections.ledgerCheckpoint`): its moment is text there. */
export const FrozenLedgerCheckpoint = LedgerCheckpoint.extend({ madeAt: z.string().meta({ format: 'date-time' }) }).meta({
  id: 'FrozenLedgerCheckpoint',
  description: 'The signed ledger checkpoint made with the bulletin: published in its snapshot, where it cannot be taken back',
});
