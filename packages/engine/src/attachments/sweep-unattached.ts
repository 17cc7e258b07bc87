import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

/** How long an upload may wait to be named by a filing or a reply. @defaultValue 24 hours */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * 3600_000;

/**
 * Deletes uploads never attached to an issue within `ttlMs`, and returns their storage keys so the
 * caller removes the files after the rows are gone (a file without a row is harmless; a row
 * without its file is not). Rows being attached at this moment are skipped, not waited for:
 * the attach wins and the next sweep finds nothing to do.
 */
export async function sweepUnattachedUploads(db: Db, options: { now: Date; ttlMs?: number; limit?: number }): Promise<string[]> {
  const cutoff = new Date(options.now.getTime() - (options.ttlMs ?? UNATTACHED_UPLOAD_TTL_MS));
  const rows = await db
    .deleteFrom('attachments')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('attachments')
        .select('id')
        .where('issue_id', 'is', null)
        .where('created_at', '<', cutoff)
        .limit(options.limit ?? 1000)
        .modifyEnd(sql`for update skip locked`),
    )
    // Re-checked on the locked row: an attach that committed in between keeps its upload.
    .where('issue_id', 'is', null)
    .returning('storage_key')
    .execute();
  return rows.map((r) => r.storage_key);
}
