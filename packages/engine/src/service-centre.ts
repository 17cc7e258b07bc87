import { sql, type Kysely } from 'kysely';
import type { Database } from '@huiyin/store';

/**
 * The service centre (docs/domain.md#actors): the unit its dispatchers belong to, which answers
 * for the listing clock and is scored on its listings. Null when no dispatcher has a unit.
 */
export async function serviceCentreUnit(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('officials').select('unit_id').where(sql<boolean>`'dispatcher' = any(roles)`).where('unit_id', 'is not', null).orderBy('unit_id').limit(1).executeTakeFirst();
  return row?.unit_id ?? null;
}
