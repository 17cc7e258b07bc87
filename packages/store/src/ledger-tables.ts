import type { ColumnType, Generated } from 'kysely';

/** A signed checkpoint of the issue and project ledgers (migration T21, docs/api.md#ledger-checkpoints). */
export interface LedgerCheckpointTable {
  id: Generated<string>;
  made_at: ColumnType<Date, Date, never>;
  reason: 'daily' | 'bulletin' | 'manual';
  /** The last issue_events id it covers (every event with id ≤ it had committed when it was made). */
  issue_events_through: ColumnType<string, string | number, never>;
  project_events_through: ColumnType<string, string | number, never>;
  issue_chains: number;
  project_chains: number;
  /** sha256 over every chain's last covered event, hex (packages/ledger-verify/README.md). */
  head: string;
  /** The first 16 hex digits of sha256(raw public key). */
  key_id: string;
  /** Ed25519 signature of the checkpoint's statement, base64. */
  signature: string;
}
