import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '@huiyin/store';
import { sweepUnattachedUploads } from '@huiyin/engine';

/**
 * Forgets uploads that no filing or reply named within a day: rows first, then their files, so a
 * crash in between leaves only an orphan file, never a row pointing at nothing.
 */
export async function sweepUploads(db: Db, dir: string, now: Date, ttlMs?: number): Promise<number> {
  const keys = await sweepUnattachedUploads(db, ttlMs === undefined ? { now } : { now, ttlMs });
  await Promise.all(keys.map((key) => rm(join(dir, key), { force: true })));
  return keys.length;
}
