import { sql, type RawBuilder } from 'kysely';

/**
 * A sum of 万元 as a number. PostgreSQL sums integers into a bigint, which pg returns as text;
 * float8 carries every integer below 2^53 exactly, far above any district's investment.
 */
export function sumWan(column: string): RawBuilder<number> {
  return sql<number>`coalesce(sum(${sql.ref(column)}), 0)::float8`;
}
